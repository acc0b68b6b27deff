"""Opening a step of the journey from the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Session, SessionKind
from ..store import FamilyRepo, StoreError

if TYPE_CHECKING:
    from .app import VigApp


def session_for(repo: FamilyRepo, kind: SessionKind, cycle: int | None) -> Session:
    """The meeting to carry on with: an unfinished one of this kind (and cycle),
    else the latest finished one (to look back or correct), else a new one."""
    sessions = repo.record.sessions_of(kind, cycle if kind == SessionKind.SHARED_REVIEW else None)
    unfinished = [s for s in sessions if not s.completed]
    if unfinished:
        return unfinished[-1]
    if sessions:
        return sessions[-1]
    session = Session(kind=kind, cycle=cycle if kind == SessionKind.SHARED_REVIEW else None)
    repo.save(session)
    return session


def open_step(app: VigApp, repo: FamilyRepo, kind: SessionKind, cycle: int | None) -> None:
    from .screens.films import FilmScreen
    from .screens.meeting import MeetingScreen

    record = repo.record
    if app.packs is None:
        app.notify("The prompt packs could not be loaded; run `vig packs check`.", severity="error")
        return
    if kind in (SessionKind.FILMING, SessionKind.OTHER):
        app.push_screen(FilmScreen(repo, cycle or 1))
        return
    if kind == SessionKind.SHARED_REVIEW:
        cycle = cycle or 1
        if not record.clips_for(cycle):
            app.notify(
                f"Cycle {cycle} has no clips yet. Prepare the clips first (key p).",
                title="Nothing to review yet",
                severity="warning",
            )
            return
    try:
        session = session_for(repo, kind, cycle)
    except StoreError as err:
        app.save_failed(err)
        return
    app.push_screen(MeetingScreen(repo, session))
