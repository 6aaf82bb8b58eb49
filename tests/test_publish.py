"""draftkit publish: the site's pages, read with an HTML parser.

On the shipped drafts made hostile (publish_site): every link and anchor resolves
inside the site, nothing is loaded from outside it, no party-written text becomes
markup or a raw control character, no internal id reaches a reader, the
compilation has every paragraph, redlines mark hidden paragraphs as gaps, and the
site is written as one folder.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, snapshot
from draftkit.api import open_drafts
from draftkit.cli import cli
from draftkit.model import Paragraph, Section
from draftkit.publish.names import addresses, reader_address, slug, unique_slugs
from draftkit.publish.style import STYLESHEET
from draftkit.store.files import SITE_MARK
from publish_site import MARKUP, Page, hostile_drafts, pages, publish, resolve
from test_safe_output import DOC, RAW


@pytest.fixture(scope="module")
def drafts_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_drafts(tmp_path_factory.mktemp("publish") / "drafts")


@pytest.fixture(scope="module")
def site(drafts_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "site"
    publish(drafts_root, target)
    return target


@pytest.fixture(scope="module")
def parsed(site: Path) -> dict[str, Page]:
    return {path: Page(source) for path, source in pages(site).items()}


def test_every_page_kind_is_there(site: Path, drafts_root: Path) -> None:
    drafts = open_drafts(drafts_root)
    found = set(pages(site))
    for document in drafts.documents():
        base = f"documents/{document.id}"
        assert {f"{base}/index.html", f"{base}/compilation.html", f"{base}/comments.html",
                f"{base}/status.html"} <= found
        for revision in drafts.revisions(document.id):
            assert f"{base}/revisions/{revision.name}.html" in found
            if revision.parent:
                assert f"{base}/redlines/{revision.parent}-to-{revision.name}.html" in found
        every = {p.id for r in drafts.revisions(document.id) for p in r.paragraphs()}
        assert len([p for p in found if p.startswith(f"{base}/paragraphs/")]) == len(every)
    assert {"index.html", "parties/nor.html", "parties/cmc.html"} <= found
    assert (site / "style.css").read_text(encoding="utf-8") == STYLESHEET


def test_every_link_and_anchor_resolves(parsed: dict[str, Page]) -> None:
    checked = 0
    for path, page in parsed.items():
        assert len(page.id_list) == len(page.ids), path  # every anchor is one place
        for href in page.hrefs:
            if href.startswith("data:"):
                continue
            assert not re.match(r"[a-z]+:|/", href), f"{path}: not a relative link: {href}"
            target, fragment = resolve(path, href)
            if target.endswith(".css"):
                continue
            assert target in parsed, f"{path}: {href} → no page {target}"
            assert not fragment or fragment in parsed[target].ids, \
                f"{path}: {href} → no anchor #{fragment} in {target}"
            checked += 1
    assert checked > 1000


def test_one_stylesheet_no_script_nothing_from_outside(site: Path,
                                                       parsed: dict[str, Page]) -> None:
    for path, page in parsed.items():
        assert "script" not in page.tags and "style" not in page.tags, path
        assert not [v for n, v in page.attributes if n in ("src", "srcset")], path
        links = [v for n, v in page.attributes if n == "href" and v.endswith(".css")]
        assert len(links) == 1 and resolve(path, links[0])[0] == "style.css", path
        assert not [n for n, _ in page.attributes if n.startswith("on")], path
    assert "url(" not in STYLESHEET and "@import" not in STYLESHEET


def test_every_page_has_its_language_viewport_and_title(parsed: dict[str, Page],
                                                        site: Path) -> None:
    for path, source in pages(site).items():
        assert source.startswith('<!DOCTYPE html>\n<html lang="en">'), path
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' \
            in source, path
        assert re.search(r"<title>[^<]+</title>", source), path
        assert len([t for t in parsed[path].tags if t == "h1"]) == 1, path
    # Document text carries its language and its own direction.
    compilation = pages(site)[f"documents/{DOC}/compilation.html"]
    assert compilation.count('class="text" lang="en" dir="auto"') > 70


def test_hostile_text_is_shown_never_obeyed(site: Path, parsed: dict[str, Page]) -> None:
    sources = pages(site)
    for path, source in sources.items():
        assert not RAW.findall(source), path
    shown = {path: "".join(page.text) for path, page in parsed.items()}
    comments = shown[f"documents/{DOC}/comments.html"]
    assert f"Comment {MARKUP}" in comments  # the markup, as text, every character kept
    assert "<img" not in sources[f"documents/{DOC}/comments.html"]
    assert "\\x1b[2J" in comments  # ESC shown visibly
    compilation = shown[f"documents/{DOC}/compilation.html"]
    assert f"</p>{MARKUP}" in compilation
    assert "[bold]red[/bold]" in compilation
    paragraph = shown[f"documents/{DOC}/paragraphs/action-3.html"]
    assert f"Why {MARKUP}" in paragraph and f"</p>{MARKUP}" in paragraph


def test_no_internal_id_reaches_a_reader(site: Path, drafts_root: Path) -> None:
    drafts = open_drafts(drafts_root)
    ids = {x for d in drafts.documents() for r in drafts.revisions(d.id)
           for x in [*(s.id for s in r.sections), *(p.id for p in r.paragraphs())]}
    everything = "\n".join(pages(site).values())
    assert not [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", everything)]
    chapeau = pages(site)[f"documents/{DOC}/compilation.html"]
    assert ">chapeau of section III</a>" in chapeau


def test_the_compilation_has_every_paragraph_with_an_anchor(
        drafts_root: Path, site: Path, parsed: dict[str, Page]) -> None:
    drafts = open_drafts(drafts_root)
    sources = pages(site)
    for document in drafts.documents():
        page = parsed[f"documents/{document.id}/compilation.html"]
        text = "".join(page.text)
        live = drafts.select(document.id, statuses=("proposed", "accepted"))
        compiled = drafts.compile(document.id, live)
        named = addresses(drafts.revision(document.id))
        count = sum(len(s.paragraphs) for s in compiled.sections)
        assert len(re.findall(r'<div class="para[ "]', sources[
            f"documents/{document.id}/compilation.html"])) == count
        for section in compiled.sections:
            for paragraph in section.paragraphs:
                if paragraph.added is None:
                    latest = drafts.revision(document.id).by_id(paragraph.id)
                    assert latest is not None
                    words = latest.text
                    anchor = slug(named[paragraph.id])
                else:
                    words = paragraph.added.wording
                    anchor = "new-" + slug(paragraph.added.proposals[0])
                assert anchor in page.ids
                # the text is there, but where a proposal's brackets cut into it
                assert words.split()[0].replace("\x1b", "\\x1b") in text


def test_paragraph_page_lists_proposals_positions_comments_and_history(
        site: Path, drafts_root: Path) -> None:
    drafts = open_drafts(drafts_root)
    page = Page(pages(site)[f"documents/{DOC}/paragraphs/action-27.html"])
    text = "".join(page.text)
    for proposal in drafts.proposals(DOC, paragraph="Action 27"):
        assert slug(proposal.id) in page.ids
        for party in (*proposal.proposers, *proposal.supporters, *proposal.opponents):
            assert party in text
    for comment in drafts.comments(DOC, paragraph="Action 27"):
        assert slug(comment.id) in page.ids
    assert "Observation " in text and "accepted" in text
    assert "Rev evil" in text and "Zero draft" in text
    assert "Status history" in text and "issued it" in text


def test_a_party_page_has_what_it_proposed_supported_and_commented(
        site: Path, drafts_root: Path) -> None:
    drafts = open_drafts(drafts_root)
    text = "".join(Page(pages(site)["parties/nor.html"]).text)
    for proposal in drafts.proposals(DOC, party="NOR"):
        if "NOR" in proposal.parties:
            assert proposal.id in text
    assert "Supported" in text and "Comments and replies" in text
    cmc = "".join(Page(pages(site)["parties/cmc.html"]).text)
    assert "an observer" in cmc


def test_redlines_mark_what_context_hides(drafts_root: Path, tmp_path: Path) -> None:
    publish(drafts_root, tmp_path / "site", "--context", "0")
    sources = pages(tmp_path / "site")
    drafts = open_drafts(drafts_root)
    from draftkit import docdiff

    diff = docdiff.diff(drafts.revision(DOC, "rev1"), drafts.revision(DOC, "rev-evil"))
    page = sources[f"documents/{DOC}/redlines/rev1-to-rev-evil.html"]
    hidden = sum(int(n) for n in re.findall(r'<p class="gap">(\d+) unchanged', page))
    changed = sum(1 for p in diff.paragraphs if p.changed)
    assert hidden == len(diff.paragraphs) - changed > 0
    assert page.count('class="para changed"') == changed
    assert "previous change" in page and "next change" in page
    # the gaps link to the hidden paragraphs in the clean text, and resolve
    parsed = {path: Page(source) for path, source in sources.items()}
    for href in Page(page).hrefs:
        target, fragment = resolve(f"documents/{DOC}/redlines/rev1-to-rev-evil.html", href)
        if target.endswith(".html"):
            assert not fragment or fragment in parsed[target].ids


def test_insertions_and_deletions_are_marked_by_more_than_colour() -> None:
    rules = dict(re.findall(r"^(ins|del) \{([^}]*)\}", STYLESHEET, re.MULTILINE))
    assert "underline" in rules["ins"] and "line-through" in rules["del"]
    for mark in ("insertion start", "insertion end", "deletion start", "deletion end"):
        assert f'content: " [{mark}] "' in STYLESHEET


def test_the_site_is_replaced_whole_and_other_folders_are_refused(
        drafts_root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(drafts_root, site)
    (site / "documents" / "stale.html").write_text("old", encoding="utf-8")
    publish(drafts_root, site, DOC)
    assert not (site / "documents" / "stale.html").exists()
    assert not (site / "documents" / "political-declaration").exists()
    assert (site / SITE_MARK).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging left
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    before = snapshot(mine)
    result = CliRunner().invoke(cli, ["--drafts", str(drafts_root), "publish", "-o", str(mine)])
    assert result.exit_code == 2
    assert "is not a site draftkit wrote" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(mine) == before


def test_an_unknown_document_is_refused_and_nothing_written(tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    shutil.copytree(SHIPPED, root)
    result = CliRunner().invoke(cli, ["--drafts", str(root), "publish", "nothing-here", "-o",
                                      str(tmp_path / "site")])
    assert result.exit_code == 2 and "nothing-here" in result.output
    assert not (tmp_path / "site").exists()


def test_reader_addresses_name_unlabelled_paragraphs_by_their_place() -> None:
    first = Paragraph("aaaaaa", None, "States Parties will:")
    second = Paragraph("bbbbbb", None, "Further, they will:")
    from draftkit.labels import Label

    labelled = Paragraph("cccccc", Label.parse("Action 4"), "Act.")
    section = Section("ssssss", "III", "Universalization", (first, labelled, second))
    assert reader_address(section, first) == "chapeau of section III"
    assert reader_address(section, labelled) == "Action 4"
    assert reader_address(section, second) == "unnumbered paragraph 2 of section III"
    plain = Section("tttttt", None, "Preamble", (first,))
    assert reader_address(plain, first) == "chapeau of “Preamble”"


@given(st.lists(st.tuples(st.text(max_size=3), st.text(max_size=12)), max_size=30,
                unique_by=lambda pair: pair[0]))
def test_slugs_are_unique_portable_file_names(named: list[tuple[str, str]]) -> None:
    found = unique_slugs(named)
    assert len(set(found.values())) == len(found) == len(named)
    for value in found.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value)


def _contrast(one: str, two: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                   for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_keep_a_contrast_of_4_5_to_1() -> None:
    """Where axe cannot tell the background (SVG text, marks that wrap across lines), the
    stylesheet's own pairs are checked: every text colour on every background it meets."""
    def value(pattern: str) -> str:
        found = re.search(pattern, STYLESHEET, re.MULTILINE)
        assert found, pattern
        return found.group(1)

    colour = r"(#[0-9a-f]{6})"
    white = "#ffffff"
    grey = {value(rf"\.toc \{{ background: {colour}"), value(rf"th \{{ background: {colour}")}
    texts = {name: value(rf"--{name}: {colour}")
             for name in ("ink", "muted", "link", "open", "ad-ref", "agreed")}
    pairs = [(text, background) for text in texts.values() for background in (white, *grey)]
    pairs += [(value(rf"^ins \{{ color: {colour}; background: {colour}"),
               value(rf"^ins \{{ color: #[0-9a-f]{{6}}; background: {colour}")),
              (value(rf"^del \{{ color: {colour}"),
               value(rf"^del \{{ color: #[0-9a-f]{{6}}; background: {colour}")),
              (value(rf"sup\.who, span\.who \{{ color: {colour}"), white),
              (value(rf"\.chart text \{{[^}}]*fill: {colour}"), white)]
    for text, background in pairs:
        assert _contrast(text, background) >= 4.5, (text, background)


