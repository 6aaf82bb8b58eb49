"""What a word, a space and a punctuation mark are: the one text model.

Scripts written with spaces (Latin, Cyrillic, Greek, Arabic, Hebrew …) have
words: runs of letters, digits and their combining marks. Scripts written
without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are cut one
character at a time, each with its combining marks, so any quoted words fall
on a boundary without a dictionary. A punctuation mark stands alone.

Where an edit brings two pieces of text together, spacing follows one rule:
two word characters never run together; closing punctuation (", . ; : ) ]")
takes no space before it and opening punctuation ("( [ «") none after it;
scripts without spaces take none; otherwise one space. Tokens, anchors,
edits, diff and the Word reader all ask this module.
"""

from __future__ import annotations

import functools
import itertools
import re

# Punctuation that stands alone: ASCII, Latin-1, general, Arabic, Hebrew, CJK, fullwidth.
PUNCTUATION = (
    r"!-/:-@\[-`{-~"
    "¡§«¶·»¿"
    "\u2010-\u2027\u2030-\u205e"
    "\u060c\u061b\u061f\u066a-\u066d\u06d4"
    "\u05be\u05c0\u05c3\u05c6\u05f3\u05f4"
    "\u3001-\u3003\u3008-\u3011\u3014-\u301f"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
# Scripts written without spaces between words.
SPACELESS = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # CJK
)
# Combining marks that belong to the character before them, in those scripts and generally.
MARKS = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # Thai
    "\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ece"  # Lao
    "\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074"
    "\u1082-\u108d\u108f\u109a-\u109d"  # Myanmar
    "\u17b4-\u17d3\u17dd"  # Khmer
    "\u3099\u309a"  # kana voicing
)
CLOSING = ",.;:!?)]}»”’%…、。，．：；！？）］｝〉》」』】〕〗〙〛،؛؟۔"
OPENING = "([{«“‘¿¡（［｛〈《「『【〔〖〘〚"
SEPARATING = ",;:،؛、，；："

# A run of whitespace, or a word (a run of letters or digits, a punctuation mark, or a
# character of a script written without spaces with its marks) with the whitespace after
# it. The commonest first, possessive: one way to match at each place, nothing to retry.
TOKEN = (rf"[^\s{PUNCTUATION}{SPACELESS}]++\s*+|\s++|[{PUNCTUATION}]\s*+"
         rf"|[{SPACELESS}][{MARKS}]*+\s*+")
