"""Hand-over bundles: one encrypted file holding a family's record and stills.

    VIG-BUNDLE 1\\n
    {"kdf": "scrypt", "n": ..., "r": 8, "p": 1, "salt": "..."}\\n
    <AES-GCM sealed, zlib-compressed JSON: the record, its stills, when it changed>

The bundle has its own passphrase (not the store's), so it can travel to a
colleague. Import refuses to overwrite a record here that changed more
recently than the one in the bundle.
"""

from __future__ import annotations

import base64
import contextlib
import json
import secrets
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..domain import FamilyRecord
from ..domain.ids import new_id, now_iso
from ..domain.rules.consent import ConsentInvalid, check_consent
from ..domain.rules.labels import label_taken
from ..domain.rules.stills import still_name_problem, still_picture_problem
from ..store import CorruptFileError, InvalidIdError, Store, StoreError, atomic_write
from ..store.atomic import fsync_dir
from ..store.audit import log_event
from ..store.crypto import (
    AesGcmCodec,
    DecryptError,
    check_new_passphrase,
    derive_key,
    read_sealed,
)
from ..store.family_repo import record_from_data, record_to_data
from ..store.layout import checked_id
from ..store.migrations import changed_at_of, migrate, needs_migration, stamp
from ..store.output_file import OutputFileError, write_whole
from .bundle_content import content_problems
from .errors import PrivacyError

MAGIC = b"VIG-BUNDLE 1\n"
BUNDLE_N = 2**16
FORMAT = 1


@dataclass
class ImportResult:
    family_id: str
    label: str
    replaced: bool  # True when an older copy of the same family was updated
    stills: int
    #: what the gate changed in the record on the way in (to tell whoever imported it)
    notes: list[str] = field(default_factory=list)


def last_changed(record: FamilyRecord) -> datetime | None:
    """The latest moment anything in the record was written."""
    stamps: list[str] = [record.family.created_at, record.consent.updated_at]
    for item in (*record.sessions, *record.reflections, *record.letters):
        stamps.append(str(getattr(item, "updated_at", "")))
    for clip in record.clips:
        stamps.append(clip.created_at)
        stamps += [s.taken_at for s in clip.stills]
    stamps += [f.attached_at for f in record.films]
    stamps += [a.at for a in record.administrations]
    for q in record.questions:
        stamps += [r.at for r in q.ratings]
        for attr in ("updated_at", "created_at"):
            value = getattr(q, attr, None)
            if isinstance(value, str):
                stamps.append(value)
    best: datetime | None = None
    for text in stamps:
        try:
            when = datetime.fromisoformat(text)
        except (TypeError, ValueError):
            continue
        if when.tzinfo is None:
            when = when.astimezone()
        if best is None or when > best:
            best = when
    return best


def _codec(passphrase: str, salt: bytes, n: int, r: int = 8, p: int = 1) -> AesGcmCodec:
    return AesGcmCodec(derive_key(passphrase, salt, n, r, p))


def export_bundle(store: Store, key: str, dest: Path, passphrase: str) -> Path:
    summary = store.resolve(key)
    try:
        check_new_passphrase(passphrase)
    except StoreError as err:
        raise PrivacyError(f"For the bundle: {err}") from err
    record = store.read_family(summary.id)
    folder = store.family_folder(summary.id)
    stills: dict[str, str] = {}
    stills_dir = folder / "stills"
    if stills_dir.is_dir():
        for path in sorted(stills_dir.iterdir()):  # stills are files right inside it
            if path.is_file() and not path.name.startswith("."):
                rel = path.relative_to(folder).as_posix()
                stills[rel] = base64.b64encode(read_sealed(path, store.codec)).decode()
    changed = _parse_time(store.changed_at(summary.id)) or last_changed(record)
    payload = {
        "format": FORMAT,
        "family_id": summary.id,
        "last_changed": changed.isoformat() if changed else None,
        "exported_at": now_iso(),
        "record": stamp(record_to_data(record), "family", changed.isoformat() if changed else None),
        "stills": stills,
    }
    salt = secrets.token_bytes(16)
    header = {
        "kdf": "scrypt",
        "n": BUNDLE_N,
        "r": 8,
        "p": 1,
        "salt": base64.b64encode(salt).decode(),
    }
    sealed = _codec(passphrase, salt, BUNDLE_N).seal(
        zlib.compress(json.dumps(payload, ensure_ascii=False).encode(), 6)
    )
    data = MAGIC + json.dumps(header).encode() + b"\n" + sealed
    dest = Path(dest).expanduser()
    if not dest.parent.is_dir():
        raise PrivacyError(f"The folder {dest.parent} does not exist; choose another place.")
    try:  # the same gate as every export: only an ordinary file is ever replaced
        write_whole(
            dest,
            data,
            lambda: log_event(
                store.root,
                "export.bundle",
                summary.id,
                store.codec,
                stills=len(stills),
                path=str(dest.absolute()),
            ),
        )
    except OutputFileError as err:  # also when the audit line could not be written
        raise PrivacyError(str(err)) from err
    return dest


