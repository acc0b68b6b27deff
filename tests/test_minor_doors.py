"""The minor doors of issue 11: control bytes on the command line, exports,
CSV cells, passphrases, erasure lists, labels and pack sizes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.test_privacy_support import VIG, add_family, make_record, one_line_error, vig
from vig_tui.domain import Administration
from vig_tui.export import deliver as deliver_mod
from vig_tui.export.letter import render_html
from vig_tui.export.outcomes_csv import outcomes_csv
from vig_tui.packs.errors import PackError
from vig_tui.packs.parse import parse_pack_file
from vig_tui.privacy.errors import PrivacyError
from vig_tui.store import Store, StoreError
from vig_tui.store.audit import read_events
from vig_tui.store.crypto import check_new_passphrase, unlock

ESC = "\x1b[2J\x1b]0;pwned\x07"
EVIL = f"Evil{ESC} family"


def _evil_store(root: Path) -> str:
    with Store.open(root) as store:
        record = make_record(EVIL)
        record.sessions[-1].shared_notes = f"we said {ESC} this"
        record.family.adults = [f"Sam{ESC}"]
        return add_family(store, record)


@pytest.mark.parametrize(
    "args",
    [
        ("families",),
        ("export", "record", "Evil", "--format", "md"),
        ("export", "letter", "Evil"),
        ("audit",),
    ],
)
def test_no_control_bytes_reach_the_terminal(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = tmp_path / "store"
    _evil_store(root)
    assert (
        vig(
            "--data-dir", str(root), "export", "record", "Evil", "-o", str(tmp_path / f"x{ESC}.md")
        ).returncode
        == 0
    )
    result = vig("--data-dir", str(root), *args)
    assert result.returncode == 0, result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream
    if args[0] == "families":
        assert "Evil\\x1b[2J" in result.stdout


def test_pack_titles_are_printed_without_control_bytes(tmp_path: Path) -> None:
    packs = tmp_path / "config" / "packs"
    packs.mkdir(parents=True)
    (packs / "mine.yaml").write_text(
        'schema: 1\nkind: prompts\nid: mine\nversion: 1\ntitle: "Mine \\e[2J here"\n'
        "prompts:\n  - id: p1\n    text: Hello?\n"
    )
    env = {"VIG_CONFIG_DIR": str(tmp_path / "config")}
    result = vig("packs", env=env)
    assert "\x1b" not in result.stdout + result.stderr


def test_a_nul_digit_nul_in_a_letter_renders() -> None:
    page = render_html("# Our letter\n\nWe said \x000\x00 and \x001\x00 **bold**")
    assert "\x00" not in page and "<strong>bold</strong>" in page


def test_every_csv_text_cell_is_neutralised() -> None:
    record = make_record()
    record.administrations.append(
        Administration(
            questionnaire_id="phq9",
            version="=1+1",
            timepoint="@SUM(A1)",
            answers={},
        )
    )
    rows = list(csv.DictReader(io.StringIO(outcomes_csv([record]))))
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "+", "@") and not value.startswith("-"), row
    mine = [r for r in rows if r["timepoint"].endswith("@SUM(A1)")]
    assert mine and mine[0]["timepoint"] == "'@SUM(A1)" and mine[0]["version"] == "'=1+1"


# -- exports ------------------------------------------------------------------------------
def test_an_export_in_progress_has_no_name_in_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "store"
    out = tmp_path / "out"
    out.mkdir()
    with Store.open(root) as store:
        family_id = add_family(store)
        seen: list[list[str]] = []
        real_audit = deliver_mod._audit

        def look(*args: object, **kwargs: object) -> None:
            seen.append(sorted(os.listdir(out)))  # the moment a kill would leave behind
            real_audit(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(deliver_mod, "_audit", look)
        deliver_mod.deliver(store, "private words", str(out / "r.md"), "export.record", family_id)
    assert seen == [[]]
    assert sorted(os.listdir(out)) == ["r.md"]


def test_an_export_never_replaces_a_device_or_pipe(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    message = one_line_error(
        vig("--data-dir", str(root), "export", "record", "Zebulon", "-o", str(fifo))
    )
    assert "not an ordinary file" in message
    assert fifo.is_fifo()
    message = one_line_error(
        vig("--data-dir", str(root), "export", "record", "Zebulon", "-o", "/dev/null")
    )
    assert "not an ordinary file" in message


def test_a_failed_print_is_named_and_audited_as_failed(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [VIG, "--data-dir", str(root), "export", "record", "Zebulon"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert (
        "Could not print the export" in result.stderr
        and "something went wrong" not in result.stderr
    )
    assert [e.action for e in read_events(root)][-1] == "export.failed"


def test_a_folder_as_bundle_and_a_file_as_data_folder_are_clear(tmp_path: Path) -> None:
    message = one_line_error(
        vig(
            "--data-dir",
            str(tmp_path / "s"),
            "import",
            "bundle",
            str(tmp_path),
            env={"VIG_BUNDLE_PASSPHRASE": "whatever passphrase"},
        )
    )
    assert "it is a folder" in message
    message = one_line_error(vig("--data-dir", "/dev/null", "families"))
    assert "is not a folder" in message


# -- passphrases ------------------------------------------------------------------------------
def test_a_passphrase_of_spaces_is_refused() -> None:
    with pytest.raises(StoreError, match="too short"):
        check_new_passphrase(" " * 20)
    with pytest.raises(StoreError, match="too short"):
        check_new_passphrase("   short   ")


def test_nfc_and_nfd_forms_of_a_passphrase_open_the_same_store(tmp_path: Path) -> None:
    root = tmp_path / "store"
    nfc = unicodedata.normalize("NFC", "café au lait")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    with Store.open(root) as store:
        store.change_passphrase(nfd)
    assert unlock(root, nfc) is not None and unlock(root, nfd) is not None


def test_a_bundle_passphrase_of_spaces_is_refused(tmp_path: Path) -> None:
    from vig_tui.privacy.bundle import export_bundle

    with Store.open(tmp_path / "s") as store:
        family_id = add_family(store)
        with pytest.raises(PrivacyError, match="too short"):
            export_bundle(store, family_id, tmp_path / "b.vigbundle", " " * 12)


# -- erasure lists ------------------------------------------------------------------------------
def test_erase_lists_earlier_exports_and_films_one_per_line(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        record = make_record()
        record.films[0].path = str(tmp_path / "odd\nname.mp4")
        add_family(store, record)
    exported = tmp_path / "for the GP.md"
    assert (
        vig("--data-dir", str(root), "export", "record", "Zebulon", "-o", str(exported)).returncode
        == 0
    )
    result = vig("--data-dir", str(root), "erase", "Zebulon", "--confirm", "Zebulon-Quartz family")
    assert result.returncode == 0, result.stderr
    assert str(exported) in result.stdout
    assert "odd\\x0aname.mp4" in result.stdout  # one line, the break shown
    assert str(exported) not in (root / "audit.log").read_text()  # scrubbed after listing


def test_a_zero_width_space_does_not_make_a_new_label(tmp_path: Path) -> None:
    from vig_tui.domain.rules.labels import label_key

    assert label_key("Robin family") == label_key("Robin\u200b family")
    assert label_key("Robin family") == label_key("ROBIN  family\u00ad")
    assert label_key("Robin family") != label_key("Robyn family")
    from tests.test_store_gates import PW, payload_for, write_bundle
    from vig_tui.privacy.bundle import import_bundle

    with Store.open(tmp_path / "s") as store:
        add_family(store, make_record("Robin family"))
        other = make_record("Robin\u200b family")
        bundle = write_bundle(tmp_path / "b.vigbundle", payload_for(other))
        with pytest.raises(PrivacyError, match="already has the label"):
            import_bundle(store, bundle, PW)


# -- packs ------------------------------------------------------------------------------------
def test_a_huge_pack_is_refused_at_once_with_its_name(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(
        "schema: 1\nkind: prompts\nid: big\nversion: 1\nprompts:\n" + "  - id: x\n" * 60_000
    )
    pack, errors = parse_pack_file(big)
    assert pack is None and len(errors) == 1
    assert isinstance(errors[0], PackError) and "big.yaml" in str(errors[0])
    assert "more than a pack may be" in str(errors[0])


def test_packs_check_without_a_path_checks_the_users_packs(tmp_path: Path) -> None:
    packs = tmp_path / "config" / "packs"
    packs.mkdir(parents=True)
    (packs / "broken.yaml").write_text("schema: 1\nkind: prompts\nid: [oops\n")
    result = vig("packs", "check", env={"VIG_CONFIG_DIR": str(tmp_path / "config")})
    assert result.returncode == 1, result.stdout
    assert "broken.yaml" in result.stdout and "all" not in result.stdout.splitlines()[-1]


async def test_after_an_in_app_erase_none_of_the_familys_screens_stay(store: Store) -> None:
    from textual.widgets import Button

    from vig_tui.ui.app import VigApp
    from vig_tui.ui.dialogs.erase import EraseScreen
    from vig_tui.ui.screens.home import HomeScreen

    family_id = add_family(store)
    app = VigApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_family(family_id)
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
        await app.push_screen(EraseScreen(family_id, "Zebulon-Quartz family"), lambda _r: None)
        await pilot.pause()
        await pilot.press(*"Zebulon-Quartz family")
        assert not app.screen.query_one("#erase", Button).disabled
        await pilot.click("#erase")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert store.summaries() == []


def test_the_recovery_screen_exits_0_after_a_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vig_tui.ui import launch
    from vig_tui.ui.recovery_app import RecoveryApp

    root = tmp_path / "store"
    with Store.open(root) as store:
        add_family(store)
    (root / "index.json").write_text("{torn")
    monkeypatch.setattr(RecoveryApp, "run", lambda self: 0)  # the person restored it
    monkeypatch.setenv("VIG_NO_ENCRYPTION_OFFER", "1")
    assert launch.run_app(root) == 0
    monkeypatch.setattr(RecoveryApp, "run", lambda self: None)  # closed the window
    assert launch.run_app(root) == 1
