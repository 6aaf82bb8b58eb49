"""What makes an export read as an issued UN document: the first-page block, the
running header, page numbers and the file's core properties.

    CCM/MSP/2010/WP.1/Rev.1                  (right, large: the symbol)
    Distr.: General                          (right)
    20 August 2010
    Original: English
    First Meeting of States Parties          (left, bold: the meeting)
    Vientiane, Lao PDR, 9-12 November 2010

Every page after the first carries the symbol in its header; every page its
number in the footer, as a PAGE field that Word and LibreOffice fill in. The
title and the issuer go into docProps/core.xml (File > Properties).
"""

from __future__ import annotations

from attrs import frozen

from draftkit.docx import parts
from draftkit.masthead import Masthead


@frozen
class Front:
    """The first page's block (right-aligned lines, then left-aligned ones), the running
    header's text, and the file's title and author."""

    right: tuple[str, ...]
    left: tuple[str, ...]
    running_header: str | None
    title: str
    author: str


def front(head: Masthead, *, what: str | None = None) -> Front:
    """The front of a revision's export. `what` says the file is made on the revision but
    is not the revision as issued ("compilation text", "changes since zero draft"): the
    running header and title then say so ("CCM/MSP/2010/WP.1/Rev.1 (compilation text)")."""
    header = head.symbol
    if what is not None and head.symbol:
        header = f"{head.symbol} ({what})"
    title = head.title if what is None else f"{head.title}: {what}"
    return Front(head.lines(), head.meeting_lines(), header, title, head.issued_by)


def header_part(escaped: str) -> str:
    """A header with one right-aligned line (the symbol, escaped for XML)."""
    return (f'{parts.XML_DECLARATION}<w:hdr xmlns:w="{parts.W}">'
            '<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p></w:hdr>')


def footer_part() -> str:
    """A footer with the page number, centred, as a PAGE field."""
    return (f'{parts.XML_DECLARATION}<w:ftr xmlns:w="{parts.W}">'
            '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>')


def core_part(title: str, author: str) -> str:
    """docProps/core.xml: title and author (creator), both escaped for XML; no dates, so
    the same input gives the same bytes."""
    return (f'{parts.XML_DECLARATION}<cp:coreProperties xmlns:cp="{parts.CORE}" '
            f'xmlns:dc="{parts.DC}"><dc:title>{title}</dc:title><dc:creator>{author}'
            "</dc:creator></cp:coreProperties>")
