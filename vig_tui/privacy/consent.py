"""What the family agreed to, turned into rules the app enforces.

Each `check_*` returns None when the action is allowed, or a calm sentence
saying why not and what to do — ready to show as it is.
"""

from __future__ import annotations

from datetime import date

from ..domain import Consent, FamilyRecord, FamilySummary, SessionKind
from ..domain.ids import now_iso
from ..domain.summary import past_erase_by
from ..store import FamilyRepo, Store
from ..store.audit import log_event

CONSENT_FIELDS = (
    "filming",
    "watch_in_sessions",
    "supervisor",
    "peer_group",
    "training_events",
    "family_copies",
    "signed_on",
    "erase_by",
    "withdrawn_on",
)


def _not_signed(consent: Consent, doing: str) -> str | None:
    if consent.withdrawn:
        return (
            f"The family withdrew their consent on {consent.withdrawn_on}, so {doing} is no "
            "longer possible. Erasing their recordings is offered on the Consent screen."
        )
    if consent.signed_on is None:
        return (
            f"No signed consent is recorded yet, so {doing} is not possible. "
            "Record the family's agreement on the Consent screen first."
        )
    return None


def check_may_film(consent: Consent) -> str | None:
    """May a film be attached to this family's record?"""
    why = _not_signed(consent, "attaching a film")
    if why is None and not consent.filming:
        why = (
            "The family has not agreed to be filmed, so no film can be attached. "
            "If they now agree, tick 'being filmed' on the Consent screen."
        )
    return why


def check_may_play(consent: Consent) -> str | None:
    """May the family's films or clips be played (alone, at the desk)?"""
    why = _not_signed(consent, "playing their film")
    if why is None and not consent.filming:
        why = (
            "The family has not agreed to be filmed, so their film cannot be played. "
            "Check the Consent screen."
        )
    return why


def check_may_watch_together(consent: Consent) -> str | None:
    """May clips be watched with the family in a shared review?"""
    why = check_may_play(consent)
    if why is None and not consent.watch_in_sessions:
        why = (
            "The family has not agreed to watch their clips in sessions. "
            "Talk it through with them and update the Consent screen if they agree."
        )
    return why


def check_may_copy(consent: Consent) -> str | None:
    """May copies of the clips be written for the family to keep?"""
    why = _not_signed(consent, "copying their clips")
    if why is None and not consent.family_copies:
        why = (
            "The family has not agreed to keep copies of their clips, so none can be made. "
            "If they want copies, record that on the Consent screen first."
        )
    return why


def final_meeting_date(record: FamilyRecord) -> date | None:
    finals = record.sessions_of(SessionKind.FINAL_MEETING)
    if not finals:
        return None
    try:
        return date.fromisoformat(finals[-1].date)
    except ValueError:
        return None


def default_erase_by(record: FamilyRecord) -> str | None:
    """Two months after the final meeting (None until one is planned)."""
    final = final_meeting_date(record)
    return Consent.default_erase_by(final) if final else None


def changed_fields(old: Consent, new: Consent) -> list[str]:
    return [name for name in CONSENT_FIELDS if getattr(old, name) != getattr(new, name)]


def save_consent(store: Store, repo: FamilyRepo, new: Consent) -> list[str]:
    """Save a consent record and note in the audit log which ticks and dates
    changed (names of fields only). Returns the changed field names."""
    changes = changed_fields(repo.record.consent, new)
    if not changes:
        return []
    new = new.model_copy(update={"updated_at": now_iso()})
    repo.save(new)
    log_event(
        store.root,
        "consent.change",
        repo.id,
        store.codec,
        fields=",".join(changes),
        withdrawn=new.withdrawn,
    )
    return changes


def withdraw(store: Store, repo: FamilyRepo, on: date | None = None) -> Consent:
    """Record withdrawal: every action that needs consent stops from now."""
    new = repo.record.consent.model_copy(update={"withdrawn_on": (on or date.today()).isoformat()})
    save_consent(store, repo, new)
    return repo.record.consent


def families_past_erase_by(store: Store, today: date | None = None) -> list[FamilySummary]:
    """Families whose erase-by date has passed, oldest date first (from the index,
    so it is cheap enough for Home and the dashboard)."""
    return past_erase_by(store.summaries(), today or date.today())
