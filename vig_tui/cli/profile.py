"""`vig profile`: show or set the practitioner's profile (name, role, service,
contact, signature line) used to sign ending letters and exports."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, EXIT_USAGE, open_store

FIELDS = ("name", "role", "service", "contact", "signature", "prompts")
HELP = {"signature": "set the letter's closing line, used in place of “With warm wishes,”"}


def cmd_profile(args: argparse.Namespace) -> int:
    from ..services.profile import practitioner_profile, update_profile

    changes = {f: getattr(args, f) for f in FIELDS if getattr(args, f) is not None}
    store = open_store(args, readonly=not changes)
    try:
        if changes:
            try:
                profile = update_profile(store, **changes)
            except ValueError as err:
                print(f"vig: the profile was not saved: {err}", file=sys.stderr)
                return EXIT_USAGE
            print("Saved the practitioner profile.")
        else:
            profile = practitioner_profile(store)
    finally:
        store.close()
    for name in FIELDS:
        print(f"{name:>9}: {getattr(profile, name) or '-'}")
    return EXIT_OK


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "With no options, shows the profile. Each option sets one field; "
        'an empty value ("") clears it.'
    )
    for name in FIELDS[:-1]:
        parser.add_argument(f"--{name}", metavar="TEXT", help=HELP.get(name, f"set the {name}"))
    parser.add_argument(
        "--prompts",
        choices=("core", "all"),
        help="which prompts the meetings offer: the packs' core set (the default) or all",
    )
    parser.set_defaults(func=cmd_profile)
