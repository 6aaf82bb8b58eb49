"""The store's one grammar (store/grammar.py): any value round-trips exactly, and any
store file means the same after an editor strips trailing whitespace, converts line
ends to CRLF, adds a byte-order mark or adds or drops the final newline."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURE
from draftkit.anchors import Anchor
from draftkit.api import Drafts, open_drafts
from draftkit.columns import COLUMN_OPERATIONS
from draftkit.comments import Comment, CommentType, Decision, Disposition, Reply
from draftkit.errors import FormatError
from draftkit.form import FieldEdit, FieldKind
from draftkit.merge import Relabel
from draftkit.model import Distribution, Document, DocumentKind, Party, PartyKind, Revision
from draftkit.proposals import Event, Operation, OperationKind, Position, Proposal
from draftkit.provenance import Change, Provenance
from draftkit.store import grammar
from draftkit.store.grammar import Shape
from draftkit.store.item_format import (
    format_comment,
    format_proposal,
    parse_comment,
    parse_proposal,
)
from draftkit.store.registry_format import (
    format_document,
    format_parties,
    parse_document,
    parse_parties,
)
from draftkit.store.revision_format import (
    MergeRecord,
    format_revision,
    format_revision_file,
    parse_revision,
)
from strategies import revisions

# Hostile text -------------------------------------------------------------------------

# Every character but lone surrogates (which UTF-8 cannot hold): controls, U+2028/9, …
any_character = st.characters(blacklist_categories=("Cs",))

# Pieces an editor, a reader or the grammar itself might trip over.
HOSTILE = [
    " ", "  ", "\t", '"', '""', '\\"', "\\", "\\n", "\\u0041", "|", " | ", "||", ":", "-", "@",
    "@para ", "@sha256 ", "key: value", "draftkit revision 2",
    "会议", "ภาษาไทย", "ພາສາລາວ", "مرحبا بالعالم", "שלום", "𝄞", "😀", "👩\u200d👩\u200d👧", "é",
    "\u2028", "\u2029", "\u00a0", "\u3000", "\u2003", "\u202f", "\u1680", "\x85",
    "\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c", "\x00", "\x7f", "\x1b[31m",
    "\r", "\n", "\r\n", "\ufeff", "\u200b", "\u200f", "\u202e", "\ufffd", "\U0010ffff",
]
# What an editor strips from a line's end (Python's str.isspace()), and other edges.
EDGES = [" ", "\t", "\u00a0", "\u3000", "\u2028", "\u2029", "\x85", "\x1c", "\x1f", "\x0b",
         "\r", '"', "|", "\\", "\ufeff", "\u200f"]

hostile = st.one_of(
    st.text(any_character, max_size=30),
    st.lists(st.one_of(st.text(any_character, max_size=8), st.sampled_from(HOSTILE)),
             max_size=8).map("".join),
    st.tuples(st.text(st.sampled_from(EDGES), max_size=3),
              st.lists(st.sampled_from(HOSTILE), max_size=4).map("".join),
              st.text(any_character, max_size=10),
              st.text(st.sampled_from(EDGES), max_size=3)).map("".join),
)
nonempty = hostile.filter(bool)
# What the model takes for one line of text (paragraphs, headings, names): no LF, no CR.
hostile_line = hostile.map(lambda text: text.replace("\n", "").replace("\r", ""))
paragraph_texts = hostile_line.filter(lambda text: bool(text.strip()))
trimmed = hostile_line.map(str.strip).filter(bool)
symbols = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9./()-]{0,30}", fullmatch=True)

identifiers = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,11}", fullmatch=True)
codes = st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,7}", fullmatch=True)
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)
times = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1)).map(
    lambda when: when.replace(microsecond=0, tzinfo=dt.UTC))


# Editors ------------------------------------------------------------------------------

def _lines(edit: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: "\n".join(edit(line) for line in text.split("\n"))


def _final_newline(text: str) -> str:
    return text + ("\r\n" if "\r\n" in text else "\n")


def _no_final_newline(text: str) -> str:
    return text.removesuffix("\r\n") if text.endswith("\r\n") else text.removesuffix("\n")


EDITORS: dict[str, Callable[[str], str]] = {
    # What trim-trailing-whitespace settings and pre-commit hooks do, in three flavours.
    "rstrip spaces and tabs": _lines(lambda line: line.rstrip(" \t")),
    "rstrip (all of str.isspace)": _lines(str.rstrip),
    "splitlines and rstrip": lambda text: "".join(f"{line.rstrip()}\n"
                                                  for line in text.splitlines()),
    "CRLF": lambda text: text.replace("\r\n", "\n").replace("\n", "\r\n"),
    "BOM": lambda text: text if text.startswith("\ufeff") else "\ufeff" + text,
    "no final newline": _no_final_newline,
    "extra final newline": _final_newline,
}

editor_chains = st.lists(st.sampled_from(sorted(EDITORS)), unique=True, max_size=len(EDITORS)) \
    .flatmap(st.permutations)


def edit(text: str, chain: Sequence[str]) -> str:
    for name in chain:
        text = EDITORS[name](text)
    return text


def as_read(text: str) -> str:
    """The text as it comes off the disk: UTF-8 bytes, decoded (a BOM stays a character)."""
    return text.encode("utf-8").decode("utf-8")


# Values -------------------------------------------------------------------------------

@given(st.one_of(hostile, st.text(any_character)))
def test_a_value_is_bare_only_when_no_editor_can_change_it(text: str) -> None:
    written = grammar.value(text)
    assert written == written.rstrip() == written.lstrip(), "an edge an editor strips"
    assert len(written.splitlines()) <= 1, "a character some reader takes for a line end"
    assert "\r" not in written and "\n" not in written
    if written != text:
        assert written.startswith('"') and written.endswith('"')
        assert json.loads(written) == text
    else:
        assert text and not text.startswith('"')
        assert not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text)
    field = grammar.value(text, field=True)
    assert "|" not in field or field.startswith('"')


TEST_SHAPES = {"one": Shape(1), "three": Shape(3), "para": Shape(1, text=True),
               "some": Shape(3, least=1)}


def _value_file(text: str, other: str) -> str:
    return grammar.join([
        grammar.magic_line("test", 7),
        grammar.header_line("first", text),
        grammar.header_line("second", other),
        "",
        grammar.record_line("one", text),
        grammar.record_line("three", text, other, text),
        grammar.record_line("three", other, text, other),
        grammar.record_line("some", text),
        grammar.record_line("some", other, text),
        grammar.record_line("para", other),
        grammar.text_line(text),
    ])


def _check_values(read: grammar.StoreFile, text: str, other: str) -> None:
    assert read.version == 7
    assert read.header == {"first": text, "second": other}
    assert [(r.tag, r.fields, r.text) for r in read.records] == [
        ("one", (text,), None),
        ("three", (text, other, text), None),
        ("three", (other, text, other), None),
        ("some", (text,), None),
        ("some", (other, text), None),
        ("para", (other,), text),
    ]


@given(st.one_of(hostile, st.text(any_character)), hostile)
def test_any_value_round_trips_exactly(text: str, other: str) -> None:
    written = _value_file(text, other)
    read = grammar.read(written, "t.txt", "test", versions=(7,), keys=("first", "second"),
                        shapes=TEST_SHAPES)
    _check_values(read, text, other)


@given(hostile, hostile, editor_chains)
def test_any_value_survives_editors(text: str, other: str, chain: list[str]) -> None:
    edited = as_read(edit(_value_file(text, other), chain))
    read = grammar.read(edited, "t.txt", "test", versions=(7,), keys=("first", "second"),
                        shapes=TEST_SHAPES)
    _check_values(read, text, other)


def test_a_quoted_empty_field_is_one_empty_field() -> None:
    """`@one ""` holds one field, the empty string; `@some` with nothing after it none.
    (The reader used to drop a lone quoted empty field, so "" did not round-trip.)"""
    shapes = {"one": Shape(1), "any": Shape(2, least=0)}
    text = grammar.join(["draftkit test 1", "", grammar.record_line("one", ""),
                         grammar.record_line("any", ""), "@any", "@any   "])
    assert text.splitlines()[2] == '@one ""'
    read = grammar.read(text, "t.txt", "test", shapes=shapes)
    assert [r.fields for r in read.records] == [("",), ("",), (), ()]


# Store files --------------------------------------------------------------------------

@st.composite
def hostile_revisions(draw: st.DrawFn) -> Revision:
    """strategies.revisions(), with hostile text wherever the model allows text."""
    revision = draw(revisions())
    sections = []
    for section in revision.sections:
        number = draw(st.one_of(st.none(), trimmed.map(lambda t: t.replace("|", "/"))
                                .filter(lambda t: t not in ("", "-") and t == t.strip())))
        paragraphs = tuple(attrs.evolve(p, text=draw(paragraph_texts))
                           for p in section.paragraphs)
        sections.append(attrs.evolve(section, number=number, heading=draw(trimmed),
                                     paragraphs=paragraphs))
    return attrs.evolve(revision, issued_by=draw(trimmed),
                        note=draw(st.one_of(st.just(""), trimmed)), sections=tuple(sections),
                        symbol=draw(st.one_of(st.none(), symbols)))


@st.composite
def merge_records(draw: st.DrawFn, revision: Revision) -> MergeRecord:
    changes = draw(st.dictionaries(identifiers, st.lists(st.builds(
        lambda a, b, c, d, proposals, parties: Change(a, a + b, c, c + d, proposals, parties),
        st.integers(0, 10**6), st.integers(0, 500), st.integers(0, 10**6), st.integers(0, 500),
        st.lists(identifiers, min_size=1, max_size=3).map(tuple),
        st.lists(codes, max_size=3).map(tuple)), min_size=1, max_size=3).map(tuple),
        max_size=5))
    label = st.one_of(st.none(), hostile.filter(lambda t: t not in ("", "-")))
    labels = draw(st.lists(st.builds(Relabel, identifiers, label, label), max_size=4))
    incorporated = draw(st.lists(identifiers, min_size=0 if changes or labels else 1,
                                 max_size=6))
    assert revision.parent is not None
    return MergeRecord(Provenance(revision.name, revision.parent, changes), tuple(labels),
                       tuple(incorporated))


WORDS_NEEDED = (OperationKind.INSERT, OperationKind.REPLACE, OperationKind.ADD,
                OperationKind.REPLACE_PARAGRAPH)
anchors = st.builds(Anchor, nonempty, hostile, hostile)
events = st.builds(Event, times, hostile, hostile, hostile.filter(lambda t: t != "-"), hostile)


choice_texts = paragraph_texts.map(str.strip).filter(bool)
field_changes = st.builds(
    FieldEdit, st.one_of(st.none(), st.sampled_from(list(FieldKind))),
    st.one_of(st.none(), st.lists(choice_texts, min_size=1, max_size=4).map(tuple)),
    st.one_of(st.none(), paragraph_texts), st.one_of(st.none(), st.booleans()),
).filter(lambda edit: bool(edit.parts()))


@st.composite
def proposals(draw: st.DrawFn) -> Proposal:
    kind = draw(st.sampled_from(list(OperationKind)))
    anchor = draw(anchors) if kind.on_words else draw(st.one_of(st.none(), anchors))
    text = draw(paragraph_texts if kind in WORDS_NEEDED else
                paragraph_texts.map(str.strip).filter(bool) if kind in (
                    OperationKind.ADD_COLUMN, OperationKind.RENAME_COLUMN)
                else st.just("") if kind in (OperationKind.DELETE_COLUMN,
                                             OperationKind.MOVE_COLUMN)
                else st.one_of(st.just(""), hostile_line))
    adds_row = kind is OperationKind.ADD_ROW
    on_a_row = kind in (OperationKind.DELETE_ROW, OperationKind.MOVE_ROW)
    position = draw(st.sampled_from(list(Position)) if kind in (
        OperationKind.INSERT, OperationKind.ADD, OperationKind.MOVE, OperationKind.ADD_ROW,
        OperationKind.MOVE_ROW, OperationKind.ADD_COLUMN, OperationKind.MOVE_COLUMN)
        else st.one_of(st.none(), st.sampled_from(list(Position))))
    destination = draw(nonempty if kind in (OperationKind.MOVE, OperationKind.MOVE_ROW) or
                       adds_row or kind in COLUMN_OPERATIONS else st.one_of(st.none(), nonempty))
    row = draw(identifiers.filter(lambda r: r != destination)) if on_a_row else None
    column = draw(identifiers.filter(lambda c: c != destination)) \
        if kind is OperationKind.MOVE_COLUMN else None
    cells = tuple(draw(st.lists(st.tuples(identifiers, hostile_line), min_size=1, max_size=4)
                       .filter(lambda found: any(t.strip() for _, t in found)))) \
        if adds_row else tuple(draw(st.lists(st.tuples(identifiers, hostile_line),
                                             max_size=3))) \
        if kind is OperationKind.ADD_COLUMN else ()
    edit = draw(field_changes) if kind is OperationKind.CHANGE_FIELD else None
    return Proposal(
        id=draw(identifiers), document=draw(nonempty), revision=draw(nonempty),
        paragraph=draw(nonempty),
        operation=Operation(kind, anchor, text, position, destination, cells, row, edit,
                            column),
        proposers=tuple(draw(st.lists(codes, min_size=1, max_size=4))), created=draw(times),
        on_behalf_of=draw(st.one_of(st.none(), codes)), rationale=draw(hostile),
        label=draw(hostile), history=tuple(draw(st.lists(events, max_size=5))))


comments = st.builds(
    Comment, id=identifiers, document=nonempty, revision=nonempty, party=nonempty,
    type=st.sampled_from(list(CommentType)), text=nonempty, created=times,
    paragraph=st.one_of(st.none(), nonempty), anchor=st.one_of(st.none(), anchors),
    proposed_change=st.one_of(st.none(), nonempty), label=hostile,
    replies=st.lists(st.builds(Reply, times, hostile, hostile), max_size=4).map(tuple),
    decisions=st.lists(st.builds(Decision, times, hostile, st.sampled_from(list(Disposition)),
                                 hostile), max_size=3).map(tuple))


@st.composite
def registries(draw: st.DrawFn) -> dict[str, Party]:
    names = draw(st.lists(codes, unique=True, min_size=1, max_size=8))
    party_names = trimmed.map(lambda t: t.replace("|", "/").strip()).filter(bool)
    return {code: Party(code, draw(st.sampled_from(list(PartyKind))), draw(party_names),
                        tuple(draw(st.lists(st.sampled_from(names), max_size=4))))
            for code in names}


documents = st.builds(Document, slugs, trimmed, st.sampled_from(list(DocumentKind)),
                      symbol=st.one_of(st.none(), symbols),
                      distribution=st.one_of(st.none(), st.sampled_from(list(Distribution))),
                      original_language=st.one_of(st.none(), trimmed.filter(bool)))


@given(hostile_revisions(), editor_chains)
def test_revision_text_survives_editors(revision: Revision, chain: list[str]) -> None:
    text = format_revision(revision)
    assert format_revision(parse_revision(text, "r.txt").to_revision("r.txt")) == text
    edited = as_read(edit(text, chain))
    assert parse_revision(edited, "r.txt").to_revision("r.txt") == revision


@given(hostile_revisions().flatmap(lambda r: st.tuples(
    st.just(attrs.evolve(r, name="rev2", parent="rev1")),
    st.one_of(st.none(), merge_records(attrs.evolve(r, name="rev2", parent="rev1"))))),
    editor_chains)
def test_recorded_revision_file_survives_editors_sealed(
        made: tuple[Revision, MergeRecord | None], chain: list[str]) -> None:
    revision, record = made
    text = format_revision_file(revision, record)
    parsed = parse_revision(text, "rev2.txt")
    assert parsed.sealed is True
    assert format_revision_file(parsed.to_revision("rev2.txt"), parsed.record) == text
    edited = parse_revision(as_read(edit(text, chain)), "rev2.txt")
    assert edited.sealed is True, "the editor broke the seal"
    assert edited.to_revision("rev2.txt") == revision
    assert edited.record == record


def test_an_empty_merge_record_is_no_record() -> None:
    """A merge that would change nothing is refused (test_merge_cli); an empty record,
    were one given, writes the very file that no record writes, with no stray line."""
    revision = parse_revision((FIXTURE / "vientiane-action-plan" / "revisions" / "rev1.txt")
                              .read_text(encoding="utf-8"), "rev1.txt").to_revision("rev1.txt")
    revision = attrs.evolve(revision, name="rev2", parent="rev1")
    text = format_revision_file(revision, MergeRecord(Provenance("rev2", "rev1", {})))
    assert text == format_revision_file(revision)
    assert parse_revision(text, "rev2.txt").record is None


@given(proposals(), editor_chains)
def test_proposal_survives_editors(proposal: Proposal, chain: list[str]) -> None:
    text = format_proposal(proposal)
    assert parse_proposal(text, "p.txt") == proposal
    assert format_proposal(parse_proposal(text, "p.txt")) == text
    assert parse_proposal(as_read(edit(text, chain)), "p.txt") == proposal


@given(comments, editor_chains)
def test_comment_survives_editors(comment: Comment, chain: list[str]) -> None:
    text = format_comment(comment)
    assert parse_comment(text, "c.txt") == comment
    assert format_comment(parse_comment(text, "c.txt")) == text
    assert parse_comment(as_read(edit(text, chain)), "c.txt") == comment


@given(registries(), editor_chains)
def test_parties_survive_editors(parties: dict[str, Party], chain: list[str]) -> None:
    text = format_parties(parties)
    assert parse_parties(text, "parties.txt") == parties
    assert format_parties(parse_parties(text, "parties.txt")) == text
    assert parse_parties(as_read(edit(text, chain)), "parties.txt") == parties


@given(documents, editor_chains)
def test_document_survives_editors(document: Document, chain: list[str]) -> None:
    text = format_document(document)
    assert parse_document(text, "document.txt") == document
    assert format_document(parse_document(text, "document.txt")) == text
    assert parse_document(as_read(edit(text, chain)), "document.txt") == document


# The shipped drafts ----------------------------------------------------------------------

def _store_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.txt") if ".draftkit" not in p.parts)


def _reformat(path: Path, text: str) -> str:
    name = str(path)
    if path.name == "parties.txt":
        return format_parties(parse_parties(text, name))
    if path.name == "document.txt":
        return format_document(parse_document(text, name))
    if path.parent.name == "revisions":
        parsed = parse_revision(text, name)
        assert parsed.sealed is True
        return format_revision_file(parsed.to_revision(name), parsed.record)
    if path.parent.name == "proposals":
        return format_proposal(parse_proposal(text, name))
    assert path.parent.name == "comments"
    return format_comment(parse_comment(text, name))


def test_every_shipped_file_is_canonical() -> None:
    """Reading then writing any shipped file gives back its bytes; no line ends in
    whitespace, so an editor that strips it has nothing to strip."""
    found = _store_files(FIXTURE)
    assert len(found) > 60
    for path in found:
        data = path.read_bytes()
        lines = data.decode("utf-8").split("\n")
        assert all(line == line.rstrip() for line in lines), path
        assert _reformat(path, data.decode("utf-8")).encode("utf-8") == data, path


def _everything(drafts: Drafts) -> dict[str, object]:
    seen: dict[str, object] = {"parties": drafts.parties(), "documents": drafts.documents()}
    for document in drafts.documents():
        seen[f"{document.id} revisions"] = [
            (r, drafts.merge_record(document.id, r.name)) for r in drafts.revisions(document.id)]
        seen[f"{document.id} proposals"] = drafts.proposals(document.id)
        seen[f"{document.id} comments"] = drafts.comments(document.id)
    return seen


def _merged_copy(root: Path) -> Drafts:
    """A copy of the shipped drafts with a revision made by merge --into (a merge record)."""
    drafts = open_drafts(root)
    document = "vientiane-action-plan"
    accepted = drafts.proposals(document, status="accepted")
    assert accepted
    result = drafts.merge(document, "rev2", accepted, skip_stale=True, bracket=True,
                          date=dt.date(2010, 10, 20), reopen=True)
    assert result.revision is not None and drafts.merge_record(document, "rev2") is not None
    return drafts


@pytest.mark.parametrize("chain", [[name] for name in sorted(EDITORS)] + [
    ["rstrip (all of str.isspace)", "CRLF", "BOM", "no final newline"],
    ["BOM", "CRLF", "splitlines and rstrip", "extra final newline"],
], ids=lambda chain: " + ".join(chain))
def test_the_shipped_drafts_mean_the_same_after_an_editor(tmp_path: Path,
                                                          chain: list[str]) -> None:
    """Every file of the shipped drafts (and a merged revision) edited at once: the store
    reads the same parties, documents, revisions, merge records, proposals, comments."""
    root = tmp_path / "drafts"
    shutil.copytree(FIXTURE, root)
    before = _everything(_merged_copy(root))
    for path in _store_files(root):
        path.write_bytes(edit(path.read_bytes().decode("utf-8"), chain).encode("utf-8"))
    assert _everything(open_drafts(root)) == before


# Errors, each named by file and line --------------------------------------------------

DOCUMENT = "draftkit document 2\nid: test-doc\ntitle: {title}\nkind: other\n"


@pytest.mark.parametrize(("text", "line", "message"), [
    (DOCUMENT.format(title="Tit\rle"), 3, "a carriage return inside a line"),
    ("draftkit document 2\r\nid: test-doc\r\ntitle: T\rx\r\nkind: other\r\n", 3,
     "a carriage return inside a line"),
    (DOCUMENT.format(title="\rA"), 3, "a carriage return inside a line"),
    (DOCUMENT.format(title='"bad \\q escape"'), 3, "a quoted value with a bad escape"),
    (DOCUMENT.format(title='"\\u12"'), 3, "a quoted value with a bad escape"),
    (DOCUMENT.format(title='"\\ud800"'), 3, "a quoted value with a lone surrogate"),
    (DOCUMENT.format(title='"no closing quote'), 3, "without its closing quote"),
    (DOCUMENT.format(title='"ends in a backslash\\"'), 3, "without its closing quote"),
    (DOCUMENT.format(title='"quoted" then more'), 3, "text after the closing quote"),
    ("draftkit proposal 2\nid: test-doc\n", 1, "expected first line 'draftkit document 2'"),
    ("draftkit document\nid: test-doc\n", 1, "expected first line 'draftkit document 2'"),
    ("", 1, "expected first line 'draftkit document 2'"),
    ("draftkit document 1\nid: test-doc\ntitle: T\nkind: other\n\n@revision zero-draft "
     "sha256:00\n", 1, "draftkit document format 1 is not one this draftkit reads"),
    ("draftkit document 3\nid: test-doc\n", 1, "format 3 is not one this draftkit reads"),
])
def test_document_errors_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError, match=message) as caught:
        parse_document(text, "drafts/test-doc/document.txt")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"drafts/test-doc/document.txt:{line}: ")


PARTIES = "draftkit parties 2\n\n@party NOR | state | Norway\n{record}\n"


@pytest.mark.parametrize(("record", "message"), [
    ('@party "CHL | state | Chile', "without its closing quote"),
    ('@party "CHL" state | Chile', "expected '|' after a quoted field"),
    ('@party CHL | state | "Ch\\xile"', "a quoted value with a bad escape"),
    ("@party CHL | state", "@party takes 3 to 4 fields separated by ' | ', not 2"),
    ("@party CHL | state | Chi\rle", "a carriage return inside a line"),
    ("CHL | state | Chile", "expected a record line starting with one of @party"),
])
def test_record_errors_name_file_and_line(record: str, message: str) -> None:
    with pytest.raises(FormatError, match=message) as caught:
        parse_parties(PARTIES.format(record=record), "drafts/parties.txt")
    assert str(caught.value).startswith("drafts/parties.txt:4: ")


@pytest.mark.parametrize(("kind", "parse"), [
    ("revision", lambda t: parse_revision(t, "f.txt")),
    ("proposal", lambda t: parse_proposal(t, "f.txt")),
    ("comment", lambda t: parse_comment(t, "f.txt")),
    ("parties", lambda t: parse_parties(t, "f.txt")),
])
def test_format_version_1_is_refused_by_every_kind(kind: str,
                                                   parse: Callable[[str], object]) -> None:
    with pytest.raises(FormatError, match=f"draftkit {kind} format 1 is not one") as caught:
        parse(f"draftkit {kind} 1\n")
    assert str(caught.value).startswith("f.txt:1: ")


def test_a_lone_carriage_return_in_a_paragraph_names_its_line() -> None:
    text = ("draftkit revision 2\ndocument: d\nname: r\ndate: 2010-01-01\nissued-by: P\n\n"
            "@section s | - | H\n\n@para aaaaaa | OP1 | open\nOne\rtwo\n")
    with pytest.raises(FormatError, match="carriage return") as caught:
        parse_revision(text, "r.txt")
    assert caught.value.line == 10


def test_an_edit_to_a_value_breaks_the_seal() -> None:
    """Editors change nothing; a change of meaning (here one space inside a quoted value,
    which the grammar keeps) is caught by the seal."""
    revision = parse_revision((FIXTURE / "vientiane-action-plan" / "revisions" / "rev1.txt")
                              .read_text(encoding="utf-8"), "rev1.txt")
    text = format_revision_file(revision.to_revision("rev1.txt"), revision.record)
    first = next(line for line in text.splitlines() if line.startswith("The "))
    edited = text.replace(first, f'" {first}"', 1)
    assert parse_revision(edited, "rev1.txt").sealed is False
    unsealed = text[:text.rindex("\n\n@sha256") + 1]
    assert parse_revision(unsealed, "rev1.txt").sealed is None

