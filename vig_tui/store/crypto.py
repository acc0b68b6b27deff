"""Encryption at rest: a key from a passphrase, AES-GCM for every store file.

    <root>/vig.key            kdf parameters, salt, and a sealed check value
    <root>/vig.key.pending    only while the passphrase is being changed

A store is encrypted when `vig.key` exists. The key comes from the passphrase
through scrypt; each file (and each audit line) is sealed with AES-GCM under a
fresh 96-bit nonce, so any change to a file is detected when it is read. The
check value in `vig.key` is opened first: a wrong passphrase is reported
before any other file is touched.

Changing the passphrase (or turning encryption on) never leaves a store that
opens with neither passphrase:

1. write `vig.key.pending` (the new key's parameters and check value);
2. for every sealed file F write `F.rekey` (F re-sealed under the new key),
   fsync'd — the originals are not touched;
3. the switch: `os.replace(vig.key.pending, vig.key)` (for "turn encryption
   on", the pending file simply becomes `vig.key`) — one atomic rename;
4. rename every `F.rekey` over F, then fsync the folders.

A kill before step 3 leaves the old key and the old files: :func:`recover`
deletes the pending key and the `.rekey` files. A kill after step 3 leaves the
new key: :func:`recover` finishes step 4 (renames need no key). Either way the
store opens with exactly one of the two passphrases.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import FILE_MODE, TMP_PREFIX, atomic_write, fsync_dir, write_all
from .audit import AUDIT_NAME, read_log_lines
from .codec import PLAIN, SEALED_MAGIC, Codec
from .errors import StoreError
from .layout import ROOM_NAME
from .small_file import read_regular_file, read_small_file, why_unreadable

# hashlib and secrets are imported where a key is made, derived or used: opening a
# plain store (every read-only command) only asks whether there is a key file.

if TYPE_CHECKING:  # the library loads only when a store is encrypted
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_NAME = "vig.key"
PENDING_NAME = "vig.key.pending"
REKEY_SUFFIX = ".rekey"
MAGIC = SEALED_MAGIC
NONCE_BYTES = 12
#: a key file is a few hundred bytes; one far larger is not ours
KEY_FILE_LIMIT = 64 * 1024
CHECK_PLAIN = b"vig key check v1"
#: scrypt cost (N). 2**16 with r=8 takes about 0.2 s and 64 MiB here.
DEFAULT_N = 2**16
MIN_PASSPHRASE = 8


class WrongPassphraseError(StoreError):
    def __init__(self, root: Path) -> None:
        super().__init__(
            f"That passphrase does not open the store at {root}. Nothing was changed; "
            "try again (passphrases are case-sensitive)."
        )


class PassphraseNeededError(StoreError):
    """The store is encrypted and no passphrase could be asked for."""


class DecryptError(ValueError):
    """A sealed file failed authentication (wrong key, damage or tampering)."""


class AesGcmCodec:
    """Seals bytes as MAGIC + nonce + AES-GCM ciphertext (with its 16-byte tag)."""

    name = "aes-gcm"

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("an AES-256 key is 32 bytes")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead: AESGCM = AESGCM(key)

    def seal(self, plain: bytes) -> bytes:
        import secrets

        nonce = secrets.token_bytes(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, plain, MAGIC)

    def open(self, sealed: bytes) -> bytes:
        if not sealed.startswith(MAGIC):
            raise DecryptError("not encrypted by vig (the file may be from an unencrypted store)")
        from cryptography.exceptions import InvalidTag

        nonce = sealed[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, sealed[len(MAGIC) + NONCE_BYTES :], MAGIC)
        except InvalidTag:
            raise DecryptError(
                "it does not decrypt with this store's key (damaged or changed)"
            ) from None


# -- keys ---------------------------------------------------------------------------
def normalise(passphrase: str) -> str:
    """One form for one passphrase: 'café' typed as é or as e + ◌́ (NFC vs NFD,
    which differ between keyboards and systems) opens the same store."""
    return unicodedata.normalize("NFC", passphrase)


def derive_key(passphrase: str, salt: bytes, n: int = DEFAULT_N, r: int = 8, p: int = 1) -> bytes:
    import hashlib

    return hashlib.scrypt(
        normalise(passphrase).encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r + 2**20,
        dklen=32,
    )


def new_key_file(passphrase: str, n: int = DEFAULT_N) -> tuple[bytes, AesGcmCodec]:
    """The bytes of a fresh key file and the codec it describes."""
    import secrets

    salt = secrets.token_bytes(16)
    codec = AesGcmCodec(derive_key(passphrase, salt, n))
    doc = {
        "format": 1,
        "kdf": "scrypt",
        "n": n,
        "r": 8,
        "p": 1,
        "salt": base64.b64encode(salt).decode(),
        "check": base64.b64encode(codec.seal(CHECK_PLAIN)).decode(),
    }
    doc["digest"] = _key_digest(doc)
    return json.dumps(doc, indent=1).encode(), codec


def _key_digest(doc: dict[str, object]) -> str:
    """A checksum over the key file's fields: damage to the file is told
    apart from a wrong passphrase."""
    import hashlib

    fields = {k: v for k, v in doc.items() if k != "digest"}
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def codec_from_key_file(raw: bytes, passphrase: str, root: Path) -> AesGcmCodec:
    try:
        doc = json.loads(raw)
        salt = base64.b64decode(doc["salt"])
        check = base64.b64decode(doc["check"])
        n, r, p = int(doc["n"]), int(doc["r"]), int(doc["p"])
        if doc.get("kdf") != "scrypt":
            raise ValueError(f"unknown key derivation {doc.get('kdf')!r}")
        if "digest" in doc and doc["digest"] != _key_digest(doc):
            raise ValueError("its checksum does not match")
        if not (2 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("its key settings are out of range")
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise StoreError(
            f"The key file {root / KEY_NAME} is damaged ({err}). Without it the store cannot be "
            "opened; restore it from a backup of this folder. Nothing was changed."
        ) from err
    codec = AesGcmCodec(derive_key(passphrase, salt, n, r, p))
    if _opens(codec, check):
        return codec
    if normalise(passphrase) != passphrase:  # a key made before passphrases were normalised
        import hashlib

        raw = hashlib.scrypt(
            passphrase.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=32
        )
        if _opens(AesGcmCodec(raw), check):
            return AesGcmCodec(raw)
    raise WrongPassphraseError(root)


def _opens(codec: AesGcmCodec, check: bytes) -> bool:
    try:
        return codec.open(check) == CHECK_PLAIN
    except DecryptError:
        return False


def is_encrypted(root: Path) -> bool:
    """True when the store has a key file (after any interrupted change is settled)."""
    return (Path(root) / KEY_NAME).exists()


def read_key_file(root: Path) -> bytes | None:
    """The bytes of the store's key file; None when the store has none.
    StoreError naming it when something else is under its name (a FIFO, a
    folder, a file far too big) or it can't be read."""
    path = Path(root) / KEY_NAME
    try:
        return read_small_file(path, KEY_FILE_LIMIT)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StoreError(
            f"Cannot use the key file {path}: {why_unreadable(err)}. Without it the store "
            "cannot be opened; put the key file back from a backup of this folder (a "
            "`vig restore` of your latest archive holds it). Nothing was changed."
        ) from err


