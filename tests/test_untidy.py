"""A merge reports the bad spacing it could not avoid."""

from __future__ import annotations

import datetime as dt

from conftest import make_revision
from draftkit.merge import MergeOptions, merge
from draftkit.proposals import Event, OperationKind, Proposal, word_operation
from draftkit.rebase import History
from draftkit.render.compilation import report_json, report_lines
from draftkit.text import new_blemishes

WHEN = dt.datetime(2010, 9, 20, tzinfo=dt.UTC)
TEXT = "Destroy stockpiles, including cluster munitions."


def _deleting(pid: str, quote: str) -> Proposal:
    return Proposal(pid, "test-doc", "zero-draft", "p1",
                    word_operation(OperationKind.DELETE, TEXT, quote), ("NOR",), WHEN,
                    history=(Event(WHEN, "NOR", "proposed"), Event(WHEN, "Presidency",
                                                                   "accepted")))


def test_a_merge_names_the_punctuation_it_could_not_keep_tidy() -> None:
    base = make_revision([("p1", "OP1", TEXT)])
    one, two = _deleting("NOR-1", "including"), _deleting("NOR-2", "cluster munitions")
    for alone in (one, two):  # each alone is tidy
        written = alone.operation.apply(TEXT)
        assert written is not None and not new_blemishes(TEXT, written)
    result = merge(base, [one, two], History({"zero-draft": base}, {}),
                   MergeOptions("rev1", dt.date(2010, 9, 1), "Presidency"))
    assert result.revision is not None
    text = result.revision.paragraphs().__next__().text
    (untidy,) = result.untidy
    assert untidy.label == "OP1" and untidy.marks == new_blemishes(TEXT, text)
    assert '"untidy"' in report_json(result)
    assert "Spacing to check: OP1" in "".join(part for _, part in report_lines(result))
