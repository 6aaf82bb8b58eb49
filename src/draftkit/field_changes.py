"""Changes proposed to form fields: carried by identity, competing part by part, written in.

A change-field proposal names its form-field paragraph and what it proposes for the
field (`draftkit.form.FieldEdit`): its kind, its choices, its instructions, whether it
is required or voluntary, any of them. The field's label is the paragraph's text and
is proposed on as words, like any paragraph's. A change applies to any later revision
that still has the paragraph as a form field the change fits (a choice field keeps
choices); otherwise it is stale. Two changes of the same field compete only on the
parts they both set, and only where they set them differently: one making a field
required and another rewording its instructions are both made; two different
instructions conflict, as do "required" and "voluntary". `prefer` settles a conflict;
`bracket` can leave only competing instructions in the text, as "[one / other]": a
field's kind, choices or obligation has no bracketed form, so those stay conflicts.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from attrs import evolve, frozen

from draftkit.form import OBLIGATIONS, FieldEdit
from draftkit.model import Paragraph, Revision
from draftkit.proposals import OperationKind, Proposal
from draftkit.rebase import Stale, stale_on


def on_field(proposal: Proposal) -> bool:
    """Whether the proposal changes a form field rather than words."""
    return proposal.operation.kind is OperationKind.CHANGE_FIELD


def edit_of(proposal: Proposal) -> FieldEdit:
    edit = proposal.operation.field
    assert edit is not None
    return edit


def stale(target: Revision, proposal: Proposal) -> Stale | None:
    """Why a change-field proposal cannot apply to `target`, or None when it can."""
    def why(paragraph: Paragraph, label: str, where: str) -> str | None:
        assert paragraph.form is not None
        try:
            edit_of(proposal).apply(paragraph.form)
        except ValueError as error:
            return f"the change does not fit {label} as it stands in {where}: {error}"
        return None

    return stale_on(target, proposal, "form field", why)


def differ(a: Proposal, b: Proposal) -> tuple[str, ...]:
    """The parts of the field both proposals set, and set differently."""
    mine, theirs = edit_of(a).parts(), edit_of(b).parts()
    return tuple(part for part in mine if part in theirs and mine[part] != theirs[part])


def shown(proposal: Proposal, parts: Collection[str]) -> str:
    """What the proposal sets the `parts` to, in one line ("required", "number")."""
    values = edit_of(proposal).parts()
    said = []
    for part in parts:
        value = values[part]
        if part == "voluntary":
            said.append(OBLIGATIONS[bool(value)])
        elif part == "kind":
            said.append(getattr(value, "title", str(value)))
        elif part == "choices":
            said.append(" / ".join(value) if isinstance(value, tuple) and value
                        else "no choices")
        else:
            said.append(str(value))
    return "; ".join(said)


@frozen
class Clash:
    """Changes of one field that cannot all be made: the parts they set differently."""

    paragraph: str
    parts: tuple[str, ...]
    proposals: tuple[Proposal, ...]


def clashes(proposals: Sequence[Proposal]) -> list[Clash]:
    """The groups of changes of one field (`proposals`, all on it) linked by setting some
    part differently, in proposal order; a change that sets no part differently from
    any other is in none."""
    groups: list[list[Proposal]] = []
    for proposal in proposals:
        linked = [g for g in groups if any(differ(proposal, other) for other in g)]
        merged = [p for g in linked for p in g] + [proposal]
        groups = [g for g in groups if g not in linked] + [merged]
    order = {p.id: n for n, p in enumerate(proposals)}
    found = []
    for group in groups:
        if len(group) < 2:
            continue
        group.sort(key=lambda p: order[p.id])
        parts = {part for a in group for b in group for part in differ(a, b)}
        found.append(Clash(group[0].paragraph,
                           tuple(p for p in ("kind", "choices", "instructions", "voluntary")
                                 if p in parts), tuple(group)))
    return found


@frozen
class Resolution:
    """What a merge does with the changes of one field: those it makes (in proposal
    order), those set aside for a preferred change (with the ids preferred), those left
    as bracketed instructions (`instructions`, the bracketed text), and the clashes
    left unresolved."""

    applied: tuple[Proposal, ...] = ()
    set_aside: tuple[tuple[Proposal, tuple[str, ...]], ...] = ()
    bracketed: tuple[Proposal, ...] = ()
    instructions: str | None = None
    clashes: tuple[Clash, ...] = ()


def resolve(proposals: Sequence[Proposal], prefer: Collection[str] = (),
            bracket: bool = False) -> Resolution:
    """The changes of one field resolved: a preferred change wins over those it conflicts
    with (when the preferred ones agree among themselves); with `bracket`, changes that
    compete only on the instructions and propose nothing else leave them bracketed."""
    rest = list(proposals)
    preferred = [p for p in rest if p.id in prefer]
    set_aside: list[tuple[Proposal, tuple[str, ...]]] = []
    if preferred and not any(differ(a, b) for a in preferred for b in preferred):
        for proposal in rest:
            winners = tuple(p.id for p in preferred if differ(proposal, p))
            if proposal not in preferred and winners:
                set_aside.append((proposal, winners))
        rest = [p for p in rest if p not in {lost for lost, _ in set_aside}]
    unresolved: list[Clash] = []
    bracketed: list[Proposal] = []
    instructions = None
    for clash in clashes(rest):
        if bracket and all(set(edit_of(p).parts()) == {"instructions"}
                           for p in clash.proposals):
            bracketed += clash.proposals
            said = list(dict.fromkeys(edit_of(p).instructions or "" for p in clash.proposals))
            instructions = "[" + " / ".join(said) + "]"
        else:
            unresolved.append(clash)
    held = {p.id for c in unresolved for p in c.proposals} | {p.id for p in bracketed}
    return Resolution(tuple(p for p in rest if p.id not in held), tuple(set_aside),
                      tuple(bracketed), instructions, tuple(unresolved))


def with_fields(revision: Revision, resolved: dict[str, Resolution]) -> Revision:
    """The revision with each field's resolved changes made (each applies: see `stale`)."""
    changed: dict[str, Paragraph] = {}
    for paragraph_id, resolution in resolved.items():
        paragraph = revision.by_id(paragraph_id)
        assert paragraph is not None and paragraph.form is not None
        form = paragraph.form
        for proposal in resolution.applied:
            form = edit_of(proposal).apply(form)
        if resolution.instructions is not None:
            form = evolve(form, instructions=resolution.instructions)
        if form != paragraph.form:
            changed[paragraph_id] = evolve(paragraph, form=form)
    return revision.with_paragraphs(changed)
