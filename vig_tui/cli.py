"""`vig` — the command line. With no command it opens the app.

    vig [--data-dir DIR] [COMMAND]

Every error a person can cause (an unknown family, an unwritable folder, a
full disk, a corrupt file, a second vig on the same store) is one clear line
on stderr and a non-zero exit; nothing is overwritten.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .crash import write_crash_report
from .store import (
    CorruptFileError,
    Store,
    StoreError,
    StoreLockedError,
    resolve_data_dir,
    restore_backup,
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_LOCKED = 3

Handler = Callable[[argparse.Namespace], int]


def _root(args: argparse.Namespace) -> Path:
    return resolve_data_dir(args.data_dir)


def open_store(args: argparse.Namespace, *, readonly: bool = False) -> Store:
    """The one place commands open the store (read-only commands take no lock).
    An encrypted store asks for its passphrase (VIG_PASSPHRASE, else a prompt on
    a terminal, else one line saying how) and refuses a wrong one before
    anything is touched."""
    from .store import crypto

    root = _root(args)
    codec: crypto.Codec = crypto.PLAIN
    if crypto.is_encrypted(root):
        from .privacy.passphrase import store_passphrase

        codec = crypto.unlock(root, store_passphrase(root))
    return Store.open(root, readonly=readonly, codec=codec)


# -- commands -------------------------------------------------------------------
def cmd_app(args: argparse.Namespace) -> int:
    from .ui.launch import run_app  # Textual is only imported when the app runs

    return run_app(_root(args))


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import add_demo_family

    with open_store(args) as store:
        family_id, added = add_demo_family(store)
    print(family_id)
    if not added:
        print("The demo family was already there; nothing was added.", file=sys.stderr)
    return EXIT_OK


def cmd_families(args: argparse.Namespace) -> int:
    store = open_store(args, readonly=True)
    summaries = store.summaries()
    if args.json:
        print(json.dumps([s.as_dict() for s in summaries], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not summaries:
        print("No families yet. Run `vig demo` to add a demo family, or open `vig` to add one.")
        return EXIT_OK
    width = max(len(s.label) for s in summaries)
    for s in summaries:
        print(f"{s.id[:8]}  {s.label:<{width}}  {s.status:<8}  {s.next_step}")
    return EXIT_OK


def cmd_restore_backup(args: argparse.Namespace) -> int:
    path = Path(args.file)
    aside = restore_backup(path)
    print(f"Restored {path} from its backup. The unreadable file was kept as {aside.name}.")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from .doctor import run_doctor

    return run_doctor(_root(args))


# -- parser ---------------------------------------------------------------------
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

    p = sub.add_parser("demo", help="add the demo family (once) and print its id")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("families", help="list the families in the store")
    p.add_argument("--json", action="store_true", help="machine-readable list")
    p.set_defaults(func=cmd_families)

    p = sub.add_parser("doctor", help="check VLC, the display, the store and the packs")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser(
        "restore-backup", help="put FILE's .bak back after FILE was found unreadable"
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore_backup)

    _register_optional(sub)
    return parser


def _register_optional(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Commands contributed by other packages (packs, exports, privacy)."""
    from .packs.cli import register as register_packs

    register_packs(sub)
    from .backup_cli import register as register_backup

    register_backup(sub)
    try:
        from .export.cli import register as register_export
    except ImportError:
        pass
    else:
        register_export(sub)
    try:
        from .privacy.cli import register as register_privacy
    except ImportError:
        pass
    else:
        register_privacy(sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except StoreLockedError as err:
        print(f"vig: {err}", file=sys.stderr)
        return EXIT_LOCKED
    except CorruptFileError as err:
        print(f"vig: {err}", file=sys.stderr)
        return EXIT_ERROR
    except StoreError as err:
        print(f"vig: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as err:  # last resort: a report, never a traceback
        report = write_crash_report(_root(args), err)
        where = f" A report was saved to {report}." if report else ""
        print(f"vig: something went wrong ({type(err).__name__}).{where}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
