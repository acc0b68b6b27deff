"""Consent rules: what the family agreed to is what the app allows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.test_privacy_support import add_family, make_record, one_line_error, vig
from vig_tui.domain import Consent, Session, SessionKind
from vig_tui.privacy.consent import (
    check_may_copy,
    check_may_film,
    check_may_play,
    check_may_watch_together,
    default_erase_by,
    families_past_erase_by,
    save_consent,
    withdraw,
)
from vig_tui.store import Store
from vig_tui.store.audit import read_events

SIGNED = Consent(filming=True, watch_in_sessions=True, family_copies=True, signed_on="2026-01-05")


def test_nothing_is_allowed_before_consent_is_signed() -> None:
    unsigned = Consent(filming=True, family_copies=True)
    for check in (check_may_film, check_may_play, check_may_copy, check_may_watch_together):
        message = check(unsigned)
        assert message and "Consent screen" in message


def test_each_tick_is_separate() -> None:
    assert check_may_film(SIGNED) is None
    assert check_may_play(SIGNED) is None
    assert check_may_copy(SIGNED) is None
    assert check_may_watch_together(SIGNED) is None
    no_copies = SIGNED.model_copy(update={"family_copies": False})
    assert check_may_film(no_copies) is None
    assert "copies" in (check_may_copy(no_copies) or "")
    no_filming = SIGNED.model_copy(update={"filming": False})
    assert "filmed" in (check_may_film(no_filming) or "")
    assert check_may_play(no_filming)
    not_in_sessions = SIGNED.model_copy(update={"watch_in_sessions": False})
    assert check_may_play(not_in_sessions) is None
    assert "sessions" in (check_may_watch_together(not_in_sessions) or "")


def test_withdrawal_stops_playback_and_offers_erasure() -> None:
    withdrawn = SIGNED.model_copy(update={"withdrawn_on": "2026-02-01"})
    for check in (check_may_film, check_may_play, check_may_copy, check_may_watch_together):
        message = check(withdrawn)
        assert message and "2026-02-01" in message and "Erasing" in message


def test_erase_by_defaults_to_two_months_after_the_final_meeting() -> None:
    record = make_record()
    assert default_erase_by(record) is None or record.sessions_of(SessionKind.FINAL_MEETING)
    record.sessions = [s for s in record.sessions if s.kind != SessionKind.FINAL_MEETING]
    assert default_erase_by(record) is None
    record.sessions.append(Session(kind=SessionKind.FINAL_MEETING, date="2026-03-10"))
    erase_by = date.fromisoformat(default_erase_by(record) or "")
    assert 59 <= (erase_by - date(2026, 3, 10)).days <= 62


def test_consent_changes_are_audited_without_text(store: Store) -> None:
    family_id = add_family(store)
    repo = store.family(family_id)
    changes = save_consent(store, repo, repo.record.consent.model_copy(update={"supervisor": True}))
    assert changes == ["supervisor"]
    assert save_consent(store, repo, repo.record.consent) == []  # nothing changed, nothing logged
    withdraw(store, repo, date(2026, 4, 1))
    assert repo.record.consent.withdrawn_on == "2026-04-01"
    assert store.read_family(family_id).consent.withdrawn_on == "2026-04-01"  # on disk
    events = [e for e in read_events(store.root) if e.action == "consent.change"]
    assert [e.detail["fields"] for e in events] == ["supervisor", "withdrawn_on"]
    assert events[-1].detail["withdrawn"] is True
    assert all(e.family_id == family_id for e in events)


def test_families_past_erase_by(store: Store) -> None:
    today = date(2026, 6, 1)
    due = make_record("Due family")
    due.consent.erase_by = (today - timedelta(days=1)).isoformat()
    later = make_record("Later family")
    later.consent.erase_by = (today + timedelta(days=5)).isoformat()
    none = make_record("Undated family")
    for record in (due, later, none):
        add_family(store, record)
    assert [s.label for s in families_past_erase_by(store, today)] == ["Due family"]
    # the dashboard list is cheap: it comes from the index, also read-only
    readonly = Store.open(store.root, readonly=True)
    assert [s.label for s in families_past_erase_by(readonly, today)] == ["Due family"]


def test_cli_refuses_to_copy_clips_without_consent(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store, make_record("No copies family", copies=False))
    out = tmp_path / "usb"
    out.mkdir()
    result = vig("--data-dir", str(root), "export", "clips", "No copies", "--to", str(out))
    assert "copies" in one_line_error(result)
    assert list(out.iterdir()) == []
