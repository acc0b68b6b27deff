"""`vig export booklet FAMILY`: the family's moments booklet as PDF (or print-ready HTML).

:mod:`vig_tui.cli.export` calls :func:`register` with the `export` command's subparsers.
"""

from __future__ import annotations

import argparse
import sys

from .common import TYPE_CHECKING, open_store

if TYPE_CHECKING:
    from .common import Subparsers


def register(export_subparsers: Subparsers) -> None:
    p = export_subparsers.add_parser(
        "booklet",
        help="the family's moments booklet: stills, their words, their questions (needs consent)",
    )
    p.add_argument("family", metavar="FAMILY", help="the family's id or the start of its label")
    p.add_argument(
        "--format",
        choices=("pdf", "html"),
        help="PDF, or one print-ready A4 HTML page (default: from the -o name, else html)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.set_defaults(func=cmd_export_booklet)


def cmd_export_booklet(args: argparse.Namespace) -> int:
    from ..export.pdf import deliver_printable
    from ..packs import load_packs
    from ..services.booklet import make_booklet
    from ..services.stills import unpicked_note

    store = open_store(args, readonly=True)
    summary = store.resolve(args.family)
    booklet = make_booklet(store, summary.id, load_packs())
    note = deliver_printable(
        store, booklet.html, args.output, args.format, "export.booklet", summary.id
    )
    for line in (note, unpicked_note(booklet.unpicked)):
        if line:
            print(f"vig: {line}", file=sys.stderr)
    return 0
