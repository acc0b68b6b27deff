"""What the practitioner did about a safeguarding alert: kept in the record.

An alert (PHQ-9 item 9 answered above "not at all", say) stays on the
dashboard until the practitioner records what they did about it and when;
from then on it is listed as dealt with. Recorded at the desk only, saved
like every change (a copy, validated, written, then held in memory).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain import Administration, AlertAction
from ..domain.ids import now_iso
from ..domain.reflections import MAX_ACTION
from ..domain.rules.alerts import check_acted_on, raised_on

if TYPE_CHECKING:
    from .session import FamilySession


class Safeguarding:
    """One family's safeguarding alerts: what was done about them."""

    def __init__(self, session: FamilySession) -> None:
        self._session = session

    def record_action(
        self,
        administration_id: str,
        alert_id: str,
        action: str,
        on: str,
        today: date | None = None,
    ) -> Administration:
        """Keep what was done about an alert raised by these answers, and the
        day (from the day it was raised to today); recording it again corrects it. ValueError,
        with a message for people, for an empty or overlong note or a bad day."""
        action = " ".join(action.split())
        if not action:
            raise ValueError("say in a few words what you did about the alert")
        if len(action) > MAX_ACTION:
            raise ValueError(
                f"keep what you did to {MAX_ACTION} characters (it has {len(action)}); "
                "longer notes belong in your own case notes"
            )
        record = self._session.record
        found = next((a for a in record.administrations if a.id == administration_id), None)
        if found is None:
            raise KeyError(f"no questionnaire answers {administration_id} in this record")
        day = check_acted_on(on, raised_on(record, found), today)
        adm = found.model_copy(deep=True)
        done = AlertAction(
            alert_id=alert_id,
            action=action,
            on=day,
            recorded_at=now_iso(),
            answers=found.scored_answers(),
        )
        adm.acted_on = [a for a in adm.acted_on if a.alert_id != alert_id] + [done]
        return self._session._write(adm)