def test_the_status_chart_shows_decisions_taken_since_the_revision(copy: Path,
                                                                    tmp_path: Path) -> None:
    drafts = open_drafts(copy)
    issued = Counter(p.status.value for p in drafts.revision(DOC).paragraphs())
    drafts.agree(DOC, paragraph="Action 30", action="ad-ref", meeting="prepcom-2010")
    publish(copy, tmp_path / "site")
    page = Page(pages(tmp_path / "site")["index.html"])
    text = "".join(page.text)
    assert (f"Rev.1 as issued (2010-09-06): {issued['open']} open, {issued['ad-ref']} agreed "
            f"ad ref, {issued['agreed']} agreed") in text
    assert (f"Rev.1 as it stands now: {issued['open'] - 1} open, {issued['ad-ref'] + 1} "
            f"agreed ad ref, {issued['agreed']} agreed") in text
    assert {"standing-0-title", "standing-0-desc", "standing-1-title"} <= page.ids
    assert page.tags.count("svg") == 2


def test_document_text_is_marked_with_its_original_language(copy: Path,
                                                             tmp_path: Path) -> None:
    declaration = copy / "political-declaration" / "document.txt"
    declaration.write_text(declaration.read_text(encoding="utf-8").replace(
        "original-language: English", "original-language: French"), encoding="utf-8")
    plan = copy / DOC / "document.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "original-language: English\n", ""), encoding="utf-8")
    publish(copy, tmp_path / "site", "--lang", "es")
    sources = pages(tmp_path / "site")
    french = sources["documents/political-declaration/revisions/rev1.html"]
    assert french.count('class="text" lang="fr" dir="auto"') == 19
    assert "Original: French" in french and "CCM/MSP/2010/WP.1/Rev.1" in french
    spanish = sources[f"documents/{DOC}/compilation.html"]
    assert 'lang="es"' in spanish and 'class="text" lang="en"' not in spanish
    assert sources["index.html"].startswith('<!DOCTYPE html>\n<html lang="en">')


