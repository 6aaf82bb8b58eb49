"""The compilation text and the merge report: plain text, markdown, HTML, JSON, terminal.

The plain-text notation (docs/merge.md) reads without a legend, Rio+20 style:
every proposal in square brackets where it acts, its proposers after a hyphen,
positions as verbs:

    [within eight years - NOR; IRL support; MEX oppose]          an insertion
    [delete: as soon as possible - BEL on behalf of EU]           a deletion
    [as soon as possible / within eight years - NOR]              a replacement
    [as soon as possible - GBR retain / without delay - NZL, IRL] competing options
    [within eight years - NOR retain] [well before the deadline]  alternatives in the text
    [within ten years - NOR (late)]                               after its input deadline

Every format is built from the same parts, so they say the same thing; document
text is escaped for markdown and HTML and goes to rich only as `Text`. Every part
passes `render.safe` first: control characters are shown visibly (`\x1b`,
`<U+202E>`) in every format but JSON, which escapes them (`\u001b`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from draftkit.agreement import FLAG, AgreedChange
from draftkit.compilation import Compilation, CompiledParagraph, Contest, Option
from draftkit.conflicts import Conflict
from draftkit.merge import MergeResult
from draftkit.model import Status, display_name
from draftkit.rebase import Stale
from draftkit.render.export import escape_markdown, field_json, table_json
from draftkit.render.safe import dumps, dumps_pieces, html_text, visible_line
from draftkit.tablediff import field_summary

if TYPE_CHECKING:
    from rich.console import RenderableType

    from draftkit.form import FormField
    from draftkit.table import Table

# A part of a line: its kind (how richer formats show it) and its text.
# Kinds: mark (brackets, separators), text (unchanged), label, old (words that
# have competing options), kept (words retained or deleted by someone),
# deleted, new (a proposed wording), who (proposers and positions).
Part = tuple[str, str]

PARAGRAPH_VERBS = {"delete-paragraph": "delete paragraph", "retain": "retain paragraph",
                   "move": "move", "replace-paragraph": "replace paragraph"}


def who(option: Option, verb: str = "") -> str:
    """ "NOR, IRL; CHL support; MEX oppose", with a verb after the proposers if given;
    a proposer whose proposal came after its input deadline is "NOR (late)"; and
    "; reopens agreed text" for an option that would change agreed or ad ref words."""
    text = ", ".join(f"{p} (late)" if p in option.late else p for p in option.proposers)
    text += f" {verb}" if verb else ""
    if option.supporters:
        text += f"; {', '.join(option.supporters)} support"
    if option.opponents:
        text += f"; {', '.join(option.opponents)} oppose"
    if option.reopens:
        text += f"; {FLAG}"
    return text


def contest_parts(contest: Contest) -> list[Part]:
    """A contest in the notation: the words as they stand with the positions on them,
    then each proposed wording with its proposers, all in one pair of brackets."""
    if contest.alternatives:
        return alternatives_parts(contest)
    keepers = [o for o in contest.options if o.keeps_words]
    wordings = [o for o in contest.options if not o.keeps_words]
    if contest.original and not wordings and all(o.action != "retain" for o in keepers):
        return [("mark", "[delete: "), ("deleted", contest.original),
                ("who", " - " + "; ".join(who(o) for o in keepers)), ("mark", "]")]
    parts: list[Part] = [("mark", "[")]
    if contest.original:
        parts.append(("old" if wordings else "kept", contest.original))
        if keepers:
            positions = "; ".join(who(o, "retain" if o.action == "retain" else "delete")
                                  for o in keepers)
            parts.append(("who", f" - {positions}"))
    for n, option in enumerate(wordings):
        if n or contest.original:
            parts.append(("mark", " / "))
        parts += [("new", option.wording), ("who", f" - {who(option)}")]
    return [*parts, ("mark", "]")]


def alternatives_parts(contest: Contest) -> list[Part]:
    """Bracketed alternatives already in the text, attributed in their own brackets:
    each alternative as the text writes it ("[one] [other]", or "[one / other]"), who
    retains it (proposes it over the others) and the positions on that; then new
    wordings as further alternatives, and last the positions on the whole set (delete
    it, or retain it as it stands), each in brackets of its own. No second layer of
    brackets: "[within eight years - NOR retain; GBR support] [well before the
    eight-year deadline]"."""
    alternatives = contest.alternatives
    backing: dict[int, list[Option]] = {}
    for option in contest.options:
        if option.alternative is not None:
            backing.setdefault(option.alternative, []).append(option)
    free = [o for o in contest.options if o.alternative is None]
    slashed = len(alternatives) > 1 and alternatives[-1][0] == alternatives[0][0]
    parts: list[Part] = []
    for n, (group, words) in enumerate(alternatives):
        if n and group == alternatives[n - 1][0]:
            parts.append(("mark", " / "))
        else:
            parts += [("text", " ")] if n else []
            parts.append(("mark", "["))
        behind = backing.get(n, [])
        parts.append(("kept" if behind else "old", words))
        if behind:
            parts.append(("who", " - " + "; ".join(who(o, "retain") for o in behind)))
        if n + 1 == len(alternatives) or alternatives[n + 1][0] != group:
            if slashed:
                for option in (o for o in free if not o.keeps_words):
                    parts += [("mark", " / "), ("new", option.wording),
                              ("who", f" - {who(option)}")]
            parts.append(("mark", "]"))
    if not slashed:
        for option in (o for o in free if not o.keeps_words):
            parts += [("text", " "), ("mark", "["), ("new", option.wording),
                      ("who", f" - {who(option)}"), ("mark", "]")]
    whole = "" if len(alternatives) == 1 else " both" if len(alternatives) == 2 else " all"
    for option in (o for o in free if o.keeps_words):
        verb = "retain" if option.retains else "delete"
        parts += [("text", " "), ("mark", "["), ("deleted" if verb == "delete" else "kept",
                                                   verb + whole),
                  ("who", f" - {who(option)}"), ("mark", "]")]
    return parts


