"""Crash reports that never leak what families said.

A report holds the exception type, the code locations and vig's version —
never exception messages from outside vig (they can quote user text) and
never local variables. It is written inside the store's folder, 0600.
"""

from __future__ import annotations

import os
import platform
import traceback
from datetime import datetime
from pathlib import Path

from . import __version__
from .store.atomic import FILE_MODE, ensure_private_dir


def write_crash_report(root: Path, err: BaseException, safe_message: bool = False) -> Path | None:
    try:
        folder = ensure_private_dir(Path(root) / "crash-reports")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"crash-{stamp}-{os.getpid()}.txt"
        frames = traceback.extract_tb(err.__traceback__)
        lines = [
            f"vig {__version__} on Python {platform.python_version()} ({platform.system()})",
            f"error type: {type(err).__module__}.{type(err).__qualname__}",
        ]
        if safe_message:
            lines.append(f"message: {err}")
        lines.append("where:")
        lines += [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        return path
    except OSError:
        return None
