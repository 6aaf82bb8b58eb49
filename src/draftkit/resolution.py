"""Resolving the amendments of one paragraph (or cell): which are made, which conflict,
and what the text becomes.

A group of amendments that cannot all be made is settled only when the merge is told
how: the proposals it `prefer`s win and the others are set aside, or under `bracket`
the competing wordings stay in the text as bracketed alternatives ("[as soon as
possible / within eight years]"); otherwise the group is a conflict for the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from attrs import evolve, frozen

from draftkit.amendments import (
    Amendment,
    Scope,
    components,
    conflict,
    unique,
    word_region,
    wording,
)
from draftkit.brackets import set_at
from draftkit.conflicts import Conflict, describe_conflict
from draftkit.edits import Edit, Words, write
from draftkit.model import Paragraph
from draftkit.proposals import OperationKind, Position
from draftkit.provenance import Change


@frozen
class Outcome:
    """What happens to one paragraph: its word edits (with the ids behind each), or a
    new text, or deletion, or a move."""

    edits: tuple[tuple[Edit, tuple[Amendment, ...]], ...] = ()
    text: tuple[str, tuple[Amendment, ...]] | None = None
    deleted: Amendment | None = None
    moved: Amendment | None = None


class Resolver:
    """Decides each paragraph's outcome, collecting conflicts and who was applied."""

    def __init__(self, prefer: AbstractSet[str], bracket: bool,
                 address_of: Callable[[str], str]) -> None:
        self.prefer = prefer
        self.bracket = bracket
        self.address_of = address_of
        self.applied: list[Amendment] = []
        self.bracketed: list[Amendment] = []
        self.set_aside: list[Amendment] = []
        self.lost_to: dict[str, tuple[str, ...]] = {}  # set aside: the preferred it lost to
        self.conflicts: list[Conflict] = []

    def paragraph(self, paragraph: Paragraph, words: Words,
                  amendments: Sequence[Amendment]) -> Outcome:
        outcome = Outcome()
        for chosen in self._resolve(paragraph, words, amendments):
            outcome = self._apply(outcome, chosen, paragraph, words)
        return outcome

    def _resolve(self, paragraph: Paragraph, words: Words,
                 amendments: Sequence[Amendment]) -> list[Amendment | _Bracket]:
        chosen: list[Amendment | _Bracket] = []
        for group in components([a for a in amendments if a.scope is not Scope.NEW]):
            if len(group) == 1:
                chosen += group
                continue
            preferred = [a for a in group if set(a.ids) & self.prefer]
            if preferred and not any(conflict(a, b) for a in preferred for b in preferred
                                     if a is not b):
                losers = [a for a in group if a not in preferred and
                          any(conflict(a, p) for p in preferred)]
                self.set_aside += losers
                for loser in losers:
                    winners = unique(i for p in preferred if conflict(loser, p) for i in p.ids)
                    self.lost_to.update((i, winners) for i in loser.ids)
                rest = [a for a in group if a not in preferred and a not in losers]
                chosen += preferred
                chosen += self._resolve(paragraph, words, rest)
            elif self.bracket and Scope.PLACEMENT not in {a.scope for a in group}:
                chosen.append(_Bracket(tuple(group)))
            else:
                self.conflicts.append(describe_conflict(paragraph, words, group,
                                                        self.address_of))
        return chosen

    def _apply(self, outcome: Outcome, chosen: Amendment | _Bracket, paragraph: Paragraph,
               words: Words) -> Outcome:
        if isinstance(chosen, _Bracket):
            self.bracketed += chosen.group
            if {a.scope for a in chosen.group} == {Scope.WORDS}:
                edit = _bracket_edit(chosen.group, words)
                if edit.text == words.span(edit.start, edit.end):
                    return outcome  # alternatives the text already brackets: left as they are
                return evolve(outcome, edits=(*outcome.edits, (edit, chosen.group)))
            return evolve(outcome, text=(_bracket_paragraph(chosen.group, paragraph, words),
                                         chosen.group))
        self.applied.append(chosen)
        kind = chosen.kind
        if chosen.edit is not None:
            if chosen.retains:
                return outcome
            return evolve(outcome, edits=(*outcome.edits, (chosen.edit, (chosen,))))
        if kind is OperationKind.DELETE_PARAGRAPH:
            return evolve(outcome, deleted=chosen)
        if kind is OperationKind.REPLACE_PARAGRAPH:
            return evolve(outcome, text=(chosen.operation.text, (chosen,)))
        if kind is OperationKind.MOVE:
            return evolve(outcome, moved=chosen)
        return outcome  # a retain of the whole paragraph changes nothing


