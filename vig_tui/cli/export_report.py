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
    from pathlib import Path

    from ..desk.load import iter_records
    from ..desk.overview import service_overview
    from ..export.deliver import deliver
    from ..export.pdf import PdfUnavailable, html_to_pdf
    from ..export.report import report_html
    from ..outcomes.kept import read_kept
    from ..packs import load_packs

    store = open_store(args, readonly=True)
    records = list(iter_records(store, include_demo=args.include_demo))
    kept = read_kept(store.root, store.codec)
    overview = service_overview(records, load_packs(), args.include_demo, kept)
    html = report_html(overview, date.today().isoformat())
    output = args.output
    fmt = args.format or ("pdf" if output and output.lower().endswith(".pdf") else "html")
    facts = {"families": overview.families, "erased": overview.erased}
    if fmt == "pdf":
        if output in (None, "-") and sys.stdout.isatty():
            print("vig: a PDF is not for the terminal; give a file name with -o.", file=sys.stderr)
            return 2
        try:
            pdf = html_to_pdf(html)
        except PdfUnavailable as err:
            if output in (None, "-"):
                raise
            fallback = str(Path(output).with_suffix(".html"))
            deliver(store, html, fallback, "export.report", None, format="html", **facts)
            print(
                f"vig: {err}. The report was written as HTML instead: {fallback}", file=sys.stderr
            )
            return 0
        deliver(store, pdf, output, "export.report", None, format="pdf", **facts)
    else:
        deliver(store, html, output, "export.report", None, format="html", **facts)
    return 0
