"""The immutable values draftkit works on: parties, paragraphs, sections, revisions.

A paragraph's `id` is its permanent identity; its `label` is only its address
in one revision ("OP5 bis" in Rev.1 may be "OP6" in Rev.2).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from draftkit.errors import NotFoundError
from draftkit.form import FormField
from draftkit.labels import Label
from draftkit.lines import one_line
from draftkit.table import Table

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
PARTY_CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9-]*")
FORBIDDEN_IN_LINE = re.compile(r"[\n\r]")


def _matches(pattern: re.Pattern[str], what: str) -> Callable[[Any, Any, str], None]:
    def check(_instance: Any, _attribute: Any, value: str) -> None:
        if not pattern.fullmatch(value):
            raise ValueError(f"not a valid {what}: {value!r}")

    return check


def _paragraph_text(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    one_line(_instance, attribute, value)
    if not value.strip():
        raise ValueError("a paragraph's text cannot be blank")


def _trimmed_line(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """A header or heading field: one line, no surrounding whitespace."""
    one_line(_instance, attribute, value)
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
    """Who a party is. States table amendments, and groups through a member on their
    behalf; organisations (UN agencies, the ICRC) and civil society are observers:
    they give input, which is kept and shown, marked, but never counted as support."""

    STATE = "state"
    GROUP = "group"
    ORGANIZATION = "organization"
    CIVIL_SOCIETY = "civil-society"

    @property
    def tables_amendments(self) -> bool:
        """Whether parties of this kind table amendments (states and groups)."""
        return self in (PartyKind.STATE, PartyKind.GROUP)


@frozen
class Party:
    """A delegation, a group speaking for its members, an organisation or NGO."""

    code: str = field(validator=_matches(PARTY_CODE_PATTERN, "party code"))
    kind: PartyKind
    name: str = field(validator=_party_name)
    members: tuple[str, ...] = ()

    @property
    def observer(self) -> bool:
        """An observer gives input but does not table amendments (see PartyKind)."""
        return not self.kind.tables_amendments


@frozen
class Paragraph:
    """A paragraph of text; or a table (`table`: its text is the caption) or a form field
    (`form`: its text is the field's label), see draftkit.table and draftkit.form."""

    id: str = field(validator=_matches(ID_PATTERN, "paragraph id"))
    label: Label | None
    text: str = field(validator=_paragraph_text)
    status: Status = Status.OPEN
    table: Table | None = field(default=None, kw_only=True)
    form: FormField | None = field(default=None, kw_only=True)

    @form.validator
    def _table_or_form(self, _attribute: object, form: FormField | None) -> None:
        if form is not None and self.table is not None:
            raise ValueError("a paragraph is a table or a form field, not both")

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
class Meeting:
    """A session the text is negotiated at or prepared for: the Santiago conference,
    the Geneva preparatory meeting, 1MSP. `id` is how revisions and deadlines name it."""

    id: str = field(validator=_matches(SLUG_PATTERN, "meeting id"))
    title: str = field(validator=_trimmed_line)
    place: str = field(validator=_trimmed_line)
    start: dt.date
    end: dt.date = field()

    @end.validator
    def _not_before_start(self, _attribute: object, end: dt.date) -> None:
        if end < self.start:
            raise ValueError(f"meeting {self.id} ends ({end}) before it starts "
                             f"({self.start})")

    @property
    def dates(self) -> str:
        """"2010-06-07 to 2010-06-09", or the one day."""
        if self.end == self.start:
            return self.start.isoformat()
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


@frozen
class Deadline:
    """The last day for written input, and the meeting the input is for (if any).

    A proposal written against a revision falls under the first deadline on or
    after that revision's date; it is late when it was made after that day (UTC).
    """

    date: dt.date
    meeting: str | None = field()
    what: str = field(validator=_trimmed_line)

    @meeting.validator
    def _meeting_id(self, _attribute: object, meeting: str | None) -> None:
        if meeting is not None and not SLUG_PATTERN.fullmatch(meeting):
            raise ValueError(f"not a valid meeting id: {meeting!r}")

    def missed_by(self, created: dt.datetime) -> bool:
        """Whether something made at `created` came after this deadline's day (UTC)."""
        return created.astimezone(dt.UTC).date() > self.date


SYMBOL_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9./()-]*")


