"""The small registry files, in the store's one grammar: a document's `document.txt`
and the folder's `parties.txt`.

    draftkit document 2            draftkit parties 2
    id: vientiane-action-plan
    title: Vientiane Action Plan   @party NOR | state | Norway
    kind: action-plan              @party EU | group | European Union | AUT BEL BGR
    symbol: CCM/MSP/2010/WP.2      @key NOR | ssh-ed25519 AAAAC3… | norway@geneva
    distribution: general          @key Presidency | ssh-ed25519 AAAAC3… | chair
    original-language: English

    @meeting 1msp | First Meeting of States Parties | Vientiane, Lao PDR | 2010-11-09 | 2010-11-12
    @deadline 2010-09-24 | 1msp | Written proposals on Rev.1

A document's revisions are not listed here: each recorded revision is its own
file, so recording one is a single atomic step. Its meetings and input
deadlines are (a document without them has no records at all).
"""

from __future__ import annotations

import datetime as dt
import re

from draftkit.errors import DraftkitError, FormatError
from draftkit.keys import SigningKey, holder_name, parse_public_key
from draftkit.model import (
    Deadline,
    Distribution,
    Document,
    DocumentKind,
    Meeting,
    Party,
    PartyKind,
)
from draftkit.store import grammar
from draftkit.store.grammar import Record, Shape

VERSION = 2
DOCUMENT_KEYS = ("id", "title", "kind", "symbol", "distribution", "original-language")
# @meeting <id> | <title> | <place> | <first day> [| <last day>]
# @deadline <date> | <meeting id or -> | <what the input is>
DOCUMENT_SHAPES = {"meeting": Shape(5, least=4), "deadline": Shape(3)}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def format_document(document: Document) -> str:
    lines = [grammar.magic_line("document", VERSION),
             grammar.header_line("id", document.id),
             grammar.header_line("title", document.title),
             grammar.header_line("kind", document.kind.value)]
    lines += [grammar.header_line(key, value) for key, value in (
        ("symbol", document.symbol),
        ("distribution", document.distribution.value if document.distribution else None),
        ("original-language", document.original_language)) if value]
    records = [grammar.record_line("meeting", m.id, m.title, m.place, m.start.isoformat(),
                                   *([m.end.isoformat()] if m.end != m.start else []))
               for m in document.meetings]
    records += [grammar.record_line("deadline", d.date.isoformat(), d.meeting or "-", d.what)
                for d in document.deadlines]
    return grammar.join([*lines, "", *records] if records else lines)


def parse_document(text: str, path: str) -> Document:
    read = grammar.read(text, path, "document", versions=(VERSION,), keys=DOCUMENT_KEYS,
                        shapes=DOCUMENT_SHAPES)
    meetings: dict[str, Meeting] = {}
    deadlines: list[Deadline] = []
    for record in read.records:
        try:
            if record.tag == "meeting":
                meeting = _meeting(record, path)
                if meeting.id in meetings:
                    raise FormatError(path, record.line, f"meeting {meeting.id} listed twice")
                meetings[meeting.id] = meeting
            else:
                day, meeting_id, what = record.fields
                deadline = Deadline(_day(day, path, record.line),
                                    None if meeting_id == "-" else meeting_id, what)
                if deadline.meeting is not None and deadline.meeting not in meetings:
                    raise FormatError(path, record.line, f"deadline for meeting "
                                                         f"{deadline.meeting!r}, which is not "
                                                         f"listed above it")
                deadlines.append(deadline)
        except ValueError as error:
            raise FormatError(path, record.line, str(error)) from None
    distribution = read.header.get("distribution")
    if distribution is not None and distribution not in {d.value for d in Distribution}:
        choices = ", ".join(d.value for d in Distribution)
        raise FormatError(path, read.header_lines.get("distribution", 1),
                          f"distribution is not one of {choices}: {distribution!r}")
    try:
        return Document(read.require("id"), read.require("title"),
                        DocumentKind(read.require("kind")), tuple(meetings.values()),
                        tuple(deadlines), symbol=read.header.get("symbol"),
                        distribution=Distribution(distribution) if distribution else None,
                        original_language=read.header.get("original-language"))
    except ValueError as error:
        raise FormatError(path, 1, str(error)) from None


def _meeting(record: Record, path: str) -> Meeting:
    identity, title, place, first, *last = record.fields
    start = _day(first, path, record.line)
    return Meeting(identity, title, place, start,
                   _day(last[0], path, record.line) if last else start)


def _day(text: str, path: str, line: int) -> dt.date:
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormatError(path, line, f"not a date (YYYY-MM-DD): {text!r}") from None


def format_parties(parties: dict[str, Party], keys: tuple[SigningKey, ...] = ()) -> str:
    """The registry: its parties, then their signing keys (and the presidency's), each
    key one line in the order recorded."""
    lines = [grammar.magic_line("parties", VERSION), ""]
    for party in parties.values():
        fields = [party.code, party.kind.value, party.name]
        if party.members:
            fields.append(" ".join(party.members))
        lines.append(grammar.record_line("party", *fields))
    lines += [grammar.record_line("key", key.holder, key.public,
                                  *([key.comment] if key.comment else [])) for key in keys]
    return grammar.join(lines)


def parse_parties(text: str, path: str) -> dict[str, Party]:
    return parse_registry(text, path)[0]


def parse_registry(text: str, path: str) -> tuple[dict[str, Party], tuple[SigningKey, ...]]:
    """The parties and the signing keys. A key's holder is a party listed in the file or
    `Presidency`; a key is listed once."""
    read = grammar.read(text, path, "parties", versions=(VERSION,),
                        shapes={"party": Shape(4, least=3), "key": Shape(3, least=2)})
    parties: dict[str, Party] = {}
    key_records = [r for r in read.records if r.tag == "key"]
    party_records = [r for r in read.records if r.tag == "party"]
    for record in party_records:
        code, kind, name, *members = record.fields
        try:
            party = Party(code, PartyKind(kind), name,
                          tuple(members[0].split()) if members else ())
        except ValueError as error:
            raise FormatError(path, record.line, str(error)) from None
        if party.code in parties:
            raise FormatError(path, record.line, f"party {party.code} listed twice")
        parties[party.code] = party
    for record in party_records:
        for member in parties[record.fields[0]].members:
            if member not in parties:
                raise FormatError(path, record.line, f"member {member} of "
                                                     f"{record.fields[0]} is not a party")
    keys: dict[str, SigningKey] = {}
    for record in key_records:
        holder, public, *comment = record.fields
        try:
            written = holder_name(holder, parties)
            if written != holder:
                raise DraftkitError(f"a key's holder is written {written}")
            if len(public.split()) != 2:
                raise DraftkitError("a key is written '<type> <base64>', its comment after "
                                    "a '|'")
            key = parse_public_key(holder, public)
        except DraftkitError as error:
            raise FormatError(path, record.line, str(error)) from None
        if key.blob in keys:
            raise FormatError(path, record.line, f"key {key.fingerprint} listed twice (for "
                                                 f"{keys[key.blob].holder})")
        keys[key.blob] = SigningKey(holder, key.kind, key.blob, comment[0] if comment else "")
    return parties, tuple(keys.values())
