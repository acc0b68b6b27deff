"""Hostile input to the store's doors: bundles and the files it reads.

Arbitrary bytes and well-formed but hostile payloads go to bundle import and
to record/index loading. The only outcomes allowed are success or one clear
refusal (a VigError with a message), and nothing outside the store changes.
"""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_privacy_support import make_record
from tests.test_store_gates import PW, payload_for, tree, write_bundle
from vig_tui.errors import VigError
from vig_tui.privacy.bundle import MAGIC, import_bundle
from vig_tui.store import Store
from vig_tui.store.family_repo import record_to_data

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["../../x", "/etc/passwd", "e", "", "\x00", "stills/../../x", "a" * 32]),
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def hostile_payloads(draw: st.DrawFn) -> Any:
    """A real payload with parts replaced by hostile values."""
    record = make_record()
    payload: dict[str, Any] = payload_for(
        record, {"stills/ok.png": base64.b64encode(b"png").decode()}
    )
    data: dict[str, Any] = dict(record_to_data(record))
    payload["record"] = data
    for _ in range(draw(st.integers(1, 4))):
        where = draw(
            st.sampled_from(
                ["family", "family.id", "table", "meta", "stills", "still name", "format", "top"]
            )
        )
        value: Any = draw(_json)
        # an earlier change may have replaced the family table by a hostile value
        family = data.get("family")
        entry = family.get("1") if isinstance(family, dict) else None
        if where in ("family", "family.id") and not (isinstance(entry, dict) and entry):
            where = "table"
        if where == "family":
            assert isinstance(entry, dict)
            entry[draw(st.sampled_from(list(entry)))] = value
        elif where == "family.id":
            assert isinstance(entry, dict)
            entry["id"] = draw(st.text(max_size=40) | _scalars)
        elif where == "table":
            data[draw(st.sampled_from(list(data)))] = value
        elif where == "meta":
            data["_meta"] = value
        elif where == "stills":
            payload["stills"] = value
        elif where == "still name":
            payload["stills"] = {draw(st.text(max_size=30)): base64.b64encode(b"x").decode()}
        elif where == "format":
            payload["format"] = value
        else:  # the whole payload or record replaced: nothing left to change
            payload = value if draw(st.booleans()) else {**payload, "record": value}
            break
    return payload


def _import_once(base: Path, bundle: Path) -> None:
    root = base / "store"
    with Store.open(root) as store:
        before = {k: v for k, v in tree(base).items() if not k.startswith("store")}
        try:
            import_bundle(store, bundle, PW)
        except VigError as err:
            assert str(err) and "Traceback" not in str(err)
        after = {k: v for k, v in tree(base).items() if not k.startswith("store")}
        assert after == before
    with Store.open(root) as store:  # and the store still opens
        for summary in store.summaries():
            store.read_family(summary.id)


@FUZZ
@given(payload=hostile_payloads())
def test_hostile_bundles_are_imported_or_refused_cleanly(payload: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "outside").mkdir()
        (base / "outside" / "keep").write_text("mine")
        bundle = write_bundle(base / "b.vigbundle", payload)
        _import_once(base, bundle)


@FUZZ
@given(body=st.binary(max_size=300), header=st.booleans())
def test_arbitrary_bytes_as_a_bundle_are_refused(body: bytes, header: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        head = MAGIC + b'{"kdf":"scrypt","n":16,"r":8,"p":1,"salt":"AAAA"}\n' if header else b""
        bundle = base / "b.vigbundle"
        bundle.write_bytes(head + body)
        _import_once(base, bundle)


@FUZZ
@given(
    which=st.sampled_from(["index.json", "record.json"]),
    content=st.one_of(
        st.binary(max_size=200),
        _json.map(lambda v: json.dumps(v).encode()),
        st.dictionaries(st.sampled_from(["families", "_meta", "family", "clips"]), _json).map(
            lambda v: json.dumps(v).encode()
        ),
    ),
)
def test_damaged_store_files_open_or_are_named(which: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root = base / "store"
        with Store.open(root) as store:
            family_id = store.create_family(make_record()).id
        target = root / which if which == "index.json" else root / "families" / family_id / which
        target.write_bytes(content)
        outside = {k: v for k, v in tree(base).items() if not k.startswith("store")}
        for readonly in (True, False):
            try:
                with Store.open(root, readonly=readonly) as store:
                    for summary in store.summaries():
                        store.read_family(summary.id)
            except VigError as err:
                assert which in str(err) or "families" in str(err), str(err)
        assert {k: v for k, v in tree(base).items() if not k.startswith("store")} == outside
