"""The worksheet model: declared, validated data with no UI code (pydantic, no ipywidgets)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.strings import Text, ui
from toolkit.worksheet.messages import Refusal

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""Stable ids: lower-case letters, digits, '-' and '_'. No dots: '.' joins derived keys."""

Value = str | int | float
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]


class Strict(BaseModel):
    """Every worksheet object rejects keys it does not know (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Choice(Strict):
    value: Value
    label: Text

    @field_validator("value", mode="before")
    @classmethod
    def _not_a_boolean(cls, v: object) -> object:
        # Left alone, `value: true` would silently be stored as the number 1.
        if isinstance(v, bool):
            raise Refusal("model_choice_boolean")
        return v


class Ruler(Strict):
    """A numeric ruler such as 0-10, with words at its two ends."""

    min: int = 0
    max: int = 10
    min_label: Text | None = None
    max_label: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Ruler:
        if not self.min < self.max <= self.min + 20:
            raise Refusal("model_ruler")
        return self


# --- show_if: declarative conditions, never eval ------------------------------------------


class Equals(Strict):
    item: Id
    equals: Value | bool


class In(Strict):
    item: Id
    in_: list[Value] = Field(alias="in", min_length=1)


class Answered(Strict):
    item: Id
    answered: bool = True


class All(Strict):
    all: list[Condition] = Field(min_length=1)


class Any_(Strict):
    any: list[Condition] = Field(min_length=1)


Condition = Equals | In | Answered | All | Any_
All.model_rebuild()
Any_.model_rebuild()


# --- items ----------------------------------------------------------------------------------


class ItemBase(Strict):
    id: Id
    text: Text
    help: Text | None = None
    show_if: Condition | None = None
    sensitive: bool = False
    required: bool = False

    @property
    def answerable(self) -> bool:
        return True


class Note(ItemBase):
    """Markdown shown to the client; nothing to answer."""

    type: Literal["note"]

    @property
    def answerable(self) -> bool:
        return False


class ShortText(ItemBase):
    type: Literal["short_text"]
    max_length: int = Field(default=200, ge=1, le=10_000)
    placeholder: Text | None = None


class LongText(ItemBase):
    type: Literal["long_text"]
    max_length: int = Field(default=2_000, ge=1, le=20_000)
    rows: int = Field(default=4, ge=2, le=20)
    placeholder: Text | None = None


class ChoiceItem(ItemBase):
    choices: str | list[Choice]
    other: bool = False
    other_max_length: int = Field(default=200, ge=1, le=2_000)


class SingleChoice(ChoiceItem):
    type: Literal["single_choice"]


class MultiChoice(ChoiceItem):
    type: Literal["multi_choice"]
    max_selected: int | None = Field(default=None, ge=1)


class Scale(ItemBase):
    """Big tappable points: a named or inline choice set (e.g. 1-7 agreement) or a ruler."""

    type: Literal["scale"]
    choices: str | list[Choice] | None = None
    ruler: Ruler | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Scale:
        if (self.choices is None) == (self.ruler is None):
            raise Refusal("model_scale_source", example="ruler: {min: 0, max: 10}")
        return self


class YesNoUnsure(ItemBase):
    type: Literal["yes_no_unsure"]


class Number(ItemBase):
    type: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = True
    unit: Text | None = None


class Date(ItemBase):
    type: Literal["date"]


class Person(ItemBase):
    """Pick one person or group from the client's support map (stored as its row id)."""

    type: Literal["person"]


Field_ = Annotated[
    ShortText | LongText | SingleChoice | MultiChoice | Scale | YesNoUnsure | Number | Date,
    Field(discriminator="type"),
]


class Repeat(ItemBase):
    """A repeatable group of fields, e.g. one row per person."""

    type: Literal["repeat"]
    fields: list[Field_] = Field(min_length=1)
    max_rows: int = Field(default=20, ge=1, le=100)
    print_rows: int = Field(default=4, ge=1, le=20)
    add_label: Text | None = None
    row_label: Text | None = None
    widget: Literal["list", "support_map"] = "list"
    """How the rows are shown: a list of cards, or the support-map picture."""


