"""Clip copies for the family: real files, probed with PyAV, cut where the clip is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from tests.test_privacy_support import add_family, make_record, one_line_error, vig
from vig_tui.domain import Clip
from vig_tui.privacy.clips import PARTIAL_PREFIX, export_clip, export_family_clips
from vig_tui.privacy.errors import PrivacyError
from vig_tui.resources import sample_film
from vig_tui.store import Store
from vig_tui.store.audit import read_events

FILM = sample_film()
W, H = 64, 36


def _gray(frame: av.VideoFrame) -> bytes:
    small = frame.reformat(width=W, height=H, format="gray")
    plane = small.planes[0]
    raw = bytes(plane)
    return b"".join(raw[y * plane.line_size : y * plane.line_size + W] for y in range(H))


def _source_frame_at(seconds: float) -> bytes:
    with av.open(str(FILM)) as c:
        stream = c.streams.video[0]
        assert stream.time_base is not None
        c.seek(int(seconds / stream.time_base), stream=stream, backward=True)
        for frame in c.decode(stream):
            if frame.time is not None and frame.time >= seconds - 0.02:
                return _gray(frame)
    raise AssertionError("no frame")


def _diff(a: bytes, b: bytes) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def _probe(path: Path) -> tuple[float, float, bytes, set[str]]:
    with av.open(str(path)) as c:
        duration = c.duration / 1_000_000 if c.duration else 0.0
        kinds: set[str] = {s.type for s in c.streams}
        first = next(c.decode(video=0))
        return duration, float(first.time or 0.0), _gray(first), kinds


def test_clip_starts_at_its_start_and_lasts_its_length(tmp_path: Path) -> None:
    out = export_clip(FILM, 2000, 5000, tmp_path / "clip.mp4")
    duration, first_time, first, kinds = _probe(out)
    assert abs(duration - 3.0) <= 0.2
    assert abs(first_time) <= 0.2
    assert kinds == {"video", "audio"}
    # the sample film shows a running timecode: the first frame is the one at 2.0 s
    at_2, at_1 = _source_frame_at(2.0), _source_frame_at(1.0)
    assert _diff(first, at_2) < _diff(first, at_1) / 3
    assert _diff(first, at_2) < 1.5  # one frame later differs by about 2
    with av.open(str(out)) as c:
        assert c.streams.video[0].codec_context.name in {"h264", "mpeg4"}


def test_a_start_between_keyframes_is_still_exact(tmp_path: Path) -> None:
    out = export_clip(FILM, 6300, 9800, tmp_path / "mid.mp4")
    duration, first_time, first, _ = _probe(out)
    assert abs(duration - 3.5) <= 0.2 and abs(first_time) <= 0.2
    assert _diff(first, _source_frame_at(6.3)) < _diff(first, _source_frame_at(5.3)) / 3


def test_family_clips_with_progress_and_audit(store: Store, tmp_path: Path) -> None:
    family_id = add_family(store)
    usb = tmp_path / "usb"
    usb.mkdir()
    seen: list[float] = []
    written = export_family_clips(
        store, family_id, usb, cycle=1, on_progress=lambda f, _label: seen.append(f)
    )
    record = store.read_family(family_id)
    clips = record.clips_for(1)
    assert [p.name for p in written] == sorted(p.name for p in usb.iterdir())
    assert len(written) == len(clips)
    for path, clip in zip(written, clips, strict=True):
        duration, first_time, _, _ = _probe(path)
        assert abs(duration - clip.length_ms / 1000) <= 0.2 and abs(first_time) <= 0.2
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    event = read_events(store.root)[-1]
    assert (event.action, event.family_id, event.detail["files"]) == (
        "export.clips",
        family_id,
        len(clips),
    )
    # where the copies went (so an erasure can list them), otherwise only facts
    assert event.detail["folder"] == str(usb)
    facts = {k: v for k, v in event.detail.items() if k != "folder"}
    assert all(isinstance(v, int | bool) or v is None for v in facts.values())


def test_clear_messages_for_bad_input(store: Store, tmp_path: Path) -> None:
    family_id = add_family(store)
    with pytest.raises(PrivacyError, match="does not exist"):
        export_family_clips(store, family_id, tmp_path / "no-stick")
    with pytest.raises(PrivacyError, match="no cycle 7"):
        export_family_clips(store, family_id, tmp_path, cycle=7)
    with pytest.raises(PrivacyError, match="cannot be found"):
        export_clip(tmp_path / "gone.mp4", 0, 3000, tmp_path / "x.mp4")
    with pytest.raises(
        PrivacyError, match=r"starts at 60\.00 s but the film .* is only 12\.00 s long"
    ):
        export_clip(FILM, 60_000, 63_000, tmp_path / "late.mp4")
    assert not list(tmp_path.glob("*.mp4")) and not list(tmp_path.glob(PARTIAL_PREFIX + "*"))


def test_cli_export_clips(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        record = make_record()
        film = record.films[0]
        record.clips.append(Clip(film_id=film.id, cycle=2, start_ms=500, end_ms=3500))
        add_family(store, record)
    usb = tmp_path / "usb"
    usb.mkdir()
    result = vig(
        "--data-dir", str(root), "export", "clips", "Zebulon", "--to", str(usb), "--cycle", "2"
    )
    assert result.returncode == 0, result.stderr
    assert [Path(line).name for line in result.stdout.split()] == ["cycle2-clip1.mp4"]
    assert "1 clip copied" in result.stderr
    message = one_line_error(
        vig(
            "--data-dir", str(root), "export", "clips", "Zebulon", "--to", str(tmp_path / "nowhere")
        )
    )
    assert "does not exist" in message


def test_a_kill_mid_copy_never_leaves_a_half_file_named_like_a_clip(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    code = (
        "import sys; from pathlib import Path; from vig_tui.privacy.clips import export_clip\n"
        "print('go', flush=True)\n"
        f"export_clip(Path({str(FILM)!r}), 0, 11000, Path({str(usb / 'long.mp4')!r}))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"go"
    deadline = time.monotonic() + 20
    while not list(usb.glob(PARTIAL_PREFIX + "*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(usb.glob(PARTIAL_PREFIX + "*")), "the copy never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert list(usb.glob("*.mp4")) == []  # only a hidden partial file, never long.mp4


def test_a_folder_vig_may_not_write_in_asks_for_another_folder(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that refuses files (read-only stick, someone else's folder): copying
    again would only fail again, so the words say to choose another folder, as the
    backup's do for the same refusal."""
    import errno

    family_id = add_family(store)
    usb = tmp_path / "usb"
    usb.mkdir()
    real_open = av.open

    def refusing(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "w" and Path(str(path)).parent == usb:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(av, "open", refusing)
    with pytest.raises(PrivacyError) as refused:
        export_family_clips(store, family_id, usb, cycle=1)
    message = str(refused.value)
    assert "vig may not write there; choose a folder you can write to" in message, message
    assert "again" not in message and "Nothing was copied." in message, message
    assert not list(usb.iterdir())
