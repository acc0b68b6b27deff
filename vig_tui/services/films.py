"""Finding, checking and measuring a film before it is attached.

All of this can take a while (hashing a film on a slow USB disk, probing it,
searching a folder tree for a film that moved), so screens run these
functions in a thread worker and show the progress they report; nothing here
may touch the screen. Each step reports a short line through `progress`.

`checks` lets more attach-time checks run in the same worker: each is called
with the film's path and raises a :class:`~vig_tui.playback.PlaybackError`
whose message says what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain import Film
from ..domain.rules.film_date import FilmDate, film_date
from ..errors import VigError
from ..playback import FilmCheck, PlaybackError, check_film, find_film, fingerprint
from ..playback.health import FilmHealth, check_health

Progress = Callable[[str], None]
FilmCheckStep = Callable[[Path], None]


class FilmNotAttached(VigError):
    """A film cannot be attached; the message says why and what to do."""

    def __init__(self, message: str, *, severity: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.severity = severity


@dataclass(frozen=True)
class LocatedFilm:
    path: Path
    fingerprint: str
    duration_ms: int
    #: True when a film was attached before and this file is a different one.
    replaces_other: bool
    #: Set when only the first part of the film decodes (a damaged or cut-short file).
    playable_ms: int | None = None
    #: What to tell the practitioner about that, in words.
    warning: str | None = None
    #: The filming date to offer: the film's own when it says and is believable, else today.
    recorded: FilmDate | None = None


def _quiet(_line: str) -> None:
    pass


def locate_film(
    typed: str,
    known: Film | None,
    progress: Progress = _quiet,
    checks: Sequence[FilmCheckStep] = (),
    clips: Sequence[tuple[int, int]] = (),
) -> LocatedFilm:
    """Work out which file the practitioner means (a file, or a folder to
    search for the known film), fingerprint it, run the checks, and measure it.
    Blocking: run it in a worker."""
    path = Path(typed.strip()).expanduser()
    if path.is_dir():
        if known is None or not known.fingerprint:
            raise FilmNotAttached("Type the path of the video file itself.", severity="warning")
        progress(f"Looking for the film under {path} …")
        found = find_film(known.fingerprint, [path])
        if found is None:
            raise FilmNotAttached(f"The film was not found under {path}.", severity="warning")
        path = found
    progress(f"Checking {path.name} …")
    try:
        print_ = fingerprint(path)
    except PlaybackError as err:
        raise FilmNotAttached(str(err)) from err
    for check in checks:
        try:
            check(path)
        except PlaybackError as err:
            raise FilmNotAttached(str(err)) from err
    progress(f"Measuring {path.name} …")
    try:  # decodes pictures across the whole film and at the clips' edges
        health = check_health(
            path, clips, lambda done, what: progress(f"{what} … {done:.0%} of {path.name}")
        )
    except PlaybackError as err:
        raise FilmNotAttached(f"{err} Choose the video file itself.") from err
    replaces = known is not None and bool(known.fingerprint) and known.fingerprint != print_
    playable = None if health.complete else health.playable_ms
    return LocatedFilm(
        path,
        print_,
        health.length_ms,
        replaces,
        playable,
        health.warning,
        film_date(health.made_at),
    )


def film_status(film: Film) -> FilmCheck:
    """Is the attached film still where it was, and the same film? Blocking."""
    return check_film(Path(film.path), film.fingerprint or None)


def film_health(film: Film) -> FilmHealth:
    """What was found when the film was attached (all of it playable unless noted):
    its warning, and which clips run past the playable part."""
    length = film.duration_ms or 0
    return FilmHealth(length, length if film.playable_ms is None else film.playable_ms)
