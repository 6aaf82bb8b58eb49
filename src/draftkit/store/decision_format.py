"""Decision files (`<document>/decisions/<ID>.txt`): one status decision each, never changed.

    draftkit decision 2
    id: ADREF-ACTION3-k2m9
    document: vientiane-action-plan
    revision: rev1
    paragraph: qd2vyd
    label: Action 3
    action: ad-ref
    meeting: prepcom
    by: Presidency
    when: 2010-09-06T16:00:00Z
    words: 5d1f…(64 hex digits: the SHA-256 of the paragraph's words)
    note: Agreed ad referendum in the afternoon session.

A header and nothing else: a decision is made once, by one link, and read as
written. See docs/store-format.md.
"""

from __future__ import annotations

from draftkit.agreement import Action, StatusDecision
from draftkit.errors import DraftkitError, FormatError
from draftkit.store import grammar
from draftkit.store.item_format import format_time, parse_time

KIND = "decision"
VERSION = 2
KEYS = ("id", "document", "revision", "paragraph", "label", "action", "meeting", "by", "when",
        "words", "note")


def format_decision(decision: StatusDecision) -> str:
    fields = {"id": decision.id, "document": decision.document,
              "revision": decision.revision, "paragraph": decision.paragraph,
              "label": decision.label, "action": decision.action.value,
              "meeting": decision.meeting, "by": decision.by,
              "when": format_time(decision.when), "words": decision.words,
              "note": decision.note}
    return grammar.join([grammar.magic_line(KIND, VERSION),
                         *(grammar.header_line(key, fields[key]) for key in KEYS
                           if fields[key])])


def parse_decision(text: str, path: str) -> StatusDecision:
    read = grammar.read(text, path, KIND, versions=(VERSION,), keys=KEYS)
    for key in KEYS[:-1]:
        read.require(key)
    header = read.header
    try:
        action = Action(header["action"])
    except ValueError:
        raise read.error(read.line_of("action"), f"action: not one of "
                                                 f"{', '.join(a.value for a in Action)}: "
                                                 f"{header['action']!r}") from None
    try:
        when = parse_time(header["when"])
    except ValueError as error:
        raise read.error(read.line_of("when"), f"when: {error}") from None
    try:
        return StatusDecision(
            id=header["id"], document=header["document"], revision=header["revision"],
            paragraph=header["paragraph"], label=header["label"], action=action,
            meeting=header["meeting"], by=header["by"], when=when, words=header["words"],
            note=header.get("note", ""))
    except (ValueError, DraftkitError) as error:
        raise FormatError(path, 1, str(error)) from None
