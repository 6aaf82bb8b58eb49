"""The commands of `draftkit`: each one's module and the first sentence of its help.

`draftkit --help` lists the commands from this table without importing them: a
command's module (and the library it needs: attrs, the model, the store) is imported
only when that command runs or its own help is asked. tests/test_cli_index.py checks
the table against the commands the modules define.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click

# name: (module under draftkit.cli, the first sentence of the command's help)
INDEX: dict[str, tuple[str, str]] = {
    "accept": ("proposals", "Record that the presidency accepted a proposal."),
    "agree": ("agreement", "Record a decision on a paragraph's status, at a meeting: agreed "
                           "ad ref, confirmed, or reopened."),
    "blame": ("merge", "Show, for each span of words, the revision it first appeared in and "
                       "who proposed it."),
    "check": ("documents", "Check the drafts folder (or one document): grammar, seals, ids, "
                           "parties, references, revision parents, stray files."),
    "comment": ("comments", "Record a comment on a document, a paragraph or some words."),
    "comments": ("comments", "The comments matrix, as secretariats exchange it (ISO/IEC "
                             "template): party (MB/NC), paragraph, clause, type (ge/te/ed), "
                             "quoted words, comment, proposed change (its wording), "
                             "observations of the secretariat (the disposition), in the "
                             "order of the text."),
    "diff": ("diff", "Show what changed from revision FROM to TO of DOCUMENT, word by word."),
    "dispose": ("comments", "Give a comment the presidency's disposition."),
    "docs": ("documents", "List the documents in the drafts folder."),
    "export": ("documents", "Write a revision as text (the editable revision format), "
                            "markdown, JSON, Word or PDF."),
    "form": ("form", "Write a revision as a blank form a reporting State fills in: its "
                     "tables with empty rows, a check box for each choice, voluntary fields "
                     "shaded."),
    "import": ("docx", "Record a delegation's Word file: tracked changes as proposals, "
                       "comments as comments."),
    "init": ("setup", "Start a drafts folder (default: ./drafts, or --drafts): an empty "
                      "parties registry, .gitattributes and .gitignore."),
    "log": ("documents", "List a document's revisions with date, issuer and paragraph counts "
                         "(as issued), then the decisions taken on each since and the agreed "
                         "text merges reopened."),
    "merge": ("merge", "Merge proposals: a compilation text (--compile) or a clean next "
                       "revision (--into)."),
    "new": ("setup", "Start a document with its first revision, read from a plain text or "
                     "an export."),
    "oppose": ("proposals", "Record a party's opposition to a proposal."),
    "parties": ("setup", "The parties registry: who tables amendments (states, groups "
                         "through their members) and who gives input (observers: "
                         "organisations and civil society)."),
    "proposals": ("proposals", "List proposals in text order, filtered by party, paragraph, "
                               "status or section."),
    "propose": ("proposals", "Record a proposal (an amendment) attributed to its proposers."),
    "publish": ("publish", "Write a static website of the negotiation to a folder: the "
                           "documents (all by default), each revision and redline, the "
                           "compilation, a page per paragraph and per party, the comments "
                           "matrix and what is still open."),
    "reject": ("proposals", "Record that the presidency rejected a proposal."),
    "reopen": ("proposals", "Record that the presidency reopened a proposal."),
    "reply": ("comments", "Reply to a comment."),
    "revise": ("documents", "Record a new revision from an edited text; matching paragraphs "
                            "keep their identity."),
    "show": ("documents", "Print a revision, or some of its paragraphs, brackets and all; "
                          "statuses as they stand now (the revision's, then the decisions "
                          "taken since)."),
    "status": ("comments", "What is still open: paragraphs by status, proposals, comments, "
                           "and the most contested paragraphs with the parties supporting "
                           "and opposing proposals on them."),
    "support": ("proposals", "Record a party's support for a proposal."),
    "timeline": ("process", "The story of a document in date order: its meetings, the "
                            "revisions issued (kind, meeting), the input deadlines (proposals "
                            "on time and late) and the decisions taken."),
    "verify": ("setup", "Check the drafts folder's git history: every proposal, position and "
                        "comment in a commit signed by a key of a party it speaks for; "
                        "accept, reject, dispositions, decisions, revisions and the registry "
                        "by the presidency's keys; nothing rewritten after it was "
                        "committed."),
    "withdraw": ("proposals", "Withdraw a proposal (by one of its proposers)."),
}


class Commands(MutableMapping[str, "click.Command"]):
    """The root group's commands by name, as click reads them (`Group.commands`): the
    names are the index's; a command's module is imported when the command itself is
    first asked for, and registers its commands here as it is imported."""

    def __init__(self) -> None:
        self._made: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._made and name in INDEX:
            importlib.import_module(f"draftkit.cli.{INDEX[name][0]}")
        return self._made[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        del self._made[name]

    def __contains__(self, name: object) -> bool:
        return name in INDEX or name in self._made

    def __iter__(self) -> Iterator[str]:
        return iter(INDEX)

    def __len__(self) -> int:
        return len(INDEX)
