"""The shape of every pack kind, written as pydantic models.

These models check structure and types only (which keys exist, what sort of
value each holds).  Rules that need to look at several values at once – such
as "bands must cover every possible total" – live in :mod:`vig_tui.packs.checks`,
so each problem can be pointed at the exact line it comes from.

All models are frozen: once loaded, a pack cannot be changed by accident.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from ..domain.printable import cell_width
from .errors import Location

SCHEMA_VERSION = 1

Variant = Literal["adult_child", "adult_adult", "professional"]
VARIANTS: tuple[Variant, ...] = ("adult_child", "adult_adult", "professional")

Activity = Literal["set_helping_questions", "rate_helping_questions", "questionnaires"]
Meeting = Literal["initial_meeting", "shared_review", "final_meeting"]
MEETINGS: tuple[Meeting, ...] = ("initial_meeting", "shared_review", "final_meeting")
"""Marks a prompt that opens one of the app's own tools rather than a notes box."""

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"


#: characters that take no room on screen: text made only of these (and
#: spaces) reads as nothing — zero-width spaces and joiners, a byte-order mark
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _blank(value: str) -> bool:
    """Nothing to see: spaces, line breaks and zero-width characters only."""
    return not value.strip().strip("".join(_INVISIBLE)).strip()


def _not_blank(value: str) -> str:
    """Pack text as it is meant: a YAML block's closing line break (``|``) is
    not an empty line to show under it, and text with nothing to see is an
    empty entry, refused."""
    if _blank(value):
        raise ValueError("should not be empty")
    return value.strip()


#: the most columns one piece of pack text may take on screen (a wide
#: character, as in Chinese or Japanese, takes two). Sized from the shipped
#: packs, about twice their longest: words (a prompt, a cue, a question, a
#: description or a source) run to 263 there; titles, names and answer labels
#: to 68. Anything longer no longer fits a screen or a table row (the family's
#: prompt is shown whole, in large type, in the room).
TEXT_MAX = 600
LABEL_MAX = 120


def _fits(value: str, limit: int, what: str, advice: str) -> str:
    """Pack text that takes no more than `limit` columns on screen, else refused
    in plain words, with `advice` that fits the field."""
    width = cell_width(value)
    if width > limit:
        wide = "" if width == len(value) else " (wide characters, as in Chinese, count twice)"
        raise ValueError(
            f"is {width:,} characters long{wide}, more than the {limit:,} {what} may have: {advice}"
        )
    return value


def _words(value: str) -> str:
    return _fits(
        value,
        TEXT_MAX,
        "pack text",
        "shorten it, or split it into two entries (each is shown whole, on one screen)",
    )


def _label(value: str) -> str:
    return _fits(
        value,
        LABEL_MAX,
        "a title, name or label",
        "shorten it to a few words (it is shown on one line, beside others)",
    )


def _version(value: Any) -> Any:
    # A version may be written as a whole number (1) or as text ("2024.1").
    if isinstance(value, bool):
        raise ValueError('should be a version such as 1 or "1.2", not true or false')
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError('should be in quotes when it has a dot, for example "1.2"')
    return value


def _wording(value: Any) -> Any:
    # Wording may be one piece of text for every variant, or one per variant.
    if isinstance(value, str):
        if _blank(value):
            raise ValueError("should not be empty")
        _words(value.strip())  # refused here, so the message names the key as written
        return {"adult_child": value, "adult_adult": value}  # professional: as adult_child
    if isinstance(value, dict):
        return value
    if isinstance(value, bool | int | float):
        # Reported as a text error, so the loader can retry with the text as written.
        raise PydanticCustomError("string_type", "should be text")
    raise ValueError(
        "should be text, or separate wording under 'adult_child:', 'adult_adult:' "
        "and (optionally) 'professional:'"
    )


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, AfterValidator(_not_blank), AfterValidator(_words)]
#: a title, a name or an answer's label: shown on one line, beside others
Label = Annotated[str, AfterValidator(_not_blank), AfterValidator(_label)]
Version = Annotated[
    str, BeforeValidator(_version), AfterValidator(_not_blank), AfterValidator(_label)
]
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)]