def _tag(text: str) -> list[Part]:
    return [("mark", "["), ("who", text), ("mark", "] ")]


# How each row proposal shows the row's cells.
ROW_CELLS = {"add-row": "new", "delete-row": "deleted", "move-row": "text"}


def row_parts(option: Option) -> list[Part]:
    """A proposed row as parts: each column heading ("column"), then each cell, as the
    proposal shows it (new, deleted or as it stands)."""
    kind = ROW_CELLS[option.action]
    return [*(("column", h) for h in option.columns), *((kind, c) for c in option.row)]


def table_parts(table: Table) -> list[Part]:
    """A table as it stands, as parts: each column heading ("column"), then each cell of
    each row, row after row."""
    return [*(("column", c.heading) for c in table.columns),
            *(("text", cell) for row in table.rows for cell in row.cells)]


def grid_split(parts: Sequence[Part]) -> tuple[list[str], list[list[Part]]]:
    """The headings and the rows of `row_parts` or `table_parts`."""
    headings = [t for k, t in parts if k == "column"]
    cells = [p for p in parts if p[0] != "column"]
    width = len(headings) or 1
    return headings, [cells[n:n + width] for n in range(0, len(cells), width)]


def _field_parts(form: FormField) -> list[Part]:
    """What a form field asks for, after its label: "[field: yes / no; instructions: …]"."""
    said = f"field: {field_summary(form)}"
    if form.instructions:
        said += f"; instructions: {form.instructions}"
    return [("text", " "), ("mark", "["), ("text", said), ("mark", "]")]


def paragraph_blocks(paragraph: CompiledParagraph) -> list[tuple[str, list[Part]]]:
    """The paragraph as blocks: its line (label, status, notes, text), a table's grid as it
    stands ("table" block: see `table_parts`), then an "alt." line for each proposal to
    replace it whole, then a line for each proposal on a cell or a row of its table; a row
    proposal's line is followed by the row ("row" block: see `row_parts`)."""
    lines: list[tuple[str, list[Part]]] = []
    for parts in paragraph_lines(paragraph):
        lines.append(("paragraph", parts))
        if len(lines) == 1 and paragraph.table is not None:
            lines.append(("table", table_parts(paragraph.table)))
        note = next((n for n in paragraph.notes if n.row and parts and
                     parts[0] == ("label", f"{n.cell}:")), None)
        if note is not None:
            lines.append(("row", row_parts(note)))
    return lines


