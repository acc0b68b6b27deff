"""`vig export letter|record|outcomes` — read-only commands, safe while the app is open.

Each export opens the store read-only (no lock), writes its output to stdout
or, with -o, to a file that appears whole or not at all (temporary file in
the same folder, fsync, rename), and adds one line to the audit log (facts
only: what, which format, where to — never any of the content).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Any

from ..store import Store, StoreError
from ..store.atomic import FILE_MODE, TMP_PREFIX, fsync_dir
from ..store.audit import log_event


class ExportError(StoreError):
    """An export could not be written; nothing was left half-written."""


def _packs() -> object | None:
    try:
        from ..packs import load_packs

        return load_packs()
    except Exception:  # a broken pack must not stop an export: scores show as unavailable
        return None


def _open(args: argparse.Namespace) -> Store:
    from ..cli import open_store

    return open_store(args, readonly=True)


def _reason(err: OSError) -> str:
    import errno

    if isinstance(err, FileNotFoundError):
        return "its folder does not exist"
    if isinstance(err, IsADirectoryError):
        return "that is a folder, not a file"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno == errno.EROFS:
        return "the disk is read-only"
    return err.strerror or type(err).__name__


def deliver(
    store: Store, text: str, output: str | None, action: str, family_id: str | None, **facts: Any
) -> None:
    """Write `text` to stdout or `output`, logging the export in the audit log.

    For a file: the text goes to a temporary file beside it first; only when
    that is safely on disk and the audit line is written does it take the
    file's name. On any failure nothing is left behind."""
    data = text.encode("utf-8")
    if output is None or output == "-":
        _audit(store, action, family_id, destination="stdout", **facts)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output).expanduser()
    if target.is_dir():
        raise ExportError(
            f"Cannot write {target}: that is a folder, not a file. Give a file name with -o."
        )
    folder = target.parent
    tmp = folder / f"{TMP_PREFIX}{target.name}.{os.getpid()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(
            f"Cannot write {target}: {_reason(err)}. Nothing was written; "
            "choose another place with -o."
        ) from err
    try:
        _audit(store, action, family_id, destination="file", file=target.name, **facts)
        os.replace(tmp, target)
        fsync_dir(folder)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise ExportError(
                f"Cannot write {target}: {_reason(err)}. Nothing was written; "
                "choose another place with -o."
            ) from err
        raise


def _audit(store: Store, action: str, family_id: str | None, **facts: Any) -> None:
    if not store.root.is_dir():
        return  # no store yet: nothing was held, nothing left it
    try:
        log_event(store.root, action, family_id, store.codec, **facts)
    except OSError as err:
        raise ExportError(
            f"Could not record this export in the audit log at {store.root} ({_reason(err)}); "
            "nothing was exported."
        ) from err


# -- commands --------------------------------------------------------------------------------
def cmd_letter(args: argparse.Namespace) -> int:
    from .letter import letter_markdown, render_html

    store = _open(args)
    summary = store.resolve(args.family)
    record = store.read_family(summary.id)
    markdown, missing = letter_markdown(record, _packs(), fresh=args.fresh)
    text = render_html(markdown) if args.format == "html" else markdown
    deliver(
        store,
        text,
        args.output,
        "export.letter",
        summary.id,
        format=args.format,
        draft=bool(missing) or args.fresh or not record.letters,
    )
    if missing:
        print(
            "vig: this letter is a draft; still missing: " + "; ".join(missing) + ".",
            file=sys.stderr,
        )
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from .record import record_json, record_markdown

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
    from ..desk.kept import read_kept
    from ..desk.load import iter_records
    from .outcomes_csv import outcome_rows, outcomes_csv

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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="export an ending letter, a family's record or the outcomes",
        description="Exports read the store without locking it, so they work while vig is "
        "open. Every export is noted in the audit log (what and where, never "
        "the content). Without -o the export is printed.",
    )
    kinds = export.add_subparsers(title="what to export", metavar="WHAT")
    export.set_defaults(func=lambda _args: _usage(export))

    p = kinds.add_parser("letter", help="the ending letter (as edited, or a fresh draft)")
    p.add_argument("family", metavar="FAMILY", help="the family's id or the start of its label")
    p.add_argument(
        "--format",
        choices=("md", "html"),
        default="md",
        help="Markdown, or one print-ready HTML page (default: md)",
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


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("vig: say what to export: letter, record or outcomes.", file=sys.stderr)
    return 2
