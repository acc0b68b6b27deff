"""A meeting held over two sittings (``Session.continues``) counts once
wherever meetings are counted: the ending letter's "times we watched"."""

from __future__ import annotations

from vig_tui.demo import build_demo_record
from vig_tui.domain import SessionKind
from vig_tui.export.letter import draft_letter
from vig_tui.services.session import FamilySession
from vig_tui.store import Store

from .journey_helpers import FIXED_DAY

REVIEW = SessionKind.SHARED_REVIEW


def test_a_review_over_two_sittings_is_watched_once(store: Store) -> None:
    family = FamilySession.open(store, store.create_family(build_demo_record(today=FIXED_DAY)).id)
    family.meeting_to_open(REVIEW, 1)  # cycle 1's review carried on today
    record = family.record
    assert len(record.sessions_of(REVIEW)) == 2, "two sittings"
    letter = draft_letter(record).markdown
    assert "the time we watched your film together" in letter
    assert "times we watched" not in letter
    assert [s.cycle for s in record.meetings_of(REVIEW)] == [1], "one meeting"