def paragraph_lines(paragraph: CompiledParagraph) -> list[list[Part]]:
    """The paragraph's line (label, status, notes, text), then an "alt." line for each
    proposal to replace it whole, then one for each proposal on a cell or a row (a row
    proposal's line ends at its attribution: the row follows, see `paragraph_blocks`)."""
    head: list[Part] = []
    if paragraph.label:
        head += [("label", paragraph.label), ("text", " ")]
    if paragraph.status is not Status.OPEN:
        head.append(("text", f"({paragraph.status.title}) "))
    if paragraph.added is not None:
        head += _tag(f"new paragraph - {who(paragraph.added)}")
    for note in paragraph.notes:
        if note.action == "replace-paragraph" or note.cell:
            continue
        verb = PARAGRAPH_VERBS.get(note.action, note.action)
        where = f" {note.wording}" if note.action == "move" else ""
        head += _tag(f"{verb}{where} - {who(note)}")
    for piece in paragraph.pieces:
        head += contest_parts(piece) if isinstance(piece, Contest) else [("text", piece)]
    if paragraph.form is not None:
        head += _field_parts(paragraph.form)
    lines = [head]
    for note in paragraph.notes:
        if note.action == "replace-paragraph" and not note.cell:
            label = f"{paragraph.label} alt." if paragraph.label else "alt."
            lines.append([("label", label), ("text", " "),
                          *_tag(f"replace paragraph - {who(note)}"), ("new", note.wording)])
    for note in paragraph.notes:
        if note.row:  # on a row: the row follows
            lines.append([("label", f"{note.cell}:"), ("text", " "),
                          *_tag(f"{note.verb} - {who(note)}")[:-1], ("mark", "]")])
        elif note.cell:  # on a cell's words: the cell as it would leave it
            lines.append([("label", f"{note.cell}:"), ("text", " "),
                          *_tag(f"{note.action.replace('-', ' ')} - {who(note)}"),
                          ("new", note.wording)])
    return lines


def summary(compilation: Compilation) -> str:
    revision = compilation.revision
    counts = [f"{compilation.shown} proposals shown"]
    if compilation.conflicts:
        counts.append(f"{len(compilation.conflicts)} with competing proposals")
    if compilation.stale:
        counts.append(f"{len(compilation.stale)} stale, listed at the end")
    return (f"Compilation text on {revision.title} ({revision.date.isoformat()}): "
            f"{', '.join(counts)}.")


def stale_line(stale: Stale) -> str:
    return f"{stale.proposal} ({', '.join(stale.parties)}) on {stale.label}: {stale.reason}"


STALE_HEADING = "Proposals not written in (the text they were written against has changed)"


def _document(compilation: Compilation) -> Iterator[tuple[str, list[Part]]]:
    """The compilation as (block kind, parts), every part's text shown safely."""
    for kind, parts in _blocks(compilation):
        yield kind, [(part, visible_line(text)) for part, text in parts]


def _blocks(compilation: Compilation) -> Iterator[tuple[str, list[Part]]]:
    """The compilation as (block kind, parts): title, summary, heading, paragraph, stale."""
    yield "title", [("text", compilation.document.title)]
    yield "summary", [("text", summary(compilation))]
    for section in compilation.sections:
        yield "heading", [("text", section.title)]
        for paragraph in section.paragraphs:
            yield from paragraph_blocks(paragraph)
    if compilation.stale:
        yield "heading", [("text", STALE_HEADING)]
        for stale in compilation.stale:
            yield "stale", [("text", stale_line(stale))]


def to_text(compilation: Compilation) -> str:
    blocks = [_text_grid(parts) if kind in GRIDS else "".join(text for _, text in parts)
              for kind, parts in _document(compilation)]
    return "\n\n".join(blocks) + "\n"


# The blocks that are tables: a table as it stands, and a row a proposal adds, deletes
# or moves.
GRIDS = ("table", "row")


def _text_grid(parts: Sequence[Part]) -> str:
    """A table or a proposed row as lines of a pipe table: its headings, then each row."""
    headings, rows = grid_split(parts)
    lines = [[h.replace("|", "\\|") for h in headings],
             *([t.replace("|", "\\|") for _, t in row] for row in rows)]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


_MARKDOWN = {"label": "**{}**", "deleted": "~~{}~~", "new": "**{}**", "who": "*{}*"}