#: the most a bundle may unpack to (a record and its stills); more is refused
MAX_UNPACKED = 512 * 2**20


def read_bundle(path: Path, passphrase: str) -> dict[str, Any]:
    path = Path(path).expanduser()
    try:
        if not path.is_file():
            raise PrivacyError(
                f"There is no bundle at {path}"
                + (" (it is a folder)" if path.is_dir() else "")
                + "; check the file name. Nothing was imported."
            )
        raw = path.read_bytes()
    except OSError as err:
        raise PrivacyError(f"Could not read {path}: {err.strerror or err}.") from err
    if not raw.startswith(MAGIC):
        raise PrivacyError(f"{path} is not a vig hand-over bundle.")
    try:
        header_line, sealed = raw[len(MAGIC) :].split(b"\n", 1)
        header = json.loads(header_line)
        salt = base64.b64decode(header["salt"])
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("key derivation settings out of range")
        codec = _codec(passphrase, salt, n, r, p)
    except (ValueError, KeyError, TypeError, MemoryError) as err:
        raise PrivacyError(f"{path} is damaged (its header cannot be read).") from err
    try:
        packed = codec.open(sealed)
    except DecryptError:
        raise PrivacyError(
            f"That passphrase does not open {path.name} (or the file was damaged). "
            "Nothing was imported."
        ) from None
    try:
        unpacker = zlib.decompressobj()
        plain = unpacker.decompress(packed, MAX_UNPACKED)
        if unpacker.unconsumed_tail:
            raise ValueError("it unpacks to more than a bundle can hold")
        payload = json.loads(plain)
    except (zlib.error, ValueError, RecursionError) as err:
        raise PrivacyError(f"{path.name} is damaged ({err}). Nothing was imported.") from err
    if not isinstance(payload, dict):
        raise PrivacyError(f"{path.name} is damaged (not a bundle inside). Nothing was imported.")
    if payload.get("format") != FORMAT:
        raise PrivacyError(f"{path.name} was made by a newer vig; upgrade vig to import it.")
    return payload


def import_bundle(
    store: Store, path: Path, passphrase: str, replace: bool = False, as_new: bool = False
) -> ImportResult:
    """Bring in the family in the bundle at `path`. A family already here is
    only replaced when `replace` says so, and never by an older copy; with
    `as_new` the bundle's family is added as a new family (a new id)."""
    payload = read_bundle(path, passphrase)
    where = Path(path)
    data = payload.get("record")
    try:
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise CorruptFileError(where, "the record is not a vig record")
        there_stamp = changed_at_of(data)
        if needs_migration(data, where):
            data = migrate(data, where, "family")
        record = record_from_data(data, where)
        family_id = checked_id(record.family.id, where.name)
    except (CorruptFileError, InvalidIdError) as err:
        detail = err.detail if isinstance(err, CorruptFileError) else str(err)
        raise PrivacyError(
            f"The record in {where.name} cannot be read: {detail}. Nothing was imported."
        ) from err
    try:  # the same rule as consent saved on screen: a bundle cannot bring in more
        check_consent(record.consent)
    except ConsentInvalid as err:
        raise PrivacyError(
            f"The consent in {where.name} cannot be used ({err.problem.field}): "
            f"{err.problem.message} Put it right where the bundle was made and make it "
            "again. Nothing was imported."
        ) from err
    notes = _check_from_outside(record, payload, there_stamp, where)
    if as_new:
        record.family.id = family_id = new_id()
    stills = _checked_stills(payload.get("stills", {}), where)
    clash = label_taken(
        record.family.label, [s.label for s in store.summaries() if s.id != family_id]
    )
    if clash:
        raise PrivacyError(
            "A different family here already has the label in this bundle; rename that "
            "family first, then import again. Nothing was imported."
        )
    there = _parse_time(there_stamp) or _parse_time(payload.get("last_changed"))
    there = claimed = there or last_changed(record)
    if there is not None and there > datetime.now(UTC) + CLOCK_SKEW:
        notes.append(  # within CLOCK_SLACK (more is refused above) but not trusted
            f"The bundle says it changed at {there:%Y-%m-%d %H:%M}, ahead of this "
            "computer's clock; here it counts as changed now."
        )
        there = datetime.now(UTC)
    replaced = False
    if any(s.id == family_id for s in store.summaries()):
        here_record = store.read_family(family_id)
        here = _parse_time(store.changed_at(family_id)) or last_changed(here_record)
        if here and (there is None or here > there):
            raise PrivacyError(
                f"The record here was changed more recently ({here:%Y-%m-%d %H:%M:%S}) "
                "than the one in the bundle"
                + (f" ({there:%Y-%m-%d %H:%M:%S})" if there else "")
                + ", so it was not overwritten. Nothing was imported."
            )
        if not replace:
            raise PrivacyError(
                f"{where.name} holds a copy of a family already here: "
                f"{_both(here_record.family.label, here, record.family.label, claimed)}. "
                "Nothing was imported. Import it again with --replace to replace the record "
                "here with the bundle's copy, or with --as-new to keep both."
            )
        store.family(family_id).replace_all(record, there.isoformat() if there else None)
        replaced = True
    else:
        store.create_family(record, there.isoformat() if there else None)
    folder = store.family_folder(family_id)
    for rel, blob in stills.items():
        target = folder / rel
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(target, store.codec.seal(blob), keep_backup=False)
    with contextlib.suppress(OSError):
        fsync_dir(folder)
    log_event(
        store.root, "import.bundle", family_id, store.codec, stills=len(stills), replaced=replaced
    )
    return ImportResult(family_id, record.family.label, replaced, len(stills), notes)


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()