class Located(BaseModel):
    """Base for every pack model: strict types, no unknown keys, and a remembered place."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    _where: Location | None = PrivateAttr(default=None)

    @property
    def where(self) -> Location | None:
        """Where this entry was written (file, line, column), when known."""
        return self._where


class VariantText(Located):
    """Wording for the kinds of relationship a review can be about: a parent
    with a child, two adults, a professional (teacher, staff) with a pupil or group."""

    adult_child: Text | None = None
    adult_adult: Text | None = None
    professional: Text | None = None

    def get(self, variant: Variant) -> str | None:
        return {
            "adult_child": self.adult_child,
            "adult_adult": self.adult_adult,
            "professional": self.professional,
        }[variant]

    def best(self, variant: Variant) -> str:
        """The wording for ``variant``, else the nearest one written (a
        professional's wording falls back to the adult–child one)."""
        return self.get(variant) or self.adult_child or self.adult_adult or ""


Wording = Annotated[VariantText, BeforeValidator(_wording)]


# --------------------------------------------------------------------------- prompts


class Prompt(Located):
    """One thing to ask or talk about.

    ``family`` is said or shown to the family; ``practitioner`` is a private
    cue for the practitioner and never appears in the family's view.
    """

    id: Id
    family: Wording
    practitioner: Wording | None = None
    principle: Id | None = None
    variants: list[Variant] = Field(default_factory=lambda: list(VARIANTS))
    repeats: Id | None = None
    activity: Activity | None = None
    #: The family's words here are also what they want to keep doing
    #: (remembered with the meeting and shown again when celebrating).
    keep_doing: bool = False
    #: `core` prompts are always offered; `extra` ones only when the service
    #: uses every prompt (a setting in the practitioner's profile).
    use: Literal["core", "extra"] = "core"
    #: With `activity: questionnaires`: the ones ticked before the practitioner
    #: chooses, in this order (a final meeting repeats whatever was used before).
    questionnaires: list[Id] = Field(default_factory=list)

    def applies_to(self, variant: Variant) -> bool:
        # a prompt for adults with children is asked of professionals too, unless listed
        if variant == "professional" and "professional" not in self.variants:
            return "adult_child" in self.variants and "adult_adult" not in self.variants
        return variant in self.variants

    def text(self, variant: Variant = "adult_child") -> str:
        """Family-facing wording for this variant."""
        return self.family.best(variant)

    def cue(self, variant: Variant = "adult_child") -> str | None:
        """Practitioner-only cue for this variant, if any."""
        return self.practitioner.best(variant) if self.practitioner else None


class Section(Located):
    """A group of prompts: a part of a meeting, or one stage of a clip review."""

    id: Id
    #: one title, or one per kind of relationship (like a prompt's wording)
    title: Wording | None = None
    intro: Wording | None = None
    practitioner: Wording | None = None
    prompts: list[Prompt] = Field(default_factory=list)
    #: Prompts here ask how a moment links to a helping question: a shared
    #: review shows a choice of the family's questions beside them.
    links_question: bool = False
    #: Final meeting: the family's words and strengths are gathered and shown
    #: just before this section ("celebration"), or their helping questions'
    #: first and last ratings just after it ("comparison").
    shows: Literal["celebration", "comparison"] | None = None

    def prompts_for(self, variant: Variant) -> list[Prompt]:
        return [p for p in self.prompts if p.applies_to(variant)]


# --------------------------------------------------------------------------- pack kinds


class PackHeader(Located):
    """Keys every pack starts with, so each file says what it is."""

    KIND: ClassVar[str] = ""

    schema_version: Literal[1] = Field(alias="schema")
    kind: str
    id: Id
    version: Version
    title: Label
    description: Text | None = None


class Principle(Located):
    id: Id
    name: Label
    family_name: Label | None = None
    description: Text
    behaviours: Annotated[list[Label], Field(min_length=1, max_length=12)]
    colour: Colour


class ChainStep(Located):
    id: Id
    name: Label
    description: Text


class CycleKind(Located):
    id: Id
    name: Label
    description: Text


class PrinciplesPack(PackHeader):
    KIND: ClassVar[str] = "principles"
    kind: Literal["principles"]
    principles: list[Principle] = Field(default_factory=list)
    chain: list[ChainStep] = Field(default_factory=list)
    cycles: list[CycleKind] = Field(default_factory=list)


class InitialMeetingPack(PackHeader):
    KIND: ClassVar[str] = "initial_meeting"
    kind: Literal["initial_meeting"]
    sections: list[Section] = Field(default_factory=list)


class FinalMeetingPack(PackHeader):
    KIND: ClassVar[str] = "final_meeting"
    kind: Literal["final_meeting"]
    sections: list[Section] = Field(default_factory=list)


class ScaleAnchor(Located):
    value: int
    label: Label


class ChangeRule(Located):
    """When a change from a first to a last score means something, declared
    in the pack with where the figures come from (never in code).

    A change counts as reliable when it is at least ``reliable_change`` points
    in one direction (``better`` says which direction is improvement).
    ``cutoff`` is the first score of the clinical range: with ``better: lower``
    a score at or above it is in the clinical range, with ``better: higher`` a
    score at or below it.
    """

    reliable_change: Annotated[float, Field(gt=0)]
    better: Literal["lower", "higher"]
    cutoff: int | None = None
    source: Text


class Rating(Located):
    """How a helping question is rated: where things are now and where we hope to get to."""

    min: int = 0
    max: int = 10
    anchors: list[ScaleAnchor] = Field(default_factory=list)
    where_now: Prompt
    hoped_for: Prompt
    change: ChangeRule | None = None


class HelpingQuestionsPack(PackHeader):
    KIND: ClassVar[str] = "helping_questions"
    kind: Literal["helping_questions"]
    max_questions: Annotated[int, Field(ge=1, le=5)] | None = None
    sections: list[Section] = Field(default_factory=list)
    starters: list[Label] | None = None
    examples: list[Label] | None = None
    rating: Rating | None = None


class SharedReviewPack(PackHeader):
    KIND: ClassVar[str] = "shared_review"
    kind: Literal["shared_review"]
    stages: list[Section] = Field(default_factory=list)
    end_of_review: list[Section] = Field(default_factory=list)


# --------------------------------------------------------------------------- questionnaires


class Option(Located):
    """One answer to a choice question and the points it is worth."""

    score: int
    label: Label


class Item(Located):
    """One question in a questionnaire."""

    id: Id
    text: Text
    kind: Literal["choice", "scale", "text"]
    options: list[Option] | None = None
    options_from: Id | None = None
    min: int | None = None
    max: int | None = None
    anchors: list[ScaleAnchor] = Field(default_factory=list)
    reverse: bool = False
    subscale: Id | None = None
    scored: bool | None = None

    @property
    def is_scored(self) -> bool:
        """Text items never count; other items count unless ``scored: false``."""
        if self.kind == "text":
            return False
        return True if self.scored is None else self.scored


class Band(Located):
    """A range of totals and its label.  Labels are for the practitioner only."""

    min: int
    max: int
    label: Label


class Subscale(Located):
    id: Id
    title: Label
    max_missing: Annotated[int, Field(ge=0)] = 0
    prorate: bool = False
    bands: list[Band] = Field(default_factory=list)


class AlertRule(Located):
    """Raise a practitioner-only alert when an item's score reaches ``at_least``.

    With ``unanswered_message`` the alert is also raised, with that message,
    when the item is left unanswered.
    """

    id: Id
    item: Id
    at_least: int
    level: Literal["safeguarding", "notice"] = "notice"
    message: Text
    unanswered_message: Text | None = None


class Scoring(Located):
    max_missing: Annotated[int, Field(ge=0)] = 0
    prorate: bool = False
    bands: list[Band] = Field(default_factory=list)
    subscales: list[Subscale] = Field(default_factory=list)
    alerts: list[AlertRule] = Field(default_factory=list)
    change: ChangeRule | None = None


class Questionnaire(PackHeader):
    """A questionnaire, its items and how it is scored."""

    KIND: ClassVar[str] = "questionnaire"
    kind: Literal["questionnaire"]
    short_title: Label | None = None
    #: How the family hears of it: what it asks about, in everyday words (never its code).
    family_title: Label | None = None
    validated: bool
    notice: Text | None = None
    source: Text | None = None
    licence: Text | None = None
    instructions: Text | None = None
    option_sets: dict[Id, list[Option]] = Field(default_factory=dict)
    items: Annotated[list[Item], Field(min_length=1)]
    scoring: Scoring = Field(default_factory=Scoring)
    #: The meetings whose "which questionnaires today?" step lists it.
    offered_in: list[Meeting] = Field(default_factory=lambda: list(MEETINGS))

    # -- helpers for the scorer and the UI ------------------------------------------

    def item(self, item_id: str) -> Item | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None

    def options_for(self, item: Item) -> list[Option]:
        """The answer options of a choice item (inline or from a named option set)."""
        if item.options is not None:
            return item.options
        if item.options_from is not None:
            return self.option_sets.get(item.options_from, [])
        return []

    def item_range(self, item: Item) -> tuple[int, int]:
        """Lowest and highest score an item can give."""
        if item.kind == "choice":
            scores = [o.score for o in self.options_for(item)] or [0]
            return min(scores), max(scores)
        if item.kind == "scale":
            lo = 0 if item.min is None else item.min
            hi = 10 if item.max is None else item.max
            return lo, hi
        return 0, 0

    @property
    def scored_items(self) -> list[Item]:
        return [it for it in self.items if it.is_scored]

    def total_range(self) -> tuple[int, int]:
        ranges = [self.item_range(it) for it in self.scored_items]
        return sum(r[0] for r in ranges), sum(r[1] for r in ranges)

    def subscale_items(self, subscale_id: str) -> list[Item]:
        return [it for it in self.scored_items if it.subscale == subscale_id]

    def subscale_range(self, subscale_id: str) -> tuple[int, int]:
        ranges = [self.item_range(it) for it in self.subscale_items(subscale_id)]
        return sum(r[0] for r in ranges), sum(r[1] for r in ranges)

    @property
    def title_for_family(self) -> str:
        """The name shown while the family is at the laptop."""
        return str(self.family_title or self.title)

    @property
    def screen_notice(self) -> str | None:
        """Text the UI must show with a questionnaire that is not a validated instrument."""
        return None if self.validated else self.notice


Pack = (
    PrinciplesPack
    | InitialMeetingPack
    | HelpingQuestionsPack
    | SharedReviewPack
    | FinalMeetingPack
    | Questionnaire
)

KIND_MODELS: dict[str, type[PackHeader]] = {
    m.KIND: m
    for m in (
        PrinciplesPack,
        InitialMeetingPack,
        HelpingQuestionsPack,
        SharedReviewPack,
        FinalMeetingPack,
        Questionnaire,
    )
}
"""Pack kinds in the order they are loaded (principles first, so prompts can refer to them)."""

KINDS: tuple[str, ...] = tuple(KIND_MODELS)
