"""Start the app: open the store (taking its lock), load packs, run."""

from __future__ import annotations

from pathlib import Path

from ..store import CorruptFileError, Store


def load_packs_safely() -> tuple[object | None, list[str]]:
    """Shipped + user packs. A broken user pack is skipped with a warning."""
    try:
        from ..packs import load_packs
    except ImportError:
        return None, []
    result = load_packs()
    return result, list(getattr(result, "warnings", []))


def make_player_factory():  # type: ignore[no-untyped-def]
    try:
        from ..playback import create_player
    except ImportError:
        return None
    return create_player


def run_app(root: Path) -> int:
    from .app import VigApp

    try:
        store = Store.open(root)
    except CorruptFileError as err:
        from .recovery_app import RecoveryApp

        return RecoveryApp(err).run() or 1
    try:
        packs, warnings = load_packs_safely()
        app = VigApp(store, packs=packs, pack_warnings=warnings,
                     player_factory=make_player_factory())
        app.run()
    finally:
        store.close()
    return app.return_code or 0
