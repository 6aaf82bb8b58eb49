"""An export edited and saved in LibreOffice (which drops reply threads) imports
exactly what was typed there, and once: its replies come back as draftkit's own.

Skipped unless LibreOffice and python3-uno are installed (see test_docx_libreoffice).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE, snapshot
from draftkit.api import open_drafts
from test_docx_libreoffice import Office, _available

DOC = "vientiane-action-plan"

pytestmark = pytest.mark.skipif(not _available(),
                                reason="LibreOffice (soffice) with python3-uno not installed")


def test_an_export_saved_in_libreoffice_imports_once(office: Office, tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    shutil.copytree(FIXTURE, root)
    drafts = open_drafts(root)
    drafts.reply("C-CMC-8m24", "CHL", "Support.")
    clean = tmp_path / "rev1.docx"
    clean.write_bytes(drafts.export_docx(DOC, "rev1"))
    untouched = tmp_path / "untouched.docx"
    office.run("edit", str(clean), str(untouched), json.dumps([]))
    for party in (None, "NOR"):
        plan = drafts.import_docx(DOC, untouched, revision="rev1", party=party).plan
        assert plan.empty and (plan.problems, plan.already) == ((), ())
        assert (plan.exported_comments, plan.exported_replies) == (12, 7)
    edited = tmp_path / "chile.docx"
    office.run("edit", str(clean), str(edited), json.dumps([
        {"do": "replace", "old": "national health", "new": "national public health"},
        {"do": "comment", "on": "disability and social services", "author": "Chile",
         "text": "Support."}]))
    first = drafts.import_docx(DOC, edited, revision="rev1")
    assert first.plan.problems == () and first.replies == ()
    assert [(p.proposers, p.label) for p in first.proposals] == [(("NOR",), "Action 27")]
    assert [(c.party, c.text) for c in first.comments] == [("CHL", "Support.")]
    before = snapshot(root)
    again = drafts.import_docx(DOC, edited, revision="rev1", party="NOR").plan
    assert again.empty and again.problems == ()
    assert sorted(a.id for a in again.already) == sorted([first.proposals[0].id,
                                                          first.comments[0].id])
    assert snapshot(root) == before
