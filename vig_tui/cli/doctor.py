"""`vig doctor`: check VLC, the display, the store and the packs."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import data_root


def register(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    from ..doctor import run_doctor
    from ..services.filesystems import network_warning
    from ..services.last_backup import backup_reminder
    from ..services.room_state import room_note

    root = data_root(args)
    said = (network_warning(root), backup_reminder(root), room_note(root))
    notes = [note for note in said if note]
    return run_doctor(root, _store_passphrase, notes)


def _store_passphrase(root: Path) -> str:
    # imported only for an encrypted store: the privacy package pulls in PyAV
    from ..privacy.passphrase import store_passphrase

    return store_passphrase(root)
