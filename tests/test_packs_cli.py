"""The ``vig packs`` and ``vig packs check`` commands."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from vig_tui.cli.packs import register

REPO = Path(__file__).resolve().parent.parent
LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="vig")
    register(parser.add_subparsers(dest="command").add_parser("packs"))
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


@pytest.fixture(autouse=True)
def empty_user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIG_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config" / "packs"


def test_check_shipped_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["packs", "check"], capsys)
    assert code == 0
    assert out.strip() == "all 9 packs OK"


def test_check_good_file_and_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["packs", "check", str(REPO / "prompts" / "questionnaires")], capsys)
    assert code == 0 and out.strip() == "all 4 packs OK"
    code, out = run(["packs", "check", str(REPO / "prompts" / "principles.yaml")], capsys)
    assert code == 0 and out.strip() == "all 1 pack OK"


def test_check_bad_files_prints_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: 1\nkind: final_meeting\nid: f\nversion: 1\ntitle: F\nsections:\n"
        "  - id: s\n    title: S\n    prompts:\n      - id: p\n        famliy: Hello\n",
        encoding="utf-8",
    )
    broken = tmp_path / "sub" / "broken.yml"
    broken.parent.mkdir()
    broken.write_text("schema: 1\nkind: [\n", encoding="utf-8")
    code, out = run(["packs", "check", str(tmp_path)], capsys)
    assert code == 1
    lines = out.strip().splitlines()
    located = [m for m in (LOCATED.match(line) for line in lines) if m]
    assert len(located) == 3, out
    by_file = {(m["file"], m["line"], m["col"]) for m in located}
    assert (str(bad), "10", "9") in by_file  # missing 'family'
    assert (str(bad), "11", "9") in by_file  # unknown key 'famliy'
    assert any(f == str(broken) for f, _, _ in by_file)
    assert "found in 2 files" in lines[-1]


def test_check_missing_path_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    code, out = run(["packs", "check", str(missing)], capsys)
    assert code == 1
    assert out.splitlines()[0] == f"{missing}:1:1: no such file or folder"


def test_check_empty_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, out = run(["packs", "check", str(tmp_path / "empty")], capsys)
    assert code == 1
    assert "no .yaml or .yml pack files" in out


def test_check_user_override_against_shipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A user pack may reuse shipped ids (that is an override) and name shipped principles.
    path = tmp_path / "ours.yaml"
    path.write_text(
        "schema: 1\nkind: shared_review\nid: ours\nversion: 1\ntitle: Ours\nstages:\n"
        "  - id: seeing\n    prompts:\n      - id: notice-other\n        family: What do you see?\n"
        "        principle: receiving\n      - id: extra\n        family: More?\n"
        "        principle: patience\n",
        encoding="utf-8",
    )
    code, out = run(["packs", "check", str(path)], capsys)
    assert code == 1
    match = LOCATED.match(out.splitlines()[0])
    assert match is not None
    assert (match["file"], match["line"]) == (str(path), "12")
    assert "patience" in match["message"]


def test_list_shows_packs_and_origins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["packs"], capsys)
    assert code == 0
    assert "KIND" in out and "VERSION" in out
    for pack_id in (
        "vig-principles",
        "vig-shared-review",
        "phq9",
        "gad7",
        "checkin",
        "goal-rating",
    ):
        assert pack_id in out
    assert out.count("shipped") >= 9
    assert "Warnings" not in out


def test_list_shows_user_overrides_and_warnings(
    empty_user_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty_user_dir.mkdir(parents=True)
    (empty_user_dir / "review.yaml").write_text(
        "schema: 1\nkind: shared_review\nid: our-review\nversion: 3\ntitle: Our review\n"
        "stages:\n  - id: seeing\n    prompts:\n"
        "      - id: notice-self\n        family: And you?\n",
        encoding="utf-8",
    )
    bad = empty_user_dir / "broken.yaml"
    bad.write_text("schema: 1\nkind: principles\nid: x\n", encoding="utf-8")
    code, out = run(["packs"], capsys)
    assert code == 0
    assert re.search(r"our-review\s+3\s+Our review\s+user \(replaces notice-self\)", out)
    assert "Warnings (1):" in out
    assert f"{bad}:1:1: missing required keys 'version', 'title'" in out
