"""`vig` — the command line. With no command it opens the app.

    vig [--data-dir DIR] [COMMAND]

The CLI uses the library, never the reverse: nothing outside this package
imports it. Every command is one line of ``COMMANDS``: its name, the function
in this package that adds its arguments, and its one-line help. Only the command
being run (or whose ``--help`` is asked) is imported and given its arguments;
the others are listed by name and help alone. So `vig --version` and `vig
--help` import no command module, and a command imports only its own, whose
heavy imports (the store, Textual, the player) happen inside the command.

Every error a person can cause (an unknown family, an unwritable folder, a
full disk, a corrupt file, a second vig on the same store) is one clear line
on stderr and a non-zero exit; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import VigError, one_line
from .common import EXIT_ERROR, EXIT_INTERRUPTED, TYPE_CHECKING, data_root, open_store

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .common import Handler

__all__ = ["COMMANDS", "build_parser", "main", "open_store"]

#: Every command, in the order of `vig --help`: its name, "module:function" in this
#: package that adds its arguments to the command's own parser, and its one-line help.
# fmt: off
COMMANDS = (
    ("demo", "demo:register", "add the demo family (once) and print its id"),
    ("families", "families:register", "list the families in the store"),
    ("doctor", "doctor:register", "check VLC, the display, the store and the packs"),
    ("restore-backup", "restore_backup:register", "put FILE's .bak back after FILE was found unreadable"),  # noqa: E501
    ("packs", "packs:register", "list the prompt and questionnaire packs in use, or check pack files"),  # noqa: E501
    ("export", "export:register", "export an ending letter, a family's record or the outcomes"),
    ("erase", "privacy:register_erase", "erase everything the store holds about a family"),
    ("import", "privacy:register_import", "bring a family in from a hand-over bundle"),
    ("passphrase", "privacy:register_passphrase", "turn encryption on, or change the passphrase"),
    ("audit", "privacy:register_audit", "show the audit log (what left or changed, never what was said)"),  # noqa: E501
    ("profile", "profile:register", "show or set your practitioner profile (signs the ending letters)"),  # noqa: E501
    ("backup", "backup:register_backup", "back the whole store up to one encrypted archive in DEST (keeps the last few)"),  # noqa: E501
    ("restore", "backup:register_restore", "unpack a backup archive into an empty folder and check every file"),  # noqa: E501
)
# fmt: on


def cmd_app(args: argparse.Namespace) -> int:
    import gc

    # Start-up builds many objects and almost no garbage, and the collector's passes
    # over them cost ~15% of it: they wait until the first screen is painted
    # (`VigApp.collect_garbage_from_now_on`), or until the app ends, whichever is first.
    gc.disable()
    try:
        from ..ui.launch import run_app  # Textual is only imported when the app runs

        return run_app(data_root(args))
    finally:
        gc.enable()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The `vig` parser. Every command is listed with its help; only `command` (if
    given) is imported and takes its arguments. The others are bare entries,
    enough to pick a command out of the command line (`main` does that first)."""
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
    _add_data_dir(parser, default=None)
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for name, where, help_ in COMMANDS:
        if name != command:
            sub.add_parser(name, help=help_, add_help=False)
            continue
        from importlib import import_module

        module, function = where.split(":")
        command_parser = sub.add_parser(name, help=help_)
        getattr(import_module(f".{module}", __name__), function)(command_parser)
        # `vig export record F --data-dir X` means `vig --data-dir X export record F`;
        # SUPPRESS keeps a --data-dir given before the command when none comes after.
        _add_data_dir_to_each(command_parser)
    return parser


def _add_data_dir(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        type=_folder,
        help="use the store in DIR (overrides VIG_DATA_DIR)",
    )


def _add_data_dir_to_each(parser: argparse.ArgumentParser) -> None:
    """--data-dir on a command's parser and on every parser under it."""
    _add_data_dir(parser, default=argparse.SUPPRESS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _add_data_dir_to_each(child)


def _folder(value: str) -> str:
    """A --data-dir value: an empty one would quietly mean the default store."""
    if not value.strip():
        raise argparse.ArgumentTypeError("give the store's folder (it was empty)")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    # First which command (`--version`, `--help` and a wrong name end here), then
    # the full parse with that command's own arguments.
    args, _rest = build_parser().parse_known_args(argv)
    if args.command is not None:
        args = build_parser(args.command).parse_args(argv)
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
    except OSError as err:
        if err.filename is None:
            return _crashed(args, err)
        from ..store.output_file import os_reason

        print(f"vig: cannot use {err.filename}: {os_reason(err)}.", file=sys.stderr)
        return EXIT_ERROR
    except Exception as err:  # last resort: a report, never a traceback
        return _crashed(args, err)


def _crashed(args: argparse.Namespace, err: Exception) -> int:
    from ..crash import write_crash_report

    try:
        root = data_root(args)
    except VigError:
        report = None
    else:
        report = write_crash_report(root, err)
    where = f" A report was saved to {report}." if report else ""
    print(f"vig: something went wrong ({type(err).__name__}).{where}", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
