"""Start-up: Home comes up without what it does not need; the packs follow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import DataTable, Input
from textual.widgets.data_table import ColumnKey

from vig_tui.domain import Family
from vig_tui.packs import PackSet, load_packs
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.launch import make_app
from vig_tui.ui.pack_loading import LazyPacks
from vig_tui.ui.screens.home import HomeScreen
from vig_tui.ui.text import clean

from .journey_helpers import screen_text

#: imported only once a family, a film, a pack or an encrypted store is touched
HEAVY = [
    "PIL",
    "av",
    "cryptography",
    "plotext",
    "pydantic",
    "textual_image",  # probes the terminal when imported
    "textual_plotext",
    "vig_tui.packs",
    "vig_tui.playback",
    "vig_tui.services.backup",  # the reminder reads backup.json without the archive code
    "vig_tui.services.backup_archive",
    "vig_tui.store.family_repo",
    "vlc",
    "yaml",
]

CHILD = r"""
import asyncio, json, os, sys
from pathlib import Path
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.launch import make_app
from vig_tui.ui.screens.home import HomeScreen

seen = []
shown = VigApp.home_shown

def spy(self):
    seen.append(sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules))
    shown(self)

VigApp.home_shown = spy

async def main() -> None:
    store = Store.open(Path(sys.argv[1]))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        while not seen:
            await pilot.pause(0.01)
        rows = app.screen.query_one("#families").row_count
        print(json.dumps({"heavy": seen[0], "home": type(app.screen).__name__, "rows": rows}))
        sys.stdout.flush()
        os._exit(0)

asyncio.run(main())
"""


def test_home_shows_without_packs_record_models_crypto_or_player(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.create_family(Family(label="A"))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"heavy": [], "home": "HomeScreen", "rows": 1}


async def test_packs_load_after_home_and_a_broken_one_is_told(tmp_path: Path, store: Store) -> None:
    user = tmp_path / "config" / "packs"  # VIG_CONFIG_DIR is tmp_path/config (conftest)
    user.mkdir(parents=True)
    (user / "broken.yaml").write_text("schema: 1\nkind: nonsense\n", encoding="utf-8")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app._notifications:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        told = [str(n.message) for n in app._notifications]
        assert len(told) == 1 and "broken.yaml" in told[0], told
        assert isinstance(app.packs, PackSet)
        assert app.packs.shared_review.stages


async def test_a_screen_that_needs_the_packs_first_loads_them_once(store: Store) -> None:
    loads: list[int] = []

    def counting() -> PackSet:
        loads.append(1)
        return load_packs(include_user=False)

    app = VigApp(store, packs=LazyPacks(counting))
    async with app.run_test(size=(100, 30)) as pilot:
        packs = app.packs  # before the background load was due
        assert isinstance(packs, PackSet) and packs.questionnaires
        for _ in range(40):
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        assert app.packs is packs
        assert loads == [1]
        assert not app._notifications


async def test_home_lists_the_families_once_at_start(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mounting Home filled the table and the resume that follows filled it
    again: every family's row was built twice before the first paint."""
    for label in ("A", "B"):
        store.create_family(Family(label=label))
    fills: list[int] = []
    fill = HomeScreen.refresh_families

    def counted(self: HomeScreen) -> None:
        fills.append(1)
        fill(self)

    monkeypatch.setattr(HomeScreen, "refresh_families", counted)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#families", DataTable).row_count == 2
        assert len(fills) == 1
        await pilot.press("s")  # search, then back: Home lists again (a family may be new)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(fills) == 2


