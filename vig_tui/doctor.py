"""`vig doctor`: is everything vig needs in place? Exit 0 when all is well."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .domain.rules.counts import counted
from .playback.diagnose import Check, check_display, check_libvlc
from .store.codec import PLAIN, Codec

#: gives the store's passphrase (asks, or reads VIG_PASSPHRASE); raises
#: PassphraseNeededError when it cannot
Ask = Callable[[Path], str]


def check_store(root: Path, ask: Ask | None = None) -> Check:
    label = "Store (where families are kept)"
    probe_dir = root if root.exists() else next((p for p in root.parents if p.exists()), None)
    if probe_dir is None:
        return Check(False, label, f"{root}: no part of this path exists")
    if probe_dir.is_file() or (root.exists() and not root.is_dir()):
        return Check(
            False, label, f"{probe_dir} is a file, not a folder; choose another --data-dir"
        )
    try:
        fd, name = tempfile.mkstemp(prefix=".vig-doctor-", dir=probe_dir)
        os.close(fd)
        os.unlink(name)
    except OSError as err:
        return Check(False, label, f"{root} is not writable ({err.strerror}); check its owner")
    if not root.exists():
        return Check(True, label, f"{root} (will be created on first use, writable)")
    problems, families = read_every_family(root, ask)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return Check(False, label, problems[0] + more)
    plural = "family" if families == 1 else "families"
    return Check(True, label, f"{root} (writable, {families} {plural}, every file readable)")


def _store_codec(root: Path, ask: Ask | None) -> Codec:
    """The store's codec: plain, or unlocked with the passphrase `ask` gives.
    Raises StoreError (wrong passphrase, damaged key file, none available)."""
    from .store import crypto

    if not crypto.is_encrypted(root):
        return PLAIN
    if ask is None:
        raise crypto.PassphraseNeededError(f"{root} is encrypted")
    return crypto.unlock(root, ask(root))


def read_every_family(root: Path, ask: Ask | None = None) -> tuple[list[str], int]:
    """Read the index, every family's record and the practitioner's log
    without locking or changing anything; list what cannot be read, folders
    the index does not list, and anything else out of place."""
    from .store import Store, StoreError
    from .store.audit import read_events
    from .store.crypto import PassphraseNeededError
    from .store.practitioner import PRACTITIONER_NAME, PractitionerLog

    try:
        codec = _store_codec(root, ask)
    except PassphraseNeededError:
        return [
            f"{root} is encrypted; set VIG_PASSPHRASE (or run vig doctor in a terminal) "
            "so its files can be checked"
        ], 0
    except StoreError as err:
        return [str(err)], 0
    try:
        store = Store.open(root, readonly=True, codec=codec)
    except StoreError as err:
        return [str(err)], 0
    problems = store.missing_notes() + store.unlisted
    summaries = store.summaries()
    for summary in summaries:
        try:
            store.read_family(summary.id)
        except StoreError as err:
            problems.append(str(err))
    try:
        read_events(root, codec)  # a damaged line is shown as such; a FIFO, ... is named
    except StoreError as err:
        problems.append(str(err))
    if (root / PRACTITIONER_NAME).exists():
        try:
            PractitionerLog(root, codec, readonly=True).entries()
        except StoreError as err:
            problems.append(str(err))
    return problems, len(summaries)


def check_packs() -> Check:
    from .packs import load_packs

    label = "Prompt packs and questionnaires"
    packs = load_packs()
    if packs.errors:
        return Check(False, label, "; ".join(packs.warnings[:3]))
    return Check(
        True,
        label,
        f"{counted(len(packs.packs), 'pack')} loaded, "
        f"{counted(len(packs.questionnaires), 'questionnaire')}",
    )


def run_doctor(root: Path, ask: Ask | None = None, notes: Sequence[str] = ()) -> int:
    """Checks that must pass, then notes that do not stop vig (an old backup,
    a store on a network drive). `ask` gives an encrypted store's passphrase
    (the command line's prompt)."""
    checks = [check_libvlc(), check_display(), check_store(root, ask), check_packs()]
    width = max(len(c.label) for c in checks)
    for check in checks:
        mark = "ok " if check.ok else "!! "
        print(f"{mark} {check.label:<{width}}  {check.detail}")
    for note in notes:
        print(f"--  {note}")
    failed = [c for c in checks if not c.ok]
    if failed:
        print(f"\n{counted(len(failed), 'thing')} to sort out (marked !!).")
        return 1
    print("\nAll is well.")
    return 0
