"""Commands that do not draw the app stay light (issue 15).

`vig --version`, `families`, `export`, `audit`, `packs` and `doctor` (apart
from its VLC check) never import Textual, PyAV or the VLC binding; `vig
--version` imports nothing beyond what a bare argparse program's `--version`
imports, apart from vig's command-line package itself; a command imports its own
command module and no other. Each runs in a fresh interpreter, which then
reports what it imported. (How fast they are is measured in bench/cli.py, not
here.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vig_tui.demo import add_demo_family
from vig_tui.store import Store

#: textual-image probes the terminal as it is imported; plotext draws charts
DRAWING = {"textual", "rich", "av", "vlc", "textual_image", "textual_plotext", "plotext"}
STORE_AND_DATA = {"tinydb", "pydantic", "yaml", "cryptography"}

PROBE = """
import json, sys
from vig_tui.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""
#: The same report from the least a command line with commands can be: argparse alone.
BARE_ARGPARSE = """
import argparse, json, sys
parser = argparse.ArgumentParser(prog="bare")
parser.add_argument("--version", action="version", version="bare 1")
parser.add_subparsers(title="commands").add_parser("one", help="the only command")
try:
    code = parser.parse_args(sys.argv[1:]) and 0
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""
#: What `vig --version` may import beyond argparse: vig's command line, nothing more.
COMMAND_LINE = {"__future__", "vig_tui", "vig_tui.errors", "vig_tui.cli", "vig_tui.cli.common"}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-imports") / "store"
    with Store.open(root) as store:
        add_demo_family(store)
    return root


def imported_by(*argv: str, probe: str = PROBE) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, timeout=120
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return int(report["code"] or 0), set(report["modules"])


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_version_imports_only_the_command_line() -> None:
    code, modules = imported_by("--version")
    assert code == 0
    assert {m for m in modules if m.startswith("vig_tui")} == COMMAND_LINE - {"__future__"}
    assert top_level(modules) & (DRAWING | STORE_AND_DATA) == set()


@pytest.mark.parametrize("argv", [["--version"], ["--help"]], ids=" ".join)
def test_version_and_help_import_no_more_than_bare_argparse(argv: list[str]) -> None:
    """No command module, no pathlib, no json: what argparse itself imports to
    answer, plus vig's command-line package, and nothing else."""
    code, modules = imported_by(*argv)
    bare_code, bare = imported_by(*argv, probe=BARE_ARGPARSE)
    assert code == bare_code == 0
    assert modules - bare <= COMMAND_LINE


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["families", "--json"], "families"),
        (["families", "--help"], "families"),
        (["audit"], "privacy"),
        (["export", "record", "Demo"], "export"),
        (["packs"], "packs"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_a_command_imports_its_own_command_module_and_no_other(
    argv: list[str], module: str, demo_store: Path
) -> None:
    code, modules = imported_by("--data-dir", str(demo_store), *argv)
    assert code == 0
    commands = {m.rsplit(".", 1)[1] for m in modules if m.startswith("vig_tui.cli.")}
    parts = {m for m in commands if m.startswith(f"{module}_")}  # export_files, export_report...
    assert commands - {"common"} - parts == {module}


@pytest.mark.parametrize(
    "command",
    [
        ["families"],
        ["families", "--json"],
        ["export", "letter", "Demo"],
        ["export", "record", "Demo"],
        ["export", "record", "Demo", "--format", "md"],
        ["export", "outcomes", "--include-demo"],
        ["audit"],
        ["audit", "--json"],
        ["packs"],
    ],
    ids=" ".join,
)
def test_commands_that_do_not_draw_never_import_textual_pyav_or_vlc(
    command: list[str], demo_store: Path
) -> None:
    code, modules = imported_by("--data-dir", str(demo_store), *command)
    assert code == 0
    assert top_level(modules) & DRAWING == set()


#: A read-only listing makes no id (uuid), takes no lock (socket), derives no key
#: for a plain store (hashlib, secrets) and, given --data-dir, needs no platformdirs.
NOT_FOR_READING = {"uuid", "socket", "hashlib", "secrets", "platformdirs"}


@pytest.mark.parametrize("command", [["families"], ["families", "--json"]], ids=" ".join)
def test_listing_a_plain_store_imports_nothing_for_writing_keys_or_records(
    command: list[str], demo_store: Path
) -> None:
    code, modules = imported_by("--data-dir", str(demo_store), *command)
    assert code == 0
    assert top_level(modules) & (NOT_FOR_READING | STORE_AND_DATA - {"tinydb"}) == set()


def test_doctor_imports_only_the_vlc_binding_for_its_check(demo_store: Path) -> None:
    _code, modules = imported_by("--data-dir", str(demo_store), "doctor")
    assert top_level(modules) & DRAWING <= {"vlc"}
