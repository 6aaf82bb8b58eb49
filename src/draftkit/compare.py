"""Diffs of a drafts folder's texts, for scripts and for `draftkit diff`.

`docdiff.diff` compares two Revision values; this module finds them: recorded
revisions by name (with the defaults people expect), or an edited revision
file set against a recorded one, and resolves the addresses and sections
that restrict a diff.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from draftkit.agreement import agreed_words_changed
from draftkit.docdiff import DocumentDiff, diff
from draftkit.errors import DraftkitError, NotFoundError
from draftkit.model import Revision, display_name, section_key, section_names
from draftkit.provenance import Provenance
from draftkit.revise import carry_identities
from draftkit.store import files
from draftkit.store.revision_format import parse_revision

if TYPE_CHECKING:
    from draftkit.desk.proposals import ProposalDesk


def revisions_to_compare(drafts: ProposalDesk, document: str, from_name: str | None = None,
                         to_name: str | None = None) -> tuple[Revision, Revision]:
    """The two revisions: TO is the latest unless named, FROM its parent (or the
    revision recorded before it) unless named."""
    after = drafts.revision(document, to_name)
    if from_name is not None:
        return drafts.revision(document, from_name), after
    names = drafts.revision_names(document)
    earlier = names[:names.index(after.name)]
    parent = after.parent or (earlier[-1] if earlier else None)
    if parent is None:
        raise DraftkitError(f"{after.title} is the first revision of {document}: "
                            f"name two revisions to compare")
    return drafts.revision(document, parent), after


def diff_revisions(drafts: ProposalDesk, document: str, from_name: str | None = None,
                   to_name: str | None = None,
                   provenance: Provenance | None = None) -> DocumentDiff:
    """How revision TO differs from FROM (defaults as in `revisions_to_compare`).

    Without `provenance`, a merge's recorded provenance attributes the changes
    when TO was merged from FROM.
    """
    before, after = revisions_to_compare(drafts, document, from_name, to_name)
    compared = diff(before, after,
                    provenance or recorded_provenance(drafts, document, before, after))
    return flag_agreed(drafts, document, compared, before, after)


def flag_agreed(drafts: ProposalDesk, document: str, compared: DocumentDiff, before: Revision,
                after: Revision, recorded: bool = True) -> DocumentDiff:
    """The diff with each paragraph flagged whose words were agreed or ad ref in FROM and
    changed without a recorded reopening: along the recorded revisions from FROM to TO
    (`recorded`), else (TO an edited file, or a text with proposals applied) directly."""
    if recorded:
        paragraph_ids = {p.id for _, p in drafts.agreed_words_changed(
            document, after.name, since=before.name)}
    else:
        paragraph_ids = {p.id for p in agreed_words_changed(
            drafts.current(document, before.name), after)}
    if not paragraph_ids:
        return compared
    return attrs.evolve(compared, paragraphs=tuple(
        attrs.evolve(p, agreed_changed=True) if p.id in paragraph_ids else p
        for p in compared.paragraphs))


def recorded_provenance(drafts: ProposalDesk, document: str, before: Revision,
                        after: Revision) -> Provenance | None:
    """The provenance a merge recorded for `after`, if it was merged from `before`."""
    if after.name not in drafts.revision_names(document):
        return None
    found = drafts.provenance(document, after.name)
    return found if found is not None and found.parent == before.name else None


def with_proposals(drafts: ProposalDesk, document: str, base: Revision,
                   ids: Sequence[str]) -> tuple[Revision, Provenance]:
    """`base` as it would read with the proposals `ids` applied, whatever their status,
    and which proposal made each change. Conflicts or stale proposals are an error."""
    from draftkit.merge import MergeOptions, merge

    proposals = drafts.proposals(document, ids=list(ids))
    options = MergeOptions("proposed", base.date, base.issued_by,
                           f"{display_name(base.name)} with {', '.join(ids)}",
                           reopen=True)  # a view of the text, not a record: agreed or not
    result = merge(base, proposals, drafts.history(document), options)
    if result.revision is None or result.provenance is None:
        reasons = [f"{', '.join(c.ids)} conflict on {c.label or c.paragraph}"
                   for c in result.conflicts]
        reasons += [f"{s.proposal} is stale: {s.reason}" for s in result.stale]
        raise DraftkitError(f"cannot apply {', '.join(ids)} to {base.title}: "
                            f"{'; '.join(reasons)}")
    return result.revision, result.provenance


def file_to_compare(drafts: ProposalDesk, document: str, path: str | os.PathLike[str],
                    from_name: str | None = None) -> tuple[Revision, Revision]:
    """A recorded revision, and an edited revision file (an export, edited) read against it.

    The recorded revision is `from_name`, else the one the file names as its
    `name` or `parent` if recorded, else the latest. Paragraphs written without
    ids take their identity as `draftkit revise` would give it; the header of
    the file is not compared.
    """
    source = Path(path)
    earlier = drafts.revisions(document)
    taken = {s.id for r in earlier for s in r.sections} | \
        {p.id for r in earlier for p in r.paragraphs()}
    parsed = parse_revision(files.read_text(source), str(source), require_ids=False,
                            taken=taken)
    named = parsed.header.get("document")
    if named and named != document:
        raise DraftkitError(f"{source}:2: is a revision of {named}, not {document}")
    recorded = drafts.revision_names(document)
    if from_name is None:
        from_name = next((parsed.header[key] for key in ("name", "parent")
                          if parsed.header.get(key) in recorded), None)
    before = drafts.revision(document, from_name)
    sections = carry_identities(before, parsed.sections, parsed.fresh_ids)
    try:
        return before, attrs.evolve(before, sections=sections)
    except ValueError as error:
        raise DraftkitError(f"{source}: {error}") from None


def diff_file(drafts: ProposalDesk, document: str, path: str | os.PathLike[str],
              from_name: str | None = None) -> DocumentDiff:
    """How an edited revision file differs from a recorded revision; its TO name is
    the file's path (see `file_to_compare`)."""
    before, edited = file_to_compare(drafts, document, path, from_name)
    compared = flag_agreed(drafts, document, diff(before, edited), before, edited, False)
    return attrs.evolve(compared, to_name=str(path))


def paragraph_ids(drafts: ProposalDesk, document: str, addresses: Iterable[str],
                  revisions: Sequence[Revision]) -> set[str]:
    """The identities at these addresses, each looked up in the given revisions in
    turn ("Action 27"), or in the one it names ("OP6@zero-draft")."""
    found = set()
    for wanted in addresses:
        label, at, cited_in = wanted.partition("@")
        if at:
            found.add(drafts.revision(document, cited_in.strip()).find(label.strip()).id)
            continue
        for revision in revisions:
            try:
                found.add(revision.find(wanted).id)
                break
            except NotFoundError:
                continue
        else:
            raise NotFoundError(f"no paragraph {wanted} in "
                                f"{' or '.join(r.title for r in revisions)} of {document}")
    return found


def section_ids(compared: DocumentDiff, wanted: Iterable[str]) -> set[str]:
    """The sections named by number ("IV"), heading or title ("IV. Stockpile …"), on
    either side of the diff."""
    found = set()
    for name in wanted:
        matches = {s.id for s in compared.sections
                   if section_key(name) in section_names(s.id, s.from_number, s.from_heading)
                   | section_names(s.id, s.to_number, s.to_heading)}
        if not matches:
            raise NotFoundError(f"no section {name!r} in {compared.from_title} or "
                                f"{compared.to_title}")
        found |= matches
    return found
