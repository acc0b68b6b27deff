"""Films are not in the backup: said plainly, with where they are.

vig never copies a film into its store; a family's record keeps only where
each film is (``Film.path``). So a backup of the store holds every family's
words, ratings, clips' times and stills, but no film. They are left out on
purpose rather than added to the archive: a film is large (10–20 minutes of
video, often gigabytes), it lives wherever the practitioner keeps it (a
camera card, a USB stick, a folder on this laptop), and the family's consent
says recordings are erased within about two months and never copied without
their agreement — a backup kept for years would hold copies past that. The
backup screen and ``vig backup`` say so, and name the folders the films are in.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import VigError
from ..store import Store

#: how many film folders are named before "and N more"
FOLDERS_SHOWN = 5

NOT_IN_BACKUP = (
    "Films are not in the backup: vig keeps only where each film is, never a copy. "
    "Keep them safe where they are."
)


def film_folders(store: Store) -> list[Path]:
    """The folders the families' attached films are in, each once, sorted. A
    family whose record cannot be read is passed over (the backup names it)."""
    found: set[Path] = set()
    for summary in store.summaries():
        try:
            record = store.read_family(summary.id)
        except VigError:
            continue
        found.update(Path(film.path).expanduser().parent for film in record.films)
    return sorted(found)


def films_note(folders: list[Path]) -> str:
    """:data:`NOT_IN_BACKUP`, and where the films are (none attached: said too)."""
    if not folders:
        return f"{NOT_IN_BACKUP} No family has a film attached yet."
    named = ", ".join(str(folder) for folder in folders[:FOLDERS_SHOWN])
    more = len(folders) - FOLDERS_SHOWN
    if more > 0:
        named += f" and {more} more folder{'s' if more > 1 else ''}"
    where = "They are in" if len(folders) > 1 else "They are in the folder"
    return f"{NOT_IN_BACKUP} {where} {named}."
