"""The backup archive: one file holding a whole store, sealed frame by frame.

    VIG-BACKUP 1\\n
    {"kdf": "scrypt", "n": ..., "r": 8, "p": 1, "salt": "...", ...}\\n
    frames, each a 4-byte big-endian length and then bytes sealed by the
    store's AES-GCM codec (store/crypto.py) under a key from the passphrase

Every frame opens to an 8-byte sequence number, one kind byte and a body:

    H  the header line again, so the header itself is authenticated
    F  a file begins: {"path": "families/<id>/record.json", "size": n}
    D  the next piece of that file (zlib-compressed)
    S  that file ends: {"sha256": ..., "size": n}
    E  the archive ends: {"files": count, "bytes": total}

Sequence numbers run 0, 1, 2, ...: a frame dropped, repeated or moved fails
the check, and an archive without its E frame is reported as incomplete.
Frames are small (a piece of at most 1 MiB), so big stores stream through.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from ..store.crypto import DEFAULT_N, AesGcmCodec, DecryptError, derive_key
from .last_backup import BackupError as BackupError  # defined where Home reads it

MAGIC = b"VIG-BACKUP 1\n"
#: (bytes done, bytes in all, what is happening: "backup", "verify" or "restore")
Progress = Callable[[int, int, str], None]
FORMAT = 1
PIECE = 1 << 20
#: zlib level 1: on the store's JSON about twice as fast as level 6 for an
#: archive about a sixth bigger (bench/backup.py); any level reads back alike
COMPRESSION = 1
#: a sealed frame is at most a compressed piece plus the codec's overhead
MAX_FRAME = PIECE + (PIECE >> 4) + 4096
_PREFIX = struct.Struct(">QB")
_LENGTH = struct.Struct(">I")


@dataclass(frozen=True)
class Header:
    created_at: str
    store_encrypted: bool
    salt: bytes
    n: int
    r: int = 8
    p: int = 1

    def line(self) -> bytes:
        doc = {
            "format": FORMAT,
            "kdf": "scrypt",
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": base64.b64encode(self.salt).decode(),
            "created_at": self.created_at,
            "store_encrypted": self.store_encrypted,
        }
        return json.dumps(doc, sort_keys=True).encode()

    def codec(self, passphrase: str) -> AesGcmCodec:
        return AesGcmCodec(derive_key(passphrase, self.salt, self.n, self.r, self.p))


def new_header(created_at: str, store_encrypted: bool, n: int = DEFAULT_N) -> Header:
    return Header(created_at, store_encrypted, secrets.token_bytes(16), n)


class ArchiveWriter:
    """Writes frames to an open binary file; the caller makes it durable."""

    def __init__(self, out: BinaryIO, header: Header, passphrase: str) -> None:
        self._out = out
        self._codec = header.codec(passphrase)
        self._seq = 0
        self._files = 0
        self._bytes = 0
        line = header.line()
        out.write(MAGIC + line + b"\n")
        self._frame(b"H", line)

    @property
    def codec(self) -> AesGcmCodec:
        """The key the archive is sealed with (for reading it back)."""
        return self._codec

    def _frame(self, kind: bytes, body: bytes) -> None:
        sealed = self._codec.seal(_PREFIX.pack(self._seq, kind[0]) + body)
        self._out.write(_LENGTH.pack(len(sealed)) + sealed)
        self._seq += 1

    def add_file(self, rel: str, data: Iterator[bytes]) -> str:
        """Add one file from its pieces; returns its SHA-256 (hex)."""
        digest = hashlib.sha256()
        size = 0
        self._frame(b"F", json.dumps({"path": rel}).encode())
        for piece in data:
            for start in range(0, len(piece), PIECE):
                part = piece[start : start + PIECE]
                digest.update(part)
                size += len(part)
                self._frame(b"D", zlib.compress(part, COMPRESSION))
        self._frame(b"S", json.dumps({"sha256": digest.hexdigest(), "size": size}).encode())
        self._files += 1
        self._bytes += size
        return digest.hexdigest()

    def finish(self) -> None:
        self._frame(b"E", json.dumps({"files": self._files, "bytes": self._bytes}).encode())


@dataclass
class FileStart:
    path: str


@dataclass
class Piece:
    data: bytes


@dataclass
class FileEnd:
    path: str
    sha256: str
    size: int


@dataclass
class ArchiveEnd:
    files: int
    bytes: int


Event = FileStart | Piece | FileEnd | ArchiveEnd


def read_header(path: Path) -> Header:
    """The archive's header (readable without the passphrase)."""
    try:
        with open(path, "rb") as f:
            return _header(path, f)[0]
    except FileNotFoundError:
        raise BackupError(f"There is no backup archive at {path}; check the name.") from None
    except IsADirectoryError:
        raise BackupError(f"{path} is a folder; name the archive file itself.") from None


