"""A published site to test: the shipped drafts with hostile text in every field a party
or the presidency writes (control characters from test_safe_output, HTML and markup,
right-to-left and astral text), published by the command line."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path

from click.testing import CliRunner

from draftkit.api import open_drafts
from draftkit.cli import cli
from test_safe_output import DOC, build

MARKUP = ('<script>alert(1)</script> "><img src=x onerror=alert(2)> [bold]red[/bold] '
          "&amp; مرحبا بالعالم 𝔘𝔫𝔦 😀")


def hostile_drafts(root: Path) -> Path:
    """`test_safe_output`'s hostile drafts, and markup in a comment, a new paragraph and a
    rationale."""
    build(root)
    drafts = open_drafts(root)
    drafts.comment(DOC, party="MEX", type="editorial", text=f"Comment {MARKUP}",
                   paragraph="Action 3")
    drafts.propose(DOC, paragraph="Action 3", operation="add", position="after",
                   text=f"</p>{MARKUP}", proposers=["MEX"], rationale=f"Why {MARKUP}")
    return root


def publish(drafts: Path, site: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--drafts", str(drafts), "publish", "-o", str(site),
                                      *args])
    assert result.exit_code == 0, result.output


class Page(html.parser.HTMLParser):
    """What a page holds: its ids, links (href of a and link), elements, attributes and
    visible text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.id_list: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((name, value or ""))
            if name == "id" and value:
                self.ids.add(value)
                self.id_list.append(value)
            if name == "href" and value and tag in ("a", "link"):
                self.hrefs.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def pages(site: Path) -> dict[str, str]:
    """Every HTML page of the site: its path inside the site → its text."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


def resolve(page: str, href: str) -> tuple[str, str]:
    """A relative link from site path `page` → (site path, fragment)."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path \
        else page
    return target, fragment