def _symbol(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None and not SYMBOL_PATTERN.fullmatch(value):
        raise ValueError(f"not a document symbol: {value!r} (letters, digits and . / ( ) -, "
                         f"like CCM/MSP/2010/WP.1)")


class Distribution(enum.Enum):
    """Who a document is distributed to, as its first page says ("Distr.: General")."""

    GENERAL = "general"
    LIMITED = "limited"
    RESTRICTED = "restricted"

    @property
    def title(self) -> str:
        return self.value.capitalize()


@frozen
class Document:
    """A negotiated text. `symbol` (the base document symbol, `CCM/MSP/2010/WP.1`),
    `distribution` and `original_language` are what its issued revisions carry on their
    first page (see `draftkit.masthead`); all three are optional."""

    id: str = field(validator=_matches(SLUG_PATTERN, "document id"))
    title: str = field(validator=_trimmed_line)
    kind: DocumentKind = DocumentKind.OTHER
    meetings: tuple[Meeting, ...] = ()
    deadlines: tuple[Deadline, ...] = field(default=())
    symbol: str | None = field(default=None, validator=_symbol, kw_only=True)
    distribution: Distribution | None = field(default=None, kw_only=True)
    original_language: str | None = field(default=None, kw_only=True)

    @original_language.validator
    def _language(self, _attribute: object, value: str | None) -> None:
        if value is not None and (not value.strip() or value != value.strip()
                                  or FORBIDDEN_IN_LINE.search(value)):
            raise ValueError(f"not a language name: {value!r}")

    @deadlines.validator
    def _known_meetings(self, _attribute: object, deadlines: tuple[Deadline, ...]) -> None:
        ids = [m.id for m in self.meetings]
        if len(set(ids)) != len(ids):
            raise ValueError(f"meeting {next(i for i in ids if ids.count(i) > 1)} listed twice")
        for deadline in deadlines:
            if deadline.meeting is not None and deadline.meeting not in ids:
                raise ValueError(f"deadline {deadline.date} is for an unknown meeting "
                                 f"{deadline.meeting!r}")

    def meeting(self, name: str) -> Meeting:
        """A meeting by id (case ignored); NotFoundError naming the known ones."""
        for meeting in self.meetings:
            if meeting.id == name.strip().lower():
                return meeting
        known = ", ".join(m.id for m in self.meetings) or "none"
        raise NotFoundError(f"no meeting {name!r} in {self.id} (known: {known}; meetings are "
                            f"listed in its document.txt)")

    def deadline_after(self, day: dt.date) -> Deadline | None:
        """The first deadline on or after `day`: the one input on a revision of that date
        falls under."""
        return min((d for d in self.deadlines if d.date >= day), key=lambda d: d.date,
                   default=None)


def display_name(name: str) -> str:
    """How people write a revision name: "rev1" → "Rev.1", "zero-draft" → "Zero draft"."""
    match = re.fullmatch(r"rev\.?(\d+)", name, re.IGNORECASE)
    if match:
        return f"Rev.{match.group(1)}"
    return name.replace("-", " ").capitalize()


class RevisionKind(enum.Enum):
    """What a revision is: a formal revision of the text, or a text in between."""

    ZERO_DRAFT = "zero-draft"
    REV = "rev"
    FACILITATORS_TEXT = "facilitators-text"
    CHAIRS_NON_PAPER = "chairs-non-paper"
    AS_ADOPTED = "as-adopted"

    @property
    def title(self) -> str:
        return {"zero-draft": "zero draft", "rev": "revision",
                "facilitators-text": "facilitator's text",
                "chairs-non-paper": "chair's non-paper", "as-adopted": "as adopted"}[self.value]

    @property
    def formal(self) -> bool:
        """A facilitator's text or a chair's non-paper is not a formal revision."""
        return self not in (RevisionKind.FACILITATORS_TEXT, RevisionKind.CHAIRS_NON_PAPER)


@frozen
class Revision:
    """One issued state of a document's text; the record, never changed.

    `kind` and `meeting` (the meeting it was issued for) are optional: files
    recorded before draftkit knew of meetings have neither. `symbol` is given only
    when the one derived from the document's (`draftkit.masthead`) would be wrong.
    """

    document: str = field(validator=_matches(SLUG_PATTERN, "document id"))
    name: str = field(validator=_matches(SLUG_PATTERN, "revision name"))
    date: dt.date
    issued_by: str = field(validator=_trimmed_line)
    parent: str | None = None
    note: str = field(default="", validator=_trimmed_line)
    sections: tuple[Section, ...] = field(default=())
    kind: RevisionKind | None = None
    meeting: str | None = field(default=None)
    symbol: str | None = field(default=None, validator=_symbol, kw_only=True)

    @meeting.validator
    def _meeting_id(self, _attribute: object, meeting: str | None) -> None:
        if meeting is not None and not SLUG_PATTERN.fullmatch(meeting):
            raise ValueError(f"not a valid meeting id: {meeting!r}")

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
        return self._paragraphs_by_id.get(paragraph_id)

    @functools.cached_property
    def _paragraphs_by_id(self) -> dict[str, Paragraph]:
        """Built once per revision: lookups by id are made per proposal, per page."""
        return {p.id: p for p in self.paragraphs()}

    def with_paragraphs(self, changed: Mapping[str, Paragraph]) -> Revision:
        """This revision with the paragraphs named by id in `changed` replaced."""
        if not changed:
            return self
        return attrs.evolve(self, sections=tuple(
            attrs.evolve(s, paragraphs=tuple(changed.get(p.id, p) for p in s.paragraphs))
            for s in self.sections))

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
