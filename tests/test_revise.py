from __future__ import annotations

import tempfile
from collections.abc import Collection
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DocumentKind, new_store
from draftkit.api import open_drafts
from draftkit.model import Revision, Section
from draftkit.revise import carry_identities, similarity
from draftkit.store.revision_format import format_revision, parse_revision
from strategies import revision_pairs, revisions


def _without_ids(text: str) -> str:
    """The revision file with every paragraph id removed (text lines left alone)."""
    lines = text.split("\n")
    out = []
    after_header = False
    for line in lines:
        if line.startswith("@para") and not after_header:
            out.append("@para |" + line.split("|", 1)[1])
            after_header = True
        else:
            out.append(line)
            after_header = False
    return "\n".join(out)


@given(revisions())
def test_identities_survive_stripping_ids(revision: Revision) -> None:
    texts = [p.text for p in revision.paragraphs()]
    parsed = parse_revision(_without_ids(format_revision(revision)), "x", require_ids=False)
    sections = carry_identities(revision, parsed.sections, parsed.fresh_ids)
    for old, new in zip(revision.paragraphs(), (p for s in sections for p in s.paragraphs),
                        strict=True):
        if texts.count(old.text) == 1:
            assert new.id == old.id


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(revisions(), st.data())
def test_revise_keeps_edited_paragraphs(tmp_path: Path, revision: Revision,
                                                       data: st.DataObject) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    drafts = new_store(root, DocumentKind.OTHER)
    first = attrs.evolve(revision, name="zero-draft", parent=None)
    drafts.record(first)
    words = [p.text for p in first.paragraphs()]
    edited_text = format_revision(first)
    # Append a word to one paragraph (whose text is unique and not tiny) and strip ids.
    candidates = [p for p in first.paragraphs() if words.count(p.text) == 1
                  and len(p.text.split()) >= 6]
    target = data.draw(st.sampled_from(candidates)) if candidates else None
    if target is not None:
        edited_text = edited_text.replace(f"\n{target.text}\n", f"\n{target.text} also\n")
    source = root / "edited.txt"
    source.write_text(_without_ids(edited_text).replace("name: zero-draft", "name: rev1"))
    second = drafts.revise("test-doc", source, name="rev1")
    assert second.parent == "zero-draft"
    for old, new in zip(first.paragraphs(), second.paragraphs(), strict=True):
        if words.count(old.text) == 1:
            assert new.id == old.id
    assert open_drafts(root).revision("test-doc", "rev1") == second


def _carry_pair_by_pair(previous: Revision, sections: tuple[Section, ...],
                        fresh_ids: Collection[str]) -> tuple[Section, ...]:
    """The rules of carry_identities as first written: every written paragraph compared
    with every unclaimed one (quadratic); the fast version must agree with it."""
    written = [p for s in sections for p in s.paragraphs if p.id in fresh_ids]
    kept = {p.id for s in sections for p in s.paragraphs if p.id not in fresh_ids}
    unclaimed = {p.id: p for p in previous.paragraphs() if p.id not in kept}
    claimed: dict[str, str] = {}
    for paragraph in written:
        same = [old for old in unclaimed.values() if old.text == paragraph.text]
        if same:
            claimed[paragraph.id] = unclaimed.pop(same[0].id).id
    for paragraph in written:
        if paragraph.id in claimed or paragraph.label is None:
            continue
        same_label = [old for old in unclaimed.values() if old.label == paragraph.label]
        if same_label and similarity(paragraph.text, same_label[0].text) >= 0.5:
            claimed[paragraph.id] = unclaimed.pop(same_label[0].id).id
    for paragraph in written:
        if paragraph.id in claimed or not unclaimed:
            continue
        best = max(unclaimed.values(), key=lambda old: similarity(paragraph.text, old.text))
        if similarity(paragraph.text, best.text) >= 0.6:
            claimed[paragraph.id] = unclaimed.pop(best.id).id
    section_ids = {s.heading: s.id for s in previous.sections}
    return tuple(attrs.evolve(
        section, id=section_ids.get(section.heading, section.id) if section.id in fresh_ids
        else section.id,
        paragraphs=tuple(attrs.evolve(p, id=claimed.get(p.id, p.id)) for p in section.paragraphs))
        for section in sections)


def _reworded(text: str, data: st.DataObject) -> str:
    words = text.split()
    if words and data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(words) - 1))
        words[at:at + data.draw(st.integers(0, 2))] = data.draw(
            st.lists(st.sampled_from(["shall", "may", "States", "[all]"]), max_size=3))
    return " ".join(words) or text


@given(revision_pairs(), st.data())
def test_carry_identities_agrees_with_comparing_every_pair(
        pair: tuple[Revision, Revision], data: st.DataObject) -> None:
    before, after = pair
    # Some paragraphs reworded a little (similar, not equal), some relabelled away.
    after = attrs.evolve(after, sections=tuple(attrs.evolve(s, paragraphs=tuple(
        attrs.evolve(p, text=_reworded(p.text, data)) for p in s.paragraphs))
        for s in after.sections))
    parsed = parse_revision(_without_ids(format_revision(after)), "x", require_ids=False)
    assert carry_identities(before, parsed.sections, parsed.fresh_ids) == \
        _carry_pair_by_pair(before, parsed.sections, parsed.fresh_ids)
