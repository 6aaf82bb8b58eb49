"""A first revision from plain text: what `draftkit new --from FILE` reads.

The rules (README, "Start a store of your own"):

- A line starting with `#` is a section heading: `# IV. Stockpile destruction`
  (a number, a dot, the heading: I, IV, 3, 4.1 or A) or `# Preamble`.
- Paragraphs are separated by blank lines; the lines of one paragraph are
  joined with a space (text wrapped by an editor or a mail program). A file
  in which no blank line separates two lines of text (a Word document saved
  as plain text) has one paragraph per line.
- A paragraph takes its label from its start: `PP1 Recognizing…`, `OP 5 bis
  Calls upon…`, `Action 3 …`, `Action #20 …`, `12. States Parties …`,
  `4.1 Each State …`. A single number needs its dot or bracket (`12.`, `12)`)
  to be a label; a paragraph that starts like a label but is not one starts
  with a backslash, which is dropped.
- With no heading at all, a text whose paragraphs go PP… then OP… (a
  declaration) gets two sections, "Preamble" and "Operative part"; any other
  gets one, "Text". Paragraphs above the first heading go in a section "Text".
- Every paragraph is open; sections and paragraphs get new identities.

Problems (no paragraph at all, an empty heading, a label used twice) are
FormatErrors naming the file and line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Set as AbstractSet

from attrs import frozen

from draftkit.errors import FormatError
from draftkit.identity import new_id
from draftkit.labels import MULTIPLICATIVES, Label, LabelError
from draftkit.model import Paragraph, Section

_SUFFIXES = r"(?:\s+(?:" + "|".join(sorted(MULTIPLICATIVES, key=len, reverse=True)) + r"))*"
_NAMED = re.compile(r"(?P<label>(?:PP|OP|Action)\s*#?\s*\d+(?:\.\d+)*" + _SUFFIXES +
                    r")[.:]?\s+(?P<text>\S.*)", re.IGNORECASE | re.DOTALL)
_DOTTED = re.compile(r"(?P<label>\d+(?:\.\d+)+" + _SUFFIXES + r")[.)]?\s+(?P<text>\S.*)",
                     re.IGNORECASE | re.DOTALL)
_NUMBERED = re.compile(r"(?P<label>\d+" + _SUFFIXES + r")[.)]\s+(?P<text>\S.*)",
                       re.IGNORECASE | re.DOTALL)
_HEADING_NUMBER = re.compile(r"(?P<number>[IVXLCDM]+|\d+(?:\.\d+)*|[A-Z])[.)]\s+(?P<heading>\S.*)")
TEXT = "Text"


@frozen
class _Block:
    line: int
    lines: tuple[str, ...]


@frozen
class _Heading:
    line: int
    text: str


def split_label(text: str) -> tuple[Label | None, str]:
    """A paragraph's label, read from its start, and the text after it."""
    if text.startswith("\\"):
        return None, text[1:].lstrip()
    for pattern in (_NAMED, _DOTTED, _NUMBERED):
        match = pattern.fullmatch(text)
        if match is not None:
            try:
                return Label.parse(match["label"]), match["text"]
            except LabelError:
                return None, text
    return None, text


def heading_parts(text: str) -> tuple[str | None, str]:
    """A heading's number and words: "IV. Stockpile destruction" → ("IV", "Stockpile…")."""
    match = _HEADING_NUMBER.fullmatch(text)
    if match is None:
        return None, text
    return match["number"], match["heading"].strip()


def read_plain_text(text: str, path: str, taken: AbstractSet[str] = frozenset()
                    ) -> tuple[Section, ...]:
    """The sections and paragraphs of a plain text, by the rules above."""
    items = _items(text.removeprefix("\ufeff"))
    blank_separated = any(
        isinstance(a, _Block) and isinstance(b, _Block) for a, b in itertools.pairwise(items))
    taken = set(taken)
    sections: list[tuple[_Heading | None, list[tuple[int, str]]]] = []
    for item in items:
        if isinstance(item, _Heading):
            sections.append((item, []))
            continue
        if not sections:
            sections.append((None, []))
        paragraphs = sections[-1][1]
        if blank_separated:
            paragraphs.append((item.line, " ".join(line.strip() for line in item.lines)))
        else:
            paragraphs += [(item.line + n, line.strip()) for n, line in enumerate(item.lines)]
    if not any(paragraphs for _, paragraphs in sections):
        raise FormatError(path, 1, "no paragraphs: write one per line, or separate them by "
                                   "blank lines")
    labels: dict[Label, int] = {}
    built: list[Section] = []
    for heading, found in _split_declaration(sections):
        made = []
        for line, paragraph_text in found:
            label, words = split_label(paragraph_text)
            if label is not None:
                if label in labels:
                    raise FormatError(path, line, f"label {label} is already used on line "
                                                  f"{labels[label]}")
                labels[label] = line
            made.append(Paragraph(_fresh(taken), label, words))
        if heading is None:
            number, words = None, TEXT
        elif isinstance(heading, str):
            number, words = None, heading
        else:
            number, words = heading_parts(heading.text)
            if not words:
                raise FormatError(path, heading.line, "a heading without words")
        built.append(Section(_fresh(taken), number, words, tuple(made)))
    return tuple(built)


def _items(text: str) -> list[_Block | _Heading]:
    """Headings and blocks of consecutive lines of text, in order."""
    items: list[_Block | _Heading] = []
    block: list[str] = []
    start = 0
    lines = re.split(r"\r\n|\n|\r", text)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("#") or not stripped:
            if block:
                items.append(_Block(start, tuple(block)))
                block = []
            if stripped:
                items.append(_Heading(number, stripped.lstrip("#").strip()))
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        items.append(_Block(start, tuple(block)))
    return items


def _split_declaration(sections: list[tuple[_Heading | None, list[tuple[int, str]]]]
                       ) -> list[tuple[_Heading | str | None, list[tuple[int, str]]]]:
    """With no heading at all: a declaration's PP… paragraphs then its OP… ones make a
    Preamble and an Operative part."""
    if len(sections) != 1 or sections[0][0] is not None:
        return list(sections)
    found = sections[0][1]
    prefixes = [label.prefix.upper() if label else "" for label, _ in
                (split_label(text) for _, text in found)]
    if not prefixes or prefixes[0] != "PP" or "OP" not in prefixes:
        return list(sections)
    cut = prefixes.index("OP")
    return [("Preamble", found[:cut]), ("Operative part", found[cut:])]


def _fresh(taken: set[str]) -> str:
    identity = new_id(taken)
    taken.add(identity)
    return identity
