"""`vig restore-backup FILE`: put FILE's .bak back after FILE was found unreadable."""

from __future__ import annotations

import argparse

from .common import EXIT_OK


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore_backup)


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..store import crypto, restore_backup
    from ..store.restore import store_root_of

    path = Path(args.file)
    root = store_root_of(path)
    codec = None
    if crypto.is_encrypted(root):  # to tell a damaged file from a healthy one
        from ..privacy.passphrase import store_passphrase

        codec = crypto.unlock(root, store_passphrase(root))
    aside = restore_backup(path, codec)
    print(f"Restored {path} from its backup. The unreadable file was kept as {aside.name}.")
    return EXIT_OK
