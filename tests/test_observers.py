"""States table amendments; observers give input, kept and shown marked, never counted as
support in the dashboard's tallies unless the presidency counts them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURE, snapshot
from conftest import run_split as run
from draftkit.api import Drafts, init_drafts, open_drafts
from draftkit.model import PartyKind
from draftkit.observers import marked, observer_codes, observers_last
from draftkit.proposals import ProposalError

TEXT = "OP1 Commit to destroy all stockpiles as soon as possible;\nOP2 Call upon all States.\n"


@pytest.fixture
def store(tmp_path: Path) -> Drafts:
    """NOR and IRL (states), EU (a group of IRL), CMC and ICRC (observers); one document."""
    drafts = init_drafts(tmp_path / "drafts").drafts
    for code, kind, name in (("NOR", "state", "Norway"), ("IRL", "state", "Ireland"),
                             ("CHL", "state", "Chile"),
                             ("CMC", "civil-society", "Cluster Munition Coalition"),
                             ("ICRC", "organization", "ICRC")):
        drafts.add_party(code, kind=kind, name=name)
    drafts.add_party("EU", kind="group", name="European Union", members=["IRL"])
    (tmp_path / "t.txt").write_text(TEXT)
    drafts.new_document("d", title="D", kind="declaration", source=tmp_path / "t.txt")
    return drafts


def test_the_registry_says_who_tables_amendments() -> None:
    assert [k.value for k in PartyKind if k.tables_amendments] == ["state", "group"]
    registry = open_drafts(FIXTURE).parties()
    assert observer_codes(registry) == {"ICRC", "UNDP", "UNMAS", "CMC", "HI"}
    assert not registry["EU"].observer and registry["HI"].observer


def test_marking_names_observers_and_lists_them_after_the_states() -> None:
    heard = frozenset({"CMC", "HI"})
    assert marked("CMC", heard) == "CMC (observer)"
    assert marked("EU (BEL), CMC", heard) == "EU (BEL), CMC (observer)"
    assert marked("CMCX", heard) == "CMCX"
    assert observers_last(["HI", "NOR", "CMC", "IRL"], heard) == \
        ("NOR", "IRL", "HI (observer)", "CMC (observer)")


def test_observers_propose_support_and_comment_and_all_of_it_is_kept(store: Drafts) -> None:
    made = store.propose("d", paragraph="OP1", operation="replace", quote="as soon as possible",
                         text="without delay", proposers=["CMC"])
    store.support(made.id, "ICRC")
    store.oppose(made.id, "NOR")
    comment = store.comment("d", party="ICRC", text="Survivors need this", paragraph="OP1")
    kept = store.proposal(made.id)
    assert (kept.proposers, kept.supporters, kept.opponents) == (("CMC",), ("ICRC",), ("NOR",))
    assert store.comment_by_id(comment.id).party == "ICRC"


def test_observers_input_is_not_counted_in_the_dashboard_unless_asked(store: Drafts) -> None:
    states = store.propose("d", paragraph="OP1", operation="retain", proposers=["NOR"])
    store.oppose(states.id, "CMC")
    store.oppose(states.id, "ICRC")
    store.oppose(states.id, "CHL")
    heard = store.propose("d", paragraph="OP2", operation="delete", quote="all",
                          proposers=["CMC"])
    store.oppose(heard.id, "CHL")
    board = store.status("d")
    (section,) = board.sections
    assert (section.active_proposals, section.observer_proposals) == (1, 1)
    assert board.proposals_by_status["proposed"] == 1
    assert board.observer_proposals_by_status["proposed"] == 1
    (contested,) = board.most_contested  # OP2 has the observers' input alone
    assert (contested.address, contested.proposals, contested.opponents) == ("OP1", 1, 1)
    assert (contested.parties, contested.observers) == (("CHL", "NOR"), ("CMC", "ICRC"))

    counted = store.status("d", count_observers=True)
    assert counted.sections[0].active_proposals == 2
    assert counted.sections[0].observer_proposals == 0
    assert counted.proposals_by_status["proposed"] == 2 and counted.count_observers
    assert {c.address: (c.proposals, c.opponents) for c in counted.most_contested} == \
        {"OP1": (1, 3), "OP2": (1, 1)}


def test_status_shows_observers_apart_and_counts_them_when_asked(store: Drafts) -> None:
    states = store.propose("d", paragraph="OP1", operation="retain", proposers=["NOR"])
    store.oppose(states.id, "CMC")
    store.propose("d", paragraph="OP2", operation="delete", quote="all", proposers=["ICRC"])
    code, out, _ = run(store.root, "status", "d")
    flat = " ".join(out.split())
    assert code == 0
    assert "observers' proposals" in flat
    assert "OP1\n  live proposals: 1\n  opponents: 0\n  supporting: NOR\n" \
        "  opposing: CMC (observer)\n" in out  # piped: one record per block
    assert "Proposals: 1 proposed; observers' proposals, not counted: 1 proposed" in flat
    code, out, _ = run(store.root, "status", "d", "--count-observers")
    flat = " ".join(out.split())
    assert "Proposals: 2 proposed (observers' input counted)" in flat
    assert "observers' proposals" not in flat
    code, out, _ = run(store.root, "status", "d", "--format", "json")
    data = json.loads(out)
    assert data["count_observers"] is False and data["observer_proposals"]["proposed"] == 1
    assert data["sections"][0]["observer_proposals"] == 1
    assert data["most_contested"][0]["observers"] == ["CMC"]
    code, out, _ = run(store.root, "status", "d", "--format", "json", "--count-observers")
    data = json.loads(out)
    assert data["count_observers"] is True and data["proposals"]["proposed"] == 2
    assert data["most_contested"][0]["opponents"] == 1


def test_status_lists_who_supports_and_who_opposes_each_contested_paragraph(
        store: Drafts) -> None:
    """States and groups first, observers after them and marked; observers counted only
    with --count-observers, listed either way."""
    retain = store.propose("d", paragraph="OP1", operation="retain", proposers=["NOR"])
    store.support(retain.id, "CMC")
    store.oppose(retain.id, "IRL")
    change = store.propose("d", paragraph="OP1", operation="replace",
                           quote="as soon as possible", text="within eight years",
                           proposers=["IRL"], on_behalf_of="EU")
    store.support(change.id, "CHL")
    store.oppose(change.id, "ICRC")
    store.oppose(change.id, "NOR")
    gone = store.propose("d", paragraph="OP2", operation="delete", quote="all",
                         proposers=["CHL"])
    store.oppose(gone.id, "NOR")
    store.withdraw(gone.id, "CHL")  # not live: nobody stands anywhere on OP2 now
    (op1,) = store.status("d").most_contested
    assert (op1.address, op1.proposals, op1.opponents) == ("OP1", 2, 2)  # IRL, NOR
    assert op1.supporting == ("CHL", "EU", "IRL", "NOR", "CMC")
    assert op1.opposing == ("IRL", "NOR", "ICRC")  # on both sides of competing proposals
    (counted,) = store.status("d", count_observers=True).most_contested
    assert (counted.opponents, counted.supporting, counted.opposing) == \
        (3, op1.supporting, op1.opposing)

    code, out, _ = run(store.root, "status", "d")
    assert code == 0
    assert "OP1\n  live proposals: 2\n  opponents: 2\n" \
        "  supporting: CHL, EU, IRL, NOR, CMC (observer)\n" \
        "  opposing: IRL, NOR, ICRC (observer)\n" in out, out
    code, out, _ = run(store.root, "status", "d", "--format", "json")
    (entry,) = json.loads(out)["most_contested"]
    assert (entry["supporting"], entry["opposing"]) == \
        (["CHL", "EU", "IRL", "NOR", "CMC"], ["IRL", "NOR", "ICRC"])
    assert json.loads(out)["observers"] == ["CMC", "ICRC"]


def test_status_top_lists_that_many_contested_paragraphs_or_all(store: Drafts) -> None:
    for paragraph in ("OP1", "OP2"):
        store.propose("d", paragraph=paragraph, operation="retain", proposers=["NOR"])
    assert len(store.status("d", top=1).most_contested) == 1
    assert len(store.status("d", top=0).most_contested) == 2
    code, out, _ = run(store.root, "status", "d", "--top", "1", "--format", "json")
    assert code == 0 and len(json.loads(out)["most_contested"]) == 1
    code, _, err = run(store.root, "status", "d", "--top", "-1")
    assert code == 2 and "--top" in err


def test_proposals_show_and_compile_mark_observers(store: Drafts) -> None:
    made = store.propose("d", paragraph="OP1", operation="replace", quote="as soon as possible",
                         text="within eight years", proposers=["NOR"])
    store.support(made.id, "CMC")
    store.support(made.id, "CHL")
    heard = store.propose("d", paragraph="OP2", operation="delete", quote="all",
                          proposers=["ICRC"])
    code, out, _ = run(store.root, "proposals", "d")
    flat = " ".join(out.split())
    assert "CHL CMC (observer)" in flat and "ICRC (observer)" in flat
    code, out, _ = run(store.root, "proposals", "d", "--format", "json")
    by_id = {p["id"]: p for p in json.loads(out)}
    assert by_id[made.id]["observers"] == ["CMC"] and by_id[made.id]["supporters"] == \
        ["CMC", "CHL"]
    assert by_id[heard.id]["observers"] == ["ICRC"]
    code, out, _ = run(store.root, "show", "d", "--notes")
    flat = " ".join(out.split())
    assert "- NOR; CHL CMC (observer) support" in flat and "- ICRC (observer)" in flat
    code, out, _ = run(store.root, "merge", "d", "--compile")
    assert "[as soon as possible / within eight years - NOR; CHL, CMC (observer) support]" \
        in out
    assert "[delete: all - ICRC (observer)]" in out
    code, out, _ = run(store.root, "merge", "d", "--compile", "--format", "json")
    assert code == 0 and "ICRC (observer)" in out


def test_a_group_speaks_through_its_members(store: Drafts) -> None:
    made = store.propose("d", paragraph="OP2", operation="delete", quote="all",
                         proposers=["IRL"], on_behalf_of="EU")
    assert made.parties == ("IRL", "EU")
    before = snapshot(store.root)
    for proposers in (["NOR"], ["CMC"], ["IRL", "NOR"]):
        with pytest.raises(ProposalError, match="cannot speak on behalf of EU: a group "
                                                "speaks through its members"):
            store.propose("d", paragraph="OP2", operation="delete", quote="all",
                          proposers=proposers, on_behalf_of="EU")
    assert snapshot(store.root) == before


def test_the_comments_matrix_marks_observers(store: Drafts) -> None:
    made = store.comment("d", party="CMC", text="Survivors need this", paragraph="OP1")
    store.reply(made.id, "ICRC", "Agreed")
    store.comment("d", party="NOR", text="Fine as it is", paragraph="OP2")
    code, out, _ = run(store.root, "comments", "d", "--format", "csv")
    rows = {row[-1]: row for row in (line.split(",") for line in out.splitlines()[1:])}
    assert code == 0 and rows[made.id][0] == "CMC (observer)"
    assert "ICRC (observer): Agreed" in out and "\nNOR," in out
    code, out, _ = run(store.root, "comments", "d", "--format", "json")
    assert {c["party"]: c["observer"] for c in json.loads(out)} == {"CMC": True, "NOR": False}
