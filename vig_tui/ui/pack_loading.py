"""The prompt packs, loaded once and off Home's path.

Home needs no pack, so the app starts without them: they load in a thread
once Home is on screen, or — if a screen needs them sooner — right then, on
the first ask (which waits for a load already under way instead of starting
a second one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class LazyPacks:
    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._packs: Any = None

    def get(self) -> Any:
        with self._lock:
            if self._packs is None:
                self._packs = self._load()
            return self._packs