def test_paragraph_anchors_never_take_the_pages_own(tmp_path: Path) -> None:
    """Labels that slug to the pages' own anchor names ("section-1", "change-1" …)."""
    root = tmp_path / "drafts"
    plain = tmp_path / "plain.txt"
    labels = ("Section 1", "Change 1", "Proposal 1", "Main 1", "Stale 1")
    plain.write_text("draftkit revision 2\ndocument: odd\nname: zero-draft\ndate: 2010-06-01\n"
                     "issued-by: Presidency\n\n@section sect01 | I | Odd labels\n" + "".join(
                         f"\n@para para0{n} | {label} | open\nWords {n}.\n"
                         for n, label in enumerate(labels)), encoding="utf-8")
    runner = CliRunner()
    for args in (["init", str(root)],
                 ["--drafts", str(root), "parties", "add", "NOR", "--kind", "state",
                  "--name", "Norway"],
                 ["--drafts", str(root), "new", "odd", "--title", "Odd", "--kind", "other",
                  "--from", str(plain), "--date", "2010-06-01"],
                 ["--drafts", str(root), "propose", "odd", "--para", "Change 1", "--op",
                  "replace", "--quote", "Words", "--text", "Text", "--by", "NOR"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    publish(root, tmp_path / "site")
    parsed = {path: Page(source) for path, source in pages(tmp_path / "site").items()}
    for path, page in parsed.items():
        assert len(page.id_list) == len(page.ids), path
    assert {"section-1", "change-1", "proposal-1", "main-1", "stale-1"} <= \
        parsed["documents/odd/compilation.html"].ids