# A token's word, as a group (to cut a text at its words).
_WORD = rf"([^\s{PUNCTUATION}{SPACELESS}]++|[{PUNCTUATION}]|[{SPACELESS}][{MARKS}]*+)"
_RUNNING = rf"[^\s{PUNCTUATION}{SPACELESS}]"
_SPACELESS = f"[{SPACELESS}]"
_MARK = f"[{MARKS}]"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled when first used: these character classes take milliseconds to
    compile, which every start of the command line would pay."""
    return re.compile(pattern)


def tokens(text: str) -> list[str]:
    """The text's tokens, each with its trailing whitespace (whitespace opening the text is
    a token of its own); they join back to exactly `text`."""
    return _compiled(TOKEN).findall(text)


def token_at(text: str, position: int) -> str:
    """The token of `text` that starts at `position` (where one of its tokens starts)."""
    found = _compiled(TOKEN).match(text, position)
    assert found is not None  # every character belongs to a token
    return found.group()


def word_spans(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """Where each token's word (the token without its trailing whitespace) starts and
    ends, and the words; a token of whitespace alone has none. (Counted by iterators over
    the text cut at its words, not word by word in Python: a paragraph can run to a million
    words.)"""
    # Whitespace, word, whitespace, ..., word, whitespace: the lengths accumulated are
    # where each word starts and ends, in turn.
    pieces = _compiled(_WORD).split(text)
    bounds = list(itertools.accumulate(map(len, pieces)))
    return tuple(bounds[0:-1:2]), tuple(bounds[1::2]), tuple(pieces[1::2])


def running(char: str) -> bool:
    """Whether `char` belongs to a word that runs on (not space, punctuation, or a script
    written without spaces)."""
    return _compiled(_RUNNING).match(char) is not None


def spaceless(char: str) -> bool:
    return _compiled(_SPACELESS).match(char) is not None


def joins(left: str, right: str) -> bool:
    """Whether `left + right` would run one word into the next."""
    return bool(left and right) and running(left[-1]) and running(right[0])


def boundary(text: str, index: int) -> bool:
    """Whether `text[:index]` and `text[index:]` cut no word and no character apart."""
    if index <= 0 or index >= len(text):
        return True
    if _compiled(_MARK).match(text[index]):
        return False
    return not (running(text[index - 1]) and running(text[index]))


def wants_space(left: str, right: str) -> bool:
    """Whether two characters that an edit brings together want a space between them."""
    if not left or not right or left.isspace() or right.isspace():
        return False
    if _is(right, CLOSING) or _is(left, OPENING):
        return False
    return not (spaceless(left) or spaceless(right))


def _is(char: str, kind: str) -> bool:
    """Whether `char` (a character, or "" at an end of the text) is one of `kind`."""
    return bool(char) and char in kind


def seam(left: str, right: str) -> str:
    """The space wanted where text ending `left` meets text starting `right`."""
    return " " if wants_space(left[-1:], right[:1]) else ""


def insertion(text: str, point: int, new: str) -> tuple[int, str]:
    """Where and what to insert for `new` at `point` of `text`: stripped, with the spaces
    its seams want where the text has none ("x" before "," in "a, b" is " x": "a x, b"),
    and moved over whitespace that would stand before its closing punctuation (", c"
    before "b" in "a b" goes after "a": "a, c b") or after its opening punctuation.
    A separating mark that would double the one beside it is left out."""
    core = new.strip()
    if _is(core[:1], CLOSING):
        while point > 0 and text[point - 1].isspace():
            point -= 1
    if _is(core[-1:], OPENING):
        while point < len(text) and text[point].isspace():
            point += 1
    left, right = text[:point], text[point:]
    core = _undoubled(left, core, right)
    before = seam(left, core) if left and not left[-1].isspace() else ""
    after = seam(core, right) if right and not right[0].isspace() else ""
    return point, before + core + after


def replacement(text: str, start: int, end: int, new: str = "") -> tuple[int, int, str]:
    """How to replace `text[start:end]` with `new` so the text stays well spaced: the
    characters to replace (widened over whitespace that must go) and with what.

    ", costed" replaced by "and costed" after "clear" is " and costed"; a deletion
    takes one neighbouring space at most ("a, b" without "," is "a b"), and a
    separating mark left before a closing one goes with it ("force, [clause]."
    without "[clause]" is "force.").
    """
    core = new.strip()
    left_end, right_start = start, end
    while left_end > 0 and text[left_end - 1].isspace():
        left_end -= 1
    while right_start < len(text) and text[right_start].isspace():
        right_start += 1
    left, right = text[:left_end], text[right_start:]
    if not core:
        return (*_deletion(text, start, end, left_end, right_start), "")
    core = _undoubled(left, core, right)
    if left_end < start and not wants_space(left[-1:], core[0]):
        start = left_end
    if end < right_start and not wants_space(core[-1], right[:1]):
        end = right_start
    before = seam(left, core) if start == left_end else ""
    after = seam(core, right) if end == right_start else ""
    return start, end, before + core + after


def _undoubled(left: str, core: str, right: str) -> str:
    """`core` without a separating mark that would double the one beside it ("a," and
    ", x" make "a, x", not "a,, x"; "x," before "." is "x."), unless that is all it is."""
    if _is(core[:1], SEPARATING) and _is(left.rstrip()[-1:], SEPARATING) and core[1:].strip():
        core = core[1:].lstrip()
    if _is(core[-1:], SEPARATING) and _is(right.lstrip()[:1], CLOSING) and core[:-1].strip():
        core = core[:-1].rstrip()
    return core


def _deletion(text: str, start: int, end: int, left_end: int,
              right_start: int) -> tuple[int, int]:
    left, right = text[:left_end], text[right_start:]
    if left and right and left[-1] in SEPARATING and right[0] in CLOSING:
        return left_end - 1, right_start
    if not left:  # what opens the text goes, with a separating mark left at its head
        if _is(right[:1], SEPARATING):
            right_start += 1
            while right_start < len(text) and text[right_start].isspace():
                right_start += 1
        return 0, right_start
    if not right:
        return (left_end - 1 if left[-1] in SEPARATING else left_end), len(text)
    if not seam(left, right):
        return left_end, right_start
    if left_end < start:  # keep the space before, take the one after
        return start, right_start
    return start, end  # the space after stays (in "a,b", writing puts one back)


BLEMISHES = ("  ", " ,", " .", " ;", " :", " )", " ]", "( ", "[ ", ",.", ";.", ":.", ",,", ".,")


def new_blemishes(before: str, after: str) -> tuple[str, ...]:
    """The marks of bad spacing or punctuation that `after` has more of than `before`."""
    return tuple(mark for mark in BLEMISHES  # most are in neither: one look, not two counts
                 if mark in after and after.count(mark) > before.count(mark))
