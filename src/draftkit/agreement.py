"""Agreement, recorded: a paragraph's status is a revision's record plus the decisions since.

A paragraph is open, agreed ad referendum ("ad ref", subject to confirmation
by capitals) or agreed. The status a revision records is where it starts;
then each decision taken on that revision's words, in time order, moves it:

    open   --ad-ref-->  ad-ref  --confirm-->  agreed
    ad-ref --reopen-->  open    (and agreed --reopen--> open)

Anything else (confirming what is open, reopening what is open, agreeing
twice) is refused when asked for and skipped when replayed (two clones can
each record a decision that git then puts side by side). A decision holds
the SHA-256 of the paragraph's words it was taken on, so words changed
afterwards, by any path, can be told.

Agreed and ad-ref words are protected: a proposal that would change them
"reopens agreed text" (flagged wherever it appears), and a merge changes them
only where the paragraph was reopened, by a decision or by `--reopen` (which
the merged revision records).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Collection, Iterable

from attrs import evolve, frozen

from draftkit.errors import DraftkitError
from draftkit.lines import breaks
from draftkit.model import ID_PATTERN, SLUG_PATTERN, Paragraph, Revision, Status
from draftkit.proposals import OperationKind


class AgreementError(DraftkitError):
    """A status change the agreement steps forbid."""


class Action(enum.Enum):
    AD_REF = "ad-ref"  # agreed ad referendum at a meeting
    CONFIRM = "confirm"  # ad ref confirmed: agreed
    REOPEN = "reopen"  # deliberately reopened: open again, with the reason

    @property
    def verb(self) -> str:
        return {"ad-ref": "agreed ad ref", "confirm": "confirmed (agreed)",
                "reopen": "reopened"}[self.value]


# Which action moves a paragraph from which status to which.
STEPS: dict[Action, dict[Status, Status]] = {
    Action.AD_REF: {Status.OPEN: Status.AD_REF},
    Action.CONFIRM: {Status.AD_REF: Status.AGREED},
    Action.REOPEN: {Status.AD_REF: Status.OPEN, Status.AGREED: Status.OPEN},
}
PROTECTED = (Status.AD_REF, Status.AGREED)
# The operations that change a paragraph's words (a move, an added paragraph next to
# it, and a retain leave them as they are).
CHANGING_WORDS = (OperationKind.INSERT, OperationKind.DELETE, OperationKind.REPLACE,
                  OperationKind.DELETE_PARAGRAPH, OperationKind.REPLACE_PARAGRAPH)
FLAG = "reopens agreed text"


@frozen
class StatusDecision:
    """One decision on one paragraph's status: immutable, one file in `decisions/`.

    `revision` is the revision whose words it is about, `label` the
    paragraph's address there (for people reading the file), `words` the
    SHA-256 of those words, `meeting` where it was taken.
    """

    id: str
    document: str
    revision: str
    paragraph: str
    label: str
    action: Action
    meeting: str
    by: str
    when: dt.datetime
    words: str
    note: str = ""

    def __attrs_post_init__(self) -> None:
        for what, value in (("decision id", self.id), ("paragraph id", self.paragraph)):
            if not ID_PATTERN.fullmatch(value):
                raise ValueError(f"not a valid {what}: {value!r}")
        if not SLUG_PATTERN.fullmatch(self.document) or not SLUG_PATTERN.fullmatch(
                self.revision):
            raise ValueError("not a document and revision name")
        for name in ("label", "meeting", "by", "note"):
            value = getattr(self, name)
            if breaks(value) or value != value.strip():
                raise ValueError(f"{name} must be one trimmed line: {value!r}")
        if not self.meeting:
            raise ValueError("a decision names the meeting it was taken at")
        if self.action is Action.REOPEN and not self.note.strip():
            raise ValueError("a reopening says why (a note)")
        if len(self.words) != 64 or any(c not in "0123456789abcdef" for c in self.words):
            raise ValueError("words: not a SHA-256 in hexadecimal")

    @property
    def order(self) -> tuple[dt.datetime, str]:
        return self.when, self.id


@frozen
class StatusEvent:
    """A moment in a paragraph's status history, for `show --history` and `log`.

    `what` is "issued" (a revision recorded it with this status: the starting
    record, or a status no decision explains), an action of a decision ("ad-ref",
    "confirm", "reopen") or "merge-reopen" (a merge reopened it to change its words);
    `status` is the status after it; `source` the decision's id, or the proposals
    of the merge.
    """

    when: dt.datetime
    revision: str
    what: str
    status: Status
    by: str
    meeting: str = ""
    note: str = ""
    source: str = ""


def words_hash(text: str) -> str:
    """The SHA-256 of a paragraph's words (its text, UTF-8), as decisions record it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def step(status: Status, action: Action, address: str) -> Status:
    """The status after `action`; AgreementError (one line, saying what is possible) if
    the steps forbid it."""
    after = STEPS[action].get(status)
    if after is not None:
        return after
    if action is Action.CONFIRM:
        reason = "only agreed ad ref text is confirmed" if status is Status.OPEN else \
            "it is agreed already"
    elif action is Action.AD_REF:
        reason = f"it is {status.title} already"
    else:
        reason = "it is open: only agreed or ad ref text is reopened"
    raise AgreementError(f"{address} is {status.title}: cannot record '{action.value}' "
                         f"({reason})")


