"""Consent that arrives through the command line (`vig import bundle`) passes
the same rule as consent saved on the consent screen (domain/rules/consent):
a bundle whose consent has ticks without a signed date, or a date that is not
a date, is refused with one clear line and nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_privacy_support import LABEL, add_family, make_record, one_line_error, vig
from vig_tui.domain import Consent
from vig_tui.store import Store

BUNDLE_PW = {"VIG_BUNDLE_PASSPHRASE": "hand over safely"}


def bundle_with_consent(tmp_path: Path, consent: Consent) -> Path:
    """A bundle made by `vig export bundle` from a store whose consent was
    written past the rule (an older vig, or a hand-edited file)."""
    here = tmp_path / "here"
    record = make_record()
    record.consent = consent
    with Store.open(here) as store:
        add_family(store, record)
    bundle = tmp_path / "family.vigbundle"
    result = vig(
        "--data-dir", str(here), "export", "bundle", LABEL, "-o", str(bundle), env=BUNDLE_PW
    )
    assert result.returncode == 0, result.stderr
    return bundle


@pytest.mark.parametrize(
    ("consent", "field"),
    [
        (Consent(filming=True, watch_in_sessions=True, signed_on="last week"), "signed_on"),
        (Consent(filming=True, family_copies=True), "signed_on"),
        (Consent(filming=True, signed_on="2026-03-01", erase_by="2025-01-01"), "erase_by"),
    ],
    ids=["not-a-date", "ticks-unsigned", "erase-before-signed"],
)
def test_a_bundle_cannot_bring_in_consent_the_screen_would_refuse(
    tmp_path: Path, consent: Consent, field: str
) -> None:
    bundle = bundle_with_consent(tmp_path, consent)
    there = tmp_path / "there"
    message = one_line_error(
        vig("--data-dir", str(there), "import", "bundle", str(bundle), env=BUNDLE_PW)
    )
    assert f"The consent in {bundle.name} cannot be used ({field})" in message
    assert "Nothing was imported" in message
    with Store.open(there, readonly=True) as store:
        assert store.summaries() == []


def test_a_bundle_with_whole_consent_is_imported(tmp_path: Path) -> None:
    consent = Consent(filming=True, watch_in_sessions=True, signed_on="2026-01-10")
    bundle = bundle_with_consent(tmp_path, consent)
    there = tmp_path / "there"
    result = vig("--data-dir", str(there), "import", "bundle", str(bundle), env=BUNDLE_PW)
    assert result.returncode == 0, result.stderr
    with Store.open(there, readonly=True) as store:
        (summary,) = store.summaries()
        assert store.read_family(summary.id).consent.signed_on == "2026-01-10"
