"""Privacy commands: `vig erase`, `vig import bundle`, `vig passphrase`, `vig audit`.

`vig export clips|bundle` live in :mod:`vig_tui.cli.export_files`.
"""

from __future__ import annotations

import argparse
import json
import sys

from .common import open_store


def register_erase(p: argparse.ArgumentParser) -> None:
    p.add_argument("family", metavar="FAMILY")
    p.add_argument(
        "--confirm",
        required=True,
        metavar="LABEL",
        help="the family's label, typed again to confirm",
    )
    p.set_defaults(func=cmd_erase)


def register_import(p: argparse.ArgumentParser) -> None:
    isub = p.add_subparsers(title="what", metavar="WHAT", required=True)
    b = isub.add_parser("bundle", help="import a family from a bundle made by `vig export bundle`")
    b.add_argument("file", metavar="FILE")
    which = b.add_mutually_exclusive_group()
    which.add_argument(
        "--replace",
        action="store_true",
        help="replace a family already here with the bundle's copy (never with an older one)",
    )
    which.add_argument(
        "--as-new",
        action="store_true",
        help="add the bundle's family as a new family, keeping one already here",
    )
    b.set_defaults(func=cmd_import_bundle)


def register_passphrase(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["enable", "change"])
    p.set_defaults(func=cmd_passphrase)


def register_audit(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable list")
    p.set_defaults(func=cmd_audit)


def cmd_erase(args: argparse.Namespace) -> int:
    from ..outcomes.kept import KEPT_AFTER_ERASE
    from ..privacy.erase import erase_family

    with open_store(args) as store:
        result = erase_family(store, args.family, args.confirm)
    from ..domain.printable import printable

    print("The family's record, stills and backups were erased from the store.")
    if result.numbers_kept:
        print(KEPT_AFTER_ERASE)
    if result.films_outside:
        print("These films are outside the store; please delete them yourself:")
        for film in result.films_outside:
            print(f"  {printable(str(film), one_line=True)}")
    if result.copies_made:
        print("Copies were made earlier; please delete them wherever they still are:")
        for copy in result.copies_made:
            print(f"  {printable(copy, one_line=True)}")
    return 0


def cmd_import_bundle(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..domain.rules.counts import counted
    from ..privacy.bundle import import_bundle
    from ..privacy.passphrase import bundle_passphrase

    with open_store(args) as store:
        result = import_bundle(
            store,
            Path(args.file),
            bundle_passphrase(new=False),
            replace=args.replace,
            as_new=args.as_new,
        )
    how = "updated" if result.replaced else "added"
    print(f"{result.family_id[:8]} {how} ({counted(result.stills, 'still')}).")
    for note in result.notes:
        print(note)
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    from ..privacy.errors import PrivacyError
    from ..privacy.passphrase import new_passphrase
    from ..store.crypto import is_encrypted

    with open_store(args) as store:
        encrypted = is_encrypted(store.root)
        if args.action == "enable" and encrypted:
            raise PrivacyError("This store is already encrypted; use `vig passphrase change`.")
        if args.action == "change" and not encrypted:
            raise PrivacyError("This store is not encrypted yet; use `vig passphrase enable`.")
        store.change_passphrase(new_passphrase())
    print("Encryption is on." if args.action == "enable" else "The passphrase was changed.")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from ..privacy.audit_view import rows
    from ..store.audit import read_events

    store = open_store(args, readonly=True)
    if args.json:
        events = [e.__dict__ for e in read_events(store.root, store.codec)]
        print(json.dumps(events, ensure_ascii=False, indent=2))
        return 0
    lines = rows(store)
    if not lines:
        print("The audit log is empty.")
    for when, family, what in lines:
        print(f"{when}  {family:<24.24}  {what}")
    sys.stdout.flush()
    return 0
