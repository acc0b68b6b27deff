"""An unexpected error inside the app: a report without notes, never a traceback with locals."""

from __future__ import annotations

import pytest

from vig_tui.domain import Family
from vig_tui.store import Store

from .journey_helpers import make_app


async def test_unexpected_error_writes_a_report_without_note_text(store: Store) -> None:
    store.create_family(Family(label="Secret-label-123"))
    app = make_app(store)

    def boom() -> None:
        secret = "the family's private words"  # a local a traceback would show
        raise RuntimeError(secret)

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(boom)
            await pilot.pause()
            await pilot.pause()
    (report,) = (store.root / "crash-reports").iterdir()
    text = report.read_text()
    assert "RuntimeError" in text and "in boom" in text
    assert "private words" not in text and "Secret-label-123" not in text
    assert (report.stat().st_mode & 0o777) == 0o600
    rendered = " ".join(str(r) for r in app._exit_renderables)
    assert "private words" not in rendered
