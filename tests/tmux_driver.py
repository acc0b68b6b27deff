"""Drive the installed `vig` in tmux, as a person at a terminal would."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

VIG = str(Path(sys.executable).parent / "vig")
#: only the family's closing screen says this ("Thank you" alone is also the finish step's title)
CLOSING = "talked about today is saved"


def need_tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is needed for these tests in CI (.ci/run installs it)")
        pytest.skip("tmux is not installed")
    return tmux


class Tmux:
    def __init__(
        self,
        name: str,
        data_dir: Path,
        width: int = 100,
        height: int = 30,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        # a server of this test process's own: parallel runs never share a session name
        self.tmux = [need_tmux(), "-L", f"vig-tests-{os.getpid()}"]
        self.name = name
        env = {
            "VIG_DATA_DIR": str(data_dir),
            "VIG_CONFIG_DIR": str(data_dir.parent / "config"),
            "VIG_VLC_ARGS": "--vout=dummy --aout=dummy --intf=dummy",
            "TEXTUAL_ANIMATIONS": "none",
            "TERM": "xterm-256color",
            **(extra_env or {}),
        }
        command = "exec env " + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command += f" {shlex.quote(VIG)}"
        self.run("kill-session", "-t", name, check=False)
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command)

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run([*self.tmux, *args], capture_output=True, text=True, timeout=20)
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {args[0]} failed: {result.stderr}")
        return result.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.name, key)
            time.sleep(0.08)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.name, "-l", text)
        time.sleep(0.2)

    def screen(self) -> str:
        return self.run("capture-pane", "-t", self.name, "-p")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.15)
        raise AssertionError(f"'{text}' never appeared. The screen was:\n{screen}")

    def wait_until_gone(self, text: str, timeout: float = 20.0) -> str:
        """Wait until `text` is no longer on screen (a key's change has been drawn)."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while text in screen:
            if time.monotonic() > deadline:
                raise AssertionError(f"'{text}' stayed on screen. The screen was:\n{screen}")
            time.sleep(0.15)
            screen = self.screen()
        return screen

    def wait_for_any(self, *texts: str, timeout: float = 20.0) -> str:
        """Wait until one of `texts` is on screen; the screen then."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(text in screen for text in texts):
                return screen
            time.sleep(0.15)
        raise AssertionError(f"none of {texts} appeared. The screen was:\n{screen}")

    def pid(self) -> int:
        return int(self.run("list-panes", "-t", self.name, "-F", "#{pane_pid}").split()[0])

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.name, check=False) == "" and (
            subprocess.run(
                [*self.tmux, "has-session", "-t", self.name], capture_output=True
            ).returncode
            == 0
        )

    def close(self) -> None:
        self.run("kill-session", "-t", self.name, check=False)