def _header(path: Path, f: BinaryIO) -> tuple[Header, bytes]:
    if f.read(len(MAGIC)) != MAGIC:
        raise BackupError(f"{path} is not a vig backup archive.")
    line = f.readline(4096).rstrip(b"\n")
    try:
        doc = json.loads(line)
        if doc.get("format") != FORMAT:
            raise BackupError(f"{path.name} was made by a newer vig; upgrade vig to restore it.")
        header = Header(
            str(doc["created_at"]),
            bool(doc["store_encrypted"]),
            base64.b64decode(doc["salt"]),
            int(doc["n"]),
            int(doc["r"]),
            int(doc["p"]),
        )
    except (ValueError, KeyError, TypeError) as err:
        raise BackupError(f"{path} is damaged: its header cannot be read.") from err
    return header, line


def read_archive(path: Path, passphrase: str, codec: AesGcmCodec | None = None) -> Iterator[Event]:
    """Open every frame in order and check it; yields what the archive holds.
    Raises BackupError for a wrong passphrase, damage, or a missing end.

    `codec` is the writer's own key, for reading back what was just written:
    the header on disk must still equal the header sealed under that key, so
    the scrypt derivation (about a second) is not done twice."""
    path = Path(path)
    try:
        f = open(path, "rb")  # noqa: SIM115 (closed in finally; a generator)
    except FileNotFoundError:
        raise BackupError(f"There is no backup archive at {path}; check the name.") from None
    try:
        header, line = _header(path, f)
        frames = _frames(path, f, codec or header.codec(passphrase))
        kind, body = next(frames, (b"", b""))
        if kind != b"H" or body != line:
            raise BackupError(f"{path.name} is damaged: its header does not match its contents.")
        yield from _events(path, frames)
    finally:
        f.close()


def _frames(path: Path, f: BinaryIO, codec: AesGcmCodec) -> Iterator[tuple[bytes, bytes]]:
    seq = 0
    while True:
        prefix = f.read(_LENGTH.size)
        if not prefix:
            return
        (length,) = _LENGTH.unpack(prefix) if len(prefix) == _LENGTH.size else (-1,)
        if not 0 < length <= MAX_FRAME:
            raise _damaged(path, seq)
        sealed = f.read(length)
        if len(sealed) != length:
            raise _damaged(path, seq)
        try:
            plain = codec.open(sealed)
        except DecryptError:
            if seq == 0:
                raise BackupError(
                    f"That passphrase does not open {path.name}. Nothing was changed; try again "
                    "(passphrases are case-sensitive)."
                ) from None
            raise _damaged(path, seq) from None
        number, kind = _PREFIX.unpack(plain[: _PREFIX.size])
        if number != seq:
            raise _damaged(path, seq)
        yield bytes([kind]), plain[_PREFIX.size :]
        seq += 1


def _damaged(path: Path, seq: int | None = None) -> BackupError:
    where = "" if seq is None else f" at part {seq}"
    return BackupError(f"{path.name} is damaged{where}; it cannot be trusted. Use an older backup.")


def _events(path: Path, frames: Iterator[tuple[bytes, bytes]]) -> Iterator[Event]:
    current: str | None = None
    digest = hashlib.sha256()
    size = files = total = 0
    seen: set[str] = set()
    for kind, body in frames:
        if kind == b"F" and current is None:
            current = safe_relative(_json(path, body).get("path"), path)
            if current in seen:
                raise BackupError(f"{path.name} is damaged: it holds {current} twice.")
            seen.add(current)
            digest, size = hashlib.sha256(), 0
            yield FileStart(current)
        elif kind == b"D" and current is not None:
            try:
                data = zlib.decompress(body)
            except zlib.error:
                raise _damaged(path) from None
            digest.update(data)
            size += len(data)
            yield Piece(data)
        elif kind == b"S" and current is not None:
            doc = _json(path, body)
            if doc.get("sha256") != digest.hexdigest() or doc.get("size") != size:
                raise BackupError(f"{path.name} is damaged: {current} does not match its checksum.")
            yield FileEnd(current, digest.hexdigest(), size)
            files, total, current = files + 1, total + size, None
        elif kind == b"E" and current is None:
            doc = _json(path, body)
            if doc.get("files") != files or doc.get("bytes") != total:
                raise BackupError(f"{path.name} is damaged: its file count does not match.")
            yield ArchiveEnd(files, total)
            return
        else:
            raise BackupError(f"{path.name} is damaged: its parts are out of order.")
    raise BackupError(
        f"{path.name} is incomplete (it ends before its last part); it was probably cut short. "
        "Use an older backup."
    )


def _json(path: Path, body: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(body)
    except ValueError:
        doc = None
    if not isinstance(doc, dict):
        raise BackupError(f"{path.name} is damaged: a part cannot be read.")
    return doc


def safe_relative(rel: object, where: Path) -> str:
    """A path inside the store, as the archive names it: relative, forward
    slashes, no '..' — anything else is refused before it touches the disk."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        raise BackupError(f"{where.name} names a file unsafely; nothing was restored.")
    parts = PurePosixPath(rel).parts
    if rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise BackupError(f"{where.name} names a file unsafely ({rel!r}); nothing was restored.")
    return rel
