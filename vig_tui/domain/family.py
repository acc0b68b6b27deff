"""The family, the people in it, and what they agreed to."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .ids import is_valid_id, new_id, now_iso
from .rules.counts import counted
from .rules.dates import default_erase_by


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

    ADULT_CHILD = "adult_child"  # a parent or carer with their child
    ADULT_ADULT = "adult_adult"  # two adults, e.g. a couple or a parent and grown child
    PROFESSIONAL_CHILD = "professional_child"  # a teacher or staff member with a pupil
    PROFESSIONAL_GROUP = "professional_group"  # a teacher or staff member with a group

    @property
    def label(self) -> str:
        return {
            "adult_child": "parent and child",
            "adult_adult": "adult and adult",
            "professional_child": "professional and pupil",
            "professional_group": "professional and group",
        }[self.value]

    @property
    def professional(self) -> bool:
        return self in (WorkMode.PROFESSIONAL_CHILD, WorkMode.PROFESSIONAL_GROUP)


class Child(Model):
    """A child (or pupil): by date of birth, or by an age given on a day
    (`age_on`), so the age shown at each meeting is the age then."""

    name: str
    age_years: int | None = Field(default=None, ge=0, le=25)
    age_months: int | None = Field(default=None, ge=0, le=11)
    born_on: str | None = None  # YYYY-MM-DD
    age_on: str | None = None  # the day age_years/age_months was true

    @field_validator("born_on", "age_on")
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        if value is not None:
            date.fromisoformat(value)  # ValueError names the bad date
        return value

    def age_at(self, day: date | None = None) -> tuple[int, int] | None:
        """(years, months) on `day` (today by default), or None if unknown."""
        from .rules.ages import age_at

        return age_at(self, day or date.today())

    def age_text(self, day: date | None = None) -> str:
        age = self.age_at(day)
        if age is None:
            return ""
        years, months = age
        if not years:
            return counted(months, "month")
        if months:
            return f"{years}y {months}m"
        return f"{years}"


MAX_CYCLES = 8


class StatusChange(Model):
    """The family's involvement closed, paused or reopened on a day."""

    status: FamilyStatus
    on: str  # YYYY-MM-DD
    reason: str = ""
    at: str = Field(default_factory=now_iso)


class FactEdit(Model):
    """One change to the family's facts: kept so the record shows its history."""

    field: str
    before: str
    after: str
    at: str = Field(default_factory=now_iso)


class Family(Model):
    """A family, known by a pseudonymous label chosen by the practitioner."""

    id: str = Field(default_factory=new_id)
    label: str
    adults: list[str] = Field(default_factory=list)
    children: list[Child] = Field(default_factory=list)
    referrer: str = ""
    status: FamilyStatus = FamilyStatus.ACTIVE
    work_mode: WorkMode = WorkMode.ADULT_CHILD
    planned_cycles: int = Field(default=3, ge=1, le=MAX_CYCLES)
    skipped_cycles: list[int] = Field(default_factory=list)
    skip_reasons: dict[str, str] = Field(default_factory=dict)  # cycle number -> why
    #: cycle number -> the day it was skipped, YYYY-MM-DD (none if skipped before days were kept)
    skipped_on: dict[
        Annotated[str, Field(pattern=r"^[0-9]{1,2}$")],
        Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")],
    ] = Field(default_factory=dict)
    professional_role: str = ""  # e.g. "teacher", "nursery key worker"
    created_at: str = Field(default_factory=now_iso)
    closed_on: str | None = None
    paused_on: str | None = None
    status_history: list[StatusChange] = Field(default_factory=list)
    edits: list[FactEdit] = Field(default_factory=list)
    demo: bool = False

    @field_validator("id")
    @classmethod
    def _our_id(cls, value: str) -> str:
        # the id names the family's folder: the one gate for ids from outside
        if not is_valid_id(value):
            raise ValueError("not a vig family id (ids are 32 lowercase hex characters)")
        return value

    @property
    def respondents(self) -> list[str]:
        """Who a questionnaire can be filled in by, asked as it starts: the
        named adults when there are two or more; none (nothing is asked) with
        one adult or none."""
        return list(self.adults) if len(self.adults) >= 2 else []

    def children_text(self, day: date | None = None) -> str:
        parts = []
        for child in self.children:
            age = child.age_text(day)
            parts.append(f"{child.name} ({age})" if age else child.name)
        return ", ".join(parts)


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
        return default_erase_by(final_meeting_on).isoformat()


_BORN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AGE = re.compile(
    r"^(?:(\d{1,2})\s*y(?:rs?|ears?)?)?\s*(?:(\d{1,2})\s*m(?:o|onths?)?)?$", re.IGNORECASE
)


def parse_children(text: str, today: date | None = None) -> list[Child]:
    """Parse "Sam 3, Mia 18m, Jo 1y6m, Ava 2021-04-30" into children: an age
    is taken as true on `today`; a date is a date of birth. Raises ValueError
    with a message that says which part could not be read."""
    day = (today or date.today()).isoformat()
    children: list[Child] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        words = part.split()
        name, age = part, ""
        if len(words) > 1 and any(ch.isdigit() for ch in words[-1]):
            name, age = " ".join(words[:-1]), words[-1]
        if _BORN.match(age):
            try:
                born = date.fromisoformat(age)
            except ValueError:
                raise ValueError(f"“{age}” in “{part}” is not a real date") from None
            if born.isoformat() > day:
                raise ValueError(f"the date of birth in “{part}” is after today")
            children.append(Child(name=name, born_on=born.isoformat()))
            continue
        years: int | None = None
        months: int | None = None
        if age.isdigit():
            age = f"{age}y"
        if age:
            match = _AGE.match(age)
            if not match or not (match.group(1) or match.group(2)):
                raise ValueError(
                    f"could not read the age in “{part}” — write e.g. 3, 18m, 1y6m "
                    "or a date of birth as 2021-04-30"
                )
            years = int(match.group(1)) if match.group(1) else None
            months = int(match.group(2)) if match.group(2) else None
            if months is not None and months >= 12:
                years, months = (years or 0) + months // 12, months % 12
            if years is None:
                years = 0
        children.append(
            Child(
                name=name,
                age_years=years,
                age_months=months,
                age_on=day if age else None,
            )
        )
    return children
