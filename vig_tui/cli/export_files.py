"""`vig export clips` and `vig export bundle`: files that leave the store (privacy rules).

:mod:`vig_tui.cli.export` calls :func:`register` with the `export` command's subparsers.
"""

from __future__ import annotations

import argparse
import sys

from .common import TYPE_CHECKING, open_store

if TYPE_CHECKING:
    from .common import Subparsers


def register(export_subparsers: Subparsers) -> None:
    names = export_subparsers.choices
    if "clips" not in names:
        p = export_subparsers.add_parser(
            "clips", help="copy a family's clips as ordinary video files (needs their consent)"
        )
        p.add_argument("family", metavar="FAMILY")
        p.add_argument(
            "--to", required=True, metavar="DIR", help="folder to write into (e.g. a USB stick)"
        )
        p.add_argument("--cycle", type=int, metavar="N", help="only cycle N (default: every cycle)")
        p.set_defaults(func=cmd_export_clips)
    if "bundle" not in names:
        p = export_subparsers.add_parser(
            "bundle", help="one encrypted file with a family's record and stills, for hand-over"
        )
        p.add_argument("family", metavar="FAMILY")
        p.add_argument("-o", "--output", required=True, metavar="FILE")
        p.set_defaults(func=cmd_export_bundle)


class _Bar:
    """A one-line progress bar on stderr when a person is watching."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()

    def __call__(self, fraction: float, label: str) -> None:
        if self.live:
            filled = int(fraction * 30)
            sys.stderr.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {fraction:4.0%} {label}   ")
            sys.stderr.flush()

    def done(self) -> None:
        if self.live:
            sys.stderr.write("\n")


def cmd_export_clips(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..domain.rules.counts import counted
    from ..privacy.clips import export_family_clips

    store = open_store(args, readonly=True)
    summary = store.resolve(args.family)
    bar = _Bar()
    try:
        written = export_family_clips(store, summary.id, Path(args.to), args.cycle, bar)
    finally:
        bar.done()
    for path in written:
        print(path)
    print(f"{counted(len(written), 'clip')} copied.", file=sys.stderr)
    return 0


def cmd_export_bundle(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..privacy.bundle import export_bundle
    from ..privacy.errors import PrivacyError
    from ..privacy.passphrase import bundle_passphrase

    store = open_store(args, readonly=True)
    summary = store.resolve(args.family)
    out = Path(args.output)
    if out.is_dir():
        raise PrivacyError(f"{out} is a folder; give a file name, e.g. {out / 'family.vigbundle'}")
    path = export_bundle(store, summary.id, out, bundle_passphrase(new=True))
    print(path)
    return 0
