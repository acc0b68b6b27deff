"""Filming and clip preparation for a cycle: consent, attaching, re-finding, ordering."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input

from vig_tui.domain import Consent, Family
from vig_tui.playback import fingerprint as playback_fingerprint
from vig_tui.playback.films import FINGERPRINT_VERSION
from vig_tui.resources import sample_film
from vig_tui.services.session import FamilySession
from vig_tui.store import Store
from vig_tui.ui.screens.clip_prep import ClipPrepScreen
from vig_tui.ui.screens.films import FilmScreen

from .journey_helpers import add_demo, make_app, screen_text


async def submit_path(pilot: Pilot[int], screen: FilmScreen, value: str) -> None:
    field = screen.query_one("#film-path", Input)
    field.value = value
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Film work runs in workers: wait for it, then for the screen to update."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_no_film_without_filming_consent(store: Store, tmp_path: Path) -> None:
    repo = store.create_family(Family(label="Fern"))
    film = tmp_path / "film.mp4"
    shutil.copy(sample_film(), film)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        assert "No signed consent" in screen_text(app)
        await submit_path(pilot, screen, str(film))
        assert repo.record.films == []
        assert any("consent" in str(n.message) for n in app._notifications)


async def test_attach_refind_by_fingerprint_and_order_clips(store: Store, tmp_path: Path) -> None:
    repo = store.create_family(Family(label="Gale"))
    repo.save(Consent(filming=True, watch_in_sessions=True, signed_on="2026-01-10"))
    films_dir = tmp_path / "videos"
    films_dir.mkdir()
    film = films_dir / "cycle1.mp4"
    shutil.copy(sample_film(), film)
    app = make_app(store)
    async with app.run_test(size=(80, 30)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        await submit_path(pilot, screen, str(film))
        (attached,) = repo.record.films
        assert attached.fingerprint.startswith(f"{FINGERPRINT_VERSION}:") and attached.duration_ms
        assert abs(attached.duration_ms - 12_000) < 200

        # the film is moved: vig notices, and finds it again in a folder by fingerprint
        moved_dir = tmp_path / "usb" / "deep"
        moved_dir.mkdir(parents=True)
        shutil.move(str(film), moved_dir / "renamed.mp4")
        screen.refresh_view()
        await settle(pilot)
        assert "Type its new path" in screen_text(app)
        await submit_path(pilot, screen, str(tmp_path / "usb"))
        assert repo.record.films[0].path == str(moved_dir / "renamed.mp4")
        assert repo.record.films[0].id == attached.id

        # two clips from clip preparation, then put the second first
        from vig_tui.playback import ClipDraft

        first = screen.save_draft(ClipDraft(None, 1000, 4000, title="One"))
        second = screen.save_draft(ClipDraft(None, 5000, 9000, title="Two"))
        screen.refresh_view()
        await pilot.pause()
        assert [c.id for c in repo.record.clips_for(1)] == [first, second]
        screen.query_one("#clip-list").focus()
        await pilot.press("down")
        await pilot.press("u")
        await pilot.pause()
        assert [c.id for c in repo.record.clips_for(1)] == [second, first]
        await pilot.press("x")
        await pilot.press("x")
        await pilot.pause()
        assert [c.title for c in repo.record.clips] == ["One"]

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ClipPrepScreen)


async def test_demo_cycle_shows_its_clips(store: Store) -> None:
    family_id = add_demo(store)
    app = make_app(store)
    async with app.run_test(size=(80, 30)) as pilot:
        app.push_screen(FilmScreen(FamilySession.open(store, family_id), 1))
        await pilot.pause()
        text = screen_text(app)
        assert "1. Sam shows Robin the tower" in text
        assert "2. Waiting for Sam's idea" in text


async def test_film_work_runs_off_the_ui_thread_with_progress(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vig_tui.services.films as films_service

    repo = store.create_family(Family(label="Hazel"))
    repo.save(Consent(filming=True, watch_in_sessions=True, signed_on="2026-01-10"))
    film = tmp_path / "cycle1.mp4"
    shutil.copy(sample_film(), film)
    threads: list[bool] = []
    real = playback_fingerprint

    def watched(path: Path) -> str:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path)

    monkeypatch.setattr(films_service, "fingerprint", watched)
    shown: list[str] = []
    app = make_app(store)
    async with app.run_test(size=(80, 30)) as pilot:
        app.push_screen(FilmScreen(FamilySession.open(store, repo.id), 1))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        post = screen.post_message

        def record(message: Message) -> bool:
            if isinstance(message, FilmScreen.Progress):
                shown.append(message.text)
            return post(message)

        monkeypatch.setattr(screen, "post_message", record)
        await submit_path(pilot, screen, str(film))
        assert repo.record.films and repo.record.films[0].path == str(film)
    assert threads and not any(threads), "fingerprinting ran on the UI thread"
    assert any("Checking cycle1.mp4" in line for line in shown), shown


def test_locate_film_reports_progress_and_runs_extra_checks(tmp_path: Path) -> None:
    from vig_tui.playback import PlaybackError
    from vig_tui.services.films import FilmNotAttached, locate_film

    film = tmp_path / "a.mp4"
    shutil.copy(sample_film(), film)
    lines: list[str] = []
    found = locate_film(str(film), None, lines.append)
    assert found.path == film and found.duration_ms > 0 and not found.replaces_other
    assert [line.split()[0] for line in lines[:2]] == ["Checking", "Measuring"]
    # then the health check's own steps: samples across the film, ending "Checked … 100%"
    assert len(lines) > 4 and lines[-1].startswith("Checked … 100%")

    def refuse(path: Path) -> None:
        raise PlaybackError(f"{path.name} is too short to review.")

    with pytest.raises(FilmNotAttached, match="too short"):
        locate_film(str(film), None, checks=[refuse])
    with pytest.raises(FilmNotAttached, match="video file itself"):
        locate_film(str(tmp_path), None)


async def test_cycle_two_names_its_own_film_and_a_shared_film_is_noted(
    store: Store, tmp_path: Path
) -> None:
    """The path box of cycle 2 suggests a cycle-2 film (it named cycle 1), and
    attaching the film cycle 1 already uses is allowed but said."""
    repo = store.create_family(Family(label="Holly"))
    repo.save(Consent(filming=True, watch_in_sessions=True, signed_on="2026-01-10"))
    film = tmp_path / "cycle1.mp4"
    shutil.copy(sample_film(), film)
    app = make_app(store)
    async with app.run_test(size=(80, 30)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        family = app.screen.family  # type: ignore[attr-defined]
        for cycle in (1, 2):
            screen = FilmScreen(family, cycle)
            app.push_screen(screen)
            await pilot.pause()
            assert screen.query_one("#film-path", Input).placeholder.endswith(
                f"family-cycle-{cycle}.mp4"
            )
            await submit_path(pilot, screen, str(film))
            said = [str(n.message) for n in app._notifications]
            shared = [m for m in said if "same film as cycle 1" in m]
            assert len(shared) == (cycle - 1), said  # nothing said for cycle 1 itself
            app.pop_screen()
            await pilot.pause()
        assert [f.cycle for f in family.record.films] == [1, 2]  # a note, not a refusal
        assert family.record.cycles_sharing_film(2) == [1]
