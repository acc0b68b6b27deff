"""The ``vig packs`` command: list loaded packs, or check pack files."""

from __future__ import annotations

import argparse
import sys

from .common import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def list_packs(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``vig packs``: show every loaded pack, where it came from, and any warnings."""
    from ..packs.loader import load_packs, shipped_packs_dir, user_packs_dir

    out = out or sys.stdout
    packs = load_packs()
    print(f"Shipped packs: {shipped_packs_dir()}", file=out)
    print(f"Your packs:    {user_packs_dir()}", file=out)
    print("", file=out)
    if packs.packs:
        rows = [["KIND", "ID", "VERSION", "TITLE", "FROM", "FILE"]]
        for info in packs.packs:
            origin: str = info.origin
            if info.overrides:
                origin += f" (replaces {', '.join(info.overrides)})"
            rows.append([info.kind, info.id, info.version, info.title, origin, info.file])
        for line in _table(rows):
            print(line, file=out)
    else:
        print("No packs are loaded.", file=out)
    if packs.warnings:
        print("", file=out)
        print(f"Warnings ({len(packs.warnings)}):", file=out)
        for warning in packs.warnings:
            print(f"  {warning}", file=out)
    return 0


def check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``vig packs check [PATH ...]``: exit 0 when every pack is fine, 1 otherwise."""
    from pathlib import Path

    from ..domain.rules.counts import counted
    from ..packs.loader import check_paths

    out = out or sys.stdout
    paths = [Path(p) for p in getattr(args, "paths", None) or []]
    report = check_paths(paths)
    for error in report.errors:
        print(str(error), file=out)
    if report.ok:
        what = "pack" if report.packs_ok == 1 else "packs"
        print(f"all {report.packs_ok} {what} OK", file=out)
        return 0
    n = len(report.errors)
    print(f"{counted(n, 'problem')} found in {counted(report.files, 'file')}", file=out)
    return 1


def register(parser: argparse.ArgumentParser) -> None:
    """Give the ``packs`` command's parser its arguments (and ``packs check``)."""
    parser.description = (
        "Without a subcommand, list every loaded pack and where it came from. "
        "Use 'check' to look for mistakes in pack files."
    )
    parser.set_defaults(func=list_packs)
    sub = parser.add_subparsers(dest="packs_command", metavar="{check}")
    checker = sub.add_parser(
        "check",
        help="check pack files for mistakes",
        description=(
            "Check the shipped packs (no PATH) or the given files and folders. "
            "Each problem is printed as FILE:LINE:COL: message. Exit status 1 if any problem."
        ),
    )
    checker.add_argument("paths", nargs="*", metavar="PATH", help="pack file or folder")
    checker.set_defaults(func=check)
