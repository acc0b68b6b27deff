"""When a questionnaire was answered, in the words outcome reports use."""

from __future__ import annotations

from ..sessions import Session, SessionKind


def timepoint_for(session: Session) -> str:
    """ "baseline" at the initial meeting, "final" at the final meeting,
    "cycle-N" in a cycle's shared review."""
    if session.kind == SessionKind.INITIAL_MEETING:
        return "baseline"
    if session.kind == SessionKind.FINAL_MEETING:
        return "final"
    return f"cycle-{session.cycle or 0}"
