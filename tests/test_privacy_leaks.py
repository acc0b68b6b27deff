"""No leaks: a crash names neither the family nor what was said."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from tests.test_privacy_support import LABEL, NOTES, files_containing

CHILD = """
import sys
import vig_tui.cli.privacy as privacy_cli
from vig_tui.cli import main

def boom(args):
    raise RuntimeError(sys.argv[2] + " " + sys.argv[3])

privacy_cli.cmd_audit = boom
sys.exit(main(["--data-dir", sys.argv[1], "audit"]))
"""


def test_a_crash_report_holds_no_names_or_notes(tmp_path: Path) -> None:
    root = tmp_path / "store"
    root.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), LABEL, NOTES[0]],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert LABEL not in result.stderr and NOTES[0] not in result.stderr
    reports = list((root / "crash-reports").iterdir())
    assert len(reports) == 1 and str(reports[0]) in result.stderr
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "crash-reports").stat().st_mode) == 0o700
    assert "RuntimeError" in reports[0].read_text()
    assert files_containing(root, LABEL, NOTES[0]) == []
