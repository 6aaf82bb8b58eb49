"""`draftkit agree`: record that a paragraph was agreed ad ref, confirmed or reopened."""

from __future__ import annotations

import datetime as dt

import click

from draftkit.cli import cli, drafts_of
from draftkit.keys import PRESIDENCY


@cli.command()
@click.argument("document")
@click.option("--para", "paragraph", required=True,
              help='The paragraph, e.g. "Action 27" (an address in the latest revision).')
@click.option("--ad-ref", "ad_ref", is_flag=True,
              help="Agreed ad referendum (subject to confirmation): open → ad-ref.")
@click.option("--confirm", is_flag=True, help="The ad ref agreement confirmed: ad-ref → agreed.")
@click.option("--reopen", is_flag=True,
              help="Reopened, deliberately (say why with --note): ad-ref or agreed → open.")
@click.option("--at", "meeting", required=True, help="The meeting where it was decided.")
@click.option("--by", default=PRESIDENCY, show_default=True,
              help="Who decided or announced it: the presidency or a party code.")
@click.option("--note", default="", help="One line; a reopening needs one (why).")
@click.option("--when", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]),
              help="When it was decided, in UTC (default: now), for a decision recorded "
                   "after the meeting, e.g. 2010-09-06T15:30.")
@click.pass_context
def agree(ctx: click.Context, document: str, paragraph: str, ad_ref: bool, confirm: bool,
          reopen: bool, meeting: str, by: str, note: str, when: dt.datetime | None) -> None:
    """Record a decision on a paragraph's status, at a meeting: agreed ad ref, confirmed,
    or reopened. The decision keeps the paragraph's words (their SHA-256), who took it
    and when; the steps are open → ad-ref → agreed, and reopen → open."""
    from draftkit.render.agreement import decision_line
    from draftkit.render.safe import visible_line

    chosen = [action for action, given in (("ad-ref", ad_ref), ("confirm", confirm),
                                           ("reopen", reopen)) if given]
    if len(chosen) != 1:
        raise click.UsageError("give one of --ad-ref, --confirm or --reopen")
    drafts = drafts_of(ctx)
    before = drafts.current(document).by_id(drafts.paragraph(document, paragraph).id)
    decision = drafts.agree(document, paragraph=paragraph, action=chosen[0], meeting=meeting,
                            by=by, note=note,
                            when=when.replace(tzinfo=dt.UTC) if when else None)
    assert before is not None
    click.echo(visible_line(decision_line(decision, before.status)))
