from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DocumentKind, new_store
from draftkit.api import open_drafts
from draftkit.model import Revision
from draftkit.revise import carry_identities
from draftkit.store.revision_format import format_revision, parse_revision
from strategies import revisions


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
