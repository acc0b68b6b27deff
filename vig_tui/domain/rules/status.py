"""Which changes of a family's involvement are allowed from which status.

One copy of the rule: the course commands refuse what it refuses, and the
course screen offers only what it allows.
"""

from __future__ import annotations

from enum import StrEnum

from ..family import FamilyStatus


class Change(StrEnum):
    CLOSE = "close"
    PAUSE = "pause"
    REOPEN = "reopen"


def refusal(change: Change, status: FamilyStatus) -> str | None:
    """Why `change` can't be made to a family whose status is `status`
    (a sentence for the practitioner), or None when it can."""
    if change is Change.CLOSE and status == FamilyStatus.CLOSED:
        return "this family is already closed"
    if change is Change.PAUSE and status != FamilyStatus.ACTIVE:
        return f"only an active family can be paused (this one is {status})"
    if change is Change.REOPEN and status == FamilyStatus.ACTIVE:
        return "this family is already active"
    return None


def allowed_changes(status: FamilyStatus) -> frozenset[Change]:
    """The changes a family with this status can be given."""
    return frozenset(change for change in Change if refusal(change, status) is None)