async def test_home_lists_a_screenful_first_and_the_rest_after(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big store shows its first screenful before the first paint; the
    rest follow a step at a time (from a timer, so keys go first), and a
    filter typed afterwards lists only its matches."""
    from vig_tui.ui.screens import home

    monkeypatch.setattr(home, "LATER_STEP", 5)
    monkeypatch.setattr(home, "LATER_PAUSE_S", 0.05)
    steps: list[int] = []  # rows listed after each step
    add_rows = HomeScreen._add_rows

    def spied(self: HomeScreen, table: DataTable[object], *args: object) -> None:
        add_rows(self, table, *args)  # type: ignore[arg-type]
        steps.append(table.row_count)

    monkeypatch.setattr(HomeScreen, "_add_rows", spied)
    labels = [f"Family {n:02d}" for n in range(34)]
    for label in reversed(labels):
        store.create_family(Family(label=label))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#families", DataTable)
        for _ in range(300):  # a busy machine may take a while
            if table.row_count == len(labels):
                break
            await pilot.pause(0.05)
        assert steps == [24, 29, 34]  # a screenful, then the rest in steps
        assert [table.get_row_at(n)[0].plain for n in range(table.row_count)] == labels
        app.screen.query_one("#filter", Input).value = "Family 3"
        await pilot.pause(1.0)
        assert table.row_count == 4  # 30–33, and no stale rows from the listing before


def _labelled(store: Store, labels: list[str]) -> None:
    for label in labels:
        store.create_family(Family(label=label))


async def test_home_measures_no_familys_words_with_rich(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table measured every cell it was given (Rich rebuilt the console's
    options for each), which cost more than the rest of listing a family.
    Home's cells are measured once, by their text, and the columns still fit
    what they hold: words with control characters, wide characters and line
    breaks as wide as Rich would draw them."""
    labels = ["Ash", "Ünal – Birch 漢字", "Esc \x1b[31m red", "Two\nlines long"]
    _labelled(store, labels)
    measured: list[str] = []
    measure = Text.__rich_measure__

    def spied(self: Text, console: Console, options: ConsoleOptions) -> Measurement:
        measured.append(self.plain)
        return measure(self, console, options)

    monkeypatch.setattr(Text, "__rich_measure__", spied)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#families", DataTable)
        assert table.row_count == len(labels)
        shown = [table.get_row_at(n)[0].plain for n in range(table.row_count)]
        assert not [m for m in measured if m in shown], measured
        family = table.columns[ColumnKey("label")]
        widest = max(Text(clean(label)).cell_len for label in ("Ash", "Ünal – Birch 漢字"))
        assert family.get_render_width(table) == 2 * table.cell_padding + max(
            widest, len("Esc \\x1b[31m red"), len("Two"), len("lines long")
        )
        assert "Esc \\x1b[31m red" in screen_text(app)  # shown literally


async def test_home_lists_the_rest_only_after_the_first_paint(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rest of a big list was added from a timer that could run before
    Home was first drawn (on a busy machine it did: 150 rows, not the first
    page, before the first paint at 1,000 families)."""
    from vig_tui.ui.screens import home

    monkeypatch.setattr(home, "LATER_STEP", 5)
    monkeypatch.setattr(home, "LATER_PAUSE_S", 0.001)
    _labelled(store, [f"Family {n:02d}" for n in range(40)])
    at_paint: list[int] = []
    shown = VigApp.home_shown

    def spy(self: VigApp) -> None:
        at_paint.append(self.screen.query_one("#families", DataTable).row_count)
        shown(self)

    monkeypatch.setattr(VigApp, "home_shown", spy)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#families", DataTable)
        for _ in range(200):
            if table.row_count == 40:
                break
            await pilot.pause(0.02)
        assert at_paint == [24], at_paint  # a screenful: 24 rows at 80×24
        assert table.row_count == 40, table.row_count
        assert [table.get_row_at(n)[0].plain for n in range(40)] == [
            f"Family {n:02d}" for n in range(40)
        ]


class _Folded(str):
    """A family label that counts how often it is folded for sorting."""

    folds = 0

    def casefold(self) -> str:
        _Folded.folds += 1
        return super().casefold()


async def test_home_sorts_the_families_once_at_start(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home's start sorted every family three times (its list, the erase-by
    notice and the count for the search's warm-up each asked the store for
    the families in order); the store now keeps the order it worked out
    until a family changes."""
    _labelled(store, [f"Family {n:02d}" for n in range(30)])
    reopened = Store.open(store.root, readonly=True)  # as `vig` starts: a fresh store
    for summary in reopened._summaries.values():
        summary.label = _Folded(summary.label)
    _Folded.folds = 0
    shown: list[int] = []
    home_shown = VigApp.home_shown

    def spy(self: VigApp) -> None:
        home_shown(self)
        shown.append(1)

    monkeypatch.setattr(VigApp, "home_shown", spy)
    app = make_app(reopened)
    async with app.run_test(size=(100, 30)) as pilot:
        while not shown:
            await pilot.pause(0.01)
        await pilot.pause(0.1)
        assert app.screen.query_one("#families", DataTable).row_count == 30
        assert _Folded.folds == 30, _Folded.folds  # one sort


async def test_home_measures_plain_words_a_column_at_a_time(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home measured every text of every family, one by one, for its column
    widths (40,000 at 10,000 families); a column of plain text (the usual
    case) is measured in one pass, and only a column holding something else
    text by text."""
    from vig_tui.ui.screens import home

    _labelled(store, ["Ash", "Birch", "Cedar"])
    measured: list[str] = []
    text_width = home.text_width

    def spied(value: str) -> int:
        measured.append(value)
        return text_width(value)

    monkeypatch.setattr(home, "text_width", spied)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#families", DataTable)
        assert table.row_count == 3
        assert table.columns[ColumnKey("label")].get_render_width(table) == 2 + len("Family")
        assert measured == []


async def test_home_draws_plain_words_without_laying_them_out(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each family cell on screen was a Rich Text laid out (wrapped, cut) to
    draw one line; a plain one is drawn as it is, cut with "…" when it does
    not fit, and looks the same."""
    long_label = "A family label far too long for the column it is given at eighty wide"
    _labelled(store, ["Ash", long_label])
    laid_out: list[str] = []
    render = Text.__rich_console__

    def spied(self: Text, console: Console, options: ConsoleOptions) -> Any:
        laid_out.append(self.plain)
        return render(self, console, options)

    monkeypatch.setattr(Text, "__rich_console__", spied)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Ash" in text
        assert long_label not in text and long_label[:12] in text and "…" in text
        assert not [t for t in laid_out if t in ("Ash", long_label)], laid_out


async def test_home_draws_a_screenful_once_before_its_first_paint(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home listed 50 rows before its first paint whatever the terminal's
    height, and drew the rows on screen twice: once before the list had the
    focus, again after. Now it lists a screenful, and draws each row on
    screen once."""
    from vig_tui.ui.screens import home

    monkeypatch.setattr(home, "LATER_PAUSE_S", 60.0)  # only the first screenful here
    labels = [f"Family {n:02d}" for n in range(60)]
    _labelled(store, labels)
    drawn: list[str] = []
    draw = home.FamilyCell.__rich_console__

    def spied(self: home.FamilyCell, console: Console, options: ConsoleOptions) -> Any:
        drawn.append(self.plain)
        return draw(self, console, options)

    monkeypatch.setattr(home.FamilyCell, "__rich_console__", spied)
    at_paint: list[tuple[int, list[str]]] = []
    shown = VigApp.home_shown

    def spy(self: VigApp) -> None:
        rows = self.screen.query_one("#families", DataTable).row_count
        at_paint.append((rows, [d for d in drawn if d in labels]))
        shown(self)

    monkeypatch.setattr(VigApp, "home_shown", spy)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        while not at_paint:
            await pilot.pause(0.01)
        await pilot.pause(0.3)  # the list takes the focus, Home settles
        assert isinstance(app.focused, DataTable)
    assert at_paint[0][0] <= 24, at_paint  # rows listed before the first paint
    labels_drawn = [d for d in drawn if d in labels]
    assert labels_drawn and len(labels_drawn) == len(set(labels_drawn)), labels_drawn


async def test_the_collector_waits_for_the_first_paint_then_skips_what_start_up_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`vig` holds the garbage collector off while it starts (its passes over the
    objects start-up builds were ~15% of it); the first painted screen turns it
    back on, with start-up's objects frozen out of later passes."""
    import gc

    import vig_tui.ui.launch as launch
    from vig_tui.cli import main

    seen: list[bool] = []

    def run_app(root: Path) -> int:  # what `vig` runs, seen from inside
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(launch, "run_app", run_app)
    assert main(["--data-dir", str(tmp_path / "s")]) == 0
    assert seen == [False] and gc.isenabled()  # held off while starting, then back on

    gc.disable()
    frozen = gc.get_freeze_count()
    try:
        with Store.open(tmp_path / "store") as store:
            app = make_app(store)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert gc.isenabled()
                assert gc.get_freeze_count() > frozen
    finally:
        gc.enable()
        gc.unfreeze()
