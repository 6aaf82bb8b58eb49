"""The immutable values draftkit works on: parties, paragraphs, sections, revisions.

A paragraph's `id` is its permanent identity; its `label` is only its address
in one revision ("OP5 bis" in Rev.1 may be "OP6" in Rev.2).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs
from attrs import field, frozen

from draftkit.errors import NotFoundError
from draftkit.labels import Label

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
PARTY_CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9-]*")
FORBIDDEN_IN_LINE = re.compile(r"[\n\r]")


def _matches(pattern: re.Pattern[str], what: str) -> Callable[[Any, Any, str], None]:
    def check(_instance: Any, _attribute: Any, value: str) -> None:
        if not pattern.fullmatch(value):
            raise ValueError(f"not a valid {what}: {value!r}")

    return check


def _one_line(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if FORBIDDEN_IN_LINE.search(value):
        raise ValueError(f"{attribute.name} must be a single line: {value!r}")


def _paragraph_text(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _one_line(_instance, attribute, value)
    if not value.strip():
        raise ValueError("a paragraph's text cannot be blank")


def _trimmed_line(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """A header or heading field: one line, no surrounding whitespace."""
    _one_line(_instance, attribute, value)
    if value != value.strip():
        raise ValueError(f"{attribute.name} has surrounding whitespace: {value!r}")


def _party_name(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _trimmed_line(_instance, attribute, value)
    if "|" in value or not value:
        raise ValueError(f"not a party name: {value!r}")


def _section_number(_instance: object, attribute: attrs.Attribute[str | None],
                    value: str | None) -> None:
    if value is not None and (value in ("", "-") or "|" in value or value != value.strip()
                              or FORBIDDEN_IN_LINE.search(value)):
        raise ValueError(f"not a section number: {value!r}")


class Status(enum.Enum):
    """A paragraph's negotiation status."""

    OPEN = "open"
    AD_REF = "ad-ref"
    AGREED = "agreed"

    @property
    def title(self) -> str:
        return {"open": "open", "ad-ref": "agreed ad ref", "agreed": "agreed"}[self.value]


class DocumentKind(enum.Enum):
    DECLARATION = "declaration"
    ACTION_PLAN = "action-plan"
    OTHER = "other"


class PartyKind(enum.Enum):
    STATE = "state"
    GROUP = "group"
    ORGANIZATION = "organization"
    CIVIL_SOCIETY = "civil-society"


@frozen
class Party:
    """A delegation, a group speaking for its members, an organisation or NGO."""

    code: str = field(validator=_matches(PARTY_CODE_PATTERN, "party code"))
    kind: PartyKind
    name: str = field(validator=_party_name)
    members: tuple[str, ...] = ()


@frozen
class Paragraph:
    id: str = field(validator=_matches(ID_PATTERN, "paragraph id"))
    label: Label | None
    text: str = field(validator=_paragraph_text)
    status: Status = Status.OPEN

    @property
    def address(self) -> str:
        """The label as people cite it, or the id for an unlabelled paragraph."""
        return str(self.label) if self.label is not None else f"#{self.id}"


@frozen
class Section:
    id: str = field(validator=_matches(ID_PATTERN, "section id"))
    number: str | None = field(validator=_section_number)
    heading: str = field(validator=_trimmed_line)
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.number}. {self.heading}" if self.number else self.heading

    def answers_to(self, name: str) -> bool:
        """Whether people naming a section `name` mean this one (see `section_names`)."""
        return section_key(name) in section_names(self.id, self.number, self.heading)


def section_key(name: str) -> str:
    """A section name as compared: "IV.", " iv " and "IV" are one."""
    return name.strip().rstrip(".").casefold()


def section_names(identity: str, number: str | None, heading: str | None) -> set[str]:
    """The ways a section is named: its number ("IV"), heading, title ("IV. Heading") or id."""
    names = {identity, heading or "", number or ""}
    if number and heading:
        names.add(f"{number}. {heading}")
    return {section_key(n) for n in names if n}


@frozen
class Document:
    id: str = field(validator=_matches(SLUG_PATTERN, "document id"))
    title: str = field(validator=_trimmed_line)
    kind: DocumentKind = DocumentKind.OTHER


def display_name(name: str) -> str:
    """How people write a revision name: "rev1" → "Rev.1", "zero-draft" → "Zero draft"."""
    match = re.fullmatch(r"rev\.?(\d+)", name, re.IGNORECASE)
    if match:
        return f"Rev.{match.group(1)}"
    return name.replace("-", " ").capitalize()


@frozen
class Revision:
    """One issued state of a document's text; the record, never changed."""

    document: str = field(validator=_matches(SLUG_PATTERN, "document id"))
    name: str = field(validator=_matches(SLUG_PATTERN, "revision name"))
    date: dt.date
    issued_by: str = field(validator=_trimmed_line)
    parent: str | None = None
    note: str = field(default="", validator=_trimmed_line)
    sections: tuple[Section, ...] = field(default=())

    @sections.validator
    def _unique_ids(self, _attribute: object, sections: tuple[Section, ...]) -> None:
        seen: set[str] = set()
        labels: set[Label] = set()
        for section in sections:
            if section.id in seen:
                raise ValueError(f"duplicate id {section.id!r}")
            seen.add(section.id)
            for paragraph in section.paragraphs:
                if paragraph.id in seen:
                    raise ValueError(f"duplicate id {paragraph.id!r}")
                seen.add(paragraph.id)
                if paragraph.label is not None:
                    if paragraph.label in labels:
                        raise ValueError(f"duplicate label {paragraph.label}")
                    labels.add(paragraph.label)

    @property
    def title(self) -> str:
        return display_name(self.name)

    def paragraphs(self) -> Iterator[Paragraph]:
        for section in self.sections:
            yield from section.paragraphs

    def located(self) -> Iterator[tuple[Section, Paragraph]]:
        for section in self.sections:
            for paragraph in section.paragraphs:
                yield section, paragraph

    def by_id(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs() if p.id == paragraph_id), None)

    def section_of(self, paragraph_id: str) -> Section | None:
        return next((s for s, p in self.located() if p.id == paragraph_id), None)

    def find(self, address: str) -> Paragraph:
        """The paragraph at an address ("OP 5 bis", "Action #12", or "#<id>")."""
        if address.startswith("#"):
            found = self.by_id(address[1:])
            if found is None:
                raise NotFoundError(f"no paragraph with id {address[1:]!r} in {self.title}")
            return found
        label = Label.parse(address)
        for paragraph in self.paragraphs():
            if paragraph.label == label:
                return paragraph
        raise NotFoundError(f"no paragraph {label} in {self.title} of {self.document}")

    def paragraph_count(self) -> int:
        return sum(len(section.paragraphs) for section in self.sections)
