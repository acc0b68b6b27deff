"""Which kind of file system a folder is on: network ones make file locks unreliable."""

from __future__ import annotations

import contextlib
from pathlib import Path

#: file systems reached over a network, where two computers may both think
#: they hold the store's lock
NETWORK_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "ncpfs", "fuse.sshfs"}
)
MOUNTS = Path("/proc/self/mounts")


def _unescape(field: str) -> str:
    """Mount points escape spaces and tabs as octal (\\040)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def filesystem_type(path: Path, mounts: str | None = None) -> str | None:
    """The type of the file system holding `path` (the mount point nearest
    to it), from /proc/self/mounts; None where that cannot be read."""
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    here = Path(path).expanduser()
    with contextlib.suppress(OSError):
        here = here.resolve()  # links followed; a folder not made yet is taken as written
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(_unescape(fields[1]))
        if (here == point or here.is_relative_to(point)) and (
            best is None or len(point.parts) >= best[0]
        ):
            best = (len(point.parts), fields[2])
    return best[1] if best else None


def network_warning(path: Path, mounts: str | None = None) -> str | None:
    """A sentence when the store is on a network file system; else None."""
    kind = filesystem_type(path, mounts)
    if kind is None or kind.lower() not in NETWORK_TYPES:
        return None
    return (
        f"The store is on a network file system ({kind}), where file locks are unreliable: "
        "two computers could change it at once. Keep the store on this computer's own disk "
        "and back it up to the network drive instead."
    )
