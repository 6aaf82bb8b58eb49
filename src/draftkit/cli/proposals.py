"""Commands on proposals: propose, proposals, support, oppose, withdraw, accept, reject."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from draftkit.api import PRESIDENCY, Drafts
from draftkit.cli import cli, drafts_of, emit, show_renderable
from draftkit.errors import DraftkitError, FormatError
from draftkit.proposals import OperationKind, Position, ProposalStatus
from draftkit.render.items import AddressOf
from draftkit.store.files import read_text

FILE_KEYS = {"paragraph", "operation", "quote", "occurrence", "text", "position",
             "destination", "proposers", "on-behalf-of", "rationale", "revision"}


def address_of(drafts: Drafts, document: str) -> AddressOf:
    latest = drafts.revision(document)
    return lambda paragraph_id: drafts.label_in(document, paragraph_id, latest.name)


def read_proposal_file(path: Path) -> dict[str, Any]:
    """A proposal written as `key: value` lines (see README), as `propose` arguments."""
    fields: dict[str, Any] = {}
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, colon, value = line.partition(": ")
        if not colon or key not in FILE_KEYS:
            raise FormatError(str(path), number, f"expected 'key: value' with a key among "
                                                 f"{', '.join(sorted(FILE_KEYS))}")
        fields[key.replace("-", "_")] = value
    if "proposers" in fields:
        fields["proposers"] = fields["proposers"].split()
    if "occurrence" in fields:
        fields["occurrence"] = int(fields["occurrence"])
    return fields


@cli.command()
@click.argument("document")
@click.option("--para", "paragraph", help='The paragraph, e.g. "Action 12" or "OP6@zero-draft".')
@click.option("--op", "operation", type=click.Choice([k.value for k in OperationKind]),
              help="What the proposal does.")
@click.option("--quote", help="The words it acts on (insert next to, delete, replace, retain).")
@click.option("--occurrence", type=int, help="Which occurrence of --quote, when it repeats.")
@click.option("--text", help="The new words or the new paragraph.")
@click.option("--position", type=click.Choice([p.value for p in Position]),
              help="Where an insertion, new or moved paragraph goes.")
@click.option("--destination", help="The paragraph a moved one goes next to.")
@click.option("--by", "proposers", multiple=True, help="A proposing party; repeat for co-sponsors.")
@click.option("--on-behalf-of", help="The group the proposers speak for.")
@click.option("--rationale", default="", help="Why, in one line.")
@click.option("--rev", "revision", help="The revision it is written against (default: latest).")
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the proposal from a file of 'key: value' lines.")
@click.pass_context
def propose(ctx: click.Context, /, document: str, source: Path | None, **options: Any) -> None:
    """Record a proposal (an amendment) attributed to its proposers."""
    fields = read_proposal_file(source) if source else {}
    fields.update({k: v for k, v in options.items() if v not in (None, (), "")})
    for required, option in (("paragraph", "para"), ("operation", "op"), ("proposers", "by")):
        if required not in fields:
            raise DraftkitError(f"missing --{option} (or '{required}:' in the --from file)")
    proposal = drafts_of(ctx).propose(document, **fields)
    click.echo(f"{proposal.id}: {proposal.operation.kind.verb} on {proposal.label} "
               f"by {' '.join(proposal.parties)}")


@cli.command()
@click.argument("document")
@click.option("--party", help="Proposed by this party (or a group it belongs to).")
@click.option("--para", "paragraph", help="On this paragraph (an address in the latest revision).")
@click.option("--status", type=click.Choice([s.value for s in ProposalStatus]))
@click.option("--section", help="In this section (number or heading).")
@click.option("--format", "form", type=click.Choice(["table", "json"]), default="table")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def proposals(ctx: click.Context, document: str, party: str | None, paragraph: str | None,
              status: str | None, section: str | None, form: str, output: Path | None) -> None:
    """List proposals in text order, filtered by party, paragraph, status or section."""
    from draftkit.render import items

    drafts = drafts_of(ctx)
    found = drafts.proposals(document, party=party, paragraph=paragraph, status=status,
                             section=section)
    order = {p.id: n for n, p in enumerate(drafts.revision(document).paragraphs())}
    found.sort(key=lambda p: order.get(p.paragraph, len(order)))
    where = address_of(drafts, document)
    if form == "json":
        emit(items.proposals_json(found, where), output)
    else:
        show_renderable(items.proposals_table(found, where))


def _report(verb: str, proposal_id: str, drafts: Drafts) -> None:
    proposal = drafts.proposal(proposal_id)
    click.echo(f"{proposal.id} {verb}: {proposal.status.value}; supported by "
               f"{' '.join(proposal.supporters) or 'none'}; opposed by "
               f"{' '.join(proposal.opponents) or 'none'}")


def _position_command(name: str, action: str, help: str) -> None:
    @cli.command(name, help=help)
    @click.argument("proposal_id")
    @click.option("--party", required=True)
    @click.option("--note", default="")
    @click.pass_context
    def command(ctx: click.Context, proposal_id: str, party: str, note: str) -> None:
        drafts = drafts_of(ctx)
        {"support": drafts.support, "oppose": drafts.oppose,
         "withdraw": drafts.withdraw}[name](proposal_id, party, note)
        _report(action, proposal_id, drafts)


def _decision_command(name: str, action: str) -> None:
    @cli.command(name, help=f"Record that the presidency {action} a proposal.")
    @click.argument("proposal_id")
    @click.option("--note", default="")
    @click.option("--by", default=PRESIDENCY, show_default=True)
    @click.pass_context
    def command(ctx: click.Context, proposal_id: str, note: str, by: str) -> None:
        drafts = drafts_of(ctx)
        drafts.decide(proposal_id, action, note, by)
        _report(action, proposal_id, drafts)


_position_command("support", "supported", "Record a party's support for a proposal.")
_position_command("oppose", "opposed", "Record a party's opposition to a proposal.")
_position_command("withdraw", "withdrawn", "Withdraw a proposal (by one of its proposers).")
_decision_command("accept", "accepted")
_decision_command("reject", "rejected")
