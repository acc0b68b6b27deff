"""Where a meeting is, in words for the person at the screen, and the alerts
its answers have raised so far."""

from __future__ import annotations

from datetime import date
from typing import Any

from ....domain import FamilyRecord, Session
from ....domain.rules.counts import counted
from ....domain.rules.dates import local_day
from ....flows import Step, item_key
from ....outcomes import alert_text


def progress_text(
    steps: list[Step], index: int, record: FamilyRecord, session: Session, together: bool
) -> str:
    """The family sees parts ("Moment 1 of 2", "Part 3 of 7"), not "step 14
    of 50"; the practitioner view shows both."""
    step = steps[index]
    if step.clip_id is not None:
        clips = [c.id for c in record.clips_for(session.cycle or 1)]
        part = (
            f"Moment {clips.index(step.clip_id) + 1} of {len(clips)}"
            if step.clip_id in clips
            else "A moment"
        )
    else:
        groups = number = 0
        last: str | None = None
        for i, s in enumerate(steps):
            if s.clip_id is not None:  # the clips are counted as moments instead
                last = None
                continue
            if s.title != last:
                groups, last = groups + 1, s.title
            if i == index:
                number = groups
        part = f"Part {number} of {groups}"
    if together:
        return part
    return f"{part} · step {index + 1} of {len(steps)}"


def pending_alerts(
    packs: Any, record: FamilyRecord, session_id: str, steps: list[Step], index: int
) -> list[str]:
    """Alerts raised by today's answers. An alert about a question left
    unanswered only counts once the meeting has moved past that question, so
    nothing changes on screen when the family merely reaches it."""
    from ....packs import ScoringError, score

    alerts: list[str] = []
    position = {s.key: i for i, s in enumerate(steps)}
    sittings = record.sittings(session_id)  # a meeting continued: its answers carry on
    for adm in record.administrations:
        questionnaire = packs.questionnaires.get(adm.questionnaire_id)
        if adm.session_id not in sittings or questionnaire is None:
            continue
        try:
            result = score(questionnaire, adm.answers)
        except ScoringError:
            continue
        for alert in result.alerts:
            if adm.action_on(alert.id) is not None:  # dealt with at the desk
                continue
            key = item_key(adm.questionnaire_id, alert.item_id, adm.respondent)
            if alert.answer is not None or index > position.get(key, -1):
                alerts.append(alert_text(alert.message, adm.respondent))
    return alerts


def answers_today(record: FamilyRecord, session_id: str, today: date | None = None) -> str:
    """How many of this meeting's answers were written down today, in words
    ("1 answer", "3 answers"). A meeting can run over several sittings; the
    earlier sittings' answers are not today's."""
    today = today or date.today()
    written = [
        r
        for r in record.reflections_for(session_id)
        if r.family_words.strip() and local_day(r.created_at) == today
    ]
    return counted(len(written), "answer")
