"""Addresses inside tables ("Form B, row 3, column Quantity") and tables on the terminal."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from draftkit.api import Drafts
from draftkit.cli import cli
from draftkit.errors import NotFoundError
from draftkit.form import FieldKind, FormField
from draftkit.labels import Label
from draftkit.model import Paragraph, Revision, Section
from draftkit.table import Column, Row, Table

STOCKS = Table((Column("type", "Type"), Column("qty", "Quantity")),
               (Row("r1", ("M26 [rocket]", "1 200")), Row("r2", ("مرحبا", "")),
                Row("r3", ("BLU-97", "40"))))


def form_revision() -> Revision:
    return Revision(document="test-doc", name="zero-draft", date=dt.date(2010, 6, 1),
                    issued_by="Presidency", sections=(
                        Section("forma", "Form A", "National implementation", (
                            Paragraph("pa1", Label.parse("A1"), "Measures taken"),)),
                        Section("formb", "Form B", "Stockpiles", (
                            Paragraph("pb1", Label.parse("B1"), "Changed since last report?",
                                      form=FormField(FieldKind.CHOICE,
                                                     ("changed", "unchanged"), "Tick one.",
                                                     voluntary=True)),
                            Paragraph("pb2", Label.parse("B2"), "Stocks by type",
                                      table=STOCKS)))))


def test_addresses_name_rows_and_columns_by_identity(empty_store: Drafts) -> None:
    empty_store.record(form_revision())
    place = empty_store.table_place("test-doc", "Form B, row 3, column Quantity")
    assert (place.paragraph.id, place.row, place.column) == ("pb2", "r3", "qty")
    assert empty_store.table_place("test-doc", "B2, column quantity").column == "qty"
    assert empty_store.table_place("test-doc", "form b , row #r2").row == "r2"
    assert empty_store.table_place("test-doc", "B2, column 1").column == "type"
    assert empty_store.paragraph("test-doc", "Form B, row 1", inside_tables=True).id == "pb2"
    with pytest.raises(NotFoundError, match="cannot name a row or column yet"):
        empty_store.paragraph("test-doc", "Form B, row 1")  # what proposals and comments use


@pytest.mark.parametrize(("address", "message"), [
    ("Form B, row 4", "no row 4 in Form B: it has 3 rows"),
    ("Form B, column Lots", "no column 'Lots' in Form B (its columns: Type; Quantity)"),
    ("Form A, row 1", "Form A. National implementation holds 0 tables"),
    ("B1, row 1", "B1 of Zero draft is not a table"),
    ("Form Z, row 1", "no paragraph or section 'Form Z'"),
    ("B2, line 2", "not a row or column: 'line 2'"),
    ("B2, row #zz", "no row with id 'zz' in B2"),
])
def test_unknown_places_are_named(empty_store: Drafts, address: str, message: str) -> None:
    empty_store.record(form_revision())
    with pytest.raises(NotFoundError) as error:
        empty_store.table_place("test-doc", address)
    assert message in str(error.value)


def test_show_draws_tables_and_fields(empty_store: Drafts) -> None:
    empty_store.record(form_revision())
    result = CliRunner().invoke(cli, ["--drafts", str(empty_store.root), "show", "test-doc",
                                      "--para", "Form B, row 2"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if "Type" in line)
    rocket = next(line for line in lines if "M26 [rocket]" in line)
    assert header.index("Quantity") == rocket.index("1 200")  # aligned columns
    assert "Changed since last report?" not in result.output  # only the table asked for
    result = CliRunner().invoke(cli, ["--drafts", str(empty_store.root), "show", "test-doc"])
    assert "☐ changed  ☐ unchanged  (voluntary)" in result.output
    assert "Tick one." in result.output


def test_show_of_an_unknown_row_is_one_line_exit_2(empty_store: Drafts) -> None:
    empty_store.record(form_revision())
    result = CliRunner().invoke(cli, ["--drafts", str(empty_store.root), "show", "test-doc",
                                      "--para", "Form B, row 9"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
