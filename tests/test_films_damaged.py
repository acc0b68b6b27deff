"""Damaged films are found when they are attached, on the films screen (issue 12, problem 5).

A film whose picture data is zeroed is refused with the reason; a film cut short is
attached with a warning saying how much of it plays, and a clip past that point is
flagged in the clip advice the practitioner reads.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.film_factory import MadeFilm
from tests.journey_helpers import make_app, screen_text
from vig_tui.domain import Consent, Family
from vig_tui.playback import ClipDraft
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.films import FilmScreen


async def _films_screen(pilot: Pilot[int], app: VigApp, family_id: str) -> FilmScreen:
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, FilmScreen)
    return screen


async def _attach(pilot: Pilot[int], screen: FilmScreen, path: Path) -> None:
    field = screen.query_one("#film-path", Input)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()  # the check runs in a worker
    await pilot.pause()
    await pilot.pause()


def _family(store: Store, label: str) -> str:
    repo = store.create_family(Family(label=label))
    repo.save(Consent(filming=True, watch_in_sessions=True, signed_on="2026-01-10"))
    return repo.id


async def test_a_film_with_no_decodable_pictures_is_refused(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    family_id = _family(store, "Hazel")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _films_screen(pilot, app, family_id)
        await _attach(pilot, screen, test_films["zeroed"].path)
        assert store.family(family_id).record.films == []
        messages = [str(n.message) for n in app._notifications]
        assert any("no picture can be decoded" in m for m in messages), messages


async def test_a_film_cut_short_is_attached_with_a_warning_and_late_clips_are_flagged(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    family_id = _family(store, "Ivy")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _films_screen(pilot, app, family_id)
        await _attach(pilot, screen, test_films["truncated"].path)
        (film,) = store.family(family_id).record.films
        assert film.duration_ms == 8000
        assert film.playable_ms is not None and 2500 <= film.playable_ms <= 5500
        messages = [str(n.message) for n in app._notifications]
        assert any("Only the first 0:0" in m for m in messages), messages
        screen.save_draft(ClipDraft(None, 500, 2500, title="Early"))
        screen.save_draft(ClipDraft(None, 5500, 7500, title="Late"))
        screen.refresh_view()
        await pilot.pause()
        text = screen_text(app)
        assert "“Late”: this clip runs past" in text
        assert "“Early”: this clip runs past" not in text
