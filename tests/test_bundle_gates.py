"""What a bundle's record says is checked at the import gate before the store
trusts it: the names of its stills, its times, its demo flag, and the stills
it carries. Each test here failed on the code before it."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from tests.test_privacy_support import make_record
from tests.test_store_gates import PW, payload_for, write_bundle
from vig_tui.domain import Still
from vig_tui.domain.rules.stills import stills_for_family
from vig_tui.export.letter import draft_letter
from vig_tui.privacy.bundle import import_bundle
from vig_tui.privacy.errors import PrivacyError
from vig_tui.store import Store
from vig_tui.store.family_repo import record_to_data
from vig_tui.store.migrations import stamp

HOSTILE_NAMES = [
    "../../../../etc/passwd",
    "/etc/shadow",
    "stills/../../../../etc/hostname",
    "stills/.hidden.png",
    "stills/sub/deep.png",
    "stills\\x.png",
]


def png(size: tuple[int, int] = (4, 4), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def refused(tmp_path: Path, payload: dict[str, object]) -> str:
    """Import the payload; it must be refused with nothing in the store."""
    bundle = write_bundle(tmp_path / "hostile.vigbundle", payload)
    with Store.open(tmp_path / "store") as store:
        with pytest.raises(PrivacyError) as caught:
            import_bundle(store, bundle, PW)
        assert store.summaries() == []
    message = str(caught.value)
    assert "Nothing was imported" in message
    return message


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_record_naming_a_still_outside_the_store_is_refused(tmp_path: Path, name: str) -> None:
    record = make_record()
    record.clips[0].stills.append(Still(path=name, at_ms=1000, for_family=True))
    message = refused(tmp_path, payload_for(record))
    assert "clip 1, still 1" in message


def test_the_letter_never_names_a_still_outside_the_stills_folder() -> None:
    record = make_record()
    clip = record.clips[0]
    clip.stills += [Still(path=n, at_ms=1000, for_family=True) for n in HOSTILE_NAMES]
    clip.stills.append(Still(path="stills/fine.png", at_ms=2000, for_family=True))
    assert [s.path for s in stills_for_family(clip).stills] == ["stills/fine.png"]
    markdown = draft_letter(record, None, stills=True).markdown
    for name in HOSTILE_NAMES:
        assert f"({name})" not in markdown


@pytest.mark.parametrize("field", ["_meta", "last_changed"])
def test_a_bundle_from_the_future_is_refused(tmp_path: Path, field: str) -> None:
    record = make_record()
    payload = payload_for(record)
    future = "9999-12-31T23:59:59+00:00"
    if field == "_meta":
        payload["record"] = stamp(record_to_data(record), "family", future)
    else:
        payload["last_changed"] = future
    message = refused(tmp_path, payload)
    assert "in the future" in message and ("changed_at" in message or field in message)


def test_a_record_with_a_date_in_the_future_is_refused(tmp_path: Path) -> None:
    record = make_record()
    record.clips[0].created_at = "9999-01-01T00:00:00+00:00"
    assert "in the future" in refused(tmp_path, payload_for(record))


def test_a_bundle_within_a_days_clock_slack_is_taken(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    record = make_record()
    payload = payload_for(record)
    payload["last_changed"] = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    bundle = write_bundle(tmp_path / "ok.vigbundle", payload)
    with Store.open(tmp_path / "store") as store:
        assert import_bundle(store, bundle, PW).family_id == record.family.id


def test_a_bundle_cannot_bring_in_a_demo_family(tmp_path: Path) -> None:
    record = make_record()
    record.family.demo = True
    bundle = write_bundle(tmp_path / "demo.vigbundle", payload_for(record))
    with Store.open(tmp_path / "store") as store:
        result = import_bundle(store, bundle, PW)
        assert any("family.demo" in note for note in result.notes)
        assert not store.read_family(result.family_id).family.demo
        assert not [s for s in store.summaries() if s.demo]


@pytest.mark.parametrize(
    "blob",
    [
        b"#!/bin/sh\necho hi\n",
        png((20000, 20000), mode="1"),
        png((9000, 100)),
        b"GIF89a" + b"\x00" * 20,
    ],
    ids=["script", "bomb", "too-wide", "gif"],
)
def test_a_bundle_still_that_is_no_sane_picture_is_refused(tmp_path: Path, blob: bytes) -> None:
    record = make_record()
    record.clips[0].stills.append(Still(path="stills/x.png", at_ms=1000))
    message = refused(tmp_path, payload_for(record, {"stills/x.png": b64(blob)}))
    assert "stills/x.png" in message


@pytest.mark.parametrize("name", [*HOSTILE_NAMES, "stills//etc/x", "stills/a/b.png"])
def test_a_bundle_still_with_a_name_outside_the_stills_folder_is_refused(
    tmp_path: Path, name: str
) -> None:
    message = refused(tmp_path, payload_for(make_record(), {name: b64(png())}))
    assert "unsafe name" in message


def test_a_small_png_still_is_taken(tmp_path: Path) -> None:
    record = make_record()
    record.clips[0].stills.append(Still(path="stills/x.png", at_ms=1000))
    bundle = write_bundle(
        tmp_path / "ok.vigbundle", payload_for(record, {"stills/x.png": b64(png())})
    )
    with Store.open(tmp_path / "store") as store:
        assert import_bundle(store, bundle, PW).stills == 1


@pytest.mark.parametrize(
    ("alert_id", "on", "problem"),
    [
        ("self-harm-thoughts", "2099-01-01", "in the future"),
        ("self-harm-thoughts", "2025-12-31", "before the alert was raised"),
        ("no-such-alert", "2026-01-02", "raise no such alert"),
    ],
)
def test_an_alert_dealt_with_is_taken_only_as_the_desk_would_record_it(
    tmp_path: Path, alert_id: str, on: str, problem: str
) -> None:
    """A bundle's account of a safeguarding alert dealt with passes the desk's
    own rule: an alert these answers raise, acted on between the day it was
    raised and today (a crafted bundle showed "Dealt with on 2099-01-01")."""
    from vig_tui.domain import Administration
    from vig_tui.domain.reflections import AlertAction

    record = make_record()
    answers: dict[str, int | str | None] = {f"phq9-{n}": 0 for n in range(1, 9)}
    record.administrations.append(
        Administration(
            questionnaire_id="phq9",
            version="1",
            timepoint="baseline",
            answers=answers | {"phq9-9": 1},
            completed=True,
            at="2026-01-01T10:00:00+00:00",
            acted_on=[AlertAction(alert_id=alert_id, action="Rang the GP", on=on)],
        )
    )
    message = refused(tmp_path, payload_for(record))
    assert problem in message and "(phq9)" in message
