"""Findings of a try-out from outside (CLI, bundles, files), each at its one gate.
Each test here failed on the code before it."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.test_privacy_support import LABEL, add_family, make_record, one_line_error, vig
from tests.test_store_gates import PW, payload_for, write_bundle
from vig_tui.domain import FamilyRecord, HelpingQuestion
from vig_tui.domain.reflections import Administration
from vig_tui.privacy.bundle import import_bundle
from vig_tui.privacy.errors import PrivacyError
from vig_tui.store import Store
from vig_tui.store.family_repo import record_to_data
from vig_tui.store.migrations import stamp

BUNDLE_PW = {"VIG_BUNDLE_PASSPHRASE": PW}


def _special_files(tmp_path: Path) -> list[Path]:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    found = [fifo]
    if os.geteuid() == 0:  # a char device like /dev/null, made in tmp (never touches /dev)
        device = tmp_path / "device"
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        found.append(device)
    return found


def test_a_bundle_never_replaces_a_device_or_a_pipe(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    for target in _special_files(tmp_path):
        before = os.lstat(target)
        result = vig(
            "--data-dir", str(root), "export", "bundle", "Zebulon", "-o", str(target), env=BUNDLE_PW
        )
        message = one_line_error(result)
        assert "not an ordinary file" in message, message
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino, after.st_rdev) == (
            before.st_mode,
            before.st_ino,
            before.st_rdev,
        )


def _same_family_bundle(tmp_path: Path, family_id: str, ahead: timedelta) -> Path:
    record = make_record("Someone Else")
    record.family.id = family_id
    record.sessions[-1].private_notes = "new private notes from outside"
    payload = payload_for(record)
    when = (datetime.now(UTC) + ahead).isoformat()
    payload["record"] = stamp(record_to_data(record), "family", when)
    payload["last_changed"] = when
    return write_bundle(tmp_path / "same-id.vigbundle", payload)


def test_a_bundle_with_a_family_here_never_replaces_it_unasked(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        family_id = add_family(store)
        before = repr(store.read_family(family_id))
    bundle = _same_family_bundle(tmp_path, family_id, timedelta(hours=3))
    message = one_line_error(
        vig("--data-dir", str(root), "import", "bundle", str(bundle), env=BUNDLE_PW)
    )
    assert "Zebulon" in message and "Someone Else" in message and "--replace" in message
    with Store.open(root) as store:
        assert repr(store.read_family(family_id)) == before
    # asked for, it is replaced, and a change time hours ahead is reported, not trusted
    result = vig(
        "--data-dir", str(root), "import", "bundle", str(bundle), "--replace", env=BUNDLE_PW
    )
    assert result.returncode == 0, result.stderr
    assert "updated" in result.stdout and "ahead of this computer's clock" in result.stdout
    with Store.open(root) as store:
        assert store.read_family(family_id).family.label == "Someone Else"
        changed = datetime.fromisoformat(store.changed_at(family_id) or "")
        assert changed <= datetime.now(UTC)


def test_a_second_import_of_the_same_bundle_asks_for_replace(tmp_path: Path) -> None:
    bundle = _same_family_bundle(tmp_path, make_record().family.id, timedelta(0))
    with Store.open(tmp_path / "store") as store:
        import_bundle(store, bundle, PW)
        with pytest.raises(PrivacyError, match="--replace"):
            import_bundle(store, bundle, PW)


def _record_file(root: Path) -> Path:
    (folder,) = (root / "families").iterdir()
    return folder / "record.json"


def test_restore_backup_refuses_an_empty_backup(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    record = _record_file(root)
    record.write_text("{broken")
    record.with_name("record.json.bak").write_bytes(b"")
    message = one_line_error(vig("--data-dir", str(root), "restore-backup", str(record)))
    assert "record.json.bak cannot be read" in message and "nothing was changed" in message
    assert record.read_text() == "{broken"
    assert sorted(p.name for p in record.parent.iterdir()) == ["record.json", "record.json.bak"]


def test_restore_backup_refuses_a_backup_that_is_not_a_record(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    record = _record_file(root)
    record.write_text("{broken")
    record.with_name("record.json.bak").write_text('{"_default": {"1": {"x": 1}}}')
    message = one_line_error(vig("--data-dir", str(root), "restore-backup", str(record)))
    assert "cannot be read either" in message
    assert record.read_text() == "{broken"


def test_a_store_folder_name_too_long_is_named(tmp_path: Path) -> None:
    folder = tmp_path / ("x" * 300)
    message = one_line_error(vig("--data-dir", str(folder), "families"))
    assert "too long" in message and str(folder) in message
    assert "something went wrong" not in message


def test_a_profile_field_too_long_is_a_plain_message(tmp_path: Path) -> None:
    result = vig("--data-dir", str(tmp_path / "store"), "profile", "--name", "a" * 100_000)
    message = one_line_error(result)
    assert "name" in message and "200 characters" in message
    assert "pydantic" not in result.stderr and "validation error" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_profile_name_with_escape_codes_is_saved_and_shown_literally(tmp_path: Path) -> None:
    result = vig("--data-dir", str(tmp_path / "store"), "profile", "--name", "\x1b[31mRed…")
    assert result.returncode == 0, result.stderr
    assert "Saved" in result.stdout and "\\x1b[31mRed…" in result.stdout
    assert "\x1b" not in result.stdout


def _refused(tmp_path: Path, record: FamilyRecord) -> str:
    tmp_path.mkdir(exist_ok=True)
    bundle = write_bundle(tmp_path / "content.vigbundle", payload_for(record))
    with Store.open(tmp_path / "store") as store:
        with pytest.raises(PrivacyError) as caught:
            import_bundle(store, bundle, PW)
        assert store.summaries() == []
    return str(caught.value)


@pytest.mark.parametrize(
    ("item", "answer", "words"),
    [("phq9-1", 999, "999"), ("phq9-9", "x", "phq9-9"), ("phq9-99", 1, "phq9-99")],
)
def test_answers_outside_their_questionnaire_are_refused(
    tmp_path: Path, item: str, answer: int | str, words: str
) -> None:
    record = make_record()
    record.administrations = [
        Administration(
            questionnaire_id="phq9", version="1", timepoint="baseline", answers={item: answer}
        )
    ]
    message = _refused(tmp_path, record)
    assert "administrations 1" in message and words in message


@pytest.mark.parametrize("kind", ["questions", "clips", "sessions"])
def test_ids_used_twice_in_a_list_are_refused(tmp_path: Path, kind: str) -> None:
    record = make_record()
    items = getattr(record, kind)
    if kind == "questions":
        items.append(HelpingQuestion(text="How can I help?"))
        items.append(HelpingQuestion(text="How can we have fun?"))
    items[-1].id = items[0].id
    message = _refused(tmp_path, record)
    assert kind in message and "used twice" in message


def test_a_huge_label_or_note_is_refused(tmp_path: Path) -> None:
    record = make_record("L" * 2_000_000)
    assert "family.label" in _refused(tmp_path / "a", record)
    record = make_record()
    record.sessions[-1].private_notes = "n" * 200_000
    assert "private_notes" in _refused(tmp_path / "b", record)


@pytest.mark.parametrize("path", ["/etc/shadow", "relative/film.mp4", "/films/a.mp4\n"])
def test_a_film_path_that_is_not_a_film_file_is_refused(tmp_path: Path, path: str) -> None:
    record = make_record()
    record.films[0].path = path
    assert "films 1" in _refused(tmp_path, record)


def test_a_clip_copy_never_replaces_a_device_or_a_pipe(tmp_path: Path) -> None:
    from vig_tui.privacy.clips import export_clip

    film = tmp_path / "film.mp4"
    film.write_bytes(b"not read: the destination is refused first")
    for target in _special_files(tmp_path):
        before = os.lstat(target)
        with pytest.raises(PrivacyError, match="not an ordinary file"):
            export_clip(film, 0, 1000, target)
        assert os.lstat(target).st_mode == before.st_mode


def test_a_profile_name_that_is_not_text_is_a_plain_message(tmp_path: Path) -> None:
    # the bytes b"\xff" on the command line (not UTF-8) reach Python as "\udcff"
    result = vig("--data-dir", str(tmp_path / "store"), "profile", "--name", "\udcffRed")
    message = one_line_error(result)
    assert "name" in message and "not text" in message and "codec" not in message


def test_an_os_error_naming_a_file_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse
    import errno

    from vig_tui.cli import _run

    def handler(args: argparse.Namespace) -> int:
        raise OSError(errno.ENAMETOOLONG, "File name too long", "/some/where")

    assert _run(handler, argparse.Namespace(data_dir=str(tmp_path))) == 1
    err = capsys.readouterr().err
    assert err == "vig: cannot use /some/where: the name is too long.\n"


def test_a_bundle_of_a_family_here_can_come_in_as_a_new_family(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        family_id = add_family(store)
    bundle = _same_family_bundle(tmp_path, family_id, timedelta(0))
    result = vig(
        "--data-dir", str(root), "import", "bundle", str(bundle), "--as-new", env=BUNDLE_PW
    )
    assert result.returncode == 0, result.stderr
    assert "added" in result.stdout
    with Store.open(root) as store:
        labels = {s.id: s.label for s in store.summaries()}
    assert labels[family_id] == LABEL and len(labels) == 2
    assert "Someone Else" in labels.values()
