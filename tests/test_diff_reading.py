"""Reading a diff: `--changes text` leaves out what only moved in numbering or status,
a one-line summary ends the terminal output, and piped markers cannot be confused
with the text's own brackets (the output decodes back to both texts exactly)."""

from __future__ import annotations

import json

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from conftest import SHIPPED, make_revision, run_strict
from draftkit.docdiff import diff
from draftkit.render.diff_common import placed_only, summary, text_changes
from draftkit.render.diff_terminal import plain_text, redline

PLAN = "vientiane-action-plan"


def run(*args: str) -> tuple[int, str, str]:
    return run_strict(SHIPPED, *args)


def kinds(paragraph: dict[str, object]) -> set[str]:
    """The JSON's `change`: one kind as a string, several as a list."""
    change = paragraph["change"]
    return {change} if isinstance(change, str) else set(change)  # type: ignore[arg-type]


def shown_paragraphs(data: dict[str, list[dict[str, object]]]) -> set[str]:
    return {str(p["id"]) for p in data["paragraphs"] if kinds(p) != {"unchanged"}}


def test_changes_text_leaves_out_relabelled_and_status_only_paragraphs() -> None:
    _, everything, _ = run("diff", PLAN, "zero-draft", "rev1", "--format", "json")
    _, words, _ = run("diff", PLAN, "zero-draft", "rev1", "--format", "json",
                      "--changes", "text")
    every, kept = json.loads(everything), json.loads(words)
    only_placed = {p["id"] for p in every["paragraphs"]
                   if kinds(p) <= {"relabelled", "status"}}
    assert only_placed  # renumbering and decisions happened between the two
    assert shown_paragraphs(kept) == shown_paragraphs(every) - only_placed
    assert not any(kinds(p) <= {"relabelled", "status"} for p in kept["paragraphs"])


def test_the_terminal_diff_ends_with_a_one_line_summary() -> None:
    code, out, _ = run("diff", PLAN, "zero-draft", "rev1", "--changes", "text")
    assert code == 1
    last = out.rstrip("\n").splitlines()[-1]
    _, data, _ = run("diff", PLAN, "zero-draft", "rev1", "--format", "json")
    every = json.loads(data)["paragraphs"]
    placed = sum(1 for p in every if kinds(p) <= {"relabelled", "status"})
    changed = [p for p in every if kinds(p) != {"unchanged"} and
               not kinds(p) <= {"relabelled", "status"}]
    modified = sum(1 for p in changed if "modified" in kinds(p))
    assert last.startswith(f"{len(changed)} paragraphs changed: {modified} modified, ")
    assert last.endswith(f"; {placed} paragraphs only relabelled or given a new status, "
                         f"not shown.")
    code, out, _ = run("diff", PLAN, "rev1", "rev1")
    assert code == 0 and out.rstrip("\n").splitlines()[-1] == "No differences."


def test_the_summary_counts_one_paragraph_in_the_singular() -> None:
    a = make_revision([("p1", "OP1", "Decide to meet."), ("p2", "OP2", "Stay.")])
    b = attrs.evolve(make_revision([("p1", "OP1", "Decide to meet again."),
                                    ("p2", "OP3", "Stay.")], name="rev1",
                                   parent="zero-draft"))
    compared = diff(a, b)
    assert summary(compared) == "2 paragraphs changed: 1 modified, 1 relabelled."
    kept, hidden = text_changes(compared)
    assert hidden == 1 and not any(placed_only(p) for p in kept.paragraphs)
    assert summary(kept, hidden) == ("1 paragraph changed: 1 modified; 1 paragraph only "
                                     "relabelled or given a new status, not shown.")


def decode(line: str, side: str) -> str:
    """One side of a piped redline line: FROM drops insertions, TO deletions."""
    out, index = [], 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            out.append(line[index + 1])
            index += 2
        elif char == "⟦":
            kind, end = line[index + 1], index + 2
            while line[end] != "⟧":
                end += 2 if line[end] == "\\" else 1
            if (kind == "-") == (side == "from"):
                out.append(decode(line[index + 2:end - 1], side))
            index = end + 1
        elif char == "‹":  # who made the change
            index = line.index("›", index) + 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


tricky = st.text(alphabet=st.sampled_from(list("ab [-]{+}⟦⟧‹›\\-+ ")), min_size=1,
                 max_size=30).map(str.strip).filter(bool)


@given(tricky, tricky)
def test_piped_markers_decode_back_to_both_texts(old: str, new: str) -> None:
    assume(old != new)
    a = make_revision([("p1", "OP1", old)])
    b = make_revision([("p1", "OP1", new)], name="rev1", parent="zero-draft")
    out = plain_text(redline(diff(a, b), plain=True), width=10_000)
    lines = out.splitlines()
    head = next(n for n, line in enumerate(lines) if line.startswith("OP1"))
    text = lines[head + 1]
    assert decode(text, "from") == old and decode(text, "to") == new
