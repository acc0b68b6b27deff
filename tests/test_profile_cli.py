"""`vig profile` sets the practitioner's profile once; the letter is signed with it."""

from __future__ import annotations

from pathlib import Path

from tests.test_desk_records import full_record
from tests.test_export_cli import vig
from vig_tui.store import Store


def test_profile_is_set_once_and_signs_the_exported_letter(store_root: Path) -> None:
    with Store.open(store_root) as store:
        store.create_family(full_record("Rowan family"))
    out = vig(store_root, "export", "letter", "Rowan")
    assert out.returncode == 0 and "vig profile" in out.stderr
    out = vig(
        store_root,
        "profile",
        "--name",
        "Dana [bold]Reyes[/]",
        "--role",
        "VIG guider",
        "--service",
        "Riverside Family Service",
        "--contact",
        "dana@example.org",
        "--signature",
        "It was a joy to work with you.",
    )
    assert out.returncode == 0, out.stderr
    assert "Saved" in out.stdout and "Dana [bold]Reyes[/]" in out.stdout
    shown = vig(store_root, "profile")
    assert "Riverside Family Service" in shown.stdout and shown.returncode == 0
    letter = vig(store_root, "export", "letter", "Rowan")
    tail = letter.stdout.split("It was a joy to work with you.", 1)[1]  # their closing line
    for line in ("VIG guider", "dana@example.org"):
        assert line in tail
    assert "Dana \\[bold\\]Reyes\\[/\\]" in tail  # shown literally, escaped for Markdown
    assert "vig profile" not in letter.stderr


def test_a_bad_profile_value_is_refused_with_a_clear_line(store_root: Path) -> None:
    out = vig(store_root, "profile", "--name", "x" * 300)
    assert out.returncode == 2
    assert "not saved" in out.stderr and "200 characters" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (store_root / "profile.json").exists()


def test_a_corrupt_profile_is_reported_not_read_as_empty(store_root: Path) -> None:
    with Store.open(store_root):
        pass
    (store_root / "profile.json").write_text("{not json")
    out = vig(store_root, "profile")
    assert out.returncode != 0 and "profile.json" in out.stderr
    assert "Traceback" not in out.stderr
