"""Charts as inline SVG: horizontal stacked bars, one row per thing counted.

A chart is an image with a title and a description that says its numbers in
words (role="img"), and each row's label says them too; pages also give the
numbers as a table, so nothing depends on telling colours apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from draftkit.render.safe import html_text

WIDTH = 640
ROW = 40
BAR = 14
LEGEND = 28
LABEL_CHARS = 84


def _clipped(words: str) -> str:
    return words if len(words) <= LABEL_CHARS else words[:LABEL_CHARS - 1] + "…"


def row_words(label: str, values: Sequence[int], series: Sequence[tuple[str, str]]) -> str:
    """ "Rev.1: 20 open, 30 agreed ad ref, 27 agreed"."""
    return f"{label}: " + ", ".join(f"{v} {name}" for v, (name, _) in
                                    zip(values, series, strict=True))


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[int]]],
              series: Sequence[tuple[str, str]]) -> str:
    """Stacked bars: `rows` of (label, one value per series), `series` of (name, CSS class);
    bars are scaled to the largest row total. `chart_id` must be unique on the page."""
    largest = max((sum(values) for _, values in rows), default=0) or 1
    height = LEGEND + ROW * max(len(rows), 1)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
             f'height="{height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{html_text(title)}</title>',
             f'<desc id="{chart_id}-desc">' + html_text(
                 "; ".join(row_words(label, values, series) for label, values in rows)
                 or "nothing to count") + "</desc>"]
    x = 0
    for name, css in series:
        parts.append(f'<rect class="{css}" x="{x}" y="4" width="14" height="14"/>'
                     f'<text x="{x + 19}" y="16">{html_text(name)}</text>')
        x += 32 + 8 * len(name)
    for n, (label, values) in enumerate(rows):
        top = LEGEND + n * ROW
        parts.append(f'<text x="0" y="{top + 13}">'
                     f"{html_text(_clipped(row_words(label, values, series)))}</text>")
        left = 0.0
        for value, (_, css) in zip(values, series, strict=True):
            if value:
                width = (WIDTH - 2) * value / largest
                parts.append(f'<rect class="{css}" x="{left:.1f}" y="{top + 18}" '
                             f'width="{width:.1f}" height="{BAR}"/>')
                left += width
    if not rows:
        parts.append(f'<text x="0" y="{LEGEND + 13}">Nothing to count.</text>')
    parts.append("</svg>")
    return "\n".join(parts)
