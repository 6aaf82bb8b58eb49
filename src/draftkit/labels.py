"""Paragraph labels: the addresses people cite ("OP5 bis", "Action 27", "4.1").

A label is a prefix ("OP", "Action", or none), a number (one or more parts,
"4.1"), and a suffix of Latin multiplicatives for inserted paragraphs: "bis",
"ter" … "vicies" (2 … 20), then "(21)", "(22)" … . A paragraph inserted
between "OP5 bis" and "OP5 ter" gets a nested suffix, "OP5 bis bis": suffixes
order as tuples, so 5 < 5 bis < 5 bis bis < 5 ter < 6 always.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence

from attrs import field, frozen

from draftkit.errors import DraftkitError

MULTIPLICATIVES = (
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "decies",
    "undecies",
    "duodecies",
    "terdecies",
    "quaterdecies",
    "quinquiesdecies",
    "sexiesdecies",
    "septiesdecies",
    "octiesdecies",
    "noviesdecies",
    "vicies",
)
_MULTIPLIER = {word: n for n, word in enumerate(MULTIPLICATIVES, start=2)}
_SUFFIX_WORD = re.compile(
    r"\s*(?:(" + "|".join(sorted(MULTIPLICATIVES, key=len, reverse=True)) + r")|\((\d+)\))",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"\s*(?:(?P<prefix>§|[^\W\d_]+)\.?\s*)?#?\s*(?P<number>\d+(?:\.\d+)*)\.?(?P<rest>.*)",
    re.DOTALL,
)
_PREFIX = re.compile(r"[^\W\d_]+")
_KNOWN_PREFIXES = {
    "pp": "PP",
    "op": "OP",
    "action": "Action",
    "actions": "Action",
    "para": "",
    "paragraph": "",
    "paragraphs": "",
    "§": "",
}


class LabelError(DraftkitError):
    """Text that is not a paragraph address, or no label fits where asked."""


def _canonical_prefix(prefix: str) -> str:
    known = _KNOWN_PREFIXES.get(prefix.casefold())
    if known is not None:
        return known
    return prefix.upper() if len(prefix) <= 3 else prefix[0].upper() + prefix[1:]


def _suffix_word(n: int) -> str:
    return MULTIPLICATIVES[n - 2] if n - 2 < len(MULTIPLICATIVES) else f"({n})"


@frozen(eq=False, order=False)
class Label:
    """An address. Its prefix is kept as written ("ARTICLE 5" prints so) but compared
    without regard to case: "ARTICLE 5" and "Article 5" are the same label, equal, of
    one hash, neither before the other."""

    prefix: str = field(converter=_canonical_prefix)
    number: tuple[int, ...] = field()
    suffix: tuple[int, ...] = field(default=())

    @prefix.validator
    def _check_prefix(self, _attribute: object, prefix: str) -> None:
        if prefix and not _PREFIX.fullmatch(prefix):
            raise LabelError(f"bad label prefix {prefix!r}")

    @number.validator
    def _check_number(self, _attribute: object, number: tuple[int, ...]) -> None:
        if not number or any(part < 0 for part in number):
            raise LabelError(f"bad label number {number!r}")

    @suffix.validator
    def _check_suffix(self, _attribute: object, suffix: tuple[int, ...]) -> None:
        if any(part < 2 for part in suffix):
            raise LabelError(f"bad label suffix {suffix!r}")

    @classmethod
    def parse(cls, text: str) -> Label:
        """Read the ways people write an address: "op5bis", "Action #12", "12 ter"."""
        return _parsed(text)

    def __str__(self) -> str:
        number = ".".join(str(part) for part in self.number)
        gap = "" if len(self.prefix) <= 2 else " "
        head = f"{self.prefix}{gap}{number}" if self.prefix else number
        return " ".join([head, *(_suffix_word(n) for n in self.suffix)])

    @property
    def family(self) -> tuple[str, tuple[int, ...]]:
        """Labels numbered in one sequence: same prefix, same leading number parts."""
        return self.prefix.casefold(), self.number[:-1]

    def sort_key(self) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
        """The label's canonical form: equality, hashing and order all use it."""
        return self.prefix.casefold(), self.number, self.suffix

    def __eq__(self, other: object) -> bool:
        if self is other:  # parsed labels are shared: a diff's common case
            return True
        if not isinstance(other, Label):
            return NotImplemented
        # The sort key's parts, cheapest first (a diff compares every paragraph's labels).
        return self.number == other.number and self.suffix == other.suffix and (
            self.prefix == other.prefix or self.prefix.casefold() == other.prefix.casefold())

    def __hash__(self) -> int:
        return hash((self.prefix.casefold(), self.number, self.suffix))  # the sort key's

    def __lt__(self, other: Label) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Label) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Label) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Label) -> bool:
        return self.sort_key() >= other.sort_key()

    def with_number(self, last: int) -> Label:
        return Label(self.prefix, (*self.number[:-1], last), ())


