"""A film's date read from the film itself (MP4/MOV creation_time, Apple's
creationdate, Matroska DATE_RECORDED), checked at the filming-date gate, and
offered on the filming screen as an editable default that says where it came from.

The films are made with ffmpeg in the test session, with and without dates,
with a date that is not a date, and with a camera clock far in the future."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Input

from vig_tui.domain import Consent, Family
from vig_tui.domain.rules.film_date import film_date
from vig_tui.services.films import locate_film
from vig_tui.store import Store
from vig_tui.ui.screens.films import FilmScreen

from .film_factory import require_ffmpeg
from .journey_helpers import make_app, screen_text
from .test_films_screen import settle, submit_path

#: noon in a zone two hours ahead of UTC: "now" for the pure tests
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone(timedelta(hours=2)))

#: film name → extra ffmpeg arguments (its date, or none)
FILMS: dict[str, list[str]] = {
    "phone.mp4": ["-metadata", "creation_time=2024-05-01T10:20:30Z"],
    "iphone.mov": [
        "-metadata",
        "com.apple.quicktime.creationdate=2024-06-09T23:30:00-0500",
        "-movflags",
        "use_metadata_tags",
    ],
    "camcorder.mkv": ["-metadata", "creation_time=2023-02-03T04:05:06Z"],
    "recorded.mkv": ["-metadata", "DATE_RECORDED=2022-07-08"],
    "undated.mp4": [],
    "garbage.mkv": ["-metadata", "DATE_RECORDED=[bold]soon\x1b[2J"],
    "future.mp4": ["-metadata", "creation_time=2036-01-01T12:00:00Z"],
}


@pytest.fixture(scope="module")
def dated_films(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_ffmpeg()
    folder = tmp_path_factory.mktemp("dated-films")
    made = {}
    for name, extra in FILMS.items():
        path = folder / name
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-nostdin",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=160x90:rate=10:duration=2",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                *extra,
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        made[name] = path
    return made


# -- the rule, on its own --------------------------------------------------------------
def test_a_utc_time_becomes_our_own_day() -> None:
    # 23:30 UTC is already the next day two hours east
    found = film_date("2025-11-04T23:30:00.000000Z", NOW)
    assert (found.day, found.from_film, found.source) == ("2025-11-05", True, "from the film")


def test_a_time_with_its_own_offset_keeps_its_own_day() -> None:
    assert film_date("2025-11-04T23:30:00-0500", NOW).day == "2025-11-04"
    assert film_date("2025:11:04 08:00:00", NOW).day == "2025-11-04"  # the Exif style
    assert film_date("2025-11-04T08:00:00.123456789Z", NOW).day == "2025-11-04"


def test_a_clock_a_little_ahead_counts_as_today() -> None:
    found = film_date("2026-03-03T01:00:00+0200", NOW)
    assert (found.day, found.from_film) == ("2026-03-02", True)


@pytest.mark.parametrize(
    ("stamp", "said"),
    [
        (None, "does not say when it was made"),
        ("   ", "does not say when it was made"),
        ("not a date", "is not a date"),
        ("2026-13-45T10:00:00Z", "is not a date"),
        ("2026-03-05T10:00:00Z", "is in the future"),
        ("1970-01-01T00:00:00Z", "before 2000"),
    ],
)
def test_no_date_or_an_unbelievable_one_offers_today(stamp: str | None, said: str) -> None:
    found = film_date(stamp, NOW)
    assert (found.day, found.from_film, found.source) == ("2026-03-02", False, "today")
    assert said in found.note and "today is offered" in found.note


def test_control_characters_in_the_films_date_are_shown_not_sent() -> None:
    note = film_date("soon\x1b[2J", NOW).note
    assert "\x1b" not in note and "\\x1b[2J" in note


# -- read from real films ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("phone.mp4", "2024-05-01"),
        ("iphone.mov", "2024-06-09"),
        ("camcorder.mkv", "2023-02-03"),
        ("recorded.mkv", "2022-07-08"),
    ],
)
def test_the_films_own_date_is_read(dated_films: dict[str, Path], name: str, day: str) -> None:
    found = locate_film(str(dated_films[name]), None)
    assert found.recorded is not None
    assert (found.recorded.day, found.recorded.from_film) == (day, True)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("undated.mp4", "does not say"),
        ("garbage.mkv", "is not a date"),
        ("future.mp4", "is in the future"),
    ],
)
def test_a_film_without_a_believable_date_offers_today(
    dated_films: dict[str, Path], name: str, said: str
) -> None:
    found = locate_film(str(dated_films[name]), None)
    assert found.recorded is not None
    assert (found.recorded.day, found.recorded.from_film) == (date.today().isoformat(), False)
    assert said in found.recorded.note


# -- on the filming screen -------------------------------------------------------------------
async def test_the_filming_screen_offers_the_films_date_and_lets_it_be_changed(
    store: Store, tmp_path: Path, dated_films: dict[str, Path]
) -> None:
    repo = store.create_family(Family(label="Iris", planned_cycles=2))
    repo.save(Consent(filming=True, watch_in_sessions=True, signed_on="2022-01-10"))
    app = make_app(store)
    async with app.run_test(size=(110, 34)) as pilot:
        app.open_family(repo.id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        await submit_path(pilot, screen, str(dated_films["phone.mp4"]))
        (film,) = repo.record.films
        assert film.recorded_on == "2024-05-01"
        assert screen.query_one("#film-date", Input).value == "2024-05-01"
        assert "from the film" in screen_text(app)

        # the practitioner knows better: typed, checked at the same gate, saved
        field = screen.query_one("#film-date", Input)
        field.value = "2099-01-01"
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert repo.record.films[0].recorded_on == "2024-05-01"
        assert any("in the future" in str(n.message) for n in app._notifications)
        field.value = "2024-04-30"
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert repo.record.films[0].recorded_on == "2024-04-30"
        assert "set by hand" in screen_text(app)

    # a film that does not say: today, and the screen says so plainly
    repo2 = store.create_family(Family(label="Jude"))
    repo2.save(Consent(filming=True, watch_in_sessions=True, signed_on="2022-01-10"))
    undated = tmp_path / "undated copy.mp4"
    shutil.copy(dated_films["undated.mp4"], undated)
    app = make_app(store)
    async with app.run_test(size=(110, 34)) as pilot:
        app.open_family(repo2.id)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilmScreen)
        await submit_path(pilot, screen, str(undated))
        assert repo2.record.films[0].recorded_on == date.today().isoformat()
        text = screen_text(app)
        assert "today — The film does not say when it was made" in text
