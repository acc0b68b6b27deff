"""Asking for passphrases on the command line.

Scripts and tests set an environment variable; a person at a terminal is
asked without echo; anything else gets one clear line instead of a hang.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..store.crypto import PassphraseNeededError, check_new_passphrase

ENV_STORE = "VIG_PASSPHRASE"
ENV_NEW = "VIG_NEW_PASSPHRASE"
ENV_BUNDLE = "VIG_BUNDLE_PASSPHRASE"


def _interactive() -> bool:
    return sys.stdin.isatty()


def store_passphrase(root: Path) -> str:
    value = os.environ.get(ENV_STORE)
    if value:
        return value
    if _interactive():
        return getpass.getpass(f"Passphrase for the store at {root}: ")
    raise PassphraseNeededError(
        f"The store at {root} is encrypted; run this in a terminal to type its passphrase, "
        f"or set {ENV_STORE}."
    )


def new_passphrase(what: str = "the store", env: str = ENV_NEW) -> str:
    value = os.environ.get(env)
    if value is None:
        if not _interactive():
            raise PassphraseNeededError(
                f"A new passphrase for {what} is needed; run this in a terminal to type it, "
                f"or set {env}."
            )
        value = getpass.getpass(f"New passphrase for {what}: ")
        again = getpass.getpass("Type it again: ")
        if value != again:
            raise PassphraseNeededError("The two passphrases differ; nothing was changed.")
    check_new_passphrase(value)
    return value


def bundle_passphrase(new: bool) -> str:
    value = os.environ.get(ENV_BUNDLE)
    if value:
        if new:
            check_new_passphrase(value)
        return value
    if new:
        return new_passphrase("the bundle", ENV_BUNDLE)
    if _interactive():
        return getpass.getpass("Passphrase for the bundle: ")
    raise PassphraseNeededError(
        "The bundle's passphrase is needed; run this in a terminal to type it, "
        f"or set {ENV_BUNDLE}."
    )