@functools.lru_cache(maxsize=1 << 16)
def _parsed(text: str) -> Label:
    """`Label.parse`, remembered: a label is an immutable value, and the revisions one
    command reads (a revision and its parent, an edited text and the revision it
    revises) write most of their labels alike."""
    match = _LABEL.fullmatch(text)
    if match is None:
        raise LabelError(f"not a paragraph address: {text!r}")
    suffix = []
    rest = match["rest"]
    position = 0
    while position < len(rest.rstrip()):
        word = _SUFFIX_WORD.match(rest, position)
        if word is None:
            raise LabelError(f"not a paragraph address: {text!r}")
        suffix.append(_MULTIPLIER[word[1].lower()] if word[1] else int(word[2]))
        position = word.end()
    if any(n < 2 for n in suffix):
        raise LabelError(f"not a paragraph address: {text!r}")
    number = tuple(int(part) for part in match["number"].split("."))
    return Label(match["prefix"] or "", number, tuple(suffix))


def label_after(label: Label, in_use: Collection[Label]) -> Label:
    """The label for a paragraph inserted right after `label`.

    "OP5" → "OP5 bis", "OP5 bis" → "OP5 ter"; when the next multiplicative is
    already used by the following paragraph, nest: after "OP5 bis" with "OP5
    ter" in use comes "OP5 bis bis". Between "OP5" and "OP5 bis" nothing fits:
    that is a LabelError asking for a clean renumbering.
    """
    bumped = (*label.suffix[:-1], label.suffix[-1] + 1) if label.suffix else (2,)
    for suffix in (bumped, (*label.suffix, 2)):
        candidate = Label(label.prefix, label.number, suffix)
        if not any(label < used <= candidate for used in in_use if used.family == label.family):
            return candidate
    raise LabelError(f"no label fits right after {label}; renumber the revision first")


def label_before(label: Label, in_use: Collection[Label]) -> Label:
    """The label for a paragraph inserted right before `label`."""
    earlier = [used for used in in_use if used.family == label.family and used < label]
    if earlier:
        return label_after(max(earlier), in_use)
    if label.number[-1] == 0:
        raise LabelError(f"no label fits right before {label}")
    return label_after(label.with_number(label.number[-1] - 1), in_use)


def insertion_label(labels: Sequence[Label | None], index: int) -> Label | None:
    """The label for a paragraph inserted at `index` of a revision's label sequence.

    It follows the nearest labelled paragraph before it; at the very start it
    precedes the first labelled one; in a revision without labels it has none.
    """
    in_use = [label for label in labels if label is not None]
    before = next((lb for lb in reversed(labels[:index]) if lb is not None), None)
    if before is not None:
        return label_after(before, in_use)
    after = next((lb for lb in labels[index:] if lb is not None), None)
    return label_before(after, in_use) if after is not None else None


def renumber(labels: Sequence[Label | None]) -> list[Label | None]:
    """Clean numbers in document order: each family counts on from its first number.

    "OP5", "OP5 bis", "OP6" → "OP5", "OP6", "OP7"; "4.1", "4.1 bis" → "4.1", "4.2".
    Unlabelled paragraphs stay unlabelled.
    """
    counters: dict[tuple[str, tuple[int, ...]], int] = {}
    result: list[Label | None] = []
    for label in labels:
        if label is None:
            result.append(None)
            continue
        family = label.family
        counters[family] = counters[family] + 1 if family in counters else label.number[-1]
        result.append(label.with_number(counters[family]))
    return result
