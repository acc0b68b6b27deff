"""The moments booklet at the desk (b on the family's page): which stills go in,
their captions in the family's words, the consent it needs, saved as PDF (the
stills counted in the PDF with pypdf) or, without the PDF maker, as HTML with
a plain message. Also: in clip preparation Tab reaches the stills list."""

from __future__ import annotations

import io
import stat
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button

from tests.film_factory import MadeFilm
from tests.journey_helpers import Players, screen_text
from tests.test_booklet import png
from tests.test_privacy_support import make_record
from tests.test_snapshots import SnapCompare
from tests.test_stills import family_with_stills
from vig_tui.domain import FamilyRecord, Still
from vig_tui.packs import load_packs
from vig_tui.playback.clips import ClipDraft
from vig_tui.playback.fake import FakePlayer
from vig_tui.services.booklet import booklet_file_name
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.booklet import BookletScreen
from vig_tui.ui.screens.clip_prep import ClipPrepScreen
from vig_tui.ui.widgets.stills import RENDERER_ENV
from vig_tui.ui.widgets.ticks import TickList

PACKS = load_packs(include_user=False)
WORDS = "He keeps looking up at me to see if I'm watching."


def family(store: Store, *, copies: bool = True) -> FamilyRecord:
    """The first clip has four stills, two of them picked; the second one, not picked."""
    record = make_record(copies=copies)
    record.clips[1].start_ms = 5000  # every still lies in its clip's moment
    repo = store.create_family(record)
    repo.stills_dir.mkdir(parents=True, exist_ok=True)
    colours = [(200, 40, 40), (40, 200, 40), (40, 40, 200), (200, 200, 40), (90, 90, 90)]
    for n, colour in enumerate(colours):
        (repo.stills_dir / f"still-{n}.png").write_bytes(png(48, 32, colour))
        clip = repo.record.clips[0 if n < 4 else 1]
        picked = n in (1, 2)
        clip.stills.append(
            Still(path=f"stills/still-{n}.png", at_ms=1000 * (n + 1), for_family=picked)
        )
        repo.save(clip)
    return repo.record


def app_for(store: Store) -> VigApp:
    return VigApp(store, packs=PACKS, player_factory=Players())


async def open_booklet(pilot: Pilot[Any], family_id: str) -> BookletScreen:
    app = pilot.app
    assert isinstance(app, VigApp)
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("b")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BookletScreen)
    return screen


async def save(pilot: Pilot[Any], screen: BookletScreen, folder: Path, button: str) -> None:
    screen.query_one("#booklet-folder").value = str(folder)  # type: ignore[attr-defined]
    screen.query_one(f"#booklet-{button}").press()  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_booklet_screen_shows_what_goes_in_and_saves_a_pdf(
    store: Store, tmp_path: Path
) -> None:
    record = family(store)
    async with app_for(store).run_test(size=(100, 50)) as pilot:
        screen = await open_booklet(pilot, record.family.id)
        shown = " ".join(screen_text(pilot.app).split())
        assert "can be made" in shown
        assert "Stills you picked: at 0:02.00, 0:03.00" in shown
        assert "not picked yet, so the first ones will be used (at 0:05.00)" in shown
        assert WORDS in shown and "What it shows: Noticing" in shown
        for private in (record.clips[0].micro_note, record.sessions[-1].private_notes):
            assert private.strip() and " ".join(private.split())[:30] not in shown
        await save(pilot, screen, tmp_path, "pdf")
        assert screen.saved is not None and screen.saved.note is None
        assert "Saved:" in screen_text(pilot.app)
    out = tmp_path / booklet_file_name(record.family.label, "pdf")
    assert screen.saved.path == out and stat.S_IMODE(out.stat().st_mode) == 0o600
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    # the two picked stills of the first clip, the one of the second
    assert len({image.name for page in reader.pages for image in page.images}) == 3
    assert WORDS in text


async def test_without_the_copies_consent_it_says_so_and_saves_nothing(
    store: Store, tmp_path: Path
) -> None:
    record = family(store, copies=False)
    async with app_for(store).run_test(size=(100, 50)) as pilot:
        screen = await open_booklet(pilot, record.family.id)
        shown = " ".join(screen_text(pilot.app).split())
        assert "cannot be made yet" in shown and "keep copies" in shown
        assert "Consent screen" in shown
        assert screen.query_one("#booklet-pdf", Button).disabled
        await save(pilot, screen, tmp_path, "pdf")
        await pilot.press("enter")  # nor from the folder line
        await pilot.app.workers.wait_for_complete()
        assert screen.saved is None
    assert list(tmp_path.iterdir()) == [tmp_path / "store"]


async def test_without_the_pdf_maker_it_is_saved_as_html_and_says_why(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = family(store)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    async with app_for(store).run_test(size=(100, 50)) as pilot:
        screen = await open_booklet(pilot, record.family.id)
        await save(pilot, screen, tmp_path, "pdf")
        shown = " ".join(screen_text(pilot.app).split())
        assert "PDF needs WeasyPrint" in shown and "written as HTML instead" in shown
    html = tmp_path / booklet_file_name(record.family.label, "html")
    assert screen.saved is not None and screen.saved.path == html
    assert html.read_text("utf-8").count("<img class='still'") == 3
    assert not html.with_suffix(".pdf").exists()


async def test_a_folder_that_does_not_exist_is_named(store: Store, tmp_path: Path) -> None:
    record = family(store)
    async with app_for(store).run_test(size=(100, 50)) as pilot:
        screen = await open_booklet(pilot, record.family.id)
        await save(pilot, screen, tmp_path / "nowhere", "html")
        shown = " ".join(screen_text(pilot.app).split())
        assert f"There is no folder {tmp_path / 'nowhere'}" in shown and screen.saved is None


def test_the_booklet_screen(
    snap_compare: SnapCompare, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/home/practitioner")
    record = family(store)

    async def open_it(pilot: Pilot[None]) -> None:
        await open_booklet(pilot, record.family.id)

    assert snap_compare(app_for(store), terminal_size=(100, 40), run_before=open_it)


# -- clip preparation: the stills list is reached with Tab, and scrolled into view ------------
async def test_tab_reaches_the_stills_list_in_a_small_terminal(
    store: Store, test_films: dict[str, MadeFilm], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RENDERER_ENV, "halfblock")
    session, names = family_with_stills(store, test_films["plain"])
    clip = session.record.clips[0]
    principles = [(p.id, p.name) for p in PACKS.principles]
    screen = ClipPrepScreen(
        FakePlayer(),
        Path(session.record.films[0].path),
        [ClipDraft(id=clip.id, start_ms=clip.start_ms, end_ms=clip.end_ms)],
        principles,
        lambda draft: draft.id,
        still_path=lambda at_ms: session.stills_dir / f"taken-{at_ms}.png",
        stills=session.stills,
    )
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(screen)
        await pilot.pause()
        screen.load(0)
        await pilot.pause()
        ticks = screen.query_one("#cp-stills", TickList)
        for _ in range(len(screen.focus_chain)):
            if app.focused is ticks:
                break
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is ticks
        form = screen.query_one("#cp-form")
        await pilot.pause()
        picture = screen.query_one("#cp-still-view")
        # scrolled into view: the list and the still beside it
        assert form.region.contains_region(ticks.region)
        assert form.region.contains_region(picture.region)
        await pilot.press("space")
        await pilot.pause()
        assert [str(v) for v in ticks.selected] == [names[0]]