def unlock(root: Path, passphrase: str) -> Codec:
    """The codec for the store at `root`: PLAIN when it is not encrypted.
    Raises WrongPassphraseError before anything is read or changed."""
    root = Path(root)
    raw = read_key_file(root)
    if raw is None:
        return PLAIN
    return codec_from_key_file(raw, passphrase, root)


def check_new_passphrase(passphrase: str) -> None:
    """The one rule for every new passphrase (store and bundle)."""
    if len(normalise(passphrase).strip()) < MIN_PASSPHRASE:
        raise StoreError(
            f"The passphrase is too short; use at least {MIN_PASSPHRASE} characters, not "
            "counting spaces at either end (a few words are easy to remember and hard to guess)."
        )


# -- which files are sealed -----------------------------------------------------------
#: Files in the store's top folder that the codec does not seal (backup.json
#: holds only when the last backup was made, read by reminders without a passphrase;
#: room.json only a random family id, so the room is found again as vig starts).
UNSEALED = ("vig.lock", KEY_NAME, PENDING_NAME, "audit.log", "backup.json", ROOM_NAME)


def sealed_files(root: Path) -> Iterator[Path]:
    """Every file the codec protects: each file in the store's top folder
    (the index, its backup and migration copies, the practitioner's log, ...)
    apart from the lock, the key and the audit log (sealed line by line), and
    everything inside each family's folder."""
    root = Path(root)
    for path in sorted(root.iterdir()):
        if (
            path.is_file()
            and path.name not in UNSEALED
            and not path.name.endswith(REKEY_SUFFIX)
            and not path.name.startswith(TMP_PREFIX)
        ):
            yield path
    families = root / "families"
    if families.is_dir():
        for path in sorted(families.rglob("*")):
            if (
                path.is_file()
                and not path.name.endswith(REKEY_SUFFIX)
                and not path.name.startswith(TMP_PREFIX)
            ):
                yield path


