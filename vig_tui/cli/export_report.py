"""`vig export report`: the service outcome report as PDF (or print-ready HTML).

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
        "report",
        help="the service outcome report: numbers, charts and method, no family's words",
    )
    p.add_argument(
        "--format",
        choices=("pdf", "html"),
        help="PDF, or one print-ready HTML page (default: from the -o name, else html)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.add_argument("--include-demo", action="store_true", help="include the demo family")
    p.set_defaults(func=cmd_export_report)


def cmd_export_report(args: argparse.Namespace) -> int:
    from datetime import date

    from ..desk.load import iter_records
    from ..desk.overview import service_overview
    from ..desk.report import report_html
    from ..export.pdf import deliver_printable
    from ..outcomes.kept import read_kept
    from ..packs import load_packs

    store = open_store(args, readonly=True)
    records = list(iter_records(store, include_demo=args.include_demo))
    kept = read_kept(store.root, store.codec)
    overview = service_overview(records, load_packs(), args.include_demo, kept)
    html = report_html(overview, date.today().isoformat())
    facts = {"families": overview.families, "erased": overview.erased}
    note = deliver_printable(store, html, args.output, args.format, "export.report", None, **facts)
    if note:
        print(f"vig: {note}", file=sys.stderr)
    return 0
