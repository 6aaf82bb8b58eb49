"""Commands that start and grow a store: init, new, parties list|add|edit|key|
allowed-signers; and verify, which checks who signed what was added to it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from draftkit.cli import DraftkitGroup, OutputFile, cli, drafts_of, emit, show_renderable
from draftkit.errors import DraftkitError
from draftkit.model import Distribution, DocumentKind, Party, PartyKind, RevisionKind

KINDS = [k.value for k in PartyKind]


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--git", "git", is_flag=True, help="Also make it a git repository (`git init`), "
              "unless it is inside one already.")
@click.pass_context
def init(ctx: click.Context, folder: Path | None, git: bool) -> None:
    """Start a drafts folder (default: ./drafts, or --drafts): an empty parties registry,
    .gitattributes and .gitignore. An existing drafts folder is refused."""
    from draftkit.api import init_drafts
    from draftkit.render.safe import visible_line

    given = ctx.obj.get("path")
    if folder is not None and given is not None and Path(given) != folder:
        raise DraftkitError(f"two folders given: {given} (--drafts) and {folder}")
    root = folder or given or Path("drafts")
    done = init_drafts(root, git=git)
    shown = visible_line(str(root))
    click.echo(f"started a drafts folder in {shown}: "
               f"{', '.join(p.name for p in done.written)}")
    if done.git_created:
        click.echo("made it a git repository (git init); commit the files to share them")
    elif git and done.repository is not None:
        click.echo(f"{shown} is inside the git repository {visible_line(str(done.repository))} "
                   f"already: no repository made inside it")
    click.echo(f"next: draftkit --drafts {shown} parties add NOR --kind state --name Norway")


@cli.command()
@click.argument("document")
@click.option("--title", required=True, help="The document's title.")
@click.option("--kind", type=click.Choice([k.value for k in DocumentKind]), required=True,
              help="What the document is.")
@click.option("--from", "source", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The text: plain text (see README) or an exported revision file.")
@click.option("--name", default="zero-draft", show_default=True,
              help="The first revision's name.")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]),
              help="Its issue date (default: today, and said so).")
@click.option("--issued-by", default="Presidency", show_default=True,
              help="Who issues the first revision.")
@click.option("--note", default="", help="A one-line note on the revision.")
@click.option("--revision-kind", type=click.Choice([k.value for k in RevisionKind]),
              help="What the first revision is (default: zero-draft when it is named so).")
@click.option("--symbol", help="The document symbol its revisions carry, e.g. "
              "CCM/MSP/2010/WP.1 (Rev.1 becomes CCM/MSP/2010/WP.1/Rev.1).")
@click.option("--distribution", type=click.Choice([d.value for d in Distribution]),
              help='"Distr.:" on the first page of its Word and PDF exports.')
@click.option("--original-language", help='"Original:" on the first page, e.g. English.')
@click.pass_context
def new(ctx: click.Context, document: str, title: str, kind: str, source: Path, name: str,
        date: Any, issued_by: str, note: str, revision_kind: str | None, symbol: str | None,
        distribution: str | None, original_language: str | None) -> None:
    """Start a document with its first revision, read from a plain text or an export."""
    from draftkit.model import display_name
    from draftkit.render.safe import visible_line

    revision = drafts_of(ctx).new_document(
        document, title=title, kind=kind, source=source, name=name,
        date=date.date() if date else None, issued_by=issued_by, note=note,
        revision_kind=revision_kind, symbol=symbol, distribution=distribution,
        original_language=original_language)
    labelled = sum(1 for p in revision.paragraphs() if p.label is not None)
    click.echo(f"started {document}: {display_name(revision.name)} dated "
               f"{revision.date.isoformat()}, {revision.paragraph_count()} paragraphs "
               f"({labelled} labelled) in {len(revision.sections)} sections: "
               f"{visible_line('; '.join(s.title for s in revision.sections))}")


@cli.group(cls=DraftkitGroup)
def parties() -> None:
    """The parties registry: who tables amendments (states, groups through their members)
    and who gives input (observers: organisations and civil society)."""


def role(party: Party) -> str:
    if party.kind is PartyKind.GROUP:
        return "tables amendments through its members"
    return "tables amendments" if not party.observer else "observer"


@parties.command("list")
@click.option("--kind", type=click.Choice(KINDS), help="Only parties of this kind.")
@click.option("--format", "form", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table: on the terminal; json: for scripts.")
@click.pass_context
def list_parties(ctx: click.Context, kind: str | None, form: str) -> None:
    """List the registry: code, kind, name, members and role."""
    registry = drafts_of(ctx).parties()
    shown = [p for p in registry.values() if kind is None or p.kind.value == kind]
    if form == "json":
        from draftkit.render.safe import dumps

        emit(dumps([{"code": p.code, "kind": p.kind.value, "name": p.name,
                     "members": list(p.members), "observer": p.observer,
                     "tables_amendments": not p.observer} for p in shown],
                   indent=2) + "\n", None)
        return
    from draftkit.render.terminal import records_or_table
    from draftkit.vocabulary import quantity

    show_renderable(records_or_table(
        quantity(len(shown), "party"), ("code", "kind", "name", "members", "role"),
        [(p.code, p.kind.value, p.name, " ".join(p.members), role(p)) for p in shown]))


def _codes(text: str | None) -> list[str] | None:
    """Member codes as given: "CIV GHA", "CIV, GHA" or "" (none)."""
    return None if text is None else [c for c in re.split(r"[\s,]+", text) if c]


@parties.command("add")
@click.argument("code")
@click.option("--kind", type=click.Choice(KINDS), required=True,
              help="state or group (they table amendments), organization or civil-society "
                   "(observers).")
@click.option("--name", required=True, help="Its name as people write it, e.g. Norway.")
@click.option("--members", help='A group\'s members, States in the registry: "CIV GHA MOZ".')
@click.pass_context
def add(ctx: click.Context, code: str, kind: str, name: str, members: str | None) -> None:
    """Add a party to the registry."""
    party = drafts_of(ctx).add_party(code, kind=kind, name=name,
                                     members=_codes(members) or ())
    _said("added", party)


@parties.command("edit")
@click.argument("code")
@click.option("--kind", type=click.Choice(KINDS), help="Its new kind.")
@click.option("--name", help="Its new name.")
@click.option("--members", help="Replace a group's members (\"\" for none).")
@click.option("--add-member", "add_members", multiple=True, help="Repeatable.")
@click.option("--remove-member", "remove_members", multiple=True, help="Repeatable.")
@click.pass_context
def edit(ctx: click.Context, code: str, kind: str | None, name: str | None,
         members: str | None, add_members: tuple[str, ...],
         remove_members: tuple[str, ...]) -> None:
    """Change a party's name, kind or members. Codes never change and parties are never
    removed: items name them for good."""
    party = drafts_of(ctx).edit_party(code, name=name, kind=kind, members=_codes(members),
                                      add_members=add_members, remove_members=remove_members)
    _said("changed", party)


def _said(verb: str, party: Party) -> None:
    from draftkit.render.safe import visible_line

    members = f" ({' '.join(party.members)})" if party.members else ""
    click.echo(visible_line(f"{verb} {party.code}: {party.name}, {party.kind.value}{members}; "
                            f"{role(party)}"))


@parties.command("key")
@click.argument("holder", metavar="PARTY")
@click.option("--add", "add_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the public key in this .pub file as speaking for PARTY.")
@click.option("--remove", "remove", metavar="KEY",
              help="Remove PARTY's key: its fingerprint (SHA256:…), base64 or .pub line.")
@click.pass_context
def key(ctx: click.Context, holder: str, add_file: Path | None, remove: str | None) -> None:
    """A party's public SSH signing keys (PARTY: a code, or Presidency for the
    presidency's). Without --add or --remove, list them. `draftkit verify` accepts a
    party's items only in commits signed by one of its keys.
    """
    from draftkit.render.safe import visible_line

    drafts = drafts_of(ctx)
    if add_file is not None and remove is not None:
        raise DraftkitError("give --add or --remove, not both")
    if add_file is not None:
        from draftkit.store.files import read_text

        lines = [line for line in read_text(add_file).splitlines() if line.strip()]
        if len(lines) != 1:
            raise DraftkitError(f"{add_file}: expected one public key line (a .pub file), "
                                f"found {len(lines)}")
        added = drafts.add_key(holder, lines[0])
        click.echo(visible_line(f"added {added.holder}'s key {added.fingerprint} "
                                f"({added.kind}{', ' + added.comment if added.comment else ''})"))
        return
    if remove is not None:
        gone = drafts.remove_key(holder, remove)
        click.echo(visible_line(f"removed {gone.holder}'s key {gone.fingerprint}"))
        return
    for known in drafts.keys(holder):
        click.echo(visible_line(f"{known.fingerprint} {known.kind} {known.comment}".rstrip()))


@parties.command("allowed-signers")
@click.option("-o", "--output", type=OutputFile(), help="Write to this file.")
@click.pass_context
def allowed_signers(ctx: click.Context, output: Path | None) -> None:
    """git's allowed-signers file, derived from the registry's keys: point
    gpg.ssh.allowedSignersFile at it and `git log --show-signature` names each
    commit's party. Derived, so never committed.
    """
    emit(drafts_of(ctx).allowed_signers(), output)


@cli.command()
@click.argument("document", required=False)
@click.option("--since", metavar="COMMIT", help="Accept the history up to and including "
              "this commit as it is (unsigned history from before signing began).")
@click.option("--format", "form", type=click.Choice(["text", "json"]), default="text",
              help="json: verified, commits, changes, since, anchor and the unverified "
                   "items.")
@click.pass_context
def verify(ctx: click.Context, document: str | None, since: str | None, form: str) -> None:
    """Check the drafts folder's git history: every proposal, position and comment in a
    commit signed by a key of a party it speaks for; accept, reject, dispositions,
    decisions, revisions and the registry by the presidency's keys; nothing rewritten
    after it was committed. Exit 0 all verified, 1 with one line per unverified item
    (file | commit | signer | why), 2 on bad input. See docs/shared-repository.md.
    """
    from draftkit.render.safe import dumps, visible_line

    report = drafts_of(ctx).verify(document, since)
    if form == "json":
        click.echo(dumps({"verified": report.verified, "commits": report.commits,
                          "changes": report.changes, "since": report.since,
                          "anchor": report.anchor,
                          "unverified": [{"path": f.path, "commit": f.commit,
                                          "signer": f.signer, "why": f.why}
                                         for f in report.findings]}, indent=2))
    else:
        for finding in report.findings:
            click.echo(visible_line(f"{finding.path} | {finding.commit[:12]} | "
                                    f"{finding.signer} | {finding.why}"))
        since_text = f" after {report.since[:12]}" if report.since else ""
        verdict = "all verified" if report.verified else \
            f"{len(report.findings)} unverified"
        click.echo(f"{report.commits} commits{since_text}, {report.changes} file changes: "
                   f"{verdict}", err=True)
    if not report.verified:
        ctx.exit(1)
