"""The shipped sample drafts read as real drafts of 2010 (issue 11, item 8), and tell the story.

The tests' hostile text (markup-like brackets, foreign scripts, an accented name)
lives in tests/data/drafts (conftest.FIXTURE), not in what users see first.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import FIXTURE, REPO, SHIPPED, snapshot
from conftest import run_split as run
from draftkit.agreement import Action, words_hash
from draftkit.api import Drafts, open_drafts
from draftkit.model import Status

PLAN = "vientiane-action-plan"
DECLARATION = "political-declaration"
TEST_TEXT = ["[EU: delete]", "[bold]", "Editorial note", "México", "ລະເບີດບໍ່ທັນແຕກ",
             "المركز اللبناني"]


def party_texts(drafts: Drafts, document: str) -> list[str]:
    """Every text a person wrote in the document: paragraphs of every revision, proposals'
    quotes, texts, rationales and event notes, comments, replies and dispositions."""
    texts = [p.text for r in drafts.revisions(document) for p in r.paragraphs()]
    for proposal in drafts.proposals(document):
        anchor = proposal.operation.anchor
        texts += [proposal.rationale, proposal.operation.text, anchor.quote if anchor else "",
                  *(e.note for e in proposal.history)]
    for comment in drafts.comments(document):
        texts += [comment.text, comment.anchor.quote if comment.anchor else "",
                  *(r.text for r in comment.replies),
                  *(d.observation for d in comment.decisions)]
    texts += [d.note for d in drafts.decisions(document)]
    return texts


def is_plain_english(char: str) -> bool:
    """ASCII, a Latin letter with an accent (Côte d'Ivoire) or typographic punctuation."""
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN") or \
        char in "–—‘’“”…"


@pytest.mark.parametrize("document", [PLAN, DECLARATION])
def test_the_shipped_drafts_hold_no_test_text(document: str) -> None:
    drafts = open_drafts(SHIPPED)
    texts = party_texts(drafts, document)
    assert len(texts) > 100
    for text in texts:
        assert all(is_plain_english(c) for c in text), text
        assert not any(marker in text for marker in TEST_TEXT), text
        # brackets hold contested words, never a note on them ("[EU: delete]", "[/b]")
        assert not re.search(r"\[[^\]]*:|\[/", text), text
        assert text.isprintable() and "  " not in text, repr(text)  # no odd characters
    # ... because it moved to the tests' own drafts, where the tests that need it use it
    fixture = "\n".join(party_texts(open_drafts(FIXTURE), document))
    if document == PLAN:
        assert all(marker in fixture for marker in ("[EU: delete]", "[bold]", "México",
                                                    "المركز اللبناني"))
    else:
        assert "ລະເບີດບໍ່ທັນແຕກ" in fixture


@pytest.mark.parametrize("document", [PLAN, DECLARATION])
def test_the_meetings_of_2010(document: str) -> None:
    drafts = open_drafts(SHIPPED)
    meetings = {m.id: (m.place, m.start, m.end) for m in drafts.meetings(document)}
    assert meetings == {
        "santiago-2010": ("Santiago, Chile", dt.date(2010, 6, 7), dt.date(2010, 6, 9)),
        "prepcom-2010": ("Geneva, Switzerland", dt.date(2010, 9, 6), dt.date(2010, 9, 6)),
        "1msp": ("Vientiane, Lao PDR", dt.date(2010, 11, 9), dt.date(2010, 11, 12))}
    assert drafts.document(document).deadlines
    rev1 = drafts.revision(document, "rev1")
    assert rev1.meeting == "prepcom-2010" and rev1.date < dt.date(2010, 9, 6)
    # a revision issued before any formal meeting records nothing as agreed
    assert all(p.status is Status.OPEN for r in drafts.revisions(document)
               for p in r.paragraphs())


def test_geneva_agreed_paragraphs_ad_ref_and_reopened_one() -> None:
    drafts = open_drafts(SHIPPED)
    geneva = [d for document in (PLAN, DECLARATION) for d in drafts.decisions(document)
              if d.meeting == "prepcom-2010"]
    ad_ref = [d for d in geneva if d.action is Action.AD_REF]
    assert len(ad_ref) >= 10 and len({(d.document, d.paragraph) for d in ad_ref}) == len(ad_ref)
    for decision in geneva:
        assert decision.when.date() == dt.date(2010, 9, 6) and decision.revision == "rev1"
        taken_on = drafts.revision(decision.document, "rev1").by_id(decision.paragraph)
        assert taken_on is not None and decision.words == words_hash(taken_on.text)
        assert decision.label == taken_on.address
    reopened = [d for d in geneva if d.action is Action.REOPEN]
    assert [(d.document, d.label) for d in reopened] == [(PLAN, "Action 44")]
    assert "Germany" in reopened[0].note
    assert reopened[0].when > next(d.when for d in ad_ref if d.label == "Action 44")
    plan = drafts.current(PLAN)
    assert plan.find("Action 44").status is Status.OPEN
    assert plan.find("Action 49").status is Status.AD_REF
    # Germany's deletion came after the reopening: it reopens nothing
    assert not drafts.proposal("DEU-v3tk").reopens_agreed
    assert {p.id for p in drafts.proposals(PLAN) if p.reopens_agreed} == \
        {"LBN-npzh", "ICRC-n5xy"}


def test_the_timeline_tells_the_story_of_2010_as_the_readme_shows_it() -> None:
    code, out, err = run(SHIPPED, "timeline", PLAN)
    assert code == 0, err
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```\n(2010-06-01 .*?)```", readme, re.S)
    assert shown is not None
    lines = [line.rstrip() for line in out.splitlines()]
    at = 0
    for line in shown.group(1).splitlines():
        if line != "…":
            at = lines.index(line, at) + 1  # each line there, in the README's order
    assert sum(" decision " in line for line in lines) == 26


def test_done_when_the_merge_into_rev2_refuses_agreed_text_then_succeeds_reopened(
        shipped: Path) -> None:
    """Issue 11: `merge vientiane-action-plan --into rev2 --status accepted` on the shipped
    drafts refuses to touch agreed text and names the proposals; with the reopening
    recorded it succeeds."""
    merge = ("merge", PLAN, "--into", "rev2", "--status", "accepted", "--date", "2010-10-08")
    before = snapshot(shipped)
    code, out, err = run(shipped, *merge)
    assert (code, err) == (1, "") and snapshot(shipped) == before
    assert [line for line in out.splitlines() if line.startswith("Agreed text")] == [
        "Agreed text would change Action 3 (agreed ad ref): LBN-npzh (LBN)",
        "Agreed text would change Action 49 (agreed ad ref): ICRC-n5xy (ICRC)"]
    assert "Nothing written" in out
    for address, why in (("Action 3", "To take Lebanon's amendment on the League of Arab "
                                      "States"),
                         ("Action 49", "To take the ICRC's amendment")):
        code, out, err = run(shipped, "agree", PLAN, "--para", address, "--reopen", "--at",
                             "1msp", "--note", why)
        assert code == 0, err
    code, out, err = run(shipped, *merge)
    assert code == 0, out + err
    drafts = open_drafts(shipped)
    rev2 = drafts.revision(PLAN, "rev2")
    assert "the League of Arab States" in rev2.find("Action 3").text
    assert rev2.find("Action 49").text.endswith("the ICRC and the Cluster Munition Coalition.")
    assert rev2.find("Action 49").status is Status.OPEN
    assert rev2.find("Action 2").status is Status.AD_REF  # the other Geneva decisions carry
    assert drafts.paragraph(PLAN, "Action 44@rev1", "rev1").id not in \
        {p.id for p in rev2.paragraphs()}
    assert run(shipped, "check") == (0, "", "")


def test_status_on_the_shipped_plan_names_who_stands_where() -> None:
    code, out, err = run(SHIPPED, "status", PLAN, "--top", "0", "--format", "json")
    assert code == 0, err
    board = {c["address"]: c for c in json.loads(out)["most_contested"]}
    # Norway's "within eight years" against Mexico, Peru and Chile's "well before"
    assert board["Action 10"]["supporting"] == ["CHL", "DEU", "GBR", "MEX", "NOR", "NZL", "PER",
                                                "CMC", "HI"]
    assert board["Action 10"]["opposing"] == ["JPN", "CMC"]
    assert board["Action 44"]["supporting"] == ["DEU", "FRA"]
    assert board["Action 44"]["opposing"] == ["GHA"]
