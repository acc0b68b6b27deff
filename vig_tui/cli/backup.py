"""`vig backup DEST` and `vig restore ARCHIVE DIR`: the whole store in one encrypted archive."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import data_root

ENV_BACKUP = "VIG_BACKUP_PASSPHRASE"


def register_backup(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Write every family, still and setting into one encrypted archive in DEST, read it "
        "back to check it, and keep the last few archives there. An encrypted store's "
        "archive opens with the store's passphrase; a plain store's with its own "
        f"({ENV_BACKUP} or a prompt). Films are not in it: vig keeps only where each "
        "film is, and names those folders after the backup."
    )
    p.add_argument("dest", metavar="DEST", help="a folder on another disk (USB stick, drive)")
    p.add_argument(
        "--keep", metavar="N", help="archives to keep in DEST, 1 to 99 (default: the last five)"
    )
    p.add_argument(
        "--remind-days",
        type=int,
        metavar="DAYS",
        help="remind when the last backup is older than DAYS (default: a week)",
    )
    p.set_defaults(func=cmd_backup)


def register_restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("dir", metavar="DIR", help="a new or empty folder for the restored store")
    p.set_defaults(func=cmd_restore)


def _ask(prompt: str, env: str, *, twice: bool) -> str:
    import getpass
    import os

    from ..store.crypto import PassphraseNeededError

    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise PassphraseNeededError(
            f"A passphrase is needed; run this in a terminal to type it, or set {env}."
        )
    value = getpass.getpass(prompt)
    if twice and getpass.getpass("Type it again: ") != value:
        raise PassphraseNeededError("The two passphrases differ; nothing was done.")
    return value


class _Meter:
    """Progress on stderr, only for a person watching a terminal."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int, what: str) -> None:
        if not self.on:
            return
        percent = 100 * done // total if total else 100
        if what == "restore":
            text = f"\rRestoring: {done / 1e6:.1f} MB"
        else:
            percent = min(percent, 100)
            if percent == self.last:
                return
            text = f"\r{'Backing up' if what == 'backup' else 'Checking'}: {percent:3d}%"
        self.last = percent
        print(text, end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.on:
            print("\r" + " " * 30 + "\r", end="", file=sys.stderr, flush=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from ..privacy.passphrase import ENV_STORE
    from ..services.backup import DEFAULT_KEEP, backup_store, keep_count
    from ..store.crypto import is_encrypted

    keep = DEFAULT_KEEP if args.keep is None else keep_count(args.keep)
    root = data_root(args)
    if is_encrypted(root):
        passphrase = _ask(f"Passphrase for the store at {root}: ", ENV_STORE, twice=False)
    else:
        passphrase = _ask("A passphrase for this backup: ", ENV_BACKUP, twice=True)
    meter = _Meter()
    try:
        result = backup_store(
            root,
            Path(args.dest),
            passphrase,
            keep=keep,
            remind_days=args.remind_days,
            on_progress=meter,
        )
    finally:
        meter.done()
    from ..domain.rules.counts import counted
    from ..services.backup_contents import size_text

    print(
        f"Backed up {counted(result.files, 'file')} to {result.archive} "
        f"({size_text(result.archive_size)}), read back and checked."
    )
    print(f"In it: {result.contents}.")
    if result.removed:
        print(f"Removed {counted(len(result.removed), 'older backup')}; the last {keep} are kept.")
    print(_films_note(root, passphrase))
    if result.same_disk:
        print(
            "Note: this is the same disk as the store; it will not help if the laptop is lost. "
            "Back up to a USB stick or another drive too.",
            file=sys.stderr,
        )
    return 0


def _films_note(root: Path, passphrase: str) -> str:
    """That films are not in the backup, and the folders they are in (read
    from the store, read-only; when it cannot be read, the sentence alone)."""
    from ..errors import VigError
    from ..services.backup_films import NOT_IN_BACKUP, film_folders, films_note
    from ..store import PLAIN, Codec, Store, crypto

    try:
        codec: Codec = crypto.unlock(root, passphrase) if crypto.is_encrypted(root) else PLAIN
        with Store.open(root, readonly=True, codec=codec) as store:
            return films_note(film_folders(store))
    except (VigError, OSError):
        return NOT_IN_BACKUP


def cmd_restore(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from ..privacy.passphrase import ENV_STORE
    from ..services.restore import archive_is_for_encrypted_store, restore_store

    archive = Path(args.archive)
    if archive_is_for_encrypted_store(archive):
        env = ENV_BACKUP if os.environ.get(ENV_BACKUP) else ENV_STORE
        prompt = "Passphrase the store had when it was backed up: "
    else:
        env, prompt = ENV_BACKUP, "Passphrase for this backup: "
    passphrase = _ask(prompt, env, twice=False)
    meter = _Meter()
    try:
        result = restore_store(archive, Path(args.dir), passphrase, on_progress=meter)
    finally:
        meter.done()
    from ..domain.rules.counts import counted

    print(
        f"Restored {counted(result.files, 'file')} "
        f"({counted(result.families, 'family', 'families')}) into {result.root}; every "
        f"file was checked and the store opens. Use it with `vig --data-dir {result.root}`."
    )
    return 0
