"""The family, the people in it, and what they agreed to."""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .ids import is_valid_id, new_id, now_iso


class Model(BaseModel):
    """Base for every record kept in the store: validated on load."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)


class FamilyStatus(StrEnum):
    REFERRED = "referred"
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"


class WorkMode(StrEnum):
    """Who is filmed with whom: shapes which prompt variants are used."""

    ADULT_CHILD = "adult_child"
    ADULT_ADULT = "adult_adult"


class Child(Model):
    name: str
    age_years: int | None = Field(default=None, ge=0, le=25)
    age_months: int | None = Field(default=None, ge=0, le=11)

    def age_text(self) -> str:
        if self.age_years is None and self.age_months is None:
            return ""
        if not self.age_years:
            return f"{self.age_months or 0} months"
        if self.age_months:
            return f"{self.age_years}y {self.age_months}m"
        return f"{self.age_years}"


class Family(Model):
    """A family, known by a pseudonymous label chosen by the practitioner."""

    id: str = Field(default_factory=new_id)
    label: str
    adults: list[str] = Field(default_factory=list)
    children: list[Child] = Field(default_factory=list)
    referrer: str = ""
    status: FamilyStatus = FamilyStatus.ACTIVE
    work_mode: WorkMode = WorkMode.ADULT_CHILD
    planned_cycles: int = Field(default=3, ge=1, le=5)
    created_at: str = Field(default_factory=now_iso)
    closed_on: str | None = None
    demo: bool = False

    @field_validator("id")
    @classmethod
    def _our_id(cls, value: str) -> str:
        # the id names the family's folder: the one gate for ids from outside
        if not is_valid_id(value):
            raise ValueError("not a vig family id (ids are 32 lowercase hex characters)")
        return value

    def children_text(self) -> str:
        parts = []
        for child in self.children:
            age = child.age_text()
            parts.append(f"{child.name} ({age})" if age else child.name)
        return ", ".join(parts)


ERASE_AFTER = timedelta(days=61)


class Consent(Model):
    """The written agreement: separate ticks, a signed date, withdrawal."""

    filming: bool = False
    watch_in_sessions: bool = False
    supervisor: bool = False
    peer_group: bool = False
    training_events: bool = False
    family_copies: bool = False
    signed_on: str | None = None
    erase_by: str | None = None
    withdrawn_on: str | None = None
    updated_at: str = Field(default_factory=now_iso)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @property
    def signed(self) -> bool:
        return self.signed_on is not None and not self.withdrawn

    def summary(self) -> str:
        if self.withdrawn:
            return f"withdrawn {self.withdrawn_on}"
        if not self.signed:
            return "not yet signed"
        ticks = [
            name
            for name, on in (
                ("filming", self.filming),
                ("sessions", self.watch_in_sessions),
                ("supervisor", self.supervisor),
                ("peer group", self.peer_group),
                ("training", self.training_events),
                ("copies", self.family_copies),
            )
            if on
        ]
        return f"signed {self.signed_on}: " + (", ".join(ticks) if ticks else "nothing ticked")

    @staticmethod
    def default_erase_by(final_meeting_on: date) -> str:
        return (final_meeting_on + ERASE_AFTER).isoformat()


_AGE = re.compile(
    r"^(?:(\d{1,2})\s*y(?:rs?|ears?)?)?\s*(?:(\d{1,2})\s*m(?:o|onths?)?)?$", re.IGNORECASE
)


def parse_children(text: str) -> list[Child]:
    """Parse "Sam 3, Mia 18m, Jo 1y6m" into children. Raises ValueError
    with a message that says which part could not be read."""
    children: list[Child] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        words = part.split()
        name, age = part, ""
        if len(words) > 1 and any(ch.isdigit() for ch in words[-1]):
            name, age = " ".join(words[:-1]), words[-1]
        years: int | None = None
        months: int | None = None
        if age.isdigit():
            age = f"{age}y"
        if age:
            match = _AGE.match(age)
            if not match or not (match.group(1) or match.group(2)):
                raise ValueError(f"could not read the age in “{part}” — write e.g. 3, 18m or 1y6m")
            years = int(match.group(1)) if match.group(1) else None
            months = int(match.group(2)) if match.group(2) else None
            if months is not None and months >= 12:
                years, months = (years or 0) + months // 12, months % 12
            if years is None:
                years = 0
        children.append(Child(name=name, age_years=years, age_months=months))
    return children
