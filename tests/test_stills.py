"""Stills the practitioner picks for the family: kept with their clip, seen in the
app (half-block drawing), and the picked ones — only those, only with the copies
consent — in the booklet and the letter. Stills are frames of real films made
by ffmpeg in the test session."""

from __future__ import annotations

import base64
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tests.film_factory import MadeFilm
from tests.journey_helpers import Players, past_read_back, screen_text
from tests.room_sentinels import leaks, plant, sentinel_packs
from tests.test_booklet import png
from tests.test_privacy_support import make_record
from tests.test_snapshots import SnapCompare
from tests.test_startup import CHILD
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.services.practice import Practice
from vig_tui.services.session import FamilySession
from vig_tui.services.stills import StillRefused, prep_still_name, still_file
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.clip_prep import ClipPrepScreen
from vig_tui.ui.screens.clip_prep_stills import StillPicker
from vig_tui.ui.screens.meeting import MeetingScreen
from vig_tui.ui.screens.stills import StillsScreen
from vig_tui.ui.widgets.stills import CANNOT_SHOW, RENDERER_ENV, StillView
from vig_tui.ui.widgets.ticks import TickList

PACKS = load_packs(include_user=False)
#: seconds into the film of each still: frames of a moving test pattern, all different
MOMENTS = (0.4, 1.2, 2.0, 2.8)


@pytest.fixture(autouse=True)
def _half_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RENDERER_ENV, "halfblock")


