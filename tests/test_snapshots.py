"""A small gallery of the key screens, compared with accepted SVG snapshots.

Update with `pytest tests/test_snapshots.py --snapshot-update` only after
looking at the report. The same SVGs illustrate the README (docs/screens/).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from vig_tui.domain import Family
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.skip_to_final import SkipToFinalDialog

from .journey_helpers import add_demo, make_app, past_read_back

SIZE = (80, 24)

#: pytest-textual-snapshot's fixture: takes the app and how to drive it, says if it matched.
SnapCompare = Callable[..., bool]


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = Store.open(tmp_path / "store")
    family_id = add_demo(store)
    yield store, family_id
    store.close()


def test_home_welcomes_a_new_user(snap_compare: SnapCompare, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty")
    try:
        assert snap_compare(make_app(store), terminal_size=SIZE)
    finally:
        store.close()


def test_home_lists_families(snap_compare: SnapCompare, demo_store: tuple[Store, str]) -> None:
    store, _ = demo_store
    store.create_family(Family(label="Rowan [family]"))
    assert snap_compare(make_app(store), terminal_size=SIZE)


def test_family_dashboard(snap_compare: SnapCompare, demo_store: tuple[Store, str]) -> None:
    store, _ = demo_store
    assert snap_compare(make_app(store), press=["enter", "_"], terminal_size=SIZE)


async def _open_review_prompt(pilot: Pilot[int], practitioner: bool) -> None:
    app = pilot.app
    assert isinstance(app, VigApp)
    family_id = app.store.summaries()[0].id
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("r")
    await past_read_back(pilot)
    await pilot.pause()
    await pilot.press("ctrl+t")  # one prompt at a time
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.pause()
    if practitioner:
        await pilot.press("f2")
        await pilot.pause()


async def _open_conversation(pilot: Pilot[int], practitioner: bool) -> None:
    app = pilot.app
    assert isinstance(app, VigApp)
    app.open_family(app.store.summaries()[0].id)
    await pilot.pause()
    await pilot.press("r")  # the conversation view of the first clip
    await past_read_back(pilot)
    await pilot.pause()
    await pilot.pause()
    await pilot.press(*"He [bold]builds[/] it higher", "enter")
    await pilot.pause()
    await pilot.press("ctrl+down")
    await pilot.pause()
    if practitioner:
        await pilot.press("f2")
    await app.workers.wait_for_complete()
    for _ in range(3):  # the player's first tick and the saved mark, then a still screen
        await pilot.pause()


def test_conversation_view_together(
    snap_compare: SnapCompare, demo_store: tuple[Store, str]
) -> None:
    store, _ = demo_store
    assert snap_compare(
        make_app(store),
        terminal_size=SIZE,
        run_before=lambda pilot: _open_conversation(pilot, False),
    )


def test_conversation_view_practitioner(
    snap_compare: SnapCompare, demo_store: tuple[Store, str]
) -> None:
    store, _ = demo_store
    assert snap_compare(
        make_app(store),
        terminal_size=(100, 40),
        run_before=lambda pilot: _open_conversation(pilot, True),
    )


def test_shared_review_together(snap_compare: SnapCompare, demo_store: tuple[Store, str]) -> None:
    store, _ = demo_store
    app = make_app(store)
    assert snap_compare(
        app, terminal_size=SIZE, run_before=lambda pilot: _open_review_prompt(pilot, False)
    )


def test_shared_review_practitioner_view(
    snap_compare: SnapCompare, demo_store: tuple[Store, str]
) -> None:
    store, _ = demo_store
    app = make_app(store)
    assert snap_compare(
        app, terminal_size=SIZE, run_before=lambda pilot: _open_review_prompt(pilot, True)
    )


async def _open_questionnaire(pilot: Pilot[int]) -> None:
    app = pilot.app
    store: Store = app.store  # type: ignore[attr-defined]
    repo = store.create_family(Family(label="Sage"))
    app.open_family(repo.id)  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    screen = app.screen
    keys = [s.key for s in screen.steps]  # type: ignore[attr-defined]
    screen.go(keys.index("qn:phq9:phq9-1"))  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.pause()


def test_questionnaire_one_item_per_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s")
    try:
        assert snap_compare(make_app(store), terminal_size=SIZE, run_before=_open_questionnaire)
    finally:
        store.close()


async def _open_celebration(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, VigApp)
    family_id = app.store.summaries()[0].id
    app.open_family(family_id)
    await pilot.pause()
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(app.screen, SkipToFinalDialog)  # the demo's cycles 2–3 were not filmed
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    keys = [s.key for s in screen.steps]  # type: ignore[attr-defined]
    screen.go(keys.index("celebrate"))  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.pause()


def test_final_meeting_celebration(
    snap_compare: SnapCompare, demo_store: tuple[Store, str]
) -> None:
    store, _ = demo_store
    assert snap_compare(make_app(store), terminal_size=(100, 30), run_before=_open_celebration)