Item = Annotated[
    Note
    | ShortText
    | LongText
    | SingleChoice
    | MultiChoice
    | Scale
    | YesNoUnsure
    | Number
    | Date
    | Person
    | Repeat,
    Field(discriminator="type"),
]

ITEM_TYPES = (
    "note short_text long_text single_choice multi_choice scale yes_no_unsure number date person "
    "repeat"
).split()


class Section(Strict):
    id: Id
    title: Text
    intro: Text | None = None
    items: list[Item] = Field(min_length=1)


# --- scores ---------------------------------------------------------------------------------


class Band(Strict):
    """A band starts at `min` and runs up to the next band's `min`."""

    min: float
    label: Text
    note: Text | None = None


class Score(Strict):
    id: Id
    label: Text
    method: Literal["sum", "mean"]
    items: list[Id] = Field(min_length=1)
    decimals: int = Field(default=2, ge=0, le=4)
    bands: list[Band] = Field(default_factory=list)

    @field_validator("bands")
    @classmethod
    def _sorted(cls, bands: list[Band]) -> list[Band]:
        mins = [b.min for b in bands]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            raise Refusal("model_bands_order")
        return bands


# --- the worksheet --------------------------------------------------------------------------


class Worksheet(Strict):
    schema_version: Literal[1]
    id: Id
    version: str = Field(pattern=r"^\d+(\.\d+){0,2}$")
    title: Text
    intro: Text | None = None
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]] = Field(
        default_factory=lambda: ["en"], min_length=1
    )
    citation: str | None = None
    validation: dict[str, Literal["validated", "not_validated"]] = Field(default_factory=dict)
    """Measures only: whether each language's wording is a published, validated version."""
    choice_sets: dict[Id, list[Choice]] = Field(default_factory=dict)
    sections: list[Section] = Field(min_length=1)
    scores: list[Score] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, v: object) -> object:
        # `version: 1` and `version: 1.2` are natural to write in YAML; keep them as text.
        return str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v

    def shown_language(self, lang: str) -> str:
        """The language this worksheet's text is shown in when `lang` is asked for."""
        if lang in self.languages:
            return lang
        return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in self.languages else self.languages[0]

    def validated_in(self, lang: str) -> bool:
        """False for a measure whose wording in `lang` is a translation nobody validated.

        Without a `validation:` entry a language counts as validated only when it is the
        measure's first (original) one; `workshop check` refuses any other undeclared one.
        """
        if not self.scores:
            return True
        shown = self.shown_language(lang)
        status = self.validation.get(shown)
        if status is None:
            return shown == self.languages[0]
        return status == "validated"

    def items(self) -> Iterator[ItemBase]:
        """Every top-level item in order (repeat fields stay inside their repeat)."""
        for section in self.sections:
            yield from section.items

    def item(self, item_id: str) -> ItemBase:
        for it in self.items():
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def answerable(self) -> list[ItemBase]:
        return [it for it in self.items() if it.answerable]

    def choices_for(self, item: ItemBase) -> list[Choice]:
        """The resolved choices of a choice or scale item (named set, inline list or ruler)."""
        if isinstance(item, YesNoUnsure):
            return yes_no_unsure()
        if isinstance(item, Scale) and item.ruler is not None:
            r = item.ruler
            return [Choice(value=v, label=str(v)) for v in range(r.min, r.max + 1)]
        choices = getattr(item, "choices", None)
        if isinstance(choices, str):
            return self.choice_sets[choices]
        return list(choices or [])


YES_NO_UNSURE = ("yes", "no", "unsure")
"""The values of a yes/no/not sure item; their words are the app's (`ui("yes", lang)`...)."""


def yes_no_unsure() -> list[Choice]:
    """The yes/no/not sure choices, labelled in every language the app speaks."""
    return [Choice(value=v, label={lang: ui(v, lang) for lang in LANGUAGES})
            for v in YES_NO_UNSURE]


def is_valid_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None