def _markdown_part(kind: str, text: str) -> str:
    """Escaped text, emphasised by kind; spaces stay outside the markers, where markdown
    needs them."""
    core = text.strip()
    if not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return lead + _MARKDOWN.get(kind, "{}").format(escape_markdown(core)) + trail


def to_markdown(compilation: Compilation) -> str:
    prefixes = {"title": "# ", "heading": "## ", "stale": "- "}
    blocks = []
    for kind, parts in _document(compilation):
        if kind in GRIDS:  # a table of the headings and the rows
            headings, rows = grid_split(parts)
            blocks.append("| " + " | ".join(escape_markdown(h) for h in headings) + " |\n" +
                          "|---" * len(headings) + "|" + "".join(
                              "\n| " + " | ".join(_markdown_part(k, t) for k, t in row) + " |"
                              for row in rows))
            continue
        line = "".join(_markdown_part(k, t) for k, t in parts)
        blocks.append(prefixes.get(kind, "") + line)
    return "\n\n".join(blocks) + "\n"


_HTML = {"label": "b", "deleted": "del", "new": "ins", "who": "span", "kept": "u"}
_STYLE = ("body{font-family:Georgia,serif;max-width:50em;margin:2em auto;line-height:1.5}"
          "ins{color:#05612a;text-decoration:underline}del{color:#a40000}"
          "span.who{color:#33508f;font-style:italic}u{text-decoration-style:dotted}"
          "table.row{border-collapse:collapse}"
          "table.row th,table.row td{border:1px solid #999;padding:.2em .5em}")


def to_html(compilation: Compilation) -> str:
    title = html_text(f"{compilation.document.title}: compilation text on "
                      f"{compilation.revision.title}")
    tags = {"title": "h1", "summary": "p", "heading": "h2", "paragraph": "p", "stale": "p"}
    body = []
    for kind, parts in _document(compilation):
        if kind in GRIDS:
            body.append(grid_html(parts))
            continue
        inner = "".join(html_part(k, t) for k, t in parts)
        body.append(f"<{tags[kind]}>{inner}</{tags[kind]}>")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n" +
            "\n".join(body) + "\n</body>\n</html>\n")


def grid_html(parts: Sequence[Part]) -> str:
    """A table, or a proposed row, under its headings, each cell marked up as the
    proposal shows it (<ins>, <del>)."""
    headings, rows = grid_split(parts)
    return ('<table class="row"><thead><tr>' +
            "".join(f"<th>{html_text(h)}</th>" for h in headings) + "</tr></thead><tbody>" +
            "".join("<tr>" + "".join(f"<td>{html_part(k, t) if t else ''}</td>"
                                     for k, t in row) + "</tr>" for row in rows) +
            "</tbody></table>")


def html_part(kind: str, text: str) -> str:
    tag = _HTML.get(kind)
    escaped = html_text(text)
    if tag is None:
        return escaped
    attribute = ' class="who"' if kind == "who" else ""
    return f"<{tag}{attribute}>{escaped}</{tag}>"


_STYLES = {"label": "bold", "mark": "bold", "deleted": "red strike", "new": "green",
           "who": "cyan", "kept": "underline", "old": "yellow"}


def to_terminal(compilation: Compilation) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    lines: list[RenderableType] = []
    for kind, parts in _document(compilation):
        if kind in GRIDS:
            lines += [_terminal_grid(parts), Text()]
            continue
        line = Text()
        for part, text in parts:
            line.append(text, style=_STYLES.get(part, ""))
        if kind in ("title", "heading"):
            line.stylize("bold underline" if kind == "heading" else "bold magenta")
        lines += [line, Text()]
    return Group(*lines)


def _terminal_grid(parts: Sequence[Part]) -> RenderableType:
    """A table, or a proposed row, under its headings (rich `Text`, never markup)."""
    from rich.table import Table as RichTable
    from rich.text import Text

    headings, rows = grid_split(parts)
    table = RichTable()
    for heading in headings:
        table.add_column(Text(heading, style="bold"))
    for row in rows:
        table.add_row(*(Text(t, style=_STYLES.get(k, "")) for k, t in row))
    return table


