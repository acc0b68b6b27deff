"""Start the app: open the store (taking its lock), load packs, run."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import ModalScreen

from ..services.practice import (
    PLAIN,
    Codec,
    CorruptFileError,
    Practice,
    StoreError,
    is_encrypted,
    is_new_store,
    open_store,
    unlock,
)

if TYPE_CHECKING:
    from ..services.practice import Store
    from .app import VigApp


def load_packs_safely() -> tuple[object, list[str]]:
    """Shipped + user packs. A broken pack is skipped, with a warning to show."""
    result = _load_packs()
    return result, list(result.warnings)


def _load_packs() -> Any:
    from ..packs import load_packs

    return load_packs()


def make_app(store: Store) -> VigApp:
    """The app as `vig` runs it: Home first; the packs load once it is up (a
    broken one is skipped with a warning then)."""
    from .app import VigApp
    from .pack_loading import LazyPacks

    return VigApp(store, packs=LazyPacks(_load_packs))


class _PromptApp(App[object]):
    """A one-screen app that asks for a passphrase before the store opens."""

    CSS_PATH = "vig.tcss"
    TITLE = "vig"

    def __init__(self, screen: ModalScreen[Any]) -> None:
        super().__init__()
        self._prompt = screen

    def on_mount(self) -> None:
        self.push_screen(self._prompt, self.exit)


def _ask(screen: ModalScreen[Any]) -> object:
    return _PromptApp(screen).run()


def unlock_codec(root: Path) -> Codec | None:
    """The codec for the store: PLAIN when not encrypted; else from
    VIG_PASSPHRASE or a prompt. None when the person chose to quit."""
    if not is_encrypted(root):
        return PLAIN
    env = os.environ.get("VIG_PASSPHRASE")
    if env:
        return unlock(root, env)
    from .dialogs.passphrase import PassphraseScreen

    codec = _ask(PassphraseScreen(root))
    return codec if codec is not None else None  # type: ignore[return-value]


def run_app(root: Path) -> int:
    new_store = is_new_store(root)
    try:
        codec = unlock_codec(root)
    except StoreError as err:
        print(f"vig: {err}", file=sys.stderr)
        return 1
    if codec is None:
        return 1
    try:
        store = open_store(root, codec)
    except CorruptFileError as err:
        from .recovery_app import RecoveryApp

        code = RecoveryApp(err).run()
        return 1 if code is None else code  # 0 after a successful restore
    try:
        if new_store and not os.environ.get("VIG_NO_ENCRYPTION_OFFER"):
            from .dialogs.passphrase import NewPassphraseScreen

            chosen = _ask(NewPassphraseScreen(offer=True))
            if isinstance(chosen, str):
                Practice(store).change_passphrase(chosen)
        app = make_app(store)
        with quiet_stderr(root):
            app.run()
    finally:
        store.close()
    return app.return_code or 0


class quiet_stderr:
    """While the app owns the terminal, messages that C libraries print to
    stderr (VLC's and ALSA's audio and video outputs do) go to
    `<store>/vig.log` (0600) instead of scribbling over the screen; they never
    contain note text. Textual draws on `sys.__stderr__`, so that is pointed
    at a duplicate of the real terminal first."""

    def __init__(self, root: Path) -> None:
        self.path = root / "vig.log"
        self._saved_fd: int | None = None
        self._terminal: Any = None
        self._old_dunder: Any = None

    def __enter__(self) -> None:
        if not (sys.__stderr__ and sys.__stderr__.isatty()):
            return
        try:
            log_fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError:
            return
        sys.__stderr__.flush()
        self._saved_fd = os.dup(2)
        self._terminal = os.fdopen(os.dup(self._saved_fd), "w", encoding="utf-8")
        self._old_dunder = sys.__stderr__
        sys.__stderr__ = self._terminal  # type: ignore[misc]
        os.dup2(log_fd, 2)
        os.close(log_fd)

    def __exit__(self, *exc: object) -> None:
        if self._saved_fd is None:
            return
        sys.__stderr__ = self._old_dunder  # type: ignore[misc]
        os.dup2(self._saved_fd, 2)
        os.close(self._saved_fd)
        self._terminal.close()
