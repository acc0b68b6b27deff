"""Films and the short clips chosen from them."""

from __future__ import annotations

from pydantic import Field, model_validator

from .family import Model
from .ids import format_ms, new_id, now_iso
from .rules.stills import too_many_picked


class Film(Model):
    id: str = Field(default_factory=new_id)
    cycle: int = Field(ge=1, le=9)
    path: str
    recorded_on: str | None = None  # YYYY-MM-DD: from the film's metadata, or set by hand
    duration_ms: int | None = Field(default=None, ge=0)
    #: Set when only the first part of the film decodes (a damaged or cut-short file).
    playable_ms: int | None = Field(default=None, ge=0)
    fingerprint: str = ""
    attached_at: str = Field(default_factory=now_iso)


class Still(Model):
    path: str  # relative to the family's folder in the store
    at_ms: int = Field(ge=0)
    taken_at: str = Field(default_factory=now_iso)
    #: picked by the practitioner for the family's booklet and letter
    for_family: bool = False


class Clip(Model):
    id: str = Field(default_factory=new_id)
    film_id: str
    cycle: int = Field(ge=1, le=9)
    start_ms: int = Field(ge=0)
    end_ms: int = Field(ge=0)
    title: str = ""
    principles: list[str] = Field(default_factory=list)
    chain_note: str = ""  # initiative → reception
    micro_note: str = ""  # micro-analysis, practitioner only
    stills: list[Still] = Field(default_factory=list)
    created_at: str = Field(default_factory=now_iso)

    @model_validator(mode="after")
    def _end_after_start(self) -> Clip:
        if self.end_ms <= self.start_ms:
            raise ValueError("a clip must end after it starts")
        problem = too_many_picked(sum(s.for_family for s in self.stills))
        if problem:
            raise ValueError(problem)
        return self

    @property
    def length_ms(self) -> int:
        return self.end_ms - self.start_ms

    def span_text(self) -> str:
        return f"{format_ms(self.start_ms)}–{format_ms(self.end_ms)}"
