"""Is every key answered within 2× of bare Textual typing?

Runs vig headless on a demo store and times key presses until the screen has
processed them and repainted: typing a letter into the family's words (which
also arms the autosave), moving to the next step (a new step is built and
mounted), a digit on a 0–10 scale, answering a questionnaire item, opening a
family's dashboard from Home (Enter), opening the shared review from the
dashboard (r), switching to the practitioner view and back (F2), and
play/pause on a clip (F5, fake player). Side by side, in the same run, a
letter typed into a bare Textual app with just a TextArea — the framework's
own cost — measured in rounds interleaved with vig's, so noise hits both.

Two more floors of bare Textual, in the same run: showing or hiding one
line in a screen of as many widgets as the review (one layout: what any key
that moves things on screen costs at the least), and opening a screen of a
header, a line and a footer.

Target: every key's p95 ≤ 2 × the bare p95. Each key's CPU time (this
process's, wall time less waiting on the disk and on other programs) is
reported beside it with the same ratio: on a busy machine it is the steadier one.

Usage:  python bench/keys.py [--json] [--rounds 40]
"""

# ruff: noqa: E402  (the collector is held off before the imports, as `vig` does)
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
gc.disable()  # as `vig` starts (cli.cmd_app): its first painted screen collects from then on

from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TextArea
from textual.widgets._footer import FooterKey

from bench.common import median, pct, table, verdict
from vig_tui.demo import build_demo_record
from vig_tui.domain import Family, SessionKind
from vig_tui.packs import load_packs
from vig_tui.playback.fake import FakePlayer
from vig_tui.store import Store
from vig_tui.ui.app import VigApp
from vig_tui.ui.screens.dashboard import DashboardScreen
from vig_tui.ui.screens.meeting import MeetingScreen

if not hasattr(VigApp, "collect_garbage_from_now_on"):
    gc.enable()  # a vig from before that held nothing off

TARGET_RATIO = 2.0


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea()


