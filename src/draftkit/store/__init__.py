"""The only code that touches files: the drafts folder, its formats and safe writes."""

from draftkit.store.drafts_folder import DraftsFolder, find_drafts_folder

__all__ = ["DraftsFolder", "find_drafts_folder"]
