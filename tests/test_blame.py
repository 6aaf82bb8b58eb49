"""Blame: each span of words credited to the revision and the proposals that wrote it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURE, make_revision
from draftkit.api import open_drafts
from draftkit.blame import Origin, blame
from draftkit.cli import cli
from draftkit.edits import Words
from draftkit.merge import MergeOptions, merge
from draftkit.rebase import History
from merge_helpers import make_proposal, words_op

DOC = "vientiane-action-plan"
TEXT = "Destroy all stockpiles as soon as possible."


def test_words_are_credited_through_two_merges() -> None:
    zero = make_revision([("p1", "OP1", TEXT)])
    first = make_proposal("NOR-1", "p1", words_op(TEXT, "replace", "as soon as possible",
                                                  "within eight years"))
    one = merge(zero, [first], History({"zero-draft": zero}, {}),
                MergeOptions("rev1", dt.date(2010, 7, 1), "P"))
    assert one.revision is not None and one.provenance is not None
    rev1_text = one.revision.paragraphs().__next__().text
    second = make_proposal("MEX-1", "p1", words_op(rev1_text, "insert", "Destroy", "promptly",
                                                   "after"), revision="rev1",
                           parties=("MEX", "PER"))
    history = History({"zero-draft": zero, "rev1": one.revision}, {"rev1": one.provenance})
    two = merge(one.revision, [second], history, MergeOptions("rev2", dt.date(2010, 8, 1), "P"))
    assert two.revision is not None and two.provenance is not None
    [blamed] = blame([zero, one.revision, two.revision],
                     {"rev1": one.provenance, "rev2": two.provenance})
    assert [(s.text, s.origin) for s in blamed.spans] == [
        ("Destroy", Origin("zero-draft")),
        ("promptly", Origin("rev2", ("MEX-1",), ("MEX", "PER"))),
        ("all stockpiles", Origin("zero-draft")),
        ("within eight years", Origin("rev1", ("NOR-1",), ("NOR",))),
        (".", Origin("zero-draft"))]


def test_a_revision_without_provenance_is_credited_to_the_revision_alone() -> None:
    zero = make_revision([("p1", "OP1", TEXT)])
    rev1 = make_revision([("p1", "OP1", TEXT.replace("all", "every")), ("p2", "OP2", "New.")],
                         name="rev1", parent="zero-draft")
    blamed = blame([zero, rev1], {})
    assert [(s.text, s.origin.revision) for s in blamed[0].spans] == [
        ("Destroy", "zero-draft"), ("every", "rev1"),
        ("stockpiles as soon as possible.", "zero-draft")]
    assert [(s.text, s.origin) for s in blamed[1].spans] == [("New.", Origin("rev1"))]


@given(st.lists(st.sampled_from(["a", "b", "[x]", "é", "😀", ","]), min_size=1, max_size=9),
       st.lists(st.sampled_from(["a", "b", "[x]", "é", "😀", ","]), min_size=1, max_size=9))
def test_spans_cover_every_word_in_order(old: list[str], new: list[str]) -> None:
    zero = make_revision([("p1", "OP1", " ".join(old))])
    rev1 = make_revision([("p1", "OP1", " ".join(new))], name="rev1", parent="zero-draft")
    [blamed] = blame([zero, rev1], {})
    text = " ".join(new)
    assert all(text[s.start:s.end] == s.text for s in blamed.spans)
    assert tuple(itertools.chain.from_iterable(Words.of(s.text).words for s in blamed.spans)) \
        == Words.of(text).words


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    shutil.copytree(FIXTURE, root)
    drafts = open_drafts(root)
    drafts.merge(DOC, "rev2", drafts.select(DOC, statuses=("accepted",)), renumber=True,
                 date=dt.date(2010, 10, 1), reopen=True)
    return root


def test_blame_command_after_a_merge(merged: Path) -> None:
    result = CliRunner().invoke(cli, ["--drafts", str(merged), "blame", DOC, "--para",
                                      "Action 3", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    [paragraph] = json.loads(result.stdout)["paragraphs"]
    credited = [(s["text"], s["revision"], s["proposals"], s["parties"])
                for s in paragraph["spans"]]
    assert (", the League of Arab States", "rev2", ["LBN-npzh"], ["LBN"]) in credited
    assert credited[0][1] == "zero-draft"
    text = CliRunner().invoke(cli, ["--drafts", str(merged), "blame", DOC, "--rev", "rev2",
                                    "--para", "Action 7@rev1"]).stdout
    assert "Action 6\n  Rev.1  Organise, with the support" in text
    bad = CliRunner().invoke(cli, ["--drafts", str(merged), "blame", DOC, "--para", "OP99"])
    assert bad.exit_code == 2