class PlainScreen(Screen[None]):
    """A screen of `size` plain widgets: what Textual itself takes to mount
    and paint as many widgets as a vig screen has."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size_in_widgets = size

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for n in range(self.size_in_widgets - 2):
                yield Static(f"line {n}")


class FramedScreen(Screen[None]):
    """The least a vig screen can be: a header, one line, a footer with a key.
    What Textual itself takes to open a screen with a frame (the floor)."""

    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("one line")
        yield Footer()


class BareScreens(App[None]):
    """Opens a PlainScreen of the size it is asked for on "o", a FramedScreen on "f"."""

    def __init__(self) -> None:
        super().__init__()
        self.next_size = 10

    def key_o(self) -> None:
        self.push_screen(PlainScreen(self.next_size))

    def key_f(self) -> None:
        self.push_screen(FramedScreen())


class Toggling(App[None]):
    """Bare Textual's floor for a key that changes what is laid out: a screen
    of as many widgets as vig's shared review (a header, a scroll of lines,
    a footer), where "t" shows or hides one line near the top, so the lines
    under it move: one layout and a repaint of what moved — what F2 (the
    practitioner's private parts), a stage that brings the question picker,
    or a step of another kind ask of Textual at the least."""

    BINDINGS = [("t", "show_or_hide", "Show or hide")]

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size_in_widgets = size

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("a line that comes and goes", id="toggled")
            for n in range(max(self.size_in_widgets - 4, 1)):
                yield Static(f"line {n}")
        yield Footer()

    def action_show_or_hide(self) -> None:
        toggled = self.query_one("#toggled")
        toggled.display = not toggled.display


class Timing(float):
    """A key's wall time in ms, with the CPU time this process spent on it
    (`cpu`, ms): on a machine shared with other work the CPU time is the
    steadier figure (a save's fsync waits on the disk and is not in it)."""

    cpu: float

    @classmethod
    def since(cls, start: float, cpu_start: float) -> Timing:
        timing = cls((time.perf_counter() - start) * 1000)
        timing.cpu = (time.process_time() - cpu_start) * 1000
        return timing


def cpu_of(values: Sequence[float]) -> list[float]:
    return [getattr(v, "cpu", float("nan")) for v in values]


def key_event(key: str) -> events.Key:
    character = key if len(key) == 1 else None
    return events.Key(key, character)


async def settled() -> None:
    """Return once nothing in the app is left to run: every message the key
    caused (and what those caused, to any depth) has been handled.

    Everything runnable in asyncio sits in the loop's ready queue (a message
    posted to any widget wakes that widget's task into it), so an empty ready
    queue, seen from this task, means every widget is waiting for new input.
    The check costs the same whatever the number of widgets on screen — unlike
    Pilot's own wait, which posts a callback to every widget and so charges a
    screen of 50 widgets for 50 extra messages per wait. Timers (the autosave
    0.4 s later, the player's tick) are not waited for."""
    loop = asyncio.get_running_loop()
    ready = loop._ready  # type: ignore[attr-defined]
    give_up = time.perf_counter() + 30
    while True:
        await asyncio.sleep(0)
        if not ready:
            return
        if time.perf_counter() > give_up:
            raise SystemExit("the app never settled (something reschedules itself forever)")


async def timed(pilot, key: str) -> Timing:  # type: ignore[no-untyped-def]
    """From the key arriving to the screen repainted with its effect.

    Pilot's own press() waits for the process to look idle (tens of ms of
    polling), which would swamp what we measure; instead the key is posted
    as the terminal driver would, everything it causes is processed
    (`settled`), and the screen is painted once."""
    app = pilot.app
    await pilot.pause()
    start, cpu_start = time.perf_counter(), time.process_time()
    app.post_message(key_event(key))
    await settled()
    app.screen._on_timer_update()
    return Timing.since(start, cpu_start)


async def timed_step(pilot, meeting: MeetingScreen) -> Timing:  # type: ignore[no-untyped-def]
    """Ctrl+N: from the key arriving to the next step built and painted."""
    app = pilot.app
    await pilot.pause()
    done = asyncio.Event()
    original = meeting._show_step

    async def watched() -> None:
        await original()
        done.set()

    meeting._show_step = watched  # type: ignore[method-assign]
    start, cpu_start = time.perf_counter(), time.process_time()
    app.post_message(key_event("ctrl+n"))
    await asyncio.wait_for(done.wait(), 10)
    await settled()
    app.screen._on_timer_update()
    elapsed = Timing.since(start, cpu_start)
    meeting._show_step = original  # type: ignore[method-assign]
    return elapsed


def shown(screen: Screen[Any]) -> bool:
    """A screen counts as open once what it shows is there: its footer's keys
    and, for a meeting, its first step with the clip's player (the step is
    built with the screen, the player just after the first paint). Without
    this, whether that work fell inside the timing was down to luck; what any
    of it causes is then run to the end (`settled`).

    vig's footer draws its keys as it is painted (`placed`); Textual's own
    footer, which vig used before, builds a widget per key after the screen's
    first paint (so the bench still times an older vig the same way)."""
    for footer in screen.query("VigFooter, Footer"):
        drawn = getattr(footer, "placed", None)
        if not (drawn if drawn is not None else footer.query(FooterKey)):
            return False
    return not isinstance(screen, MeetingScreen) or screen.step_on_screen


async def timed_screen(pilot, key: str, screen_type: type[Screen[Any]]) -> Timing:  # type: ignore[no-untyped-def]
    """A key that opens a screen: from the key arriving to that screen mounted
    and painted."""
    app = pilot.app
    await pilot.pause()
    start, cpu_start = time.perf_counter(), time.process_time()
    app.post_message(key_event(key))
    ready = asyncio.get_running_loop()._ready  # type: ignore[attr-defined]
    while not (isinstance(app.screen, screen_type) and app.screen.is_mounted and shown(app.screen)):
        if time.perf_counter() - start > 30:
            raise SystemExit(f"{key!r} did not open {screen_type.__name__} (on {app.screen})")
        # with nothing left to run the app waits for a timer (a paint): wait
        # with it rather than spin, so the CPU time is the app's own
        await asyncio.sleep(0 if ready else 0.0005)
    await settled()
    app.screen._on_timer_update()
    return Timing.since(start, cpu_start)


async def back_to(pilot, screen_type: type[Screen[Any]]) -> None:  # type: ignore[no-untyped-def]
    for _ in range(10):
        if isinstance(pilot.app.screen, screen_type):
            return
        if pilot.app.together:
            pilot.app.close_room()  # the practitioner's deliberate way back to the desk
        elif type(pilot.app.screen).__name__ == "LeaveMeetingScreen":
            # Esc in a meeting asks first: "Stop for now" (named, not imported,
            # so the bench still times a vig from before it asked)
            pilot.app.screen.dismiss(True)
        else:
            await pilot.press("escape")
        await pilot.pause()
    raise SystemExit(f"could not get back to {screen_type.__name__} (on {pilot.app.screen})")


async def step_by_step(pilot, meeting) -> None:  # type: ignore[no-untyped-def]
    """Switch the shared review to its step-by-step view (Ctrl+T) if it is not there."""
    if any(s.kind == "conversation" for s in meeting.steps):
        await pilot.press("ctrl+t")
        await pilot.pause()
    if any(s.kind == "conversation" for s in meeting.steps):
        raise SystemExit("Ctrl+T did not switch the review to the step-by-step view")


async def conversation_keys(pilot, meeting, rounds: int, results: dict[str, list[float]]) -> None:  # type: ignore[no-untyped-def]
    """The conversation view's own keys: a letter into the remark box, Enter
    keeping the remark (a save), Ctrl+Down moving the talk to the next stage
    (a save); at the last stage the talk goes back to the first, untimed."""
    talk = next((i for i, s in enumerate(meeting.steps) if s.kind == "conversation"), None)
    if talk is None:
        raise SystemExit("the shared review did not open in the conversation view")
    meeting.go(talk)
    await pilot.pause(0.5)  # settled, as a person would find it (see vig_keys)
    app = pilot.app
    view = meeting.query_one("ConversationView")
    for _ in range(rounds):
        if getattr(app.focused, "id", None) != "talk-words":
            meeting.query_one("#talk-words").focus()
            await pilot.pause()
        for letter in "ok":
            results["talk_type"].append(await timed(pilot, letter))
        results["talk_enter"].append(await timed(pilot, "enter"))
        if view.stage + 1 >= len(view.stages):
            for _ in range(len(view.stages)):
                await pilot.press("ctrl+up")
            await pilot.pause()
        results["talk_stage"].append(await timed(pilot, "ctrl+down"))


async def bare_typing(rounds: int) -> list[Timing]:
    app = Bare()
    out: list[Timing] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(TextArea).focus()
        for _ in range(rounds):
            out.append(await timed(pilot, "a"))
    return out


async def bare_toggles(rounds: int, size: int) -> list[Timing]:
    app = Toggling(size)
    out: list[Timing] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(rounds):
            out.append(await timed(pilot, "t"))
    return out


async def bare_screens(rounds: int, sizes: dict[str, int]) -> dict[str, list[float]]:
    """Bare Textual opening a screen with as many widgets as each vig screen,
    and (as "framed") a screen of a header, one line and a footer."""
    app = BareScreens()
    out: dict[str, list[float]] = {key: [] for key in [*sizes, "framed"]}
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(rounds):
            for key, size in sizes.items():
                app.next_size = size
                out[key].append(await timed_screen(pilot, "o", PlainScreen))
                app.pop_screen()
                await pilot.pause()
            out["framed"].append(await timed_screen(pilot, "f", FramedScreen))
            app.pop_screen()
            await pilot.pause()
    return out


async def vig_keys(
    rounds: int, root: Path, sizes: dict[str, int] | None = None
) -> dict[str, list[float]]:
    store = Store.open(root)
    record = build_demo_record()
    for review in record.sessions_of(SessionKind.SHARED_REVIEW, 1):
        review.completed = False  # being held today: `r` opens it, no question asked first
        review.date = date.today().isoformat()
    demo = store.create_family(record)
    fresh = store.create_family(Family(label="Bench"))
    app = VigApp(
        store, packs=load_packs(include_user=False), player_factory=lambda sink: FakePlayer(sink)
    )
    results: dict[str, list[float]] = {
        "type": [],
        "next_step": [],
        "scale": [],
        "answer": [],
        "open_dashboard": [],
        "open_review": [],
        "view_switch": [],
        "play_pause": [],
        "talk_type": [],
        "talk_enter": [],
        "talk_stage": [],
    }
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(rounds):
            home = app.screen
            home.query_one("#families", DataTable).focus()
            results["open_dashboard"].append(await timed_screen(pilot, "enter", DashboardScreen))
            if sizes is not None:
                sizes["open_dashboard"] = len(list(app.screen.walk_children(with_self=True)))
            await back_to(pilot, type(home))
        app.open_family(demo.id)
        await pilot.pause()
        dashboard = app.screen
        for _ in range(rounds):
            results["open_review"].append(await timed_screen(pilot, "r", MeetingScreen))
            if sizes is not None:
                sizes["open_review"] = len(list(app.screen.walk_children(with_self=True)))
            await back_to(pilot, type(dashboard))
        await pilot.press("r")
        await pilot.pause()
        meeting = app.screen
        # the shared review opens in the conversation view: one clip, its stages,
        # a box for the family's words (focused)
        await conversation_keys(pilot, meeting, rounds, results)
        clip_step = next(i for i, s in enumerate(meeting.steps) if s.clip_id)  # type: ignore[attr-defined]
        meeting.go(clip_step)  # type: ignore[attr-defined]
        # keys are pressed once the step has settled, as a person would: what a
        # step builds just after it appears (the review's hidden parts) is not
        # a key's own work
        await pilot.pause(0.5)
        for _ in range(rounds):
            results["play_pause"].append(await timed(pilot, "f5"))
            results["view_switch"].append(await timed(pilot, "f2"))
        if not app.together:
            await pilot.press("f2")
        # Ctrl+N and typing are measured in the step-by-step view (Ctrl+T;
        # remembered for this meeting)
        await step_by_step(pilot, meeting)
        meeting.go(1)  # type: ignore[attr-defined]
        await pilot.pause()
        for _ in range(rounds):
            results["next_step"].append(await timed_step(pilot, meeting))  # type: ignore[arg-type]
            for _ in range(2):
                results["type"].append(await timed(pilot, "a"))
            if meeting.index > 30:  # type: ignore[attr-defined]
                meeting.go(1)  # type: ignore[attr-defined]
                await pilot.pause()
        await back_to(pilot, type(dashboard))
        app.open_family(fresh.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        meeting = app.screen
        keys = [s.key for s in meeting.steps]  # type: ignore[attr-defined]
        meeting.go(keys.index("hq:0"))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press(*"How can I")
        await pilot.press("tab")
        for n in range(rounds):
            results["scale"].append(await timed(pilot, str(n % 10)))
        meeting.session.progress["questionnaires"] = ["phq9"]  # type: ignore[attr-defined]
        meeting.recompute_steps()  # type: ignore[attr-defined]
        keys = [s.key for s in meeting.steps]  # type: ignore[attr-defined]
        for n in range(rounds):
            meeting.go(keys.index(f"qn:phq9:phq9-{n % 9 + 1}"))  # type: ignore[attr-defined]
            await pilot.pause()
            results["answer"].append(await timed(pilot, str(n % 4 + 1)))
            await pilot.pause(0.3)  # the answer moves on by itself after 0.25 s
    store.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vig-keys-") as tmp:
        # bare rounds before and after vig's, so a noisy spell hits both
        sizes: dict[str, int] = {}
        bare = asyncio.run(bare_typing(args.rounds))
        ours = asyncio.run(vig_keys(args.rounds, Path(tmp) / "store", sizes))
        bare += asyncio.run(bare_typing(args.rounds))
        screens = asyncio.run(bare_screens(args.rounds, sizes))
        toggles = asyncio.run(bare_toggles(args.rounds, sizes["open_review"]))
    framed = screens.pop("framed")
    toggle_p95 = pct(toggles, 95)
    bare_p95 = pct(bare, 95)
    bare_cpu_p95 = pct(cpu_of(bare), 95)
    keys = {
        key: {
            "p50_ms": median(values),
            "p95_ms": pct(values, 95),
            "bare_p95_ms": bare_p95,
            "ratio": pct(values, 95) / max(bare_p95, 0.001),
            "cpu_p50_ms": median(cpu_of(values)),
            "cpu_p95_ms": pct(cpu_of(values), 95),
            "bare_cpu_p95_ms": bare_cpu_p95,
            "cpu_ratio": pct(cpu_of(values), 95) / max(bare_cpu_p95, 0.001),
            "layout_floor_ratio": pct(values, 95) / max(toggle_p95, 0.001),
        }
        for key, values in ours.items()
    }
    for key, values in screens.items():
        # a screen opening, against Textual mounting as many plain widgets
        keys[key]["widgets"] = sizes[key]
        keys[key]["bare_screen_p95_ms"] = pct(values, 95)
        keys[key]["screen_ratio"] = keys[key]["p95_ms"] / max(pct(values, 95), 0.001)
    worst = max(k["ratio"] for k in keys.values())
    passed = worst <= TARGET_RATIO
    # keys that open a screen, against Textual opening as many plain widgets
    worst_screen = max((k["screen_ratio"] for k in keys.values() if "screen_ratio" in k), default=0)
    worst_other = max(k["ratio"] for k in keys.values() if "screen_ratio" not in k)
    if args.json:
        figures = {
            "bare_p50_ms": median(bare),
            "bare_p95_ms": bare_p95,
            "bare_cpu_p95_ms": bare_cpu_p95,
            "keys": keys,
            "worst_ratio": worst,
            "worst_ratio_in_screen": worst_other,
            "worst_screen_open_ratio": worst_screen,
            "layout_floor": {
                "p50_ms": median(toggles),
                "p95_ms": toggle_p95,
                "ratio": toggle_p95 / max(bare_p95, 0.001),
                "cpu_p95_ms": pct(cpu_of(toggles), 95),
            },
            "framed_screen": {
                "p50_ms": median(framed),
                "p95_ms": pct(framed, 95),
                "cpu_p50_ms": median(cpu_of(framed)),
                "cpu_p95_ms": pct(cpu_of(framed), 95),
            },
            "pass": passed,
        }
        print(json.dumps(figures, indent=2))
        return 0
    rows = [
        ["bare Textual: type a letter", median(bare), bare_p95, 1.0, bare_cpu_p95, 1.0, "", ""],
        [
            "bare Textual: show/hide a line (1 layout)",
            median(toggles),
            toggle_p95,
            toggle_p95 / max(bare_p95, 0.001),
            pct(cpu_of(toggles), 95),
            pct(cpu_of(toggles), 95) / max(bare_cpu_p95, 0.001),
            1.0,
            "",
        ],
    ]
    names = {
        "type": "type a letter (autosave armed)",
        "next_step": "Ctrl+N: next step",
        "scale": "digit on the 0–10 scale",
        "answer": "answer a questionnaire item",
        "open_dashboard": "Enter: a family's dashboard from Home",
        "open_review": "r: the shared review from the dashboard",
        "view_switch": "F2: practitioner view / family view",
        "play_pause": "F5: play/pause (fake player)",
        "talk_type": "conversation: type a letter",
        "talk_enter": "conversation: Enter keeps a remark (save)",
        "talk_stage": "conversation: Ctrl+Down, next stage (save)",
    }
    for key, k in keys.items():
        same = (
            f"{k['bare_screen_p95_ms']:.1f} ({k['widgets']:.0f}) {k['screen_ratio']:.2f}×"
            if "screen_ratio" in k
            else ""
        )
        cpu = [k["cpu_p95_ms"], k["cpu_ratio"]]
        floor = k["layout_floor_ratio"]
        rows.append([names[key], k["p50_ms"], k["p95_ms"], k["ratio"], *cpu, floor, same])
    print(f"Key response, headless, {args.rounds} rounds (ms)\n")
    headers = ["key", "p50", "p95", "p95 / bare", "CPU p95", "CPU / bare", "p95 / 1 layout"]
    print(table([*headers, "bare screen p95 (widgets) ratio"], rows))
    print(
        "\nA key that opens a screen is also set against bare Textual opening a screen "
        "of as many plain widgets (last column)."
    )
    print(
        "Bare Textual showing or hiding one line in a screen of as many widgets as the "
        f"review (one layout, the least a key that moves things costs): p50 "
        f"{median(toggles):.1f}, p95 {toggle_p95:.1f} ms = "
        f"{toggle_p95 / max(bare_p95, 0.001):.2f}× bare typing."
    )
    print(
        "Bare Textual opening a screen of a header, one line and a footer (the floor): "
        f"p50 {median(framed):.1f}, p95 {pct(framed, 95):.1f}, "
        f"CPU p50 {median(cpu_of(framed)):.1f}, CPU p95 {pct(cpu_of(framed), 95):.1f} ms."
    )
    print(
        f"\n{verdict(passed)}  every key answered within {TARGET_RATIO:.0f}× bare Textual "
        f"typing at p95 (worst {worst:.1f}×)"
    )
    print(
        f"{verdict(worst_other <= TARGET_RATIO)}  every key that stays on its screen within "
        f"{TARGET_RATIO:.0f}× bare typing (worst {worst_other:.2f}×)"
    )
    print(
        f"{verdict(worst_screen <= TARGET_RATIO)}  every key that opens a screen within "
        f"{TARGET_RATIO:.0f}× bare Textual opening as many widgets (worst {worst_screen:.2f}×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
