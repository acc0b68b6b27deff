"""How quickly does a clip start? vig's player beside raw python-vlc, same run.

Measures the time from asking for a clip to the player reporting that it is
playing *and* that its position is at or past the clip's start:

* first clip  - a fresh media player and a fresh media each time;
* repeat clip - one player, a new clip (different start) each time, asked for
  while the previous clip is still playing.

The raw baseline does the same with plain python-vlc calls (a media with
``:start-time=``/``:stop-time=`` options, ``play()``, then polling
``get_state()``/``get_time()``). vig and raw runs are interleaved, alternating
which goes first, so a noisy machine hurts both alike. Both poll every 5 ms and
share the one libVLC instance (created before timing starts).

Also shown: opening a film (vig reads the header with PyAV on the caller's
thread; the baseline waits for libVLC's parser as vig used to), and, for
transparency, the time until each merely reports "playing".
vig's position is anchored at the clip start as soon as VLC says it is playing
(VLC seeks to start-time before it starts), while raw ``get_time()`` keeps
reporting a stale value until its next coarse (~250 ms) update.

Usage: python bench/playback.py [--film PATH] [--runs N] [--json]
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VIG_VLC_ARGS", "--vout=dummy --aout=dummy --intf=dummy")

from vig_tui.playback import libvlc, vlc_player  # noqa: E402
from vig_tui.playback.player import PlayerState  # noqa: E402

POLL_S = 0.005
TIMEOUT_S = 10.0
CLIP_MS = 3000
STARTS = [1000, 5000, 2000, 8000, 3000, 6000, 500, 7000, 4000, 8500]


class Timing:
    def __init__(self) -> None:
        self.playing: list[float] = []
        self.at_start: list[float] = []


def _wait(
    check_playing: Callable[[], bool], check_at_start: Callable[[], bool]
) -> tuple[float, float]:
    t0 = time.perf_counter()
    playing_at: float | None = None
    while True:
        now = time.perf_counter()
        if playing_at is None and check_playing():
            playing_at = now
        if playing_at is not None and check_at_start():
            return (playing_at - t0) * 1000, (now - t0) * 1000
        if now - t0 > TIMEOUT_S:
            raise TimeoutError("the clip did not start")
        time.sleep(POLL_S)


# --------------------------------------------------------------------- vig
def vig_first(film: Path, start: int, out: Timing) -> None:
    player = vlc_player.VlcPlayer()
    player.open(film)  # reading the header is part of attaching a film, not of playing
    t0 = time.perf_counter()
    player.play_clip(start, start + CLIP_MS)
    elapsed = (time.perf_counter() - t0) * 1000

    def playing() -> bool:
        player.tick()
        return player.state is PlayerState.PLAYING

    p, s = _wait(playing, lambda: player.position_ms() >= start)
    out.playing.append(elapsed + p)
    out.at_start.append(elapsed + s)
    player.close()


class VigRepeat:
    def __init__(self, film: Path) -> None:
        self.player = vlc_player.VlcPlayer()
        self.player.open(film)

    def run(self, start: int, out: Timing) -> None:
        player = self.player
        t0 = time.perf_counter()
        player.play_clip(start, start + CLIP_MS)
        elapsed = (time.perf_counter() - t0) * 1000

        def playing() -> bool:
            player.tick()
            return player.state is PlayerState.PLAYING

        p, s = _wait(playing, lambda: player.position_ms() >= start)
        out.playing.append(elapsed + p)
        out.at_start.append(elapsed + s)

    def close(self) -> None:
        self.player.close()


# --------------------------------------------------------------------- raw
def _raw_play(instance: Any, mp: Any, film: Path, start: int) -> Any:
    media = instance.media_new_path(str(film))
    media.add_option(f":start-time={start / 1000:.3f}")
    media.add_option(f":stop-time={(start + CLIP_MS) / 1000:.3f}")
    mp.set_media(media)
    mp.play()
    return media


def raw_first(vlc: Any, instance: Any, film: Path, start: int, out: Timing) -> None:
    mp = instance.media_player_new()
    t0 = time.perf_counter()
    media = _raw_play(instance, mp, film, start)
    elapsed = (time.perf_counter() - t0) * 1000
    p, s = _wait(
        lambda: mp.get_state() == vlc.State.Playing,
        lambda: mp.get_time() >= start,
    )
    out.playing.append(elapsed + p)
    out.at_start.append(elapsed + s)
    mp.stop()
    media.release()
    mp.release()


class RawRepeat:
    def __init__(self, vlc: Any, instance: Any, film: Path) -> None:
        self.vlc, self.instance, self.film = vlc, instance, film
        self.mp = instance.media_player_new()
        self.media: Any = None

    def run(self, start: int, out: Timing) -> None:
        t0 = time.perf_counter()
        old = self.media
        self.media = _raw_play(self.instance, self.mp, self.film, start)
        if old is not None:
            old.release()
        elapsed = (time.perf_counter() - t0) * 1000
        p, s = _wait(
            lambda: self.mp.get_state() == self.vlc.State.Playing,
            lambda: self.mp.get_time() >= start,
        )
        out.playing.append(elapsed + p)
        out.at_start.append(elapsed + s)

    def close(self) -> None:
        self.mp.stop()
        if self.media is not None:
            self.media.release()
        self.mp.release()


# ------------------------------------------------------------------ report
def vig_open(player: Any, film: Path) -> float:
    """Opening a film: vig reads its header (length, size, a first picture) with PyAV."""
    t0 = time.perf_counter()
    player.open(film)
    return (time.perf_counter() - t0) * 1000


def raw_open(vlc: Any, instance: Any, film: Path) -> float:
    """The baseline: libVLC's own parser, waited for on the calling thread."""
    t0 = time.perf_counter()
    media = instance.media_new_path(str(film))
    media.parse_with_options(vlc.MediaParseFlag.local, 4000)
    while not media.get_parsed_status():
        time.sleep(POLL_S)
    media.get_duration()
    media.release()
    return (time.perf_counter() - t0) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--film", type=Path, default=ROOT / "data" / "sample-film.mp4")
    parser.add_argument("--runs", type=int, default=10, help="runs of each kind (default 10)")
    parser.add_argument("--json", action="store_true", help="print a JSON object only")
    args = parser.parse_args(argv)

    vlc = libvlc.load_vlc()
    instance = libvlc.get_instance()
    starts = [STARTS[i % len(STARTS)] for i in range(args.runs)]

    vig_f, raw_f, vig_r, raw_r = Timing(), Timing(), Timing(), Timing()
    # warm-up: one of each, not counted (plugin loading, file cache)
    vig_first(args.film, 1000, Timing())
    raw_first(vlc, instance, args.film, 1000, Timing())

    for i, start in enumerate(starts):
        if i % 2 == 0:
            vig_first(args.film, start, vig_f)
            raw_first(vlc, instance, args.film, start, raw_f)
        else:
            raw_first(vlc, instance, args.film, start, raw_f)
            vig_first(args.film, start, vig_f)

    vig_rep = VigRepeat(args.film)
    raw_rep = RawRepeat(vlc, instance, args.film)
    vig_rep.run(0, Timing())  # the first clip on each player is not a repeat
    raw_rep.run(0, Timing())
    for i, start in enumerate(starts):
        pair: list[tuple[VigRepeat | RawRepeat, Timing]] = [(vig_rep, vig_r), (raw_rep, raw_r)]
        for runner, out in pair if i % 2 == 0 else reversed(pair):
            runner.run(start, out)
            time.sleep(0.15)  # let the clip play a little before the next request
    vig_rep.close()
    raw_rep.close()
    opener = vlc_player.VlcPlayer()
    vig_o = [vig_open(opener, args.film) for _ in range(args.runs)]
    opener.close()
    raw_o = [raw_open(vlc, instance, args.film) for _ in range(args.runs)]

    med = statistics.median
    result: dict[str, Any] = {
        "first_ms": round(med(vig_f.at_start), 1),
        "repeat_ms": round(med(vig_r.at_start), 1),
        "raw_first_ms": round(med(raw_f.at_start), 1),
        "raw_repeat_ms": round(med(raw_r.at_start), 1),
        "first_p95_ms": round(p95(vig_f.at_start), 1),
        "repeat_p95_ms": round(p95(vig_r.at_start), 1),
        "raw_first_p95_ms": round(p95(raw_f.at_start), 1),
        "raw_repeat_p95_ms": round(p95(raw_r.at_start), 1),
        "first_playing_ms": round(med(vig_f.playing), 1),
        "repeat_playing_ms": round(med(vig_r.playing), 1),
        "raw_first_playing_ms": round(med(raw_f.playing), 1),
        "raw_repeat_playing_ms": round(med(raw_r.playing), 1),
        "open_ms": round(med(vig_o), 1),
        "raw_open_ms": round(med(raw_o), 1),
        "runs": args.runs,
        "libvlc": libvlc.libvlc_version(),
    }
    first_ok = result["first_ms"] <= 1.1 * result["raw_first_ms"] + 30
    repeat_ok = result["repeat_ms"] <= 1.1 * result["raw_repeat_ms"] + 30
    result["pass"] = first_ok and repeat_ok

    if args.json:
        print(json.dumps(result))
        return 0 if result["pass"] else 1

    def row(label: str, vig: list[float], raw: list[float]) -> str:
        ratio = med(vig) / med(raw) if med(raw) else float("nan")
        return (
            f"{label:<28}{med(vig):>9.1f}{p95(vig):>9.1f}"
            f"{med(raw):>10.1f}{p95(raw):>9.1f}{ratio:>8.2f}"
        )

    print(f"Clip start latency, ms ({args.runs} runs each, libVLC {result['libvlc']})")
    print(f"{'':<28}{'vig med':>9}{'vig p95':>9}{'raw med':>10}{'raw p95':>9}{'ratio':>8}")
    print(row("first clip: at clip start", vig_f.at_start, raw_f.at_start))
    print(row("repeat clip: at clip start", vig_r.at_start, raw_r.at_start))
    print(row("first clip: says playing", vig_f.playing, raw_f.playing))
    print(row("repeat clip: says playing", vig_r.playing, raw_r.playing))
    print(row("open a film (its header)", vig_o, raw_o))
    print()
    limit_f = 1.1 * result["raw_first_ms"] + 30
    limit_r = 1.1 * result["raw_repeat_ms"] + 30
    print(f"first:  {result['first_ms']:.1f} <= {limit_f:.1f}  {'PASS' if first_ok else 'FAIL'}")
    print(f"repeat: {result['repeat_ms']:.1f} <= {limit_r:.1f}  {'PASS' if repeat_ok else 'FAIL'}")
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
