"""`vig demo`: add the demo family (once) and print its id."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, open_store


def register(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from ..demo import add_demo_family

    with open_store(args) as store:
        family_id, added = add_demo_family(store)
    print(family_id)
    if not added:
        print("The demo family was already there; nothing was added.", file=sys.stderr)
    return EXIT_OK