def frame_png(film: MadeFilm, at_s: float, dest: Path) -> Path:
    """One frame of a real film, as VLC would write it (PNG)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *("ffmpeg", "-v", "error", "-nostdin", "-y", "-ss", str(at_s), "-i", str(film.path)),
            *("-frames:v", "1", "-vf", "scale=96:-2", str(dest)),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return dest


def family_with_stills(
    store: Store, film: MadeFilm, *, copies: bool = True
) -> tuple[FamilySession, list[str]]:
    """A family whose first clip has four stills of a real film, linked by the service."""
    record = make_record(copies=copies)
    record.clips[0].start_ms = 0  # the clip's moment holds every still (0:00–0:05)
    repo = store.create_family(record)
    session = FamilySession(store, repo)
    taken = []
    for n, at_s in enumerate(MOMENTS):
        path = frame_png(film, at_s, session.stills_dir / f"cycle1-{n}.png")
        Practice(store).seal_still(path)
        taken.append((path, int(at_s * 1000)))
    clip = session.record.clips[0]
    saved = session.stills.link(clip.id, taken)
    return session, [s.path for s in saved.stills]


def b64(session: FamilySession, name: str) -> str:
    return base64.b64encode(session.stills.read(name)).decode()


# -- the record: linked, picked, at most three, the one gate -------------------------------------
def test_stills_are_linked_to_their_clip_and_private(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    clip = session.record.clips[0]
    assert [s.path for s in clip.stills] == names and len(names) == 4
    assert [s.at_ms for s in clip.stills] == [400, 1200, 2000, 2800]
    for name in names:
        assert stat.S_IMODE(still_file(session.folder, name).stat().st_mode) == 0o600
    elsewhere = session.folder / "outside.png"
    elsewhere.write_bytes(b"x")
    with pytest.raises(StillRefused):
        session.stills.link(clip.id, [(elsewhere, 0)])
    for bad in ("../x.png", "stills/../record.json", "/etc/passwd", "stills/a/b.png", "stills"):
        with pytest.raises(StillRefused):
            still_file(session.folder, bad)


def test_the_practitioner_picks_one_to_three_and_a_refused_pick_changes_nothing(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    clip_id = session.record.clips[0].id
    session.stills.pick(clip_id, [names[1], names[3]])
    on_disk = store.read_family(session.id).clips[0]
    assert [s.for_family for s in on_disk.stills] == [False, True, False, True]
    before = session.record.clips[0].model_dump()
    with pytest.raises(StillRefused, match="at most 3"):
        session.stills.pick(clip_id, names)
    with pytest.raises(StillRefused, match="not a still of this clip"):
        session.stills.pick(clip_id, ["stills/someone-else.png"])
    assert session.record.clips[0].model_dump() == before
    assert store.read_family(session.id).clips[0].model_dump() == before


# -- in the app: the viewer and the picker ----------------------------------------------------
class ViewApp(App[None]):
    def __init__(self, view: StillView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield self.view


async def test_the_viewer_draws_a_still_and_says_so_plainly_when_it_cannot(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    (session.stills_dir / "damaged.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    view = StillView(session.stills.read, names[0], "Still 1")
    async with ViewApp(view).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert view.showing_picture
        assert type(view.query_one(".still-picture")).__name__ == "HalfcellImage"
        for bad in ("stills/missing.png", "stills/damaged.png", "../record.json"):
            view.show(bad)
            await pilot.pause()
            assert not view.showing_picture and not view.query(".still-picture")
            line = str(view.query_one("#still-line").render())
            assert line == CANNOT_SHOW.format(name=bad)


class PrepApp(App[None]):
    def __init__(self, session: FamilySession, player: FakePlayer) -> None:
        super().__init__()
        self.session = session
        self.player = player

    def save(self, draft: object) -> str:
        clip_id = getattr(draft, "id", None)
        assert isinstance(clip_id, str)
        return clip_id

    def on_mount(self) -> None:
        from vig_tui.playback.clips import ClipDraft

        clip = self.session.record.clips[0]
        drafts = [ClipDraft(id=clip.id, start_ms=clip.start_ms, end_ms=clip.end_ms)]
        folder = self.session.stills_dir
        self.push_screen(
            ClipPrepScreen(
                self.player,
                Path(self.session.record.films[0].path),
                drafts,
                [],
                self.save,
                still_path=lambda at_ms: folder / f"taken-{at_ms:07d}.png",
                stills=self.session.stills,
            )
        )


async def test_the_picker_shows_new_stills_and_keeps_the_ticks_with_the_clip(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    fake = FakePlayer()
    app = PrepApp(session, fake)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClipPrepScreen)
        screen.load(0)
        await pilot.pause()
        picker = screen.query_one(StillPicker)
        assert [s.name for s in picker.stills] == names
        await pilot.press("space")  # play, then a still of the moment showing
        fake.advance(0)
        fake.advance(1500)
        at_ms = fake.position_ms()
        taken = f"stills/taken-{at_ms:07d}.png"
        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()
        assert [s.name for s in picker.stills][-1] == taken
        view = screen.query_one(StillView)
        assert view.still_name == taken and view.showing_picture
        ticks = screen.query_one("#cp-stills", TickList)
        ticks.focus()
        for index in (0, 2, 4):  # two of the film's frames and the new still
            ticks.highlighted = index
            await pilot.press("space")
        ticks.highlighted = 1
        await pilot.press("space")  # a fourth: refused
        await pilot.pause()
        assert sorted(map(str, ticks.selected)) == sorted([names[0], names[2], taken])
        await pilot.press("ctrl+s")
        await pilot.pause()
        # a still taken for a clip that is then not saved does not stay behind
        screen.load(0)
        fake.advance(700)
        dropped = session.stills_dir / f"taken-{fake.position_ms():07d}.png"
        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()
        assert dropped.exists()
        await pilot.press("ctrl+n", "ctrl+n")  # not saved: said once, then dropped
        await pilot.pause()
        assert not dropped.exists() and (session.folder / taken).exists()
    clip = store.read_family(session.id).clips[0]
    assert [s.path for s in clip.stills] == [*names, taken]
    assert [s.for_family for s in clip.stills] == [True, False, True, False, True]
    assert clip.stills[-1].at_ms == at_ms


# -- the shared review: F4 shows the clip's stills, family-safe ---------------------------------
async def test_the_review_shows_a_clips_stills_in_the_room_and_nothing_private(
    tmp_path: Path, store: Store, test_films: dict[str, MadeFilm]
) -> None:
    family_id = plant(store)
    session = FamilySession(store, store.family(family_id))
    clip = session.record.clips_for(1)[0]
    path = frame_png(test_films["plain"], 1.0, session.stills_dir / "review-1.png")
    Practice(store).seal_still(path)
    session.stills.link(clip.id, [(path, 1000)])
    app = VigApp(store, packs=sentinel_packs(tmp_path / "packs"), player_factory=Players())
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_family(family_id)
        await pilot.pause()
        await pilot.press("r")
        await past_read_back(pilot)
        await pilot.pause()
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.room
        meeting.go(next(i for i, s in enumerate(meeting.steps) if s.clip_id == clip.id))
        await pilot.pause()
        for view in ("family", "practitioner"):
            await pilot.press("f4")
            await pilot.pause()
            assert isinstance(app.screen, StillsScreen), view
            assert app.room and app.screen.query_one(StillView).showing_picture
            shown = screen_text(app)
            assert "Still 1 of 1" in shown and not leaks(shown), shown
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is meeting  # type: ignore[comparison-overlap]
            await pilot.press("f2")  # the practitioner's view: the same stills, the same screen
            await pilot.pause()


# -- the picker screen, as the practitioner sees it ------------------------------------------------
def test_the_picker_screen(snap_compare: SnapCompare, store: Store) -> None:
    record = make_record()
    repo = store.create_family(record)
    session = FamilySession(store, repo)
    colours = [(200, 60, 60), (60, 160, 90), (70, 90, 200)]
    taken = []
    for n, colour in enumerate(colours):
        path = session.stills_dir / f"cycle1-{n}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png(32, 18, colour))
        taken.append((path, 1000 * (n + 1)))
    clip = session.record.clips[0]
    session.stills.keep(clip.id, taken, [f"stills/cycle1-{n}.png" for n in (0, 2)])
    app = PrepApp(session, FakePlayer())

    async def open_clip(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClipPrepScreen)
        screen.load(0)
        screen.query_one("#cp-stills", TickList).focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=open_clip)


def test_home_starts_without_the_still_drawing_library(tmp_path: Path) -> None:
    """textual-image asks the terminal questions when imported: never at start-up."""
    root = tmp_path / "store"
    Store.open(root).close()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), json.dumps(["textual_image", "PIL"])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1])["heavy"] == []


async def test_stills_taken_before_they_were_kept_with_a_clip_are_offered_and_never_deleted(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    clip = session.record.clips[0]
    inside = session.stills_dir / prep_still_name(clip.cycle, clip.start_ms + 500)
    outside = session.stills_dir / prep_still_name(clip.cycle, clip.end_ms + 500)
    for path in (inside, outside):
        frame_png(test_films["plain"], 1.0, path)
    assert session.stills.loose_for(clip.id) == [(inside, clip.start_ms + 500)]
    app = PrepApp(session, FakePlayer())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClipPrepScreen)
        screen.load(0)
        await pilot.pause()
        picker = screen.query_one(StillPicker)
        assert [s.name for s in picker.stills] == [*names, f"stills/{inside.name}"]
        await pilot.press("ctrl+n")  # not saved: the old still stays where it was
        await pilot.pause()
        assert inside.exists() and outside.exists()
        screen.load(0)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    kept = store.read_family(session.id).clips[0]
    assert [s.path for s in kept.stills] == [*names, f"stills/{inside.name}"]
    assert session.stills.loose_for(clip.id) == []
