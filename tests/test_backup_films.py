"""Films are not in the backup (vig keeps only where each film is): the backup
screen and `vig backup` say so plainly and name the folders the films are in
(``services.backup_films``)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.journey_helpers import make_app
from tests.test_backup_screen import open_backup
from tests.test_privacy_support import make_record, vig
from vig_tui.domain import FamilyRecord, Film
from vig_tui.services.backup_films import FOLDERS_SHOWN, films_note
from vig_tui.store import Store

PASS = "a long backup passphrase"
STORE_PASS = "the store passphrase"


def filmed(folder: Path, label: str = "Rowan family") -> FamilyRecord:
    record = make_record(label)
    record.films = [Film(cycle=1, path=str(folder / "cycle-1.mp4"))]
    return record


def said(text: str) -> str:
    return " ".join(text.split())


def test_vig_backup_says_films_are_not_in_it_and_where_they_are(tmp_path: Path) -> None:
    root, camera, stick = tmp_path / "store", tmp_path / "camera card", tmp_path / "stick"
    with Store.open(root) as store:
        store.create_family(filmed(camera))
        store.create_family(filmed(stick, "Hazel family"))
    made = vig(
        "--data-dir",
        str(root),
        "backup",
        str(tmp_path / "usb"),
        env={"VIG_BACKUP_PASSPHRASE": PASS},
    )
    assert made.returncode == 0, made.stderr
    out = said(made.stdout)
    assert "Films are not in the backup" in out
    assert f"They are in {camera}, {stick}." in out


def test_an_encrypted_store_names_its_film_folders_too(tmp_path: Path) -> None:
    root, camera = tmp_path / "store", tmp_path / "camera"
    with Store.open(root) as store:
        store.create_family(filmed(camera))
        store.change_passphrase(STORE_PASS)
    made = vig(
        "--data-dir", str(root), "backup", str(tmp_path / "usb"), env={"VIG_PASSPHRASE": STORE_PASS}
    )
    assert made.returncode == 0, made.stderr
    assert f"They are in the folder {camera}." in said(made.stdout)
    help_text = said(vig("backup", "--help").stdout)
    assert "Films are not in it" in help_text


async def test_the_backup_screen_says_it_before_anything_is_backed_up(
    store: Store, tmp_path: Path
) -> None:
    camera = tmp_path / "camera"
    store.create_family(filmed(camera))
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_backup(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = said(str(screen.query_one("#backup-films", Static).render()))
        assert shown.startswith("Films are not in the backup")
        assert f"They are in the folder {camera}." in shown


def test_many_folders_are_counted_not_all_named(tmp_path: Path) -> None:
    folders = [tmp_path / f"card-{n}" for n in range(FOLDERS_SHOWN + 2)]
    note = films_note(folders)
    assert str(folders[FOLDERS_SHOWN - 1]) in note and str(folders[-1]) not in note
    assert note.endswith("and 2 more folders.")
    assert films_note([]).endswith("No family has a film attached yet.")