def compilation_json(compilation: Compilation) -> dict[str, Any]:
    """The compilation as JSON values, its sections and their paragraphs as iterators
    (for `dumps_pieces`: a paragraph's values are made as it is written)."""
    revision = compilation.revision
    return {
        "document": compilation.document.id, "revision": revision.name,
        "title": compilation.document.title, "shown": compilation.shown,
        "sections": ({"id": s.id, "title": s.title,
                      "paragraphs": (_paragraph_json(p) for p in s.paragraphs)}
                     for s in compilation.sections),
        "conflicts": (conflict_json(c) for c in compilation.conflicts),
        "stale": (stale_json(s) for s in compilation.stale),
    }


def _paragraph_json(paragraph: CompiledParagraph) -> dict[str, Any]:
    return {
        "id": paragraph.id, "label": paragraph.label, "status": paragraph.status.value,
        "text": "".join(p.original if isinstance(p, Contest) else p for p in paragraph.pieces),
        "pieces": [{"contest": {"original": p.original,
                                "alternatives": [{"group": group, "words": words}
                                                 for group, words in p.alternatives],
                                "options": [option_json(o) for o in p.options]}}
                   if isinstance(p, Contest) else {"text": p} for p in paragraph.pieces],
        "notes": [option_json(o) for o in paragraph.notes],
        "added": None if paragraph.added is None else option_json(paragraph.added),
        **({"table": table_json(paragraph.table)} if paragraph.table is not None else {}),
        **({"field": field_json(paragraph.form)} if paragraph.form is not None else {}),
    }



def option_json(option: Option) -> dict[str, Any]:
    return {"action": option.action, "wording": option.wording,
            "proposals": list(option.proposals), "proposers": list(option.proposers),
            "supporters": list(option.supporters), "opponents": list(option.opponents),
            "late": list(option.late), "alternative": option.alternative,
            "reopens_agreed": option.reopens, **({"cell": option.cell} if option.cell else {}),
            **({"row": list(option.row), "columns": list(option.columns),
                "verb": option.verb} if option.row else {})}


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {"paragraph": conflict.paragraph, "label": conflict.label, "scope": conflict.scope,
            "words": conflict.words, "place": conflict.place, "ids": list(conflict.ids),
            "sides": [{"proposals": list(s.proposals), "parties": list(s.parties),
                       "operation": s.operation, "wording": s.wording}
                      for s in conflict.sides]}


def stale_json(stale: Stale) -> dict[str, Any]:
    return {"id": stale.proposal, "parties": list(stale.parties), "paragraph": stale.paragraph,
            "label": stale.label, "reason": stale.reason}


def to_json(compilation: Compilation) -> str:
    """Compact JSON: a compilation runs to megabytes, and only the C encoder (no indent)
    writes that quickly."""
    return "".join(json_pieces(compilation))


def json_pieces(compilation: Compilation) -> Iterator[str]:
    """`to_json` in pieces a paragraph long, made as they are written: the JSON of
    50,000 proposals, as values and as text, would hold twice the compilation's memory."""
    yield from dumps_pieces(compilation_json(compilation))
    yield "\n"


# The merge report.

def report_json(result: MergeResult, dry_run: bool = False) -> str:
    return dumps({
        "revision": result.name if result.recorded else None,
        "from": result.source, "into": result.name, "dry_run": dry_run,
        "clean": result.clean, "applied": list(result.applied),
        "combined": [list(group) for group in result.combined],
        "conflicts": [conflict_json(c) for c in result.conflicts],
        "stale": [stale_json(s) for s in result.stale],
        "bracketed": list(result.bracketed), "set_aside": list(result.set_aside),
        "preferred": {aside: list(preferred) for aside, preferred in result.preferred},
        "labels": [{"paragraph": r.paragraph, "old": r.old, "new": r.new}
                   for r in result.labels],
        "untidy": [{"paragraph": u.paragraph, "label": u.label, "marks": list(u.marks)}
                   for u in result.untidy],
        "protected": [agreed_json(a) for a in result.protected],
        "reopened": [agreed_json(a) for a in result.reopened],
    }, indent=2) + "\n"


def agreed_json(change: AgreedChange) -> dict[str, Any]:
    return {"paragraph": change.paragraph, "label": change.label,
            "status": change.status.value, "proposals": list(change.proposals),
            "parties": list(change.parties)}


