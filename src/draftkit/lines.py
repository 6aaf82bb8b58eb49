"""One line of text: what every value the store writes on a line of its own must be.

The store's grammar gives a paragraph's text, a cell, a heading, a field's
instructions or a choice one line each, so a line break inside one would end it
early. The value classes check it with these.
"""

from __future__ import annotations

import attrs


def breaks(text: str) -> bool:
    """Whether `text` holds a line break (a scan per character: no regular expression)."""
    return "\n" in text or "\r" in text


def trimmed(text: str) -> bool:
    """Whether `text` is one line, not blank, without surrounding whitespace: a heading,
    a choice."""
    return bool(text.strip()) and not breaks(text) and text == text.strip()


def one_line(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """An attrs validator: the field is a single line."""
    if breaks(value):
        raise ValueError(f"{attribute.name} must be a single line: {value!r}")
