"""The fixed parts of a .docx package: content types, relationships, styles, settings.

Namespaces and relationship types are named once here; the reader uses the
same names to find the parts again.
"""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

OFFICE_DOCUMENT = f"{R}/officeDocument"
STYLES = f"{R}/styles"
SETTINGS = f"{R}/settings"
COMMENTS = f"{R}/comments"
COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
HEADER = f"{R}/header"
FOOTER = f"{R}/footer"
CORE_PROPERTIES = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                   "core-properties")
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def content_types(with_comments: bool, with_front: bool = False) -> str:
    parts = [("/word/document.xml", f"{_WML}.document.main+xml"),
             ("/word/styles.xml", f"{_WML}.styles+xml"),
             ("/word/settings.xml", f"{_WML}.settings+xml")]
    if with_comments:
        parts += [("/word/comments.xml", f"{_WML}.comments+xml"),
                  ("/word/commentsExtended.xml", f"{_WML}.commentsExtended+xml")]
    if with_front:
        parts += [("/word/header1.xml", f"{_WML}.header+xml"),
                  ("/word/footer1.xml", f"{_WML}.footer+xml"),
                  ("/word/footer2.xml", f"{_WML}.footer+xml"),
                  ("/docProps/core.xml",
                   "application/vnd.openxmlformats-package.core-properties+xml")]
    overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                        for name, kind in parts)
    return (f'{XML_DECLARATION}<Types xmlns="{CONTENT_TYPES}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f"{overrides}</Types>")


def relationships(targets: list[tuple[str, str]]) -> str:
    """A .rels part: (relationship type, target) pairs, ids rId1, rId2, …"""
    items = "".join(f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
                    for n, (kind, target) in enumerate(targets, start=1))
    return f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">{items}</Relationships>'


def settings(track_changes: bool) -> str:
    """Tracking on by default, so a delegation's edits to an export come back tracked."""
    track = "<w:trackRevisions/>" if track_changes else ""
    return (f'{XML_DECLARATION}<w:settings xmlns:w="{W}">{track}'
            '<w:defaultTabStop w:val="708"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            "</w:settings>")


def _paragraph_style(style_id: str, name: str, properties: str, run: str,
                     outline: int | None = None) -> str:
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f"<w:pPr>{properties}{level}</w:pPr><w:rPr>{run}</w:rPr></w:style>")


def styles() -> str:
    heading = '<w:keepNext/><w:spacing w:before="240" w:after="120"/>'
    return (
        f'{XML_DECLARATION}<w:styles xmlns:w="{W}">'
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        'w:cs="Times New Roman" w:eastAsia="Times New Roman"/>'
        '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/><w:qFormat/></w:style>'
        + _paragraph_style("Title", "Title", heading + '<w:jc w:val="center"/>',
                           '<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>')
        + _paragraph_style("Heading1", "heading 1", heading,
                           '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>', 0)
        + _paragraph_style("Heading2", "heading 2", heading, "<w:b/><w:bCs/><w:i/>", 1)
        + _paragraph_style("Masthead", "Masthead", '<w:jc w:val="right"/>'
                           '<w:spacing w:after="0"/>', "")
        + _paragraph_style("Symbol", "Symbol", '<w:jc w:val="right"/>'
                           '<w:spacing w:after="60"/>',
                           '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>')
        + _paragraph_style("Meeting", "Meeting", '<w:spacing w:after="0"/>',
                           "<w:b/><w:bCs/>")
        + _paragraph_style("Header", "header", "", '<w:sz w:val="20"/><w:szCs w:val="20"/>')
        + _paragraph_style("Footer", "footer", "", '<w:sz w:val="20"/><w:szCs w:val="20"/>')
        + _paragraph_style("CommentText", "annotation text", "",
                           '<w:sz w:val="20"/><w:szCs w:val="20"/>')
        + '<w:style w:type="character" w:styleId="CommentReference">'
        '<w:name w:val="annotation reference"/>'
        '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
        "</w:styles>")
