"""Opening a step of the journey from the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import SessionKind
from ..services.session import FamilySession, StoreError

if TYPE_CHECKING:
    from .app import VigApp


def open_step(app: VigApp, family: FamilySession, kind: SessionKind, cycle: int | None) -> None:
    from .screens.films import FilmScreen
    from .screens.meeting import MeetingScreen

    record = family.record
    if app.packs is None:
        app.notify("The prompt packs could not be loaded; run `vig packs check`.", severity="error")
        return
    if kind in (SessionKind.FILMING, SessionKind.OTHER):
        app.push_screen(FilmScreen(family, cycle or 1))
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
    left = record.cycles_left()
    if kind == SessionKind.FINAL_MEETING and left and not record.sessions_of(kind):
        from .screens.skip_to_final import SkipToFinalDialog

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            try:
                family.course.skip_to_final(reason)
            except StoreError as err:
                app.save_failed(err)
                return
            open_step(app, family, kind, cycle)

        app.push_screen(SkipToFinalDialog(left), answered)
        return
    earlier = family.meeting_to_read_back(kind, cycle)
    if earlier is not None:  # finished, or begun another day: ask first
        from .screens.read_back import ReadBackChoice, ReadBackDialog

        def chosen(choice: ReadBackChoice | None) -> None:
            if choice == "read":
                app.push_screen(MeetingScreen(family.reading_back(), earlier))
            elif choice == "continue":
                open_meeting(app, family, kind, cycle)

        app.push_screen(ReadBackDialog(earlier), chosen)
        return
    open_meeting(app, family, kind, cycle)


def open_meeting(app: VigApp, family: FamilySession, kind: SessionKind, cycle: int | None) -> None:
    """The meeting to write in today (the service's rule), on screen."""
    from .screens.meeting import MeetingScreen

    try:
        session = family.meeting_to_open(kind, cycle)
    except StoreError as err:
        app.save_failed(err)
        return
    app.push_screen(MeetingScreen(family, session))
