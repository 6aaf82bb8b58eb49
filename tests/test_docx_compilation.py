"""The compilation text as Word: each option a tracked change by its proposers, with a comment."""

from __future__ import annotations

from conftest import FIXTURE
from draftkit.api import open_drafts
from draftkit.compilation import Compilation, Contest, compile_text
from draftkit.docx.compilation import compilation_to_docx
from draftkit.docx.reader import read_docx
from draftkit.proposals import ProposalStatus
from draftkit.rebase import History

DOC = "vientiane-action-plan"


def compiled() -> Compilation:
    drafts = open_drafts(FIXTURE)
    revisions = {r.name: r for r in drafts.revisions(DOC)}
    live = [p for p in drafts.proposals(DOC)
            if p.status in (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)]
    return compile_text(drafts.document(DOC), revisions["rev1"], live, History(revisions, {}))


def test_every_option_is_a_change_by_its_proposers_with_a_comment() -> None:
    compilation = compiled()
    read = read_docx(compilation_to_docx(compilation))
    inserted = {(p.text, p.author) for p in read.pieces if p.kind == "insert"}
    deleted = {(p.text, p.author) for p in read.pieces if p.kind == "delete"}
    contests = [piece for section in compilation.sections for paragraph in section.paragraphs
                for piece in paragraph.pieces if isinstance(piece, Contest)]
    assert contests
    for contest in contests:
        changing = [o for o in contest.options if o.action != "retain"]
        wordings = [o for o in changing if o.wording]
        for n, option in enumerate(wordings):
            text = option.wording if n == 0 else f" / {option.wording}"
            assert (text, ", ".join(option.proposers)) in inserted
        if contest.original and changing:
            authors = ", ".join(dict.fromkeys(p for o in changing for p in o.proposers))
            assert (contest.original, authors) in deleted
    options = sum(len(c.options) for c in contests) + sum(
        len(p.notes) + (p.added is not None) for s in compilation.sections
        for p in s.paragraphs)
    assert len(read.comments) == options


def test_added_paragraphs_are_inserted_whole_and_stale_ones_listed() -> None:
    compilation = compiled()
    read = read_docx(compilation_to_docx(compilation))
    text = "".join(p.text for p in read.pieces if p.kind != "delete")
    added = [p for s in compilation.sections for p in s.paragraphs if p.added is not None]
    for paragraph in added:
        assert paragraph.added is not None
        marks = [p for p in read.pieces if p.mark and p.kind == "insert"]
        assert f"{paragraph.label} {paragraph.pieces[0]}\n" in text and marks
    for stale in compilation.stale:
        assert stale.reason in text
