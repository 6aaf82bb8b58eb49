"""Hypothesis strategies for draftkit values: Unicode-heavy, brackets included."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from draftkit.labels import Label
from draftkit.model import Paragraph, Revision, Section, Status

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


@st.composite
def revisions(draw: st.DrawFn, max_paragraphs: int = 12) -> Revision:
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
                      draw(st.sampled_from(list(Status))))
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
