"""The façade a script imports: `from draftkit import open_drafts`.

It composes the store and the pure core; the CLI calls exactly this.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from draftkit.desk.comments import CommentDesk
from draftkit.desk.integrity import IntegrityDesk
from draftkit.desk.lifecycle import LifecycleDesk, accepted_conflict_line
from draftkit.desk.merging import MergingDesk
from draftkit.desk.process import ProcessDesk
from draftkit.desk.publishing import PublishingDesk
from draftkit.desk.revisions import RevisionDesk
from draftkit.desk.setup import SetupDesk
from draftkit.desk.word import WordDesk
from draftkit.store import DraftsFolder, find_drafts_folder

__all__ = ["Drafts", "Initialized", "accepted_conflict_line", "init_drafts", "open_drafts"]


def open_drafts(path: str | os.PathLike[str] | None = None) -> Drafts:
    """Open a drafts folder: `path`, else $DRAFTKIT_DRAFTS, else the nearest `drafts/`."""
    return Drafts(DraftsFolder(find_drafts_folder(path)))


@attrs.frozen
class Initialized:
    """What `init_drafts` did: the files it wrote, and the git repository the folder is in
    (`git_created`: made by this call; None: not in one)."""

    drafts: Drafts
    written: tuple[Path, ...]
    repository: Path | None = None
    git_created: bool = False


def init_drafts(path: str | os.PathLike[str] = "drafts", *, git: bool = False) -> Initialized:
    """Start a drafts folder at `path` (made if need be): `.gitattributes` (git's union
    merge for item files and the registry), `.gitignore` (draftkit's working folders)
    and an empty `parties.txt`. Refused for an existing drafts folder.

    With `git`, the folder becomes a git repository (`git init`), unless it is inside
    one already: then it is not nested in another, and `repository` names the one it
    is in."""
    from draftkit.store import setup

    root = Path(path)
    repository = setup.git_repository(root) if git else None
    written = tuple(setup.init_folder(root))
    if git and repository is None:
        setup.git_init(root)
        return Initialized(open_drafts(root), written, root.resolve(), True)
    return Initialized(open_drafts(root), written, repository)


class Drafts(PublishingDesk, ProcessDesk, WordDesk, MergingDesk, CommentDesk, LifecycleDesk,
             SetupDesk, RevisionDesk, IntegrityDesk):
    """One drafts folder: documents, revisions, parties, proposals, comments, decisions.

    Every method is a desk's, one desk per concept (`draftkit.desk`): the folder as
    all read it (`base`), agreement, proposals and their lifecycle, merging,
    comments, Word and forms, recording revisions, setup, the process, publishing,
    integrity (check, keys, verify)."""
