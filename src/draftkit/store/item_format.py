"""Proposal and comment files: a header of `key: value` lines, then appended events.

Values are verbatim after "key: " (quoted words keep their spaces). Events
are only ever appended, which is what lets git's union merge (set in
drafts/.gitattributes) combine two people's additions to one item.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from draftkit.anchors import Anchor
from draftkit.comments import Comment, CommentType, Decision, Disposition, Reply
from draftkit.errors import DraftkitError, FormatError
from draftkit.proposals import Event, Operation, OperationKind, Position, Proposal

PROPOSAL_MAGIC = "draftkit proposal 1"
COMMENT_MAGIC = "draftkit comment 1"
PROPOSAL_KEYS = ("id", "document", "revision", "paragraph", "label", "operation", "position",
                 "destination", "before", "quote", "after", "text", "proposers",
                 "on-behalf-of", "rationale", "created")
COMMENT_KEYS = ("id", "document", "revision", "paragraph", "label", "before", "quote", "after",
                "party", "type", "text", "proposed-change", "created")
T = TypeVar("T")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def format_time(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> dt.datetime:
    # The form draftkit writes goes through fromisoformat, fifteen times faster than
    # strptime (a merge reads 10,000 proposals of several events each); others as before.
    if _TIME.fullmatch(text):
        return dt.datetime.fromisoformat(text)
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _header(magic: str, fields: dict[str, str | None], keys: tuple[str, ...]) -> list[str]:
    lines = [magic]
    lines += [f"{key}: {fields[key]}" for key in keys if fields.get(key)]
    return [*lines, ""]


def _anchor_fields(anchor: Anchor | None) -> dict[str, str | None]:
    if anchor is None:
        return {}
    return {"before": anchor.before, "quote": anchor.quote, "after": anchor.after}


def format_proposal(proposal: Proposal) -> str:
    operation = proposal.operation
    fields: dict[str, str | None] = {
        "id": proposal.id, "document": proposal.document, "revision": proposal.revision,
        "paragraph": proposal.paragraph, "label": proposal.label,
        "operation": operation.kind.value,
        "position": operation.position.value if operation.position else None,
        "destination": operation.destination, **_anchor_fields(operation.anchor),
        "text": operation.text, "proposers": " ".join(proposal.proposers),
        "on-behalf-of": proposal.on_behalf_of, "rationale": proposal.rationale,
        "created": format_time(proposal.created),
    }
    lines = _header(PROPOSAL_MAGIC, fields, PROPOSAL_KEYS)
    for event in proposal.history:
        line = f"@event {format_time(event.when)} {event.actor} {event.action}"
        line += f" {event.argument}" if event.argument else ""
        line += f" | {event.note}" if event.note else ""
        lines.append(line)
    return "\n".join(lines) + "\n"


def format_comment(comment: Comment) -> str:
    fields: dict[str, str | None] = {
        "id": comment.id, "document": comment.document, "revision": comment.revision,
        "paragraph": comment.paragraph, "label": comment.label,
        **_anchor_fields(comment.anchor), "party": comment.party, "type": comment.type.value,
        "text": comment.text, "proposed-change": comment.proposed_change,
        "created": format_time(comment.created),
    }
    lines = _header(COMMENT_MAGIC, fields, COMMENT_KEYS)
    for reply in comment.replies:
        lines.append(f"@reply {format_time(reply.when)} {reply.party} | {reply.text}")
    for decision in comment.decisions:
        line = f"@disposition {format_time(decision.when)} {decision.by} " \
               f"{decision.disposition.value}"
        lines.append(line + (f" | {decision.observation}" if decision.observation else ""))
    return "\n".join(lines) + "\n"


class _Reader:
    """Reads one item file, turning every problem into a FormatError at its line."""

    def __init__(self, text: str, path: str, magic: str, keys: tuple[str, ...]) -> None:
        self.path = path
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        if not self.lines or self.lines[0] != magic:
            raise FormatError(path, 1, f"expected first line {magic!r}")
        self.fields: dict[str, str] = {}
        self.field_lines: dict[str, int] = {}
        number = 1
        while number < len(self.lines) and self.lines[number]:
            key, colon, value = self.lines[number].partition(": ")
            if not colon or key not in keys:
                raise FormatError(path, number + 1, f"expected 'key: value' with a key among "
                                                    f"{', '.join(keys)}")
            if key in self.fields:
                raise FormatError(path, number + 1, f"{key!r} given twice")
            self.fields[key] = value
            self.field_lines[key] = number + 1
            number += 1
        self.events = [(n + 1, line) for n, line in enumerate(self.lines) if n > number and line]

    def get(self, key: str, convert: Callable[[str], T] | None = None) -> T | str:
        if key not in self.fields:
            raise FormatError(self.path, 1, f"field {key!r} is missing")
        return self.convert(key, convert) if convert else self.fields[key]

    def optional(self, key: str) -> str | None:
        return self.fields.get(key) or None

    def convert(self, key: str, convert: Callable[[str], T]) -> T:
        try:
            return convert(self.fields[key])
        except (ValueError, DraftkitError) as error:
            raise FormatError(self.path, self.field_lines[key], f"{key}: {error}") from None

    def anchor(self) -> Anchor | None:
        if "quote" not in self.fields:
            return None
        return Anchor(self.fields["quote"], self.fields.get("before", ""),
                      self.fields.get("after", ""))

    def event_fields(self, number: int, line: str, tag: str) -> tuple[dt.datetime, list[str],
                                                                       str]:
        """The time, the words before ' | ', and the note after it, of an event line."""
        if not line.startswith(tag + " "):
            raise FormatError(self.path, number, f"expected a {tag} line")
        head, _, note = line[len(tag) + 1:].partition(" | ")
        words = head.split(" ")
        try:
            when = parse_time(words[0])
        except ValueError:
            raise FormatError(self.path, number, "expected a time like 2010-09-06T10:00:00Z")\
                from None
        return when, words[1:], note


def parse_proposal(text: str, path: str) -> Proposal:
    reader = _Reader(text, path, PROPOSAL_MAGIC, PROPOSAL_KEYS)
    history = []
    for number, line in reader.events:
        when, words, note = reader.event_fields(number, line, "@event")
        if len(words) not in (2, 3):
            raise FormatError(path, number, "expected '@event <time> <actor> <action> "
                                            "[<argument>] [| note]'")
        history.append(Event(when, words[0], words[1], words[2] if len(words) == 3 else "",
                             note))
    kind = reader.convert("operation", OperationKind)
    position = reader.optional("position")
    try:
        operation = Operation(kind, reader.anchor(), reader.fields.get("text", ""),
                              Position(position) if position else None,
                              reader.optional("destination"))
        return Proposal(
            id=str(reader.get("id")), document=str(reader.get("document")),
            revision=str(reader.get("revision")), paragraph=str(reader.get("paragraph")),
            operation=operation, proposers=tuple(str(reader.get("proposers")).split()),
            created=reader.convert("created", parse_time),
            on_behalf_of=reader.optional("on-behalf-of"),
            rationale=reader.fields.get("rationale", ""), label=reader.fields.get("label", ""),
            history=tuple(history))
    except (ValueError, DraftkitError) as error:
        raise FormatError(path, 1, str(error).split(": ", 1)[-1]) from None


def parse_comment(text: str, path: str) -> Comment:
    reader = _Reader(text, path, COMMENT_MAGIC, COMMENT_KEYS)
    replies, decisions = [], []
    for number, line in reader.events:
        tag = line.split(" ", 1)[0]
        when, words, note = reader.event_fields(number, line, tag)
        if tag == "@reply" and len(words) == 1:
            replies.append(Reply(when, words[0], note))
        elif tag == "@disposition" and len(words) == 2:
            try:
                decisions.append(Decision(when, words[0], Disposition(words[1]), note))
            except ValueError:
                raise FormatError(path, number, f"unknown disposition {words[1]!r}") from None
        else:
            raise FormatError(path, number, "expected '@reply <time> <party> | text' or "
                                            "'@disposition <time> <by> <disposition> | note'")
    return Comment(
        id=str(reader.get("id")), document=str(reader.get("document")),
        revision=str(reader.get("revision")), party=str(reader.get("party")),
        type=reader.convert("type", CommentType), text=str(reader.get("text")),
        created=reader.convert("created", parse_time), paragraph=reader.optional("paragraph"),
        anchor=reader.anchor(), proposed_change=reader.optional("proposed-change"),
        label=reader.fields.get("label", ""), replies=tuple(replies),
        decisions=tuple(decisions))