def _rekey_audit(lines: list[bytes], old: Codec, new: Codec) -> bytes:
    out = []
    for line in lines:
        if not line.strip():
            continue
        try:
            plain = line if old is PLAIN else old.open(base64.b64decode(line))
        except (ValueError, DecryptError):
            # an unreadable line (torn by a power cut) stays unreadable; keep it
            out.append(line)
            continue
        out.append(plain if new is PLAIN else base64.b64encode(new.seal(plain)))
    return b"".join(x + b"\n" for x in out)


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def needs_recovery(root: Path) -> bool:
    """Was a passphrase change cut short? A store that has neither key file
    was never re-sealed (every change ends with `vig.key` in place), so its
    folders are not searched for leftovers: opening a plain store stays as
    quick at 10,000 families as at one."""
    if (root / PENDING_NAME).exists():
        return True
    if not (root / KEY_NAME).exists():
        return False
    return any(_rekey_leftovers(root))


def _rekey_leftovers(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    yield from root.glob(f"*{REKEY_SUFFIX}")
    families = root / "families"
    if families.is_dir():
        yield from families.rglob(f"*{REKEY_SUFFIX}")


def recover(root: Path) -> str | None:
    """Settle a passphrase change that was interrupted. The caller holds the
    store lock. Returns "rolled-back", "completed" or None (nothing to do)."""
    root = Path(root)
    if not needs_recovery(root):
        return None
    if (root / PENDING_NAME).exists():
        # the switch never happened: the old key and old files are intact
        for leftover in list(_rekey_leftovers(root)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        (root / PENDING_NAME).unlink()
        fsync_dir(root)
        return "rolled-back"
    _finish(root)
    return "completed"


def _finish(root: Path) -> None:
    folders: set[Path] = set()
    for leftover in sorted(_rekey_leftovers(root)):
        target = leftover.with_name(leftover.name[: -len(REKEY_SUFFIX)])
        os.replace(leftover, target)
        folders.add(leftover.parent)
    for folder in folders:
        fsync_dir(folder)


def rekey(
    root: Path,
    old: Codec,
    new_passphrase: str,
    *,
    n: int = DEFAULT_N,
    on_step: Callable[[str, Path | None], None] | None = None,
    on_switch: Callable[[Codec], None] | None = None,
) -> Codec:
    """Re-seal every store file under a key from `new_passphrase` (see the
    module docstring for why a kill at any point is safe). The caller holds
    the store lock and has closed every open file of the store. Returns the
    new codec."""
    root = Path(root)
    step = on_step or (lambda _what, _path: None)
    recover(root)
    key_bytes, new = new_key_file(new_passphrase, n)
    atomic_write(root / PENDING_NAME, key_bytes, keep_backup=False)
    step("pending", None)
    for path in sealed_files(root):
        try:
            plain = old.open(read_regular_file(path))
        except (OSError, ValueError) as err:  # not a file, unreadable; DecryptError
            recover(root)
            why = why_unreadable(err) if isinstance(err, OSError) else f"it can't be read ({err})"
            raise StoreError(
                f"Cannot use {path}: {why}, so the store was not changed (no file was "
                f"re-sealed). Restore that file from its backup (`vig restore-backup {path}`) "
                "or move it out of the store folder, then try again."
            ) from err
        _write_new(path.with_name(path.name + REKEY_SUFFIX), new.seal(plain))
        step("file", path)
    audit = root / AUDIT_NAME
    if os.path.lexists(audit):
        try:
            lines = read_log_lines(root)
        except StoreError:  # a FIFO, a folder, ... under its name: said as it is
            recover(root)
            raise
        _write_new(audit.with_name(AUDIT_NAME + REKEY_SUFFIX), _rekey_audit(lines, old, new))
        step("file", audit)
    for folder in {root, *(p.parent for p in _rekey_leftovers(root))}:
        fsync_dir(folder)
    os.replace(root / PENDING_NAME, root / KEY_NAME)  # the one atomic switch
    fsync_dir(root)
    if on_switch is not None:
        on_switch(new)
    step("switched", None)
    _finish(root)
    step("done", None)
    return new


def seal_file_in_place(path: Path, codec: Codec) -> None:
    """Seal a file written in plain by a tool that cannot encrypt (e.g. a
    snapshot). A no-op with the plain codec."""
    if codec is PLAIN:
        return
    atomic_write(path, codec.seal(path.read_bytes()), keep_backup=False)


def read_sealed(path: Path, codec: Codec) -> bytes:
    """The plain bytes of a sealed file (a still, for showing or exporting)."""
    return codec.open(read_regular_file(Path(path)))
