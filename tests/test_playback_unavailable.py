"""libVLC missing or broken: one typed error with a message saying what to install."""

from __future__ import annotations

import builtins
import sys
import types
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from vig_tui.playback import (
    PlayerUnavailable,
    UnavailablePlayer,
    create_player,
    create_player_or_placeholder,
    libvlc,
)
from vig_tui.playback.diagnose import check_libvlc
from vig_tui.playback.player import PlayerState


@pytest.fixture
def fresh_vlc_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget any loaded module/instance for the test; restored afterwards."""
    monkeypatch.setattr(libvlc, "_vlc", None)
    monkeypatch.setattr(libvlc, "_instance", None)


def _block_import(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> ModuleType:
        if name == "vlc":
            raise exc
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "vlc", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)


@pytest.mark.parametrize(
    "exc",
    [
        ImportError("No module named 'vlc'"),
        OSError("libvlc.so.5: cannot open shared object file"),
        NotImplementedError("Cannot find libvlc lib"),
    ],
)
def test_import_failures_become_player_unavailable(
    monkeypatch: pytest.MonkeyPatch, fresh_vlc_state: None, exc: BaseException
) -> None:
    _block_import(monkeypatch, exc)
    with pytest.raises(PlayerUnavailable) as info:
        create_player()
    message = str(info.value)
    assert "sudo apt install libvlc5 vlc-plugin-base" in message
    assert "install VLC" in message
    assert "notes still work" in message
    assert info.value.reason
    assert isinstance(info.value.__cause__, type(exc))


def test_instance_none_becomes_player_unavailable(
    monkeypatch: pytest.MonkeyPatch, fresh_vlc_state: None
) -> None:
    fake = types.ModuleType("vlc")
    fake.Instance = lambda *a, **k: None  # type: ignore[attr-defined]
    fake.libvlc_get_version = lambda: b"3.0.99 Fake"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vlc", fake)
    with pytest.raises(PlayerUnavailable) as info:
        create_player()
    assert "libvlc5" in str(info.value)
    check = check_libvlc()
    assert not check.ok
    assert "libvlc5" in check.detail


def test_doctor_check_reports_missing(
    monkeypatch: pytest.MonkeyPatch, fresh_vlc_state: None
) -> None:
    _block_import(monkeypatch, OSError("no libvlc"))
    check = check_libvlc()
    assert check.ok is False
    assert "sudo apt install libvlc5 vlc-plugin-base" in check.detail


def test_placeholder_player_keeps_the_app_going(
    monkeypatch: pytest.MonkeyPatch, fresh_vlc_state: None, tmp_path: Path
) -> None:
    _block_import(monkeypatch, ImportError("nope"))
    player = create_player_or_placeholder()
    assert isinstance(player, UnavailablePlayer)
    assert player.state is PlayerState.EMPTY
    assert isinstance(player.hint, PlayerUnavailable)
    with pytest.raises(PlayerUnavailable):
        player.open(tmp_path / "film.mp4")
    # every control is harmless
    player.play_clip(0, 1000)
    player.toggle()
    player.jump(1000)
    player.tick()
    assert player.position_ms() == 0


def test_importing_playback_does_not_import_vlc_or_textual() -> None:
    import subprocess

    code = (
        "import sys, vig_tui.playback, vig_tui.playback.vlc_player, vig_tui.playback.libvlc, "
        "vig_tui.playback.diagnose, vig_tui.playback.fake, vig_tui.playback.films;"
        "bad=[m for m in ('vlc','textual','rich','tinydb') if m in sys.modules];"
        "print(','.join(bad))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == ""
