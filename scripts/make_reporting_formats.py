"""Create the shipped reporting-formats document: its zero draft and Rev.1 (run it once).

    .venv/bin/python scripts/make_reporting_formats.py [DRAFTS_FOLDER]

The third outcome document prepared for 1MSP: the forms in which each State Party
makes its transparency report under Article 7 of the Convention on Cluster
Munitions (an initial report within 180 days of entry into force for it, then an
update by 30 April each year covering the previous calendar year). Forms A to J,
each opening with a "changed / unchanged (last reported: year)" choice, with
tables a desk officer fills in and voluntary fields marked. The wording is the
sample's own, written for draftkit, not the text adopted in 2010.

The document is created as `draftkit new` creates one (`store.setup.create_document`,
one commit), but with its meetings and deadlines (the calendar of the other two
documents) in `document.txt` and its zero draft's meeting, which `new` does not take;
Rev.1 is recorded through the public API (`Drafts.record`): ids are real, files sealed. Row ids are
random like paragraph ids; column ids are words, which a person editing the file
reads more easily. The script refuses a folder that already holds the document.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs

from draftkit import open_drafts
from draftkit.form import FieldKind, FormField
from draftkit.identity import new_id
from draftkit.labels import Label
from draftkit.model import (
    Deadline,
    Distribution,
    Document,
    DocumentKind,
    Meeting,
    Paragraph,
    Revision,
    RevisionKind,
    Section,
)
from draftkit.store.setup import create_document
from draftkit.table import Column, Row, Table

DOC = "reporting-formats"
TITLE = "Reporting formats for transparency reports under Article 7"
ISSUER = "Presidency (Lao PDR)"
REPO_DRAFTS = Path(__file__).resolve().parent.parent / "drafts"
MEETINGS = (
    Meeting("santiago-2010", "Global Conference on the Convention on Cluster Munitions",
            "Santiago, Chile", dt.date(2010, 6, 7), dt.date(2010, 6, 9)),
    Meeting("prepcom-2010", "Preparatory Meeting", "Geneva, Switzerland",
            dt.date(2010, 9, 6), dt.date(2010, 9, 6)),
    Meeting("1msp", "First Meeting of States Parties", "Vientiane, Lao PDR",
            dt.date(2010, 11, 9), dt.date(2010, 11, 12)),
)
DEADLINES = (
    Deadline(dt.date(2010, 7, 16), "prepcom-2010", "Written input on the zero draft"),
    Deadline(dt.date(2010, 9, 24), "1msp", "Written proposals on Rev.1"),
)
CHANGED = ("changed", "unchanged (last reported: year)")
CHANGED_HELP = ("Tick one box. If nothing has changed since an earlier report, give the "
                "calendar year of that report and leave the rest of the form blank.")

taken: set[str] = set()


def fresh() -> str:
    identity = new_id(taken)
    taken.add(identity)
    return identity


def text(label: str | None, words: str) -> Paragraph:
    return Paragraph(fresh(), Label.parse(label) if label else None, words)


def field(label: str, question: str, kind: FieldKind, *, choices: tuple[str, ...] = (),
          instructions: str = "", voluntary: bool = False) -> Paragraph:
    return Paragraph(fresh(), Label.parse(label), question,
                     form=FormField(kind, choices, instructions, voluntary))


def changed(label: str) -> Paragraph:
    return field(label, "Has the information in this form changed since the previous report?",
                 FieldKind.CHOICE, choices=CHANGED, instructions=CHANGED_HELP)


def table(label: str, caption: str, columns: list[tuple[str, str]],
          rows: list[tuple[str, ...]] | int) -> Paragraph:
    """A table; `rows` either pre-filled (the first cells given, the rest blank) or a
    number of blank rows for the reporting State to fill in."""
    width = len(columns)
    body = [("",) * width] * rows if isinstance(rows, int) else \
        [(*cells, *("",) * (width - len(cells))) for cells in rows]
    return Paragraph(fresh(), Label.parse(label), caption, table=Table(
        tuple(Column(i, h) for i, h in columns), tuple(Row(fresh(), r) for r in body)))


def form(letter: str, heading: str, *paragraphs: Paragraph) -> Section:
    return Section(fresh(), f"Form {letter}", heading, paragraphs)


def zero_draft() -> Revision:
    sections = (
        Section(fresh(), None, "Cover page", (
            text(None, "Each State Party submits an initial report no later than 180 days "
                       "after the Convention enters into force for it, and thereafter an "
                       "annual update, no later than 30 April, covering the previous "
                       "calendar year."),
            field("1", "State Party", FieldKind.TEXT),
            field("2", "Type of report", FieldKind.CHOICE,
                  choices=("initial report", "annual update")),
            field("3", "Reporting period: from", FieldKind.DATE),
            field("4", "Reporting period: to", FieldKind.DATE),
            field("5", "Date of submission", FieldKind.DATE),
            table("6", "Point of contact for this report",
                  [("name", "Name"), ("organisation", "Organisation"),
                   ("telephone", "Telephone"), ("email", "E-mail")], 1),
        )),
        form("A", "National implementation measures",
             changed("A1"),
             table("A2", "Legal, administrative and other measures taken",
                   [("measure", "Type of measure"), ("title", "Title and reference"),
                    ("date", "Date adopted"), ("summary", "Summary")],
                   [("Legislation",), ("Regulations",), ("Administrative measures",)]),
             field("A3", "Additional information", FieldKind.TEXT, voluntary=True)),
        form("B", "Stockpiled cluster munitions",
             changed("B1"),
             field("B2", "Does the State Party own or possess stockpiled cluster munitions?",
                   FieldKind.YES_NO),
             table("B3", "Cluster munitions stockpiled, by type",
                   [("type", "Type of cluster munition"), ("quantity", "Quantity"),
                    ("submunitions", "Explosive submunitions per munition")], 3),
             field("B4", "Lot numbers of the cluster munitions stockpiled", FieldKind.TEXT,
                   instructions="Give the lot numbers by type, where known.",
                   voluntary=True),
             table("B5", "Cluster munitions retained or transferred for permitted purposes",
                   [("type", "Type"), ("retained", "Number retained"),
                    ("transferred", "Number transferred"), ("purpose", "Purpose")], 2)),
        form("C", "Technical characteristics",
             changed("C1"),
             table("C2", "Technical characteristics of each type of cluster munition "
                         "produced, owned or possessed",
                   [("type", "Type"), ("dimensions", "Dimensions"),
                    ("fuzing", "Fuzing"), ("explosive", "Explosive content")], 2),
             field("C3", "Photographs or diagrams attached", FieldKind.YES_NO,
                   voluntary=True)),
        form("D", "Production facilities",
             changed("D1"),
             table("D2", "Conversion or decommissioning of production facilities",
                   [("facility", "Facility"), ("location", "Location"),
                    ("status", "Status"), ("progress", "Progress made")], 2)),
        form("E", "Stockpile destruction",
             changed("E1"),
             table("E2", "Programmes for the destruction of cluster munitions",
                   [("site", "Site"), ("method", "Method"),
                    ("standards", "Safety and environmental standards"),
                    ("progress", "Progress made")], 2),
             table("E3", "Cluster munitions destroyed during the reporting period",
                   [("type", "Type"), ("quantity", "Quantity destroyed"),
                    ("lots", "Lot numbers")], 3)),
        form("F", "Contaminated areas",
             changed("F1"),
             table("F2", "Areas contaminated by cluster munition remnants",
                   [("area", "Area"), ("location", "Location"), ("size", "Size (m²)"),
                    ("status", "Suspected or confirmed")], 3)),
        form("G", "Clearance",
             changed("G1"),
             table("G2", "Clearance and destruction of cluster munition remnants",
                   [("area", "Area"), ("cleared", "Area cleared (m²)"),
                    ("destroyed", "Remnants destroyed"), ("date", "Date completed")], 3)),
        form("H", "Risk reduction education",
             changed("H1"),
             field("H2", "Risk reduction education programmes carried out", FieldKind.TEXT,
                   instructions="Describe the programmes, the areas and the people "
                                "they reached.")),
        form("I", "Victim assistance",
             changed("I1"),
             table("I2", "Assistance to cluster munition victims",
                   [("area", "Area of assistance"), ("measures", "Measures taken"),
                    ("progress", "Progress made")],
                   [("Data collection",), ("Medical care",), ("Rehabilitation",),
                    ("Psychological support",), ("Social and economic inclusion",)]),
             field("I3", "National focal point for victim assistance", FieldKind.TEXT)),
        form("J", "Resources, cooperation and assistance",
             changed("J1"),
             field("J2", "National resources allocated to implementation",
                   FieldKind.NUMBER, instructions="Amount in the national currency.",
                   voluntary=True),
             table("J3", "International cooperation and assistance provided or received",
                   [("partner", "Partner"), ("type", "Type of assistance"),
                    ("amount", "Amount"), ("purpose", "Purpose")], 3)),
    )
    return Revision(document=DOC, name="zero-draft", date=dt.date(2010, 6, 1),
                    issued_by=ISSUER, kind=RevisionKind.ZERO_DRAFT, meeting="santiago-2010",
                    note="Zero draft of the reporting formats, circulated before the Global "
                         "Conference in Santiago, Chile.", sections=sections)


def rev1(zero: Revision) -> Revision:
    """Rev.1 as issued for the Geneva meeting: what the written input on the zero draft
    changed, cell by cell."""
    def changed_paragraph(paragraph: Paragraph) -> Paragraph:
        label = str(paragraph.label)
        if label == "A2" and paragraph.table is not None:
            rows = [attrs.evolve(r, cells=("Administrative and other measures", *r.cells[1:]))
                    if r.cells[0] == "Administrative measures" else r
                    for r in paragraph.table.rows]
            return attrs.evolve(paragraph, table=attrs.evolve(paragraph.table, rows=tuple(rows)))
        if label == "B3" and paragraph.table is not None:
            columns = (paragraph.table.columns[0],
                       Column("quantity", "Number of cluster munitions"),
                       Column("submunitions", "Number of explosive submunitions"),
                       Column("location", "Storage location"))
            rows = tuple(Row(r.id, (*r.cells, "")) for r in paragraph.table.rows)
            rows += (Row(fresh(), ("Total", "", "", "")),)
            return attrs.evolve(paragraph, text="Cluster munitions and explosive submunitions "
                                                "stockpiled, by type",
                                table=Table(columns, rows))
        if label == "H2":
            return attrs.evolve(paragraph, form=attrs.evolve(
                paragraph.form, instructions="Describe the programmes, the areas, the people "
                                             "they reached, by age and sex where possible."))
        if label == "I2" and paragraph.table is not None:
            table = paragraph.table
            rows = [attrs.evolve(r, cells=("Psychological and psychosocial support",
                                           *r.cells[1:]))
                    if r.cells[0] == "Psychological support" else r for r in table.rows]
            rows.insert(0, Row(fresh(), ("Laws and policies", "", "")))
            return attrs.evolve(paragraph, table=attrs.evolve(table, rows=tuple(rows)))
        if label == "J2":
            return attrs.evolve(paragraph, form=attrs.evolve(paragraph.form, voluntary=False))
        return paragraph

    sections = []
    for section in zero.sections:
        paragraphs = [changed_paragraph(p) for p in section.paragraphs]
        if section.number == "Form H":
            paragraphs.append(field("H3", "Immediate warnings given to affected communities",
                                    FieldKind.YES_NO, voluntary=True))
        sections.append(attrs.evolve(section, paragraphs=tuple(paragraphs)))
    return attrs.evolve(zero, name="rev1", parent="zero-draft", date=dt.date(2010, 8, 27),
                        kind=RevisionKind.REV, meeting="prepcom-2010",
                        note="Rev.1, taking account of the written input on the zero draft, "
                             "for the preparatory meeting in Geneva.", sections=tuple(sections))


def main(root: Path) -> None:
    drafts = open_drafts(root)
    if DOC in {d.id for d in drafts.documents()}:
        raise SystemExit(f"{root / DOC} exists already")
    document = Document(DOC, TITLE, DocumentKind.OTHER, MEETINGS, DEADLINES,
                        distribution=Distribution.GENERAL, original_language="English")
    create_document(root, document, zero_draft())  # what `draftkit new` does, with meetings
    drafts = open_drafts(root)
    drafts.record(rev1(drafts.revision(DOC, "zero-draft")))
    print(f"{root / DOC}: zero-draft and rev1 recorded; `draftkit check` should be clean")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_DRAFTS)
