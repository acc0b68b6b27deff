"""`vig families`: list the families in the store (read-only, no lock)."""

from __future__ import annotations

import argparse
import json
import sys

from .common import EXIT_OK, open_store


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable list")
    p.set_defaults(func=cmd_families)


def cmd_families(args: argparse.Namespace) -> int:
    store = open_store(args, readonly=True)
    summaries = store.summaries()
    missing = store.missing_notes()
    for note in missing:  # on stderr: the list (and --json) stays the families there are
        print(note, file=sys.stderr)
    if args.json:
        print(json.dumps([s.as_dict() for s in summaries], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not summaries and missing:
        return EXIT_OK
    if not summaries:
        print("No families yet. Run `vig demo` to add a demo family, or open `vig` to add one.")
        return EXIT_OK
    width = max(len(s.label) for s in summaries)
    for s in summaries:
        print(f"{s.id[:8]}  {s.label:<{width}}  {s.status:<8}  {s.next_step}")
    return EXIT_OK
