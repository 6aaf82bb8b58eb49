"""Form fields: a paragraph a reporting State fills in ("Changed since the last report?").

The paragraph's text is the field's label; the field says what kind of answer it takes
(free text, yes or no, one of some choices, a number, a date), the instructions for
whoever completes it, and whether it is voluntary (the forms shade those).
"""

from __future__ import annotations

import enum

from attrs import field, frozen

from draftkit.lines import breaks, one_line, trimmed


class FieldKind(enum.Enum):
    TEXT = "text"
    YES_NO = "yes-no"
    CHOICE = "choice"
    NUMBER = "number"
    DATE = "date"

    @property
    def title(self) -> str:
        return {"text": "text", "yes-no": "yes / no", "choice": "choice", "number": "number",
                "date": "date"}[self.value]


@frozen
class FormField:
    """What a field asks for. `choices` are given for a choice field, and only for one."""

    kind: FieldKind
    choices: tuple[str, ...] = field(default=())
    instructions: str = field(default="", validator=one_line)
    voluntary: bool = False

    @choices.validator
    def _choices(self, _attribute: object, choices: tuple[str, ...]) -> None:
        if self.kind is FieldKind.CHOICE and len(choices) < 2:
            raise ValueError("a choice field offers at least two choices")
        if self.kind is not FieldKind.CHOICE and choices:
            raise ValueError(f"a {self.kind.value} field offers no choices")
        for choice in choices:
            if not trimmed(choice):
                raise ValueError(f"a choice is one line, not blank, without surrounding "
                                 f"whitespace: {choice!r}")
        if len(set(choices)) != len(choices):
            raise ValueError("a choice is offered twice")


# How the store and people say whether a field must be completed.
OBLIGATIONS = {False: "required", True: "voluntary"}
FIELD_PARTS = ("kind", "choices", "instructions", "voluntary")


@frozen
class FieldEdit:
    """A proposed change to a form field: each part given (not None) is what it proposes,
    the others are left as they stand. Instructions are changed, never removed."""

    kind: FieldKind | None = None
    choices: tuple[str, ...] | None = None
    instructions: str | None = field(default=None)
    voluntary: bool | None = None

    @instructions.validator
    def _instructions(self, _attribute: object, value: str | None) -> None:
        if value is not None and (not value.strip() or breaks(value)):
            raise ValueError(f"proposed instructions are one line, not blank: {value!r}")

    def parts(self) -> dict[str, object]:
        """The parts it sets, by name (`FIELD_PARTS`); a kind other than choice also sets
        the choices (to none), so it competes with a proposal of other choices."""
        found: dict[str, object] = {name: value for name in FIELD_PARTS
                                    if (value := getattr(self, name)) is not None}
        if self.kind is not None and self.kind is not FieldKind.CHOICE:
            found.setdefault("choices", ())
        return found

    @property
    def summary(self) -> str:
        """What it proposes, in words: "required; kind number; instructions: …"."""
        said = []
        if self.voluntary is not None:
            said.append("voluntary" if self.voluntary else "required")
        if self.kind is not None:
            said.append(f"kind {self.kind.title}")
        if self.choices:
            said.append("choices " + " / ".join(self.choices))
        if self.instructions is not None:
            said.append(f"instructions: {self.instructions}")
        return "; ".join(said)

    def apply(self, form: FormField) -> FormField:
        """`form` as this change leaves it (ValueError if the result is not a valid field,
        e.g. a choice field without choices)."""
        return FormField(**{**{name: getattr(form, name) for name in FIELD_PARTS},
                            **self.parts()})
