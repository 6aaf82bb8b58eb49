"""The small registry files, in the store's one grammar: a document's `document.txt`
and the folder's `parties.txt`.

    draftkit document 2            draftkit parties 2
    id: vientiane-action-plan
    title: Vientiane Action Plan   @party NOR | state | Norway
    kind: action-plan              @party EU | group | European Union | AUT BEL BGR

A document's revisions are not listed here: each recorded revision is its own
file, so recording one is a single atomic step.
"""

from __future__ import annotations

from draftkit.errors import FormatError
from draftkit.model import Document, DocumentKind, Party, PartyKind
from draftkit.store import grammar
from draftkit.store.grammar import Shape

VERSION = 2
DOCUMENT_KEYS = ("id", "title", "kind")


def format_document(document: Document) -> str:
    return grammar.join([grammar.magic_line("document", VERSION),
                         grammar.header_line("id", document.id),
                         grammar.header_line("title", document.title),
                         grammar.header_line("kind", document.kind.value)])


def parse_document(text: str, path: str) -> Document:
    read = grammar.read(text, path, "document", versions=(VERSION,), keys=DOCUMENT_KEYS)
    try:
        return Document(read.require("id"), read.require("title"),
                        DocumentKind(read.require("kind")))
    except ValueError as error:
        raise FormatError(path, 1, str(error)) from None


def format_parties(parties: dict[str, Party]) -> str:
    lines = [grammar.magic_line("parties", VERSION), ""]
    for party in parties.values():
        fields = [party.code, party.kind.value, party.name]
        if party.members:
            fields.append(" ".join(party.members))
        lines.append(grammar.record_line("party", *fields))
    return grammar.join(lines)


def parse_parties(text: str, path: str) -> dict[str, Party]:
    read = grammar.read(text, path, "parties", versions=(VERSION,),
                        shapes={"party": Shape(4, least=3)})
    parties: dict[str, Party] = {}
    for record in read.records:
        code, kind, name, *members = record.fields
        try:
            party = Party(code, PartyKind(kind), name,
                          tuple(members[0].split()) if members else ())
        except ValueError as error:
            raise FormatError(path, record.line, str(error)) from None
        if party.code in parties:
            raise FormatError(path, record.line, f"party {party.code} listed twice")
        parties[party.code] = party
    for record in read.records:
        for member in parties[record.fields[0]].members:
            if member not in parties:
                raise FormatError(path, record.line, f"member {member} of "
                                                     f"{record.fields[0]} is not a party")
    return parties