def agreed_line(change: AgreedChange) -> str:
    """ "Action 49 (agreed): ICRC-n5xy (ICRC)"."""
    who = f"{', '.join(change.proposals)} ({', '.join(change.parties)})" if change.parties \
        else ", ".join(change.proposals) or "no proposal named"
    return f"{change.label} ({change.status.title}): {who}"


def _side_text(conflict: Conflict) -> str:
    sides = []
    for side in conflict.sides:
        if side.wording is None:
            whole = conflict.scope if conflict.scope in ("row", "column") else "paragraph"
            wants = f"delete the {whole}"
        elif conflict.scope == "row":
            wants = side.wording
        elif conflict.scope == "placement":
            wants = f"move it {side.wording}"
        elif side.operation == "retain":
            wants = "retain"
        else:
            wants = f'"{side.wording}"' if side.wording else "delete"
        sides.append(f"{', '.join(side.proposals)} ({', '.join(side.parties)}): {wants}")
    return " / ".join(sides)


def report_lines(result: MergeResult, dry_run: bool = False) -> list[Part]:
    """The report as parts, one line each ending in a newline part; shown safely."""
    return [(kind, visible_line(text.removesuffix("\n")) + "\n" if text.endswith("\n")
             else visible_line(text)) for kind, text in _report_parts(result, dry_run)]


def _report_parts(result: MergeResult, dry_run: bool) -> list[Part]:
    counts = f"{len(result.applied)} applied"
    if result.combined:
        counts += f" ({len(result.combined)} combined)"
    counts += f", {len(result.conflicts)} conflicts, {len(result.stale)} stale"
    if result.protected:
        counts += f", {len(result.protected)} agreed paragraphs changed without a reopening"
    parts: list[Part] = [("label", f"Merge into {result.name} from "
                                   f"{display_name(result.source)}: "), ("text", counts + "\n")]

    def listing(title: str, items: Sequence[str], kind: str = "text") -> None:
        if items:
            parts.extend([("label", f"{title}: "), (kind, ", ".join(items) + "\n")])

    listing("Applied", result.applied, "new")
    listing("Combined", [" + ".join(group) for group in result.combined])
    listing("Bracketed as alternatives", result.bracketed)
    listing("Set aside, not selected (lost to --prefer)",
            [f"{aside} (for {', '.join(preferred)})" for aside, preferred in result.preferred],
            "deleted")
    for conflict in result.conflicts:
        parts += [("deleted", "Conflict "), ("label", conflict.label),
                  ("text", f" on {conflict.place}: "), ("who", _side_text(conflict) + "\n")]
    for stale in result.stale:
        parts += [("old", "Stale "), ("text", stale_line(stale) + "\n")]
    for change in result.protected:
        parts += [("deleted", "Agreed text would change "), ("text", agreed_line(change) + "\n")]
    for change in result.reopened:
        parts += [("old", "Reopened "), ("text", agreed_line(change) + "\n")]
    listing("Relabelled", [f"{r.old or 'new'} → {r.new or '-'}" for r in result.labels])
    listing("Spacing to check", [f"{u.label} ({', '.join(repr(m) for m in u.marks)})"
                                 for u in result.untidy], "old")
    if result.recorded:
        aside = f", {len(result.set_aside)} not selected" if result.set_aside else ""
        parts.append(("new", f"Recorded {result.name} with its provenance; "
                             f"{len(result.applied)} proposals marked incorporated{aside}.\n"))
    elif dry_run:
        parts.append(("text", "Dry run: nothing written.\n"))
    else:
        hints = []
        if result.conflicts:
            hints.append("resolve conflicts with --prefer ID or --bracket")
        if result.stale:
            hints.append("leave stale proposals out with --skip-stale (or deselect them)")
        if result.protected:
            hints.append("agreed text changes only once reopened: record it (draftkit agree "
                         "--reopen) or merge with --reopen, or deselect those proposals")
        parts.append(("deleted", f"Nothing written: {'; '.join(hints)}.\n"))
    return parts


def report_terminal(result: MergeResult, dry_run: bool = False) -> RenderableType:
    from rich.text import Text

    line = Text()
    for kind, text in report_lines(result, dry_run):
        line.append(text, style=_STYLES.get(kind, ""))
    line.rstrip()
    return line
