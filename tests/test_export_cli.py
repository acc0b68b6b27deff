"""`vig export …` driven as a person would: the installed command, a real store."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_desk_records import SECRETS, full_record
from vig_tui.export import record_from_json
from vig_tui.store import Store
from vig_tui.store.audit import read_events

VIG = str(Path(sys.executable).with_name("vig"))


def vig(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VIG_DATA_DIR": str(root)}
    return subprocess.run(
        [VIG, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


@pytest.fixture
def filled(store_root: Path) -> dict[str, str]:
    with Store.open(store_root) as store:
        done = store.create_family(full_record("Rowan family")).id
        ongoing = store.create_family(full_record("Birch family", final=False)).id
    return {"done": done, "ongoing": ongoing}


def test_letter_to_stdout_and_to_files_while_the_app_holds_the_store(
    store_root: Path, filled: dict[str, str], tmp_path: Path
) -> None:
    with Store.open(store_root):  # the app is open: exports still work (read-only)
        out = vig(store_root, "export", "letter", "Rowan")
        assert out.returncode == 0, out.stderr
        assert "How can I help Mo settle at teatime?" in out.stdout
        assert "At the end you put it at **8** out of 10" in out.stdout
        for secret in SECRETS.values():
            assert secret not in out.stdout
        html_file = tmp_path / "letter.html"
        out = vig(
            store_root,
            "export",
            "letter",
            filled["done"][:8],
            "--format",
            "html",
            "-o",
            str(html_file),
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout == ""
    page = html_file.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Curious and funny" in page
    assert oct(html_file.stat().st_mode & 0o777) == "0o600"
    events = read_events(store_root)
    assert [
        (e.action, e.family_id, e.detail["destination"])
        for e in events
        if e.action.startswith("export")
    ] == [("export.letter", filled["done"], "stdout"), ("export.letter", filled["done"], "file")]
    assert events[-1].detail == {
        "destination": "file",
        "file": "letter.html",
        "path": str(html_file),  # so an erasure can list it for deleting
        "format": "html",
        "draft": True,
    }
    assert "Curious" not in (store_root / "audit.log").read_text()  # facts only


def test_letter_for_a_family_without_a_final_meeting(
    store_root: Path, filled: dict[str, str]
) -> None:
    out = vig(store_root, "export", "letter", "Birch")
    assert out.returncode == 0
    assert "the final meeting has not happened yet" in out.stdout
    assert "At the end you put it at" not in out.stdout
    assert out.stderr.startswith("vig: this letter is a draft; still missing:")
    assert len(out.stderr.strip().splitlines()) == 1


def test_unknown_family_is_one_line_and_exit_1(store_root: Path, filled: dict[str, str]) -> None:
    for what in ("letter", "record"):
        out = vig(store_root, "export", what, "Nobody")
        assert out.returncode == 1
        assert out.stderr.strip().splitlines() == [
            "vig: No family matches 'Nobody'. Run `vig families` to see ids and labels."
        ]
        assert out.stdout == ""


def test_unwritable_output_is_one_line_and_nothing_half_written(
    store_root: Path, filled: dict[str, str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for target in (tmp_path / "no-such-folder" / "letter.md", blocker / "letter.md", tmp_path):
        out = vig(store_root, "export", "letter", "Rowan", "-o", str(target))
        assert out.returncode == 1, target
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"vig: Cannot write {target}")
        assert "Traceback" not in out.stderr
    harness = {"cache", "config", "default-store"}  # the per-test folders from conftest
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in harness) == [
        "a-file",
        "store",
    ]
    assert not [e for e in read_events(store_root) if e.action.startswith("export")]


def test_existing_file_is_replaced_whole(
    store_root: Path, filled: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "record.json"
    target.write_text("old")
    out = vig(store_root, "export", "record", "Rowan", "-o", str(target))
    assert out.returncode == 0, out.stderr
    with Store.open(store_root, readonly=True) as store:
        assert record_from_json(target.read_text("utf-8")) == store.read_family(filled["done"])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".vig-tmp")] == []


def test_record_markdown_and_outcomes(store_root: Path, filled: dict[str, str]) -> None:
    out = vig(store_root, "export", "record", "Rowan", "--format", "md")
    assert out.returncode == 0 and out.stdout.startswith("# Record held about Rowan family")
    out = vig(store_root, "export", "outcomes")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {r["family_id"] for r in rows} == set(filled.values())
    assert len([r for r in rows if r["kind"] == "rating"]) == 6 + 4
    outcomes = [e for e in read_events(store_root) if e.action == "export.outcomes"]
    assert outcomes[0].detail["families"] == 2 and outcomes[0].detail["rows"] == len(rows)
    data = json.loads(vig(store_root, "export", "record", "Birch").stdout)
    assert data["record"]["family"]["label"] == "Birch family"


def test_export_with_nothing_to_export_names_every_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from vig_tui.cli import main

    assert main(["--data-dir", str(tmp_path / "store"), "export"]) == 2
    said = capsys.readouterr().err
    for kind in ("letter", "record", "outcomes", "clips", "bundle", "report", "booklet"):
        assert kind in said.splitlines()[-1], said
