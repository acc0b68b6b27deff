"""Commands that do not draw the app stay light (issue 15).

`vig --version`, `families`, `export`, `audit`, `packs` and `doctor` (apart
from its VLC check) never import Textual, PyAV or the VLC binding; `vig
--version` imports nothing of vig beyond the command line itself. Each runs in
a fresh interpreter, which then reports what it imported. (How fast they are is
measured in bench/cli.py, not here.)
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


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-imports") / "store"
    with Store.open(root) as store:
        add_demo_family(store)
    return root


def imported_by(*argv: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return int(report["code"] or 0), set(report["modules"])


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_version_imports_only_the_command_line() -> None:
    code, modules = imported_by("--version")
    assert code == 0
    vig = {m for m in modules if m.startswith("vig_tui.")}
    assert vig <= {"vig_tui.errors"} | {m for m in vig if m.startswith("vig_tui.cli")}
    assert top_level(modules) & (DRAWING | STORE_AND_DATA) == set()


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


def test_doctor_imports_only_the_vlc_binding_for_its_check(demo_store: Path) -> None:
    _code, modules = imported_by("--data-dir", str(demo_store), "doctor")
    assert top_level(modules) & DRAWING <= {"vlc"}
