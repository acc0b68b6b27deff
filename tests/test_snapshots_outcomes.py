"""Snapshots of the outcome charts and the backup screen (as tests/test_snapshots.py).

Update with `pytest tests/test_snapshots_outcomes.py --snapshot-update` only
after looking at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.overview import OverviewScreen

from .journey_helpers import make_app
from .test_outcome_charts import measured

SnapCompare = Callable[..., bool]


async def _open_outcomes(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, VigApp)
    app.open_family(app.store.summaries()[0].id)
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    await pilot.pause()


def test_family_outcomes_panel(snap_compare: SnapCompare, tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        store.create_family(measured([15, 12, 9], [2, 4, 6]))
        assert snap_compare(make_app(store), terminal_size=(100, 40), run_before=_open_outcomes)


async def _open_overview_charts(pilot: Pilot[int]) -> None:
    app = pilot.app
    app.push_screen(OverviewScreen())
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    app.screen.query_one("#overview-charts").scroll_visible(animate=False, top=True)
    await pilot.pause()


def test_service_overview_charts(snap_compare: SnapCompare, tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        for phq, ratings in (([15, 8], [2, 6]), ([12, 11], [5, 4]), ([8, 14], [3, 3])):
            store.create_family(measured(phq, ratings))
        assert snap_compare(
            make_app(store), terminal_size=(100, 40), run_before=_open_overview_charts
        )


async def _open_backup(pilot: Pilot[int]) -> None:
    await pilot.press("b")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # where the films are, read in a thread
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False  # a blinking cursor would make the snapshot flaky
    await pilot.pause()


def test_backup_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        record = measured([10], [3])
        for film in record.films:  # the same folder named on every machine
            film.path = f"/media/camera-card/{Path(film.path).name}"
        store.create_family(record)
        assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=_open_backup)
