"""Films are referenced by path; a fingerprint notices when one moves or changes.

Pure Python apart from :func:`probe_duration_ms`, which asks PyAV.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from vig_tui.playback.errors import FilmMissing, FilmUnreadable
from vig_tui.regular_files import open_regular

MIB = 1024 * 1024
FINGERPRINT_VERSION = "v2"
#: v2 also reads this many small blocks spread evenly through the middle, so a
#: same-size change inside a film is noticed (about 2 MiB read in all)
SAMPLES = 32
SAMPLE = 32 * 1024

#: File endings we look at when searching for a moved film (lower case).
FILM_SUFFIXES = frozenset(
    {".mp4", ".m4v", ".mov", ".mkv", ".avi", ".mts", ".m2ts", ".webm", ".wmv", ".mpg", ".3gp"}
)


def fingerprint(path: Path, version: str = FINGERPRINT_VERSION) -> str:
    """'v2:<size>:<sha256 of the first and last MiB and 32 blocks spread
    between them>' — a few ms even for long films. ('v1', still accepted for
    films attached before, hashes only the first and last MiB.)"""
    path = Path(path)
    try:
        handle = os.fdopen(open_regular(path), "rb")
        size = os.fstat(handle.fileno()).st_size
        digest = hashlib.sha256()
        with handle:
            digest.update(handle.read(MIB))
            if version != "v1" and size > 2 * MIB:
                span = size - 2 * MIB
                for i in range(SAMPLES):
                    handle.seek(MIB + span * i // SAMPLES)
                    digest.update(handle.read(SAMPLE))
            if size > MIB:
                handle.seek(max(MIB, size - MIB))
                digest.update(handle.read(MIB))
    except FileNotFoundError as exc:
        raise FilmMissing(path) from exc
    except OSError as exc:
        raise FilmUnreadable(path, exc.strerror or type(exc).__name__) from exc
    return f"{version}:{size}:{digest.hexdigest()}"


def _version_of(fp: str) -> str | None:
    version = fp.split(":", 1)[0]
    return version if version in ("v1", FINGERPRINT_VERSION) else None


def _size_of(fp: str) -> int | None:
    parts = fp.split(":")
    if len(parts) != 3 or _version_of(fp) is None:
        return None
    try:
        return int(parts[1])
    except ValueError:
        return None


class FilmStatus(StrEnum):
    OK = "ok"
    MISSING = "missing"
    CHANGED = "changed"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class FilmCheck:
    status: FilmStatus
    message: str

    @property
    def ok(self) -> bool:
        return self.status is FilmStatus.OK


def check_film(path: Path, expected: str | None) -> FilmCheck:
    """Is the film still where we left it, and is it the same film?"""
    path = Path(path)
    try:
        actual = fingerprint(path, (expected and _version_of(expected)) or FINGERPRINT_VERSION)
    except FilmMissing as exc:
        return FilmCheck(FilmStatus.MISSING, str(exc))
    except FilmUnreadable as exc:
        return FilmCheck(FilmStatus.UNREADABLE, str(exc))
    if expected is not None and actual != expected:
        return FilmCheck(
            FilmStatus.CHANGED,
            f"The file at {path} is not the film that was attached (it has changed or been "
            "replaced). Choose the original film, or attach this one as a new film.",
        )
    return FilmCheck(FilmStatus.OK, "")


def film_problem(path: str | Path, expected: str | None) -> str | None:
    """Why this film must not be played to the family or copied for them
    (missing, unreadable, or not the film that was attached); None when fine.
    Checked before every playing and every copy."""
    check = check_film(Path(path).expanduser(), expected or None)
    return None if check.ok else check.message


def find_film(
    fp: str,
    search_dirs: Iterable[Path],
    *,
    max_depth: int = 4,
    max_files: int = 20_000,
) -> Path | None:
    """Look under ``search_dirs`` for a file with this fingerprint.

    Only files of exactly the right size and a film-like ending are hashed, so a
    search over a home folder stays quick. Hidden folders are skipped.
    """
    wanted_size = _size_of(fp)
    if wanted_size is None:
        return None
    seen = 0
    for root in search_dirs:
        root = Path(root).expanduser()
        if not root.is_dir():
            continue
        base_depth = len(root.parts)
        for dirpath, dirnames, filenames in os.walk(root, onerror=lambda _err: None):
            depth = len(Path(dirpath).parts) - base_depth
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            if depth >= max_depth:
                dirnames[:] = []
            for name in sorted(filenames):
                seen += 1
                if seen > max_files:
                    return None
                candidate = Path(dirpath) / name
                if candidate.suffix.lower() not in FILM_SUFFIXES:
                    continue
                try:
                    if candidate.stat().st_size != wanted_size:
                        continue
                    if fingerprint(candidate, _version_of(fp) or FINGERPRINT_VERSION) == fp:
                        return candidate
                except (OSError, FilmMissing, FilmUnreadable):
                    continue
    return None


def readable_film(path: Path) -> Path:
    """The film at ``path``, once it is known to be a file that can be read.
    Raises FilmMissing or FilmUnreadable."""
    path = Path(path).expanduser()
    try:
        with os.fdopen(open_regular(path), "rb") as handle:
            handle.read(1)
    except FileNotFoundError as exc:
        raise FilmMissing(path) from exc
    except OSError as exc:
        raise FilmUnreadable(path, exc.strerror or type(exc).__name__) from exc
    return path


def probe_duration_ms(path: Path) -> int:
    """The film's length in ms, for attaching it. Raises FilmMissing/FilmUnreadable/CannotDecode."""
    from vig_tui.playback.frames import probe  # opens it through the film gate

    return probe(Path(path).expanduser()).length_ms
