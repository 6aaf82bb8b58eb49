"""Document metadata (symbol, distribution, original language) in the store, and the
first-page block derived from it (`draftkit.masthead`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from conftest import SHIPPED, make_revision, snapshot
from conftest import run_strict as run
from draftkit.api import open_drafts
from draftkit.errors import FormatError
from draftkit.masthead import long_date, masthead, revision_symbol
from draftkit.model import Distribution, Document, DocumentKind, RevisionKind
from draftkit.store.registry_format import format_document, parse_document
from draftkit.store.revision_format import format_revision_file, parse_revision

PLAN = "vientiane-action-plan"
DECLARATION = "political-declaration"
BASE = Document("test-doc", "Test declaration", DocumentKind.DECLARATION,
                symbol="CCM/MSP/2010/WP.1", distribution=Distribution.GENERAL,
                original_language="English")


def test_the_shipped_drafts_carry_symbols_and_each_revision_its_own() -> None:
    drafts = open_drafts(SHIPPED)
    assert drafts.masthead(DECLARATION, "zero-draft").lines() == (
        "CCM/MSP/2010/WP.1", "Distr.: General", "1 June 2010", "Original: English")
    assert drafts.masthead(DECLARATION, "rev1").lines() == (
        "CCM/MSP/2010/WP.1/Rev.1", "Distr.: General", "20 August 2010", "Original: English")
    assert drafts.masthead(PLAN, "rev1").symbol == "CCM/MSP/2010/WP.2/Rev.1"


def test_symbols_are_derived_from_the_revision_name_and_kind() -> None:
    zero = attrs.evolve(make_revision([("a", "OP1", "Text.")]), kind=RevisionKind.ZERO_DRAFT)
    rev = attrs.evolve(zero, name="rev12", parent="zero-draft", kind=RevisionKind.REV)
    paper = attrs.evolve(rev, name="friday-text", kind=RevisionKind.CHAIRS_NON_PAPER)
    adopted = attrs.evolve(rev, name="adopted", kind=RevisionKind.AS_ADOPTED)
    assert revision_symbol(BASE, zero) == "CCM/MSP/2010/WP.1"
    assert revision_symbol(BASE, rev) == "CCM/MSP/2010/WP.1/Rev.12"
    assert revision_symbol(BASE, paper) is None  # a non-paper is not a formal revision
    assert revision_symbol(BASE, adopted) is None  # not derivable: it must say its own
    assert revision_symbol(BASE, attrs.evolve(adopted, symbol="CCM/MSP/2010/5")) == \
        "CCM/MSP/2010/5"
    assert revision_symbol(attrs.evolve(BASE, symbol=None), rev) is None
    bare = masthead(attrs.evolve(BASE, symbol=None, distribution=None,
                                 original_language=None), rev)
    assert bare.lines() == ("1 June 2010",)


def test_long_dates_are_the_same_in_every_locale() -> None:
    assert long_date(dt.date(2010, 11, 9)) == "9 November 2010"
    assert long_date(dt.date(2010, 1, 31)) == "31 January 2010"


def test_an_old_document_txt_keeps_its_bytes_and_the_new_keys_round_trip() -> None:
    old = "draftkit document 2\nid: test-doc\ntitle: Test declaration\nkind: declaration\n"
    assert format_document(parse_document(old, "document.txt")) == old
    text = format_document(BASE)
    assert "symbol: CCM/MSP/2010/WP.1\ndistribution: general\noriginal-language: English\n" \
        in text
    assert parse_document(text, "document.txt") == BASE


def test_an_unknown_distribution_names_its_line() -> None:
    text = format_document(BASE).replace("distribution: general", "distribution: secret")
    with pytest.raises(FormatError) as caught:
        parse_document(text, "drafts/test-doc/document.txt")
    assert str(caught.value).startswith("drafts/test-doc/document.txt:6: distribution is not")


def test_a_bad_symbol_is_a_format_error() -> None:
    text = format_document(BASE).replace("WP.1", "WP 1")
    with pytest.raises(FormatError, match="not a document symbol"):
        parse_document(text, "document.txt")


def test_a_revision_without_a_symbol_keeps_its_seal_and_one_with_it_round_trips() -> None:
    for path in sorted(SHIPPED.glob("*/revisions/*.txt")):
        text = path.read_text(encoding="utf-8")
        assert "\nsymbol:" not in text
        assert parse_revision(text, str(path)).sealed
    own = attrs.evolve(make_revision([("a", "OP1", "Text.")]), symbol="CCM/MSP/2010/5")
    text = format_revision_file(own)
    assert "\nsymbol: CCM/MSP/2010/5\n" in text
    parsed = parse_revision(text, "r.txt")
    assert parsed.sealed and parsed.to_revision("r.txt") == own


def test_new_records_the_metadata_and_revise_an_own_symbol(copy: Path, tmp_path: Path) -> None:
    source = tmp_path / "text.txt"
    source.write_text("I. Operative part\n\nOP1 Decide to meet again.\n", encoding="utf-8")
    code, _, err = run(copy, "new", "meeting-report", "--title", "Report", "--kind", "other",
                       "--from", str(source), "--date", "2010-11-12", "--symbol",
                       "CCM/MSP/2010/L.1", "--distribution", "limited",
                       "--original-language", "English")
    assert code == 0, err
    text = (copy / "meeting-report" / "document.txt").read_text(encoding="utf-8")
    assert "symbol: CCM/MSP/2010/L.1\ndistribution: limited\noriginal-language: English\n" \
        in text
    exported = tmp_path / "export.txt"
    assert run(copy, "export", "meeting-report", "-o", str(exported))[0] == 0
    code, _, err = run(copy, "revise", "meeting-report", "--from", str(exported), "--name",
                       "as-adopted", "--kind", "as-adopted", "--date", "2010-11-12",
                       "--symbol", "CCM/MSP/2010/5")
    assert code == 0, err
    drafts = open_drafts(copy)
    assert drafts.masthead("meeting-report").lines() == (
        "CCM/MSP/2010/5", "Distr.: Limited", "12 November 2010", "Original: English")
    assert drafts.masthead("meeting-report", "zero-draft").symbol == "CCM/MSP/2010/L.1"
    # an export of the adopted text, revised again, does not inherit its symbol
    assert run(copy, "export", "meeting-report", "-o", str(exported))[0] == 0
    assert run(copy, "revise", "meeting-report", "--from", str(exported), "--name", "rev1",
               "--date", "2010-11-13")[0] == 0
    assert open_drafts(copy).masthead("meeting-report", "rev1").symbol == \
        "CCM/MSP/2010/L.1/Rev.1"


def test_a_bad_symbol_on_the_command_line_is_refused_with_nothing_written(
        copy: Path, tmp_path: Path) -> None:
    source = tmp_path / "text.txt"
    source.write_text("I. Operative part\n\nOP1 Decide.\n", encoding="utf-8")
    before = snapshot(copy)
    code, _, err = run(copy, "new", "other-doc", "--title", "Other", "--kind", "other",
                         "--from", str(source), "--date", "2010-11-12", "--symbol", "no good")
    assert code == 2 and len(err.splitlines()) == 1 and "not a document symbol" in err
    assert snapshot(copy) == before


def test_the_json_export_carries_the_metadata_additively() -> None:
    code, out, _ = run(SHIPPED, "export", DECLARATION, "--rev", "rev1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["document"]["symbol"] == "CCM/MSP/2010/WP.1"
    assert data["document"]["distribution"] == "general"
    assert data["document"]["original_language"] == "English"
    assert data["revision"]["symbol"] == "CCM/MSP/2010/WP.1/Rev.1"
    assert data["revision"]["name"] == "rev1"  # the old keys stay


def test_the_markdown_export_opens_with_the_block_and_leaves_parentheses_alone() -> None:
    code, out, _ = run(SHIPPED, "export", DECLARATION, "--rev", "rev1", "--format", "markdown")
    assert code == 0
    assert out.startswith("CCM/MSP/2010/WP.1/Rev.1\\\nDistr.: General\\\n20 August 2010\\\n"
                          "Original: English\n\n# ")
    assert "(Lao PDR)" in out and "\\(" not in out
