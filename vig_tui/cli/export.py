"""`vig export letter|record|outcomes|clips|bundle` — read-only, safe while the app is open.

Each export opens the store read-only (no lock) and hands its text to
:func:`vig_tui.export.deliver.deliver`, which prints it or writes a file that
appears whole or not at all, and notes the export in the audit log.
A new kind of export is a module with a ``register(kinds)`` function, added to
``MORE_EXPORTS`` below.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import export_booklet, export_files, export_report
from .common import TYPE_CHECKING, open_store

if TYPE_CHECKING:
    from ..store import Store

MORE_EXPORTS = (export_files.register, export_report.register, export_booklet.register)


def _packs() -> object | None:
    try:
        from ..packs import load_packs

        return load_packs()
    except Exception:  # a broken pack must not stop an export: scores show as unavailable
        return None


def _open(args: argparse.Namespace) -> Store:
    return open_store(args, readonly=True)


def _letter_format(asked: str | None, output: str | None) -> str:
    """The letter's format: as asked, else as the file's name says (a page
    for .html/.htm and .pdf), else Markdown — never Markdown in a .pdf file."""
    if asked:
        return asked
    suffix = Path(output or "").suffix.lower()
    return {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(suffix, "md")


def cmd_letter(args: argparse.Namespace) -> int:
    from ..export.deliver import deliver
    from ..export.pdf import deliver_printable
    from ..services.letter import letter_file_in, letter_page_in, saved_or_draft

    store = _open(args)
    summary = store.resolve(args.family)
    record = store.read_family(summary.id)
    from ..services.profile import practitioner_profile

    markdown, missing = saved_or_draft(
        record, _packs(), fresh=args.fresh, profile=practitioner_profile(store)
    )
    draft = bool(missing) or args.fresh or not record.letters
    kind = _letter_format(args.format, args.output)
    if kind == "md":
        text = letter_file_in(store, summary.id, markdown)  # the page's stills, inside the file
        deliver(store, text, args.output, "export.letter", summary.id, format="md", draft=draft)
    else:
        note = deliver_printable(
            store,
            letter_page_in(store, summary.id, markdown),
            args.output,
            kind,
            "export.letter",
            summary.id,
            draft=draft,
        )
        if note:
            print(f"vig: {note}", file=sys.stderr)
    if missing:
        print(
            "vig: this letter is a draft; still missing: " + "; ".join(missing) + ".",
            file=sys.stderr,
        )
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from ..export.deliver import deliver
    from ..export.record import record_json, record_markdown

    store = _open(args)
    summary = store.resolve(args.family)
    record = store.read_family(summary.id)
    if args.format == "json":
        text = record_json(record, store.root, store.codec)
    else:
        text = record_markdown(record, _packs())
    deliver(store, text, args.output, "export.record", summary.id, format=args.format)
    return 0


def cmd_outcomes(args: argparse.Namespace) -> int:
    from ..desk.load import iter_records
    from ..export.deliver import deliver
    from ..export.outcomes_csv import outcome_rows, outcomes_csv
    from ..outcomes.kept import read_kept

    store = _open(args)
    packs = _packs()
    records = list(iter_records(store, include_demo=args.include_demo))
    kept = read_kept(store.root, store.codec)
    text = outcomes_csv(records, packs, kept)
    _header, rows = outcome_rows(records, packs, kept)
    deliver(
        store,
        text,
        args.output,
        "export.outcomes",
        None,
        format="csv",
        families=len(records),
        rows=len(rows),
    )
    return 0


def register(export: argparse.ArgumentParser) -> None:
    export.description = (
        "Exports read the store without locking it, so they work while vig is "
        "open. Every export is noted in the audit log (what and where, never "
        "the content). Without -o the export is printed."
    )
    kinds = export.add_subparsers(title="what to export", metavar="WHAT")
    export.set_defaults(func=lambda _args: _usage(export, list(kinds.choices)))

    p = kinds.add_parser("letter", help="the ending letter (as edited, or a fresh draft)")
    p.add_argument("family", metavar="FAMILY", help="the family's id or the start of its label")
    p.add_argument(
        "--format",
        choices=("md", "html", "pdf"),
        help="Markdown, one print-ready HTML page, or PDF (default: from the -o name, else md)",
    )
    p.add_argument(
        "--fresh",
        action="store_true",
        help="draft the letter again from the record, ignoring saved edits",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.set_defaults(func=cmd_letter)

    p = kinds.add_parser("record", help="everything held about a family (subject access)")
    p.add_argument("family", metavar="FAMILY", help="the family's id or the start of its label")
    p.add_argument(
        "--format",
        choices=("json", "md"),
        default="json",
        help="complete machine-readable JSON, or Markdown to read (default: json)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.set_defaults(func=cmd_record)

    p = kinds.add_parser("outcomes", help="ratings and questionnaires of all families as CSV")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.add_argument("--include-demo", action="store_true", help="include the demo family")
    p.set_defaults(func=cmd_outcomes)

    for more in MORE_EXPORTS:
        more(kinds)


def _usage(parser: argparse.ArgumentParser, kinds: list[str]) -> int:
    parser.print_usage(sys.stderr)
    listed = ", ".join(kinds[:-1]) + " or " + kinds[-1]
    print(f"vig: say what to export: {listed}.", file=sys.stderr)
    return 2