#: how far ahead of this computer's clock a bundle's time may be (clocks differ)
CLOCK_SLACK = timedelta(days=1)
#: a time ahead by less than this is taken as it is; more (up to CLOCK_SLACK) counts as now
CLOCK_SKEW = timedelta(minutes=5)


def _both(here_label: str, here: datetime | None, there_label: str, there: datetime | None) -> str:
    def when(moment: datetime | None) -> str:
        return f"changed {moment:%Y-%m-%d %H:%M}" if moment else "no change time"

    return f"here {here_label!r} ({when(here)}), in the bundle {there_label!r} ({when(there)})"


def _check_from_outside(
    record: FamilyRecord, payload: dict[str, Any], there_stamp: str | None, where: Path
) -> list[str]:
    """The gate for what a bundle's record says that this store would trust:
    the names of its stills and its times (refused when wrong). A family marked
    as a demo one arrives as a real family (a demo one's numbers are not kept
    when it is erased); the note returned says so."""

    def refuse(where_in: str, problem: str) -> PrivacyError:
        return PrivacyError(
            f"The record in {where.name} cannot be used ({where_in}): {problem}. Make the "
            "bundle again where it was made. Nothing was imported."
        )

    for where_in, wrong in content_problems(record, record_to_data(record)):
        raise refuse(where_in, wrong)
    for clip_no, clip in enumerate(record.clips, 1):
        for still_no, still in enumerate(clip.stills, 1):
            if problem := still_name_problem(still.path):
                raise refuse(f"clip {clip_no}, still {still_no}", problem)
    latest = datetime.now(UTC) + CLOCK_SLACK
    stamps = {"_meta.changed_at": there_stamp, "last_changed": payload.get("last_changed")}
    for name, text in stamps.items():
        when = _parse_time(text)
        if when is not None and when > latest:
            raise refuse(name, f"{text} is in the future")
    when = last_changed(record)
    if when is not None and when > latest:
        raise refuse("a date in the record", f"{when.isoformat()} is in the future")
    if not record.family.demo:
        return []
    record.family.demo = False
    return [
        "The bundle marked this family as demo data (family.demo); here it is kept as a "
        "real family. Erase it if it was only a demonstration."
    ]


def _checked_stills(stills: object, where: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if not isinstance(stills, dict):
        raise PrivacyError(f"{where.name} holds damaged stills; not imported.")
    for rel, blob in stills.items():
        if not isinstance(rel, str) or not isinstance(blob, str):
            raise PrivacyError(f"{where.name} holds a damaged still; not imported.")
        if still_name_problem(rel):  # the same rule as the still names in the record
            raise PrivacyError(
                f"{where.name} holds a still with an unsafe name ({rel!r}): "
                "a still must be a file in the family's stills folder. Nothing was imported."
            )
        try:
            out[rel] = base64.b64decode(blob, validate=True)
        except ValueError as err:
            raise PrivacyError(f"{where.name} holds a damaged still; not imported.") from err
        if problem := still_picture_problem(out[rel]):
            raise PrivacyError(
                f"{where.name} holds a still ({rel}) that cannot be kept: {problem}. "
                "Nothing was imported."
            )
    return out