def replay(start: Status, decisions: Iterable[StatusDecision]) -> Status:
    """The status after `decisions` (in time order) from `start`; a step the rules forbid
    is skipped (`draftkit check` reports it)."""
    status = start
    for decision in sorted(decisions, key=lambda d: d.order):
        status = STEPS[decision.action].get(status, status)
    return status


def in_force(revision: Revision, decisions: Iterable[StatusDecision]) -> Revision:
    """`revision` with each paragraph's status replayed from the decisions taken on its
    words (those about other revisions are ignored): the statuses in force now."""
    taken: dict[str, list[StatusDecision]] = {}
    for decision in decisions:
        if decision.revision == revision.name:
            taken.setdefault(decision.paragraph, []).append(decision)
    if not taken:
        return revision
    return evolve(revision, sections=tuple(
        evolve(section, paragraphs=tuple(
            evolve(p, status=replay(p.status, taken[p.id])) if p.id in taken else p
            for p in section.paragraphs))
        for section in revision.sections))


def forbidden(start: Status, decisions: Iterable[StatusDecision]) -> list[StatusDecision]:
    """The decisions that `replay` skips: each a step the rules forbid where it falls."""
    status, skipped = start, []
    for decision in sorted(decisions, key=lambda d: d.order):
        after = STEPS[decision.action].get(status)
        if after is None:
            skipped.append(decision)
        else:
            status = after
    return skipped


def reopens(kind: OperationKind, status: Status | None) -> bool:
    """Whether an operation of `kind` on a paragraph with `status` would change agreed (or
    ad ref) words, an agreed table's rows or columns, or an agreed form field (the merge
    protects them all alike)."""
    return status in PROTECTED and (kind in CHANGING_WORDS or kind.on_rows or kind in (
        OperationKind.CHANGE_FIELD, OperationKind.ADD_COLUMN, OperationKind.DELETE_COLUMN,
        OperationKind.MOVE_COLUMN, OperationKind.RENAME_COLUMN))


def agreed_words_changed(before: Revision, after: Revision,
                         reopened: Collection[str] = ()) -> list[Paragraph]:
    """The paragraphs agreed or ad ref in `before` (with the statuses in force when
    `after` was made from it) whose words `after` changes or drops, but for those
    `reopened` (by the merge that made `after`)."""
    now = {p.id: p.text for p in after.paragraphs()}
    return [p for p in before.paragraphs() if p.status in PROTECTED
            and p.id not in reopened and now.get(p.id) != p.text]


def id_prefix(action: Action, address: str) -> str:
    """The readable start of a decision's id: the action and the paragraph's address in
    capitals and digits ("ADREF-ACTION27", "REOPEN-OP5BIS")."""
    where = "".join(c for c in address.upper() if c.isascii() and c.isalnum())[:16] or "P"
    return f"{action.value.replace('-', '').upper()}-{where}"


def status_history(revisions: Iterable[Revision], decisions: Iterable[StatusDecision],
                   reopened: dict[str, dict[str, tuple[str, ...]]],
                   ) -> dict[str, list[StatusEvent]]:
    """Per paragraph id, its status history across `revisions` (parents first): the
    status each revision issued it with where no decision or reopening explains it, each
    decision taken on it (in time order; those the rules forbid are left out, as
    `replay` skips them), and each reopening by a merge (`reopened`: per revision name,
    the paragraphs it reopened and the proposals that changed them)."""
    taken: dict[tuple[str, str], list[StatusDecision]] = {}
    for decision in sorted(decisions, key=lambda d: d.order):
        taken.setdefault((decision.revision, decision.paragraph), []).append(decision)
    history: dict[str, list[StatusEvent]] = {}
    ends: dict[str, dict[str, Status]] = {}
    for revision in revisions:
        issued = dt.datetime.combine(revision.date, dt.time(), dt.UTC)
        start = ends.get(revision.parent or "", {})
        end = ends.setdefault(revision.name, {})
        present = {p.id for p in revision.paragraphs()}
        for paragraph_id, proposals in reopened.get(revision.name, {}).items():
            if paragraph_id not in present:  # reopened to delete it
                history.setdefault(paragraph_id, []).append(StatusEvent(
                    issued, revision.name, "merge-reopen", Status.OPEN, revision.issued_by,
                    source=" ".join(proposals)))
        for paragraph in revision.paragraphs():
            events = history.setdefault(paragraph.id, [])
            before = start.get(paragraph.id)
            if paragraph.id in reopened.get(revision.name, {}):
                events.append(StatusEvent(issued, revision.name, "merge-reopen", Status.OPEN,
                                          revision.issued_by, source=" ".join(
                                              reopened[revision.name][paragraph.id])))
                before = Status.OPEN
            if paragraph.status is not before:
                events.append(StatusEvent(issued, revision.name, "issued", paragraph.status,
                                          revision.issued_by))
            status = paragraph.status
            for decision in taken.get((revision.name, paragraph.id), []):
                after = STEPS[decision.action].get(status)
                if after is None:
                    continue
                status = after
                events.append(StatusEvent(decision.when, revision.name, decision.action.value,
                                          status, decision.by, decision.meeting, decision.note,
                                          decision.id))
            end[paragraph.id] = status
    return history


@frozen
class AgreedChange:
    """A change to the words of a paragraph agreed or agreed ad ref: which paragraph, its
    address and status, and the proposals (and their parties) that make the change."""

    paragraph: str
    label: str
    status: Status
    proposals: tuple[str, ...]
    parties: tuple[str, ...] = ()
