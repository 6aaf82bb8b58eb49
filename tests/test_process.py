"""The process: meetings and input deadlines in document.txt, a revision's kind and
meeting, late proposals, `draftkit timeline`, and the rule that no revision is
dated today unasked."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import attrs
import pytest

from conftest import FIXTURE, make_revision, new_store, snapshot
from conftest import run_strict as run
from draftkit.api import Drafts, open_drafts
from draftkit.errors import DraftkitError, FormatError, NotFoundError
from draftkit.model import Deadline, Document, DocumentKind, Meeting, RevisionKind
from draftkit.store.registry_format import format_document, parse_document
from draftkit.store.revision_format import format_revision, format_revision_file, parse_revision
from draftkit.timeline import DeadlinePassed, MeetingHeld, RevisionIssued

PLAN = "vientiane-action-plan"
DECLARATION = "political-declaration"
MEETINGS = (Meeting("santiago-2010", "Global Conference", "Santiago, Chile",
                    dt.date(2010, 6, 7), dt.date(2010, 6, 9)),
            Meeting("prepcom-2010", "Preparatory Meeting", "Geneva, Switzerland",
                    dt.date(2010, 9, 6), dt.date(2010, 9, 6)),
            Meeting("1msp", "First Meeting of States Parties", "Vientiane, Lao PDR",
                    dt.date(2010, 11, 9), dt.date(2010, 11, 12)))
DEADLINES = (Deadline(dt.date(2010, 7, 16), "prepcom-2010", "Written input on the zero draft"),
             Deadline(dt.date(2010, 9, 24), "1msp", "Written proposals on Rev.1"))


def refused(root: Path, *args: str) -> str:
    """A command that must be refused: exit 2, one line on stderr, nothing written."""
    before = snapshot(root)
    code, out, err = run(root, *args)
    assert code == 2 and out == "" and len(err.splitlines()) == 1, (code, out, err)
    assert snapshot(root) == before
    return err


@pytest.fixture
def store(tmp_path: Path) -> Drafts:
    """A drafts folder with test-doc: the three meetings, two deadlines, a zero draft
    dated 2010-06-01 and an accepted proposal on it, made in time."""
    drafts = new_store(tmp_path / "drafts")
    (drafts.root / "test-doc" / "document.txt").write_text(format_document(Document(
        "test-doc", "Test declaration", DocumentKind.DECLARATION, MEETINGS, DEADLINES)),
        encoding="utf-8")
    drafts.record(attrs.evolve(make_revision([("p1", "OP1", "States will act within one year."),
                                              ("p2", "OP2", "States will report every year.")]),
                               kind=RevisionKind.ZERO_DRAFT, meeting="santiago-2010"))
    made = drafts.propose("test-doc", paragraph="OP1", operation="replace",
                          quote="within one year", text="within two years", proposers=["NOR"],
                          when=dt.datetime(2010, 7, 1, 9, tzinfo=dt.UTC))
    drafts.accept(made.id)
    return drafts


# document.txt: meetings and deadlines

def test_the_shipped_documents_list_the_meetings_of_2010() -> None:
    for document in (PLAN, DECLARATION):
        meetings = open_drafts(FIXTURE).meetings(document)
        assert [(m.id, m.place, m.start, m.end) for m in meetings] == [
            ("santiago-2010", "Santiago, Chile", dt.date(2010, 6, 7), dt.date(2010, 6, 9)),
            ("prepcom-2010", "Geneva, Switzerland", dt.date(2010, 9, 6), dt.date(2010, 9, 6)),
            ("1msp", "Vientiane, Lao PDR", dt.date(2010, 11, 9), dt.date(2010, 11, 12))]
        assert open_drafts(FIXTURE).deadlines(document)


def test_document_txt_round_trips_and_an_old_one_keeps_its_bytes() -> None:
    for document in (PLAN, DECLARATION):
        path = FIXTURE / document / "document.txt"
        text = path.read_text(encoding="utf-8")
        assert format_document(parse_document(text, str(path))) == text
    old = "draftkit document 2\nid: test-doc\ntitle: Test\nkind: other\n"
    read = parse_document(old, "document.txt")
    assert read.meetings == () and read.deadlines == ()
    assert format_document(read) == old
    one_day = "@meeting prepcom-2010 | Preparatory Meeting | Geneva | 2010-09-06\n"
    read = parse_document(old + "\n" + one_day, "document.txt")
    assert read.meeting("PrepCom-2010").end == dt.date(2010, 9, 6)
    assert format_document(read) == old + "\n" + one_day


@pytest.mark.parametrize(("records", "line", "message"), [
    ("@meeting 1msp | 1MSP | Vientiane | 2010-11-12 | 2010-11-09", 6, "ends"),
    ("@meeting 1msp | 1MSP | Vientiane | 2010-11-09\n@meeting 1msp | Again | Geneva | "
     "2010-12-01", 7, "listed twice"),
    ("@meeting 1MSP | 1MSP | Vientiane | 2010-11-09", 6, "not a valid meeting id"),
    ("@meeting 1msp | 1MSP | Vientiane | 9 November 2010", 6, "not a date"),
    ("@meeting 1msp | 1MSP | Vientiane | 20101109", 6, "not a date"),
    ("@meeting 1msp | 1MSP | Vientiane", 6, "takes 4 to 5 fields"),
    ("@deadline 2010-09-24 | 1msp | Proposals on Rev.1", 6, "not listed above it"),
    ("@deadline 2010-09-24 | Proposals on Rev.1", 6, "takes 3 fields"),
    ("@agenda 2010-09-24 | x | y", 6, "@meeting, @deadline"),
])
def test_a_bad_meeting_or_deadline_is_refused_at_its_line(records: str, line: int,
                                                          message: str) -> None:
    text = f"draftkit document 2\nid: test-doc\ntitle: Test\nkind: other\n\n{records}\n"
    with pytest.raises(FormatError) as raised:
        parse_document(text, "document.txt")
    assert raised.value.line == line and message in raised.value.message, raised.value


def test_an_unknown_meeting_is_named_with_the_known_ones(store: Drafts) -> None:
    with pytest.raises(NotFoundError, match=r"no meeting 'geneva' in test-doc \(known: "
                                            r"santiago-2010, prepcom-2010, 1msp"):
        store.meeting("test-doc", "geneva")


# a revision's kind and meeting

def test_kind_and_meeting_are_optional_header_keys() -> None:
    plain = make_revision([("p1", "OP1", "Text.")])
    text = format_revision_file(plain)
    assert "kind:" not in text and "meeting:" not in text  # so old files keep their seals
    issued = attrs.evolve(plain, kind=RevisionKind.CHAIRS_NON_PAPER, meeting="1msp")
    text = format_revision_file(issued)
    assert "\nname: zero-draft\nkind: chairs-non-paper\ndate: 2010-06-01\nmeeting: 1msp\n" \
        in text
    parsed = parse_revision(text, "x.txt")
    assert parsed.sealed and parsed.to_revision("x.txt") == issued
    assert not RevisionKind.CHAIRS_NON_PAPER.formal and RevisionKind.REV.formal
    with pytest.raises(FormatError, match=r"x\.txt:4: kind is not one of zero-draft, rev, "):
        parse_revision(format_revision(issued).replace("chairs-non-paper", "non-paper"),
                       "x.txt").to_revision("x.txt")


def test_the_shipped_revisions_say_what_they_are_and_what_for() -> None:
    drafts = open_drafts(FIXTURE)
    for document in (PLAN, DECLARATION):
        found = [(r.name, r.kind, r.meeting) for r in drafts.revisions(document)]
        assert found == [("zero-draft", RevisionKind.ZERO_DRAFT, "santiago-2010"),
                         ("rev1", RevisionKind.REV, "prepcom-2010")]
    assert drafts.check().clean


def test_check_reports_a_revision_issued_for_an_unknown_meeting(store: Drafts) -> None:
    revision = attrs.evolve(store.revision("test-doc"), name="rev1", parent="zero-draft",
                            meeting="vienna-2011")
    path = store.root / "test-doc" / "revisions" / "rev1.txt"
    path.write_text(format_revision_file(revision), encoding="utf-8")
    problems = [str(p) for p in store.check().problems]
    assert problems == [f"{path}: issued for meeting 'vienna-2011', which is not among the "
                        f"meetings in document.txt (1msp, prepcom-2010, santiago-2010)"]


# merge --into: dated from --date or the meeting, never silently today

def test_merge_into_without_date_or_meeting_is_refused(store: Drafts) -> None:
    said = refused(store.root, "merge", "test-doc", "--into", "rev1")
    assert said == ("draftkit: merge --into rev1: give the new revision's date: --date "
                    "YYYY-MM-DD, or --meeting ID to date it from the meeting's first day\n")
    refused(store.root, "merge", "test-doc", "--into", "rev1", "--dry-run")
    refused(store.root, "merge", "test-doc", "--into", "rev1", "--kind", "rev")
    with pytest.raises(DraftkitError, match="give the new revision's date"):
        store.merge("test-doc", "rev1", store.select("test-doc", statuses=("accepted",)))


def test_merge_into_a_meeting_is_dated_its_first_day_and_records_it(store: Drafts) -> None:
    code, _, err = run(store.root, "merge", "test-doc", "--into", "rev1", "--meeting",
                         "1MSP", "--kind", "rev")
    assert code == 0, err
    made = open_drafts(store.root).revision("test-doc", "rev1")
    assert (made.date, made.kind, made.meeting) == (dt.date(2010, 11, 9), RevisionKind.REV,
                                                    "1msp")
    text = (store.root / "test-doc" / "revisions" / "rev1.txt").read_text(encoding="utf-8")
    assert "\nkind: rev\ndate: 2010-11-09\nmeeting: 1msp\n" in text


def test_merge_into_takes_the_date_given_over_the_meeting(store: Drafts) -> None:
    result = store.merge("test-doc", "rev1", store.select("test-doc", statuses=("accepted",)),
                         date=dt.date(2010, 11, 12), meeting="1msp", kind="as-adopted")
    assert result.revision is not None
    assert (result.revision.date, result.revision.kind, result.revision.meeting) == \
        (dt.date(2010, 11, 12), RevisionKind.AS_ADOPTED, "1msp")


def test_a_dry_run_shows_the_kind_meeting_and_date_a_real_run_records(store: Drafts) -> None:
    accepted = store.select("test-doc", statuses=("accepted",))
    dry = store.merge("test-doc", "rev1", accepted, dry_run=True, meeting="prepcom-2010",
                      kind="rev")
    real = store.merge("test-doc", "rev1", accepted, meeting="prepcom-2010", kind="rev")
    assert dry.revision is not None and dry.revision == real.revision
    assert store.revision("test-doc", "rev1").date == dt.date(2010, 9, 6)


@pytest.mark.parametrize(("args", "message"), [
    (("--meeting", "vienna-2011"), "no meeting 'vienna-2011' in test-doc (known: "),
    (("--date", "2010-11-09", "--kind", "non-paper"), "invalid value for '--kind'"),
    (("--compile", "--meeting", "1msp"), "go with --into"),
])
def test_merge_refuses_an_unknown_meeting_or_kind(store: Drafts, args: tuple[str, ...],
                                                  message: str) -> None:
    into = () if "--compile" in args else ("--into", "rev1")
    assert message in refused(store.root, "merge", "test-doc", *into, *args)


# revise: the same rule; an export's header is the exported revision's

def test_revise_of_an_unedited_export_needs_a_date_or_a_meeting(store: Drafts,
                                                                tmp_path: Path) -> None:
    export = tmp_path / "rev1.txt"
    export.write_text(format_revision(store.revision("test-doc")), encoding="utf-8")
    assert "\nkind: zero-draft\ndate: 2010-06-01\nmeeting: santiago-2010\n" in \
        export.read_text(encoding="utf-8")
    said = refused(store.root, "revise", "test-doc", "--from", str(export), "--name", "rev1")
    assert "--date YYYY-MM-DD, or --meeting ID" in said and "exported from" in said
    code, _, err = run(store.root, "revise", "test-doc", "--from", str(export), "--name",
                       "rev1", "--meeting", "prepcom-2010")
    assert code == 0, err
    made = open_drafts(store.root).revision("test-doc", "rev1")
    # the export's kind (zero-draft) and meeting (Santiago) are the zero draft's, not rev1's
    assert (made.date, made.kind, made.meeting) == (dt.date(2010, 9, 6), None,
                                                    "prepcom-2010")


def test_revise_takes_a_date_and_kind_written_into_the_file(store: Drafts,
                                                            tmp_path: Path) -> None:
    export = tmp_path / "rev1.txt"
    text = format_revision(store.revision("test-doc"))
    text = text.replace("kind: zero-draft", "kind: facilitators-text")
    text = text.replace("date: 2010-06-01\nmeeting: santiago-2010", "date: 2010-08-20")
    export.write_text(text, encoding="utf-8")
    made = store.revise("test-doc", export, name="rev1")
    assert (made.date, made.kind, made.meeting) == (dt.date(2010, 8, 20),
                                                    RevisionKind.FACILITATORS_TEXT, None)
    export.write_text(text.replace("date: 2010-08-20", "date: 2010-08-21\nmeeting: geneva"),
                      encoding="utf-8")
    with pytest.raises(NotFoundError, match="no meeting 'geneva'"):
        store.revise("test-doc", export, name="rev2")
    made = store.revise("test-doc", export, name="rev2", date=dt.date(2010, 8, 25),
                        kind="chairs-non-paper", meeting="prepcom-2010")
    assert (made.date, made.kind, made.meeting) == (
        dt.date(2010, 8, 25), RevisionKind.CHAIRS_NON_PAPER, "prepcom-2010")


def test_revise_under_a_recorded_name_says_so_before_asking_for_a_date(copy: Path) -> None:
    said = refused(copy, "revise", PLAN, "--from", str(FIXTURE / PLAN / "revisions" /
                                                       "rev1.txt"), "--name", "rev1")
    assert "already has a revision 'rev1'; recorded revisions are never rewritten" in said


# late proposals

def test_the_deadline_is_the_first_on_or_after_the_revisions_date(store: Drafts) -> None:
    assert store.deadline_for("test-doc", "zero-draft") == DEADLINES[0]
    document = store.document("test-doc")
    assert document.deadline_after(dt.date(2010, 7, 17)) == DEADLINES[1]
    assert document.deadline_after(dt.date(2010, 9, 24)) == DEADLINES[1]
    assert document.deadline_after(dt.date(2010, 9, 25)) is None


def test_a_proposal_made_after_its_deadline_is_late(store: Drafts) -> None:
    def made(when: dt.datetime) -> bool:
        proposal = store.propose("test-doc", paragraph="OP2", operation="delete",
                                 quote="every", proposers=["CHL"], when=when)
        assert store.proposal(proposal.id).late == proposal.late
        return proposal.late

    assert not made(dt.datetime(2010, 7, 16, 23, 59, 59, tzinfo=dt.UTC))  # the whole day
    assert made(dt.datetime(2010, 7, 17, 0, 0, tzinfo=dt.UTC))
    late = [p for p in store.proposals("test-doc") if p.late]
    assert len(late) == 1 and late[0].deadline == DEADLINES[0]


def test_without_deadlines_nothing_is_late(empty_store: Drafts) -> None:
    empty_store.record(make_revision([("p1", "OP1", "States will act.")]))
    made = empty_store.propose("test-doc", paragraph="OP1", operation="delete-paragraph",
                               proposers=["NOR"])
    assert not made.late and made.deadline is None


def test_the_shipped_late_proposals() -> None:
    drafts = open_drafts(FIXTURE)
    assert [p.id for p in drafts.proposals(PLAN) if p.late] == \
        ["NZL-vdxc", "FRA-fngf", "NOR-tm8z"]
    assert [p.id for p in drafts.proposals(DECLARATION) if p.late] == ["MEX-9hs7"]
    assert drafts.proposal("NOR-tm8z").deadline == Deadline(
        dt.date(2010, 9, 24), "1msp", "Written proposals on Rev.1")


def test_late_shows_in_the_proposals_table_json_compilation_and_propose(copy: Path) -> None:
    code, out, _ = run(copy, "proposals", PLAN, "--format", "json")
    found = {p["id"]: p for p in json.loads(out)}
    assert found["NOR-tm8z"]["late"] is True and found["NOR-y6bx"]["late"] is False
    assert found["NOR-tm8z"]["deadline"] == {"date": "2010-09-24", "meeting": "1msp",
                                             "what": "Written proposals on Rev.1"}
    code, out, _ = run(copy, "proposals", PLAN, "--party", "NZL", "--status", "accepted")
    assert code == 0 and re.search(r"accepted, late", out)
    code, out, _ = run(copy, "merge", PLAN, "--compile")
    assert "- NOR, MOZ (late); " in out and "- NZL (late)" in out
    code, out, _ = run(copy, "merge", PLAN, "--compile", "--format", "json")
    options = [o for s in json.loads(out)["sections"] for p in s["paragraphs"]
               for piece in p["pieces"] if "contest" in piece
               for o in piece["contest"]["options"]]
    assert {tuple(o["late"]) for o in options if "NOR-tm8z" in o["proposals"]} == \
        {("NOR, MOZ",)}
    assert {tuple(o["late"]) for o in options if "NOR-y6bx" in o["proposals"]} == {()}
    code, out, err = run(copy, "propose", PLAN, "--para", "Action 27", "--op",
                         "delete-paragraph", "--by", "CHL")
    assert code == 0, err
    assert out.endswith(" by CHL (late: the deadline was 2010-09-24, Written proposals on "
                        "Rev.1)\n")


# the timeline

def test_the_timeline_tells_the_story_of_2010() -> None:
    entries = open_drafts(FIXTURE).timeline(PLAN).entries
    story = [(e.date.isoformat(), type(e).__name__) for e in entries]
    assert story == [("2010-06-01", "RevisionIssued"), ("2010-06-07", "MeetingHeld"),
                     ("2010-07-16", "DeadlinePassed"), ("2010-09-06", "RevisionIssued"),
                     ("2010-09-06", "MeetingHeld"), ("2010-09-24", "DeadlinePassed"),
                     ("2010-11-09", "MeetingHeld")]
    zero, santiago, first, rev1, geneva, second, vientiane = entries
    assert isinstance(zero, RevisionIssued) and zero.meeting is not None
    assert (zero.revision.name, zero.meeting.id) == ("zero-draft", "santiago-2010")
    assert isinstance(rev1, RevisionIssued) and rev1.revision.meeting == "prepcom-2010"
    assert isinstance(santiago, MeetingHeld) and santiago.meeting.place == "Santiago, Chile"
    assert isinstance(geneva, MeetingHeld) and geneva.meeting.id == "prepcom-2010"
    assert isinstance(vientiane, MeetingHeld) and vientiane.meeting.end == dt.date(2010, 11, 12)
    assert isinstance(first, DeadlinePassed) and first.late == ("NZL-vdxc",)
    assert len(first.on_time) == 6  # the other proposals on the zero draft
    assert isinstance(second, DeadlinePassed) and second.late == ("FRA-fngf", "NOR-tm8z")
    assert second.meeting is not None and second.meeting.id == "1msp"


def test_the_timeline_as_text_and_json(copy: Path) -> None:
    code, out, err = run(copy, "timeline", PLAN)
    assert code == 0, err
    lines = [line for line in out.splitlines()[2:] if not line.startswith(" ")]
    assert [line[:36].rstrip() for line in lines] == [
        "2010-06-01                revision", "2010-06-07 to 2010-06-09  meeting",
        "2010-07-16                deadline", "2010-09-06                revision",
        "2010-09-06                meeting", "2010-09-24                deadline",
        "2010-11-09 to 2010-11-12  meeting"]
    assert out.startswith("Vientiane Action Plan: timeline\n\n")
    assert "Rev.1 issued for the Preparatory Meeting by Presidency (Lao PDR)" in out
    assert "Written proposals on Rev.1, for the First Meeting of States Parties: 29 " \
           "proposals on time, 2 late (FRA-fngf, NOR-tm8z)" in out
    assert "Preparatory Meeting, Geneva, Switzerland" in out
    code, out, _ = run(copy, "timeline", DECLARATION, "--format", "json")
    events = json.loads(out)["events"]
    assert [(e["date"], e["type"]) for e in events] == [
        ("2010-06-01", "revision"), ("2010-06-07", "meeting"), ("2010-07-16", "deadline"),
        ("2010-08-20", "revision"), ("2010-08-31", "deadline"), ("2010-09-06", "meeting"),
        ("2010-11-09", "meeting")]
    assert events[3]["kind"] == "rev" and events[3]["meeting"] == "prepcom-2010"
    assert events[4]["late"] == ["MEX-9hs7"] and events[1]["end"] == "2010-06-09"


def test_a_new_revision_takes_its_place_in_the_timeline(store: Drafts) -> None:
    store.merge("test-doc", "rev1", store.select("test-doc", statuses=("accepted",)),
                meeting="prepcom-2010", kind="rev")
    kinds = [(e.date.isoformat(), type(e).__name__) for e in store.timeline("test-doc").entries]
    assert kinds == [("2010-06-01", "RevisionIssued"), ("2010-06-07", "MeetingHeld"),
                     ("2010-07-16", "DeadlinePassed"), ("2010-09-06", "RevisionIssued"),
                     ("2010-09-06", "MeetingHeld"), ("2010-09-24", "DeadlinePassed"),
                     ("2010-11-09", "MeetingHeld")]


def test_a_timeline_of_nothing_says_so(empty_store: Drafts) -> None:
    code, out, _ = run(empty_store.root, "timeline", "test-doc")
    assert code == 0 and "Nothing yet" in out
    assert "no such" not in refused(empty_store.root, "timeline", "no-such-doc")
