"""What every `vig` command shares: exit codes, the store folder and opening the store.

Command modules import only argparse, sys, json and this module at their top
(the rest inside each command), so a command's parser costs little beyond
argparse's own; `vig --version` and `vig --help` import no command module at all.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # not `from typing`: importing typing alone costs `vig --version` ~6 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import TypeAlias

    from ..store import Store

    Handler: TypeAlias = Callable[[argparse.Namespace], int]
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def data_root(args: argparse.Namespace) -> Path:
    """The store folder: --data-dir, else VIG_DATA_DIR, else the per-user data folder."""
    from ..store.paths import resolve_data_dir

    return resolve_data_dir(args.data_dir)


def open_store(args: argparse.Namespace, *, readonly: bool = False) -> Store:
    """The one place commands open the store (read-only commands take no lock).
    An encrypted store asks for its passphrase (VIG_PASSPHRASE, else a prompt on
    a terminal, else one line saying how) and refuses a wrong one before
    anything is touched."""
    from ..store import PLAIN, Codec, Store, crypto

    root = data_root(args)
    codec: Codec = PLAIN
    if crypto.is_encrypted(root):
        from ..privacy.passphrase import store_passphrase

        codec = crypto.unlock(root, store_passphrase(root))
    return Store.open(root, readonly=readonly, codec=codec)
