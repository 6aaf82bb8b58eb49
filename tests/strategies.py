"""Hypothesis strategies for draftkit values: Unicode-heavy, brackets included."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from draftkit.form import FieldEdit, FieldKind, FormField
from draftkit.labels import Label
from draftkit.model import Paragraph, Revision, Section, Status
from draftkit.table import Column, Row, Table

# Brackets, right-to-left scripts (Arabic, Hebrew), astral characters, accents.
SPICE = ["[", "]", "[EU: delete]", "[bold]", "مرحبا", "שלום", "𝔘𝔫𝔦", "😀", "é", "ñ", "ລາວ",
         "<script>", "&amp;", "|", "@para", "  ", "\t", "\u200f", "\u2028", "#"]

line_characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r")
one_line = st.text(line_characters, max_size=40)
spiced = st.lists(st.one_of(one_line, st.sampled_from(SPICE)), max_size=6).map("".join)
paragraph_text = spiced.filter(lambda text: bool(text.strip()))
trimmed = spiced.map(str.strip).filter(bool)
identifier = st.text(string.ascii_lowercase + string.digits, min_size=6, max_size=6)

labels = st.builds(
    Label,
    st.sampled_from(["", "OP", "PP", "Action", "Recital"]),
    st.lists(st.integers(0, 120), min_size=1, max_size=2).map(tuple),
    st.lists(st.integers(2, 25), max_size=2).map(tuple),
)


cell_text = st.one_of(st.just(""), spiced)


@st.composite
def tables(draw: st.DrawFn, max_columns: int = 4, max_rows: int = 5) -> Table:
    """A table with hostile headings and cells (empty ones included)."""
    ids = draw(st.lists(identifier, unique=True, min_size=max_columns + max_rows,
                        max_size=max_columns + max_rows))
    width = draw(st.integers(1, max_columns))
    columns = tuple(Column(ids[i], draw(trimmed)) for i in range(width))
    rows = tuple(Row(ids[max_columns + i], tuple(draw(cell_text) for _ in columns))
                 for i in range(draw(st.integers(0, max_rows))))
    return Table(columns, rows)


@st.composite
def form_fields(draw: st.DrawFn) -> FormField:
    kind = draw(st.sampled_from(list(FieldKind)))
    choices = tuple(draw(st.lists(trimmed, unique=True, min_size=2, max_size=4))) \
        if kind is FieldKind.CHOICE else ()
    return FormField(kind, choices, draw(st.one_of(st.just(""), spiced)), draw(st.booleans()))


@st.composite
def revisions(draw: st.DrawFn, max_paragraphs: int = 12, contents: bool = False) -> Revision:
    """A revision; with `contents`, some of its paragraphs are tables or form fields."""
    ids = draw(st.lists(identifier, unique=True, min_size=max_paragraphs + 4,
                        max_size=max_paragraphs + 4))
    used_labels = draw(st.lists(labels, unique=True, max_size=max_paragraphs))
    sections = []
    count = draw(st.integers(0, max_paragraphs))
    per_section = draw(st.lists(st.integers(0, count), min_size=1, max_size=3))
    next_id = iter(ids)
    label_pool = iter(used_labels)
    for size in per_section:
        paragraphs = tuple(
            Paragraph(next(next_id), next(label_pool, None), draw(paragraph_text),
                      draw(st.sampled_from(list(Status))), **draw(_contents(contents)))
            for _ in range(min(size, 4))
        )
        number = draw(st.one_of(st.none(), st.sampled_from(["I", "IV", "3", "A"])))
        sections.append(Section(next(next_id), number, draw(trimmed), paragraphs))
    return Revision(
        document="test-doc",
        name=draw(st.sampled_from(["zero-draft", "rev1", "rev2", "final"])),
        date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
        issued_by=draw(trimmed),
        parent=draw(st.one_of(st.none(), st.just("zero-draft"))),
        note=draw(st.one_of(st.just(""), trimmed)),
        sections=tuple(sections),
    )


def _contents(wanted: bool) -> st.SearchStrategy[dict[str, Table | FormField | None]]:
    if not wanted:
        return st.just({})
    return st.one_of(st.just({}), tables().map(lambda t: {"table": t}),
                     form_fields().map(lambda f: {"form": f}))


# Word soup: texts from a small vocabulary, so that two of them share words,
# repeat them, and mix brackets, right-to-left and astral characters.
VOCABULARY = ["the ", "States ", "Parties ", "shall ", "[", "]", "[EU: delete] ", ", ", ". ",
              "مرحبا ", "بالعالم", "שלום ", "𝔘𝔫𝔦 ", "😀", "ລາວ ", "é", "会议", "\u200f",
              "  ", "<script>", "as soon as possible", "without delay "]
word_soup = st.lists(st.one_of(st.sampled_from(VOCABULARY), one_line), max_size=30).map("".join)


@st.composite
def revision_pairs(draw: st.DrawFn) -> tuple[Revision, Revision]:
    """A revision and a later one made from it: paragraphs kept, edited, relabelled,
    given a new status, deleted, inserted, moved; sections renamed or dropped."""
    import attrs

    before = draw(revisions())
    fresh = iter(draw(st.lists(identifier.map(lambda i: "N" + i[1:]), unique=True,
                               min_size=20, max_size=20)))
    taken_labels = {p.label for p in before.paragraphs() if p.label is not None}
    sections = []
    for section in before.sections:
        if draw(st.integers(0, 9)) == 0:
            continue
        paragraphs = []
        for paragraph in section.paragraphs:
            action = draw(st.sampled_from(["keep", "edit", "relabel", "status", "delete"]))
            if action == "edit":
                paragraph = attrs.evolve(paragraph, text=draw(paragraph_text))
            elif action == "relabel":
                label = draw(labels)
                if label not in taken_labels:
                    taken_labels.add(label)
                    paragraph = attrs.evolve(paragraph, label=label)
            elif action == "status":
                paragraph = attrs.evolve(paragraph, status=draw(st.sampled_from(list(Status))))
            if action != "delete":
                paragraphs.append(paragraph)
        for _ in range(draw(st.integers(0, 2))):
            new = Paragraph(next(fresh), None, draw(paragraph_text))
            paragraphs.insert(draw(st.integers(0, len(paragraphs))), new)
        heading = draw(st.one_of(st.just(section.heading), trimmed))
        sections.append(attrs.evolve(section, heading=heading, paragraphs=tuple(paragraphs)))
    if draw(st.booleans()):
        sections.append(Section(next(fresh), None, draw(trimmed), ()))
    everything = [p for s in sections for p in s.paragraphs]
    if len(everything) > 1 and draw(st.booleans()):
        moved = everything.pop(draw(st.integers(0, len(everything) - 1)))
        target = draw(st.integers(0, len(sections) - 1))
        at = draw(st.integers(0, len(sections[target].paragraphs)))
        sections = [attrs.evolve(s, paragraphs=tuple(p for p in s.paragraphs if p is not moved))
                    for s in sections]
        inside = list(sections[target].paragraphs)
        inside.insert(min(at, len(inside)), moved)
        sections[target] = attrs.evolve(sections[target], paragraphs=tuple(inside))
    after = attrs.evolve(before, name="rev9", parent=before.name, sections=tuple(sections))
    return before, after


@st.composite
def field_edits(draw: st.DrawFn, form: FormField) -> FieldEdit:
    """A change of `form` that fits it: some of its parts proposed anew (perhaps as they
    stand), at least one."""
    kind = draw(st.one_of(st.none(), st.sampled_from(list(FieldKind))))
    now = kind or form.kind
    choices = None
    if now is FieldKind.CHOICE and ((kind is not None and form.kind is not FieldKind.CHOICE)
                                    or draw(st.booleans())):
        choices = tuple(draw(st.lists(trimmed, unique=True, min_size=2, max_size=4)))
    instructions = draw(st.one_of(st.none(), paragraph_text))
    voluntary = draw(st.one_of(st.none(), st.booleans()))
    edit = FieldEdit(kind, choices, instructions, voluntary)
    return edit if edit.parts() else FieldEdit(voluntary=not form.voluntary)