@frozen
class _Bracket:
    """A conflict left in the text as bracketed alternatives."""

    group: tuple[Amendment, ...]


def _alternatives(options: Iterable[str]) -> str:
    return "[" + " / ".join(unique(o for o in options if o)) + "]"


def _bracket_edit(group: Sequence[Amendment], words: Words) -> Edit:
    """One edit writing the group's competing wordings as "[one / other]"; where the
    words are a set of bracketed alternatives already (`draftkit.brackets`), the new
    wordings join it in its own form ("[one] [other] [new]", "[one / other / new]")
    rather than a second layer of brackets, and choices among its alternatives leave
    it as it is."""
    start, end = word_region(group)
    original = words.span(start, end)
    found = set_at(words.text, *words.chars(start, end)) if start < end else None
    if found is not None:
        known = {" ".join(w.split()) for w in found.words(words.text)}
        new = unique(w for a in group if not a.retains
                     if (w := wording(a, words, start, end)) and " ".join(w.split()) not in known)
        if found.groups == 1 and len(found.alternatives) > 1:
            return Edit(start, end, original[:-1] + "".join(f" / {w}" for w in new) + "]")
        return Edit(start, end, original + "".join(f" [{w}]" for w in new))
    keeps = any(a.retains or (a.edit is not None and a.edit.is_deletion) for a in group)
    options = [original] if keeps else []
    options += [wording(a, words, start, end) for a in group if not a.retains]
    text = _alternatives(options)
    if start < end:
        return Edit(start, end, text)
    if start == 0:
        return Edit(0, 0, text + " ", Position.BEFORE)
    return Edit(start, start, " " + text, Position.AFTER)


def _bracket_paragraph(group: Sequence[Amendment], paragraph: Paragraph, words: Words) -> str:
    """The paragraph as "[edited / replacement …]": a deletion brackets what stays."""
    edits = [a for a in group if a.edit is not None and not a.retains]
    options: list[str] = []
    if any(a.retains for a in group):
        options.append(paragraph.text)
    if edits:
        inner = [_bracket_edit(g, words) if len(g) > 1 else g[0].edit
                 for g in components(edits)]
        options.append(write(words, [e for e in inner if e is not None]).text)
    options += [a.operation.text for a in group if a.kind is OperationKind.REPLACE_PARAGRAPH]
    return _alternatives(options or [paragraph.text])


def write_outcome(words: Words, outcome: Outcome) -> tuple[str, tuple[Change, ...]] | None:
    """The text an outcome's new text or word edits leave, and the changes that made it
    (None: neither, the text stays)."""
    if outcome.text is not None:
        text, group = outcome.text
        return text, (credited(0, len(words.text), 0, len(text), group),)
    if not outcome.edits:
        return None
    written = write(words, [edit for edit, _ in outcome.edits])
    return written.text, tuple(
        credited(a, b, c, d, group) for (_, group), (a, b, c, d) in
        sorted(zip(outcome.edits, written.ranges, strict=True), key=lambda pair: pair[1]))


def credited(a: int, b: int, c: int, d: int, group: Sequence[Amendment]) -> Change:
    return Change(a, b, c, d, tuple(i for m in group for i in m.ids),
                  unique(p for m in group for p in m.parties))
