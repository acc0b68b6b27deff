"""The merged set of packs the app asks from: meetings, review stages,
questionnaires, and where each entry came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..domain.goals import MAX_HELPING_QUESTIONS
from .errors import Location, PackError
from .schema import ChainStep, CycleKind, Principle, Prompt, Questionnaire, Rating, Section, Variant

Origin = Literal["shipped", "user"]


@dataclass(frozen=True)
class Source:
    """Where a loaded entry came from."""

    origin: Origin
    location: Location
    pack_id: str

    @property
    def file(self) -> str:
        return self.location.file


@dataclass
class PackInfo:
    """One loaded pack file, for listings such as ``vig packs``."""

    kind: str
    id: str
    version: str
    title: str
    file: str
    origin: Origin
    overrides: list[str] = field(default_factory=list)


@dataclass
class Conversation:
    """The prompts of a meeting (initial or final), in sections."""

    sections: list[Section] = field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def prompts(self, variant: Variant | None = None) -> list[Prompt]:
        """All prompts in order; only those for ``variant`` when one is given."""
        return [
            p for s in self.sections for p in s.prompts if variant is None or p.applies_to(variant)
        ]

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts() if p.id == prompt_id), None)


@dataclass
class HelpingQuestionsGuide(Conversation):
    """Prompts for wording helping questions, plus the 0–10 rating."""

    max_questions: int = MAX_HELPING_QUESTIONS
    starters: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    rating: Rating | None = None

    def prompts(self, variant: Variant | None = None) -> list[Prompt]:
        out = super().prompts(variant)
        if self.rating is not None:
            out += [
                p
                for p in (self.rating.where_now, self.rating.hoped_for)
                if variant is None or p.applies_to(variant)
            ]
        return out


@dataclass
class SharedReviewGuide:
    """Per-clip stages (in order) and the prompts for the end of a shared review."""

    stages: list[Section] = field(default_factory=list)
    end_of_review: list[Section] = field(default_factory=list)

    def stage(self, stage_id: str) -> Section | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def prompts(self, variant: Variant | None = None) -> list[Prompt]:
        return [
            p
            for s in (*self.stages, *self.end_of_review)
            for p in s.prompts
            if variant is None or p.applies_to(variant)
        ]

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts() if p.id == prompt_id), None)


@dataclass
class PackSet:
    """Everything the app asks in the room, merged from shipped and user packs."""

    principles: list[Principle] = field(default_factory=list)
    chain: list[ChainStep] = field(default_factory=list)
    cycles: list[CycleKind] = field(default_factory=list)
    initial_meeting: Conversation = field(default_factory=Conversation)
    helping_questions: HelpingQuestionsGuide = field(default_factory=HelpingQuestionsGuide)
    shared_review: SharedReviewGuide = field(default_factory=SharedReviewGuide)
    final_meeting: Conversation = field(default_factory=Conversation)
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    packs: list[PackInfo] = field(default_factory=list)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    errors: list[PackError] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """One line per skipped pack problem, ready to show: ``FILE:LINE:COL: message``."""
        return [f"{e} (this pack was skipped)" for e in self.errors]

    def principle(self, principle_id: str) -> Principle | None:
        return next((p for p in self.principles if p.id == principle_id), None)

    def source(self, kind: str, item_id: str) -> Source | None:
        """Where an entry came from.  ``kind`` is a pack kind, or principle/chain/cycle."""
        return self.sources.get((kind, item_id))
