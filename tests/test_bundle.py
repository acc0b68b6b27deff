"""Hand-over bundles: one encrypted file from one store to another."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tests.test_privacy_support import LABEL, NOTES, add_family, one_line_error, vig
from vig_tui.store import Store
from vig_tui.store.audit import read_events

BUNDLE_PW = {"VIG_BUNDLE_PASSPHRASE": "hand over safely"}


def _tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(out, format="PNG")
    return out.getvalue()


#: a real picture: the import gate takes only sane PNG or JPEG stills
STILL = _tiny_png()


def test_bundle_moves_a_family_with_its_stills(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    with Store.open(here) as store:
        family_id = add_family(store, still=STILL)
    bundle = tmp_path / "family.vigbundle"
    result = vig(
        "--data-dir", str(here), "export", "bundle", "Zebulon", "-o", str(bundle), env=BUNDLE_PW
    )
    assert result.returncode == 0, result.stderr
    data = bundle.read_bytes()
    assert LABEL.encode() not in data and NOTES[0].encode() not in data
    # the receiving store is encrypted with its own passphrase
    with Store.open(there) as store:
        store.change_passphrase("receiving store pass")
    env = {**BUNDLE_PW, "VIG_PASSPHRASE": "receiving store pass"}
    result = vig("--data-dir", str(there), "import", "bundle", str(bundle), env=env)
    assert result.returncode == 0, result.stderr
    assert "added (1 still)" in result.stdout
    from vig_tui.store.crypto import unlock

    codec = unlock(there, "receiving store pass")
    store = Store.open(there, readonly=True, codec=codec)
    record = store.read_family(family_id)
    assert record.family.label == LABEL
    assert record.sessions[-1].private_notes == NOTES[0]
    still = store.family_folder(family_id) / "stills" / "still-1.png"
    assert codec.open(still.read_bytes()) == STILL
    assert [e.action for e in read_events(there, codec)][-1] == "import.bundle"
    assert [e.action for e in read_events(here)][-1] == "export.bundle"


def test_import_refuses_to_overwrite_a_newer_record(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    with Store.open(here) as store:
        add_family(store)
    old_bundle = tmp_path / "old.vigbundle"
    assert (
        vig(
            "--data-dir",
            str(here),
            "export",
            "bundle",
            "Zebulon",
            "-o",
            str(old_bundle),
            env=BUNDLE_PW,
        ).returncode
        == 0
    )
    assert (
        vig("--data-dir", str(there), "import", "bundle", str(old_bundle), env=BUNDLE_PW).returncode
        == 0
    )
    # the colleague carries on working: their copy is now newer
    with Store.open(there) as store:
        repo = store.family(store.resolve("Zebulon").id)
        session = repo.record.sessions[-1]
        session.shared_notes = "written later by the colleague"
        session.updated_at = "2999-01-01T00:00:00+00:00"
        repo.db.table("sessions").upsert(
            session.model_dump(mode="json"), lambda d: d["id"] == session.id
        )
    message = one_line_error(
        vig("--data-dir", str(there), "import", "bundle", str(old_bundle), env=BUNDLE_PW)
    )
    assert "more recently" in message and "Nothing was imported" in message
    with Store.open(there) as store:
        record = store.family(store.resolve("Zebulon").id).record
        assert record.sessions[-1].shared_notes == "written later by the colleague"


def test_bad_bundles_give_one_clear_line(tmp_path: Path) -> None:
    here = tmp_path / "here"
    with Store.open(here) as store:
        add_family(store)
    bundle = tmp_path / "b.vigbundle"
    assert (
        vig(
            "--data-dir", str(here), "export", "bundle", "Zebulon", "-o", str(bundle), env=BUNDLE_PW
        ).returncode
        == 0
    )
    other = str(tmp_path / "other")
    assert "does not open" in one_line_error(
        vig(
            "--data-dir",
            other,
            "import",
            "bundle",
            str(bundle),
            env={"VIG_BUNDLE_PASSPHRASE": "the wrong words"},
        )
    )
    assert "no bundle" in one_line_error(
        vig("--data-dir", other, "import", "bundle", str(tmp_path / "missing"), env=BUNDLE_PW)
    )
    (tmp_path / "text.txt").write_text("hello")
    assert "not a vig hand-over bundle" in one_line_error(
        vig("--data-dir", other, "import", "bundle", str(tmp_path / "text.txt"), env=BUNDLE_PW)
    )
    assert "too short" in one_line_error(
        vig(
            "--data-dir",
            str(here),
            "export",
            "bundle",
            "Zebulon",
            "-o",
            str(bundle),
            env={"VIG_BUNDLE_PASSPHRASE": "short"},
        )
    )
