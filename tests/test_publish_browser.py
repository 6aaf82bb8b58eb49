"""The published site in a real browser: Debian's Chromium driven by selenium.

Every page loads with no console error; every link and anchor the browser sees
resolves to a page and an element of the site; the compilation shows every
paragraph; a screenshot of the index is a real picture (many colours, not one);
and axe-core (vendored, tests/data/axe-core) finds no serious or critical
accessibility violation on any kind of page. Skipped only where Chromium, its
driver or selenium is missing; .ci/run installs them.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from conftest import SHIPPED
from draftkit.api import open_drafts
from draftkit.publish.names import addresses, slug
from publish_site import hostile_drafts, pages, publish
from test_safe_output import DOC

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = Path(__file__).parent / "data" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1100,1400")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="Chromium and chromedriver not installed (apt-get install chromium "
           "chromium-driver; .ci/run does)")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile drafts (publish_site) and the site published from them."""
    root = hostile_drafts(tmp_path_factory.mktemp("browser") / "drafts")
    target = tmp_path_factory.mktemp("browser-site") / "site"
    publish(root, target)
    return root, target


@pytest.fixture(scope="module")
def site(published: tuple[Path, Path]) -> Path:
    return published[1]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="draftkit-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def visited(site: Path, browser: Any) -> dict[str, dict[str, Any]]:
    """Every page as the browser loaded it: its ids, the links it resolved (absolute
    URLs) and the console's messages."""
    browser.get_log("browser")
    found = {}
    for path in pages(site):
        browser.get((site / path).as_uri())
        seen = browser.execute_script(
            "return {ids: Array.from(document.querySelectorAll('[id]'), e => e.id),"
            " links: Array.from(document.querySelectorAll('a[href], link[href]'),"
            " e => e.href), title: document.title}")
        seen["log"] = browser.get_log("browser")
        found[path] = seen
    return found


def test_every_page_loads_without_a_console_error(visited: dict[str, dict[str, Any]]) -> None:
    assert len(visited) > 100
    for path, seen in visited.items():
        assert seen["title"], path
        assert [e for e in seen["log"] if e["level"] in ("SEVERE", "WARNING")] == [], path


def test_every_link_and_anchor_resolves_in_the_browser(
        site: Path, visited: dict[str, dict[str, Any]]) -> None:
    root = site.resolve().as_uri() + "/"
    checked = 0
    for path, seen in visited.items():
        for url in seen["links"]:
            if url.startswith("data:"):
                continue
            assert url.startswith(root), f"{path}: leaves the site: {url}"
            parts = urlsplit(url)
            target = unquote(parts.path)[len(urlsplit(root).path):]
            if target.endswith(".css"):
                assert (site / target).is_file()
                continue
            assert target in visited, f"{path}: {url} → no page"
            assert not parts.fragment or unquote(parts.fragment) in visited[target]["ids"], \
                f"{path}: {url} → no such anchor"
            checked += 1
    assert checked > 1000


def test_the_compilation_shows_every_paragraph(published: tuple[Path, Path],
                                               browser: Any) -> None:
    from selenium.webdriver.common.by import By

    root, site = published
    drafts = open_drafts(root)
    for document in drafts.documents():
        browser.get((site / f"documents/{document.id}/compilation.html").as_uri())
        latest = drafts.revision(document.id)
        for key, name in addresses(latest).items():
            element = browser.find_element(By.ID, slug(name))
            assert element.is_displayed() and element.text.strip(), name
            paragraph = latest.by_id(key)
            assert paragraph is not None
            # the paragraph's last word is on screen (proposals may cut into the middle)
            last = paragraph.text.split()[-1].replace("\x1b", "\\x1b")
            assert last.rstrip(".;:,") in element.text, name
        shown = browser.find_elements(By.CSS_SELECTOR, "div.para")
        assert all(e.is_displayed() for e in shown)
        assert len(shown) >= latest.paragraph_count()


def _colours(png: bytes) -> set[bytes]:
    """The distinct pixel colours of an 8-bit RGB or RGBA, non-interlaced PNG (what
    Chromium's screenshots are)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, data, header = 8, b"", b""
    while at < len(png):
        size, kind = struct.unpack(">I4s", png[at:at + 8])
        chunk = png[at + 8:at + 8 + size]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            data += chunk
        at += 12 + size
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(data)
    stride = width * step
    previous = bytearray(stride)
    found = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                corner = previous[i - step] if i >= step else 0
                guess = left + up - corner
                best = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                           (abs(guess - corner), 2, corner))
                line[i] = (line[i] + best[2]) & 255
        found.update(bytes(line[i:i + 3]) for i in range(0, stride, step))
        previous = line
    return found


def test_a_screenshot_of_the_index_is_a_real_picture(site: Path, browser: Any,
                                                     tmp_path: Path) -> None:
    browser.set_window_size(800, 700)
    try:
        browser.get((site / "index.html").as_uri())
        png = browser.get_screenshot_as_png()
    finally:
        browser.set_window_size(1100, 1400)
    (tmp_path / "index.png").write_bytes(png)
    colours = _colours(png)
    # text anti-aliased in several colours, the chart's three statuses, links, white
    assert len(colours) > 50, len(colours)
    for status in (b"\xa3\x47\x00", b"\x1d\x5c\x9e", b"\x2b\x6e\x2f"):
        assert status in colours
    assert len(png) > 20_000


KINDS = {
    "index": "index.html",
    "document": f"documents/{DOC}/index.html",
    "revision": f"documents/{DOC}/revisions/rev1.html",
    "redline": f"documents/{DOC}/redlines/zero-draft-to-rev1.html",
    "compilation": f"documents/{DOC}/compilation.html",
    "paragraph": f"documents/{DOC}/paragraphs/action-27.html",
    "chapeau": f"documents/{DOC}/paragraphs/chapeau-of-section-iii.html",
    "party": "parties/nor.html",
    "comments matrix": f"documents/{DOC}/comments.html",
    "status": f"documents/{DOC}/status.html",
}


FORMS = "reporting-formats"
TABLE_KINDS = {
    "tables in a revision": f"documents/{FORMS}/revisions/rev1.html",
    "tables in a redline": f"documents/{FORMS}/redlines/zero-draft-to-rev1.html",
    "a table's page": f"documents/{FORMS}/paragraphs/b3.html",
}


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped reporting formats (tables and form fields), published."""
    target = tmp_path_factory.mktemp("forms-site") / "site"
    publish(SHIPPED, target, FORMS)
    return target


@pytest.mark.parametrize("kind", [*KINDS, *TABLE_KINDS])
def test_axe_finds_no_serious_violation(kind: str, site: Path, forms_site: Path,
                                        browser: Any) -> None:
    page = site / KINDS[kind] if kind in KINDS else forms_site / TABLE_KINDS[kind]
    assert page.is_file()
    browser.get(page.as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    assert browser.execute_script("return axe.version") == AXE_VERSION
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe failed: ' + e, impact: 'critical', nodes: []}]));")
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
