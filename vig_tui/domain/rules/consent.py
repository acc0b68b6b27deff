"""What makes a consent record whole, checked before it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...errors import VigError
from ..family import Consent

#: The separate things a family can agree to, in the order the form shows them.
CONSENT_TICKS = (
    "filming",
    "watch_in_sessions",
    "supervisor",
    "peer_group",
    "training_events",
    "family_copies",
)
_DATES = (("signed_on", "Signed on"), ("erase_by", "Erase by"), ("withdrawn_on", "Withdrawn on"))


@dataclass(frozen=True)
class ConsentProblem:
    field: str  # the consent field to put right
    message: str


class ConsentInvalid(VigError, ValueError):
    """A consent record that cannot be saved as it stands."""

    def __init__(self, problem: ConsentProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def consent_problems(consent: Consent) -> list[ConsentProblem]:
    problems: list[ConsentProblem] = []
    for name, label in _DATES:
        value = getattr(consent, name)
        if value is None:
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            problems.append(
                ConsentProblem(name, f"{label}: write the date as YYYY-MM-DD, e.g. 2026-03-02.")
            )
    if problems:
        return problems
    if any(getattr(consent, tick) for tick in CONSENT_TICKS) and consent.signed_on is None:
        problems.append(
            ConsentProblem(
                "signed_on", "Add the date the agreement was signed before saving ticks."
            )
        )
    if consent.signed_on and consent.erase_by and consent.erase_by < consent.signed_on:
        problems.append(
            ConsentProblem(
                "erase_by", "The erase-by date is before the signed date; please check both."
            )
        )
    return problems


def check_consent(consent: Consent) -> None:
    """Raise ConsentInvalid with the first problem, if any."""
    problems = consent_problems(consent)
    if problems:
        raise ConsentInvalid(problems[0])
