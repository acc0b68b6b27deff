"""`vig` — the command line. With no command it opens the app.

    vig [--data-dir DIR] [COMMAND]

The CLI uses the library, never the reverse: nothing outside this package
imports it. Each command is a small module here with a ``register(sub)``
function, listed once in ``COMMANDS``; its heavy imports (the store, Textual,
the player) happen inside the command, so building the parser and
`vig --version` stay as light as argparse.

Every error a person can cause (an unknown family, an unwritable folder, a
full disk, a corrupt file, a second vig on the same store) is one clear line
on stderr and a non-zero exit; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import VigError, one_line
from . import backup, demo, doctor, export, families, packs, privacy, profile, restore_backup
from .common import EXIT_ERROR, EXIT_INTERRUPTED, TYPE_CHECKING, data_root, open_store

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .common import Handler

__all__ = ["build_parser", "main", "open_store"]

# The order is the order of `vig --help`.
COMMANDS = (demo, families, doctor, restore_backup, packs, export, privacy, profile, backup)


def cmd_app(args: argparse.Namespace) -> int:
    from ..ui.launch import run_app  # Textual is only imported when the app runs

    return run_app(data_root(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vig",
        description=(
            "A calm companion for Video Interaction Guidance: helping questions, "
            "shared reviews of short clips, questionnaires and notes, kept safe on this computer. "
            "With no command, opens the app."
        ),
        epilog=(
            "The store lives in your per-user data folder unless --data-dir or VIG_DATA_DIR says "
            "otherwise. FAMILY may be a family's id or the start of its label."
        ),
    )
    parser.add_argument("--version", action="version", version=f"vig {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="use the store in DIR (overrides VIG_DATA_DIR)"
    )
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.func
    streams = sys.stdout, sys.stderr
    if handler is not cmd_app:  # user and pack text never drives the terminal
        from ..domain.printable import PrintableStream

        sys.stdout, sys.stderr = PrintableStream(sys.stdout), PrintableStream(sys.stderr)
    try:
        return _run(handler, args)
    finally:
        sys.stdout, sys.stderr = streams


def _run(handler: Handler, args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except VigError as err:  # written for people: one line, no traceback
        print(f"vig: {one_line(err)}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as err:  # last resort: a report, never a traceback
        from ..crash import write_crash_report

        report = write_crash_report(data_root(args), err)
        where = f" A report was saved to {report}." if report else ""
        print(f"vig: something went wrong ({type(err).__name__}).{where}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
