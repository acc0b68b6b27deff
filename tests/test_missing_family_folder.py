"""A family whose folder is gone is told at the desk and kept in the index.

The index holds a line per family and each family has its folder. When a
folder is gone (deleted by hand, a partial copy, a sync tool) the family used
to vanish from Home without a word, and the next save of the index dropped its
line for good. Now the desk is told which family and which folder, `vig
doctor` names it, the family is never listed as if it had data, and its line
stays in the index until its folder is back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from textual.widgets import Static

from tests.journey_helpers import make_app, screen_text
from vig_tui.domain import Family
from vig_tui.store import Store
from vig_tui.store.audit import log_event

VIG = str(Path(sys.executable).parent / "vig")


def three_families(root: Path) -> dict[str, str]:
    """A store with Ash, Birch and Cedar: label → id."""
    with Store.open(root) as store:
        return {
            label: store.create_family(Family(label=label)).id
            for label in ("Ash", "Birch", "Cedar")
        }


def index_labels(root: Path) -> list[str]:
    data = json.loads((root / "index.json").read_bytes())
    return sorted(line["label"] for line in data["families"].values())


def test_a_family_whose_folder_is_gone_is_named_and_its_line_kept(tmp_path: Path) -> None:
    root = tmp_path / "store"
    ids = three_families(root)
    folder = root / "families" / ids["Birch"]
    kept_aside = tmp_path / "birch-copy"
    shutil.copytree(folder, kept_aside)
    shutil.rmtree(folder)

    with Store.open(root) as store:
        assert [s.label for s in store.summaries()] == ["Ash", "Cedar"]
        assert [(s.label, path) for s, path in store.missing_families()] == [("Birch", folder)]
        store.create_family(Family(label="Dogwood"))  # the index is saved again
    # ... and the line of the family whose folder is gone is still there
    assert index_labels(root) == ["Ash", "Birch", "Cedar", "Dogwood"]
    with Store.open(root) as store:  # a second save: the .bak no longer had it either
        store.create_family(Family(label="Elm"))
    assert "Birch" in index_labels(root)

    with Store.open(root, readonly=True) as store:
        assert [s.label for s, _path in store.missing_families()] == ["Birch"]
        assert "Birch" not in [s.label for s in store.summaries()]

    shutil.copytree(kept_aside, folder)  # put back from a backup
    with Store.open(root) as store:
        assert store.missing_families() == []
        assert "Birch" in [s.label for s in store.summaries()]
        assert store.read_family(ids["Birch"]).family.label == "Birch"


def test_an_erasure_cut_short_is_finished_not_reported_missing(tmp_path: Path) -> None:
    """A folder renamed aside for erasure is not a missing family: the
    erasure is finished on open, and its line goes."""
    root = tmp_path / "store"
    ids = three_families(root)
    folder = root / "families" / ids["Birch"]
    os.replace(folder, folder.with_name(".erasing-" + ids["Birch"]))
    with Store.open(root) as store:
        assert store.missing_families() == []
    assert index_labels(root) == ["Ash", "Cedar"]


def test_vig_doctor_names_the_family_and_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "store"
    ids = three_families(root)
    folder = root / "families" / ids["Cedar"]
    shutil.rmtree(folder)
    result = subprocess.run(
        [VIG, "--data-dir", str(root), "doctor"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("!!  Store"))
    assert "Cedar" in line and str(folder) in line and "backup" in line


async def test_home_tells_the_desk_which_family_could_not_be_found(tmp_path: Path) -> None:
    root = tmp_path / "store"
    ids = three_families(root)
    shutil.rmtree(root / "families" / ids["Ash"])
    with Store.open(root) as store:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            notice = app.screen.query_one("#family-folder-missing", Static)
            assert notice.display
            said = str(notice.render())
            assert "Ash" in said and ids["Ash"] in said and "backup" in said
            text = screen_text(app)
            assert "Birch" in text and "Cedar" in text
            assert "2 families" in text


async def test_home_tells_the_desk_when_every_folder_is_gone(tmp_path: Path) -> None:
    """With no family left to list, Home's welcome must not hide the notice
    (it would read as a new, empty store)."""
    root = tmp_path / "store"
    ids = three_families(root)
    for family_id in ids.values():
        shutil.rmtree(root / "families" / family_id)
    with Store.open(root) as store:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            notice = app.screen.query_one("#family-folder-missing", Static)
            assert notice.display and notice.region.height > 0
            said = str(notice.render())
            assert "Ash" in said and "2 more" in said


def test_vig_families_names_it_apart_from_the_list(tmp_path: Path) -> None:
    """`vig families` said "No families yet" when the only family's folder was
    gone; the name is shown literally (an escape code in it is made visible)."""
    root = tmp_path / "store"
    with Store.open(root) as store:
        family_id = store.create_family(Family(label="Oak \x1b[2J")).id
    shutil.rmtree(root / "families" / family_id)
    for args in ((), ("--json",)):
        result = subprocess.run(
            [VIG, "--data-dir", str(root), "families", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "No families yet" not in result.stdout
        assert "“Oak \\x1b[2J”" in result.stderr and family_id in result.stderr
        assert "\x1b" not in result.stderr
    assert json.loads(result.stdout) == []


def test_a_family_gone_for_good_is_let_go_by_vig_erase(tmp_path: Path) -> None:
    root = tmp_path / "store"
    ids = three_families(root)
    shutil.rmtree(root / "families" / ids["Birch"])
    result = subprocess.run(
        [VIG, "--data-dir", str(root), "erase", "Birch", "--confirm", "Birch"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert index_labels(root) == ["Ash", "Cedar"]
    with Store.open(root) as store:
        assert store.missing_families() == []


def test_the_audit_log_names_it_as_missing_not_gone(tmp_path: Path) -> None:
    root = tmp_path / "store"
    ids = three_families(root)
    log_event(root, "export.record", ids["Birch"], format="md")
    shutil.rmtree(root / "families" / ids["Birch"])
    result = subprocess.run(
        [VIG, "--data-dir", str(root), "audit"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Birch (folder missing)" in result.stdout
    assert "no longer here" not in result.stdout


def test_vig_families_names_every_missing_family(tmp_path: Path) -> None:
    """Home names the first and counts the rest; `vig families` names each."""
    root = tmp_path / "store"
    ids = three_families(root)
    for label in ("Ash", "Cedar"):
        shutil.rmtree(root / "families" / ids[label])
    result = subprocess.run(
        [VIG, "--data-dir", str(root), "families"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Birch" in result.stdout and "Ash" not in result.stdout
    assert "“Ash”" in result.stderr and "“Cedar”" in result.stderr
