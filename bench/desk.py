"""The practitioner's desk: start-up against bare Textual, and search at scale.

Uses a store of N realistic families (bench/stores.py: built once, then
reused from the cache folder) and an empty store, then measures — each run a
fresh Python process, so imports count, all three kinds interleaved so noise
on the machine hits them alike:

  bare      process start → a bare Textual app with Home's widgets (Header,
            welcome text and buttons, filter Input, DataTable, Footer) mounted,
            every start-up message handled and the screen painted
  empty     process start → vig's Home mounted and painted in the same way, on
            an empty store, the way `vig` builds the app (the packs load from a
            timer after Home is up, so they are not counted)
  full      the same on the store of N families, with its list filled

  search    in a fresh process: read every family into the search index
            (reported, not a target: it runs in a background thread when the
            search screen opens), the first query after that, then the
            following queries of someone typing; the peak RSS of that process
            and what the index added to it

Targets: empty ≤ 1.3 × bare; full ≤ 1.1 × empty up to 1,000 families and
≤ 1.3 × at more; first search ≤ 150 ms, next ≤ 50 ms; peak memory ≤ 150 MB
up to 1,000 families (reported above that).

The start-up processes keep their compiled bytecode (in the bench cache folder,
not beside the sources), as an installed vig does: with PYTHONDONTWRITEBYTECODE
set, every start would compile vig's modules again while Textual's come
compiled with its wheel. --compile-each-start measures that way instead.
--baseline DIR also starts the vig in DIR (e.g. main's code from `git archive`)
on the same stores, interleaved with the others, and sets the two side by side.

Usage:  python bench/desk.py [--json] [--families 1000] [--runs 5] [--search-runs N]
                             [--baseline DIR] [--compile-each-start]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from bench.common import median, table, verdict  # noqa: E402
from bench.stores import build_store, cache_root, cached_store  # noqa: E402

STARTUP_CHILD = r"""
import gc
gc.disable()  # as `vig` starts the app (cli.cmd_app): the app collects once it is painted
import asyncio, os, sys, time
from pathlib import Path
import vig_tui
from vig_tui.store import Store
from vig_tui.ui.launch import make_app
from vig_tui.ui.screens.home import HomeScreen
from vig_tui.ui.app import VigApp
if not hasattr(VigApp, "collect_garbage_from_now_on"):
    gc.enable()  # a --baseline vig from before this held nothing off (from here on)


async def settled() -> None:
    # nothing left to run: every message of the start-up has been handled
    # (timers set for later, e.g. the packs' background load, don't count)
    ready = asyncio.get_running_loop()._ready
    while True:
        await asyncio.sleep(0)
        if not ready:
            return

async def main() -> None:
    store = Store.open(Path(sys.argv[1]))
    app = make_app(store)
    async with app.run_test(size=(100, 30)):
        while not (isinstance(app.screen, HomeScreen) and app.screen.is_mounted):
            await asyncio.sleep(0)
        await settled()
        app.screen._on_timer_update()  # painted
        table = app.screen.query_one("#families")
        code = Path(vig_tui.__file__).parent.parent
        print(f"READY {table.row_count} {time.process_time() * 1000:.1f} {code}", flush=True)
        # Home lists its first page before the first paint, the rest after it
        total = len(store.summaries())
        while table.row_count < total:
            await asyncio.sleep(0.001)
        await settled()
        print(f"ALL {table.row_count}", flush=True)
        os._exit(0)  # what follows (closing down) is not start-up

asyncio.run(main())
"""

BARE_CHILD = r"""
import asyncio, os, time
from textual.app import App
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

class Bare(App[None]):
    def compose(self):
        yield Header()
        with Vertical():
            with Center():
                yield Static("Welcome")
            with Center(), Horizontal():
                yield Button("Add the demo family", variant="primary")
                yield Button("New family")
        with Vertical():
            yield Input(placeholder="Filter families…")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Static("")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        for name in ("Family", "Children", "Status", "Next step"):
            table.add_column(name)


async def settled() -> None:
    # nothing left to run: every message of the start-up has been handled
    # (timers set for later, e.g. the packs' background load, don't count)
    ready = asyncio.get_running_loop()._ready
    while True:
        await asyncio.sleep(0)
        if not ready:
            return

async def main() -> None:
    app = Bare()
    async with app.run_test(size=(100, 30)):
        while not app.screen.is_mounted:
            await asyncio.sleep(0)
        await settled()
        app.screen._on_timer_update()  # painted
        print(f"READY 0 {time.process_time() * 1000:.1f} -", flush=True)
        print("ALL 0", flush=True)
        os._exit(0)

asyncio.run(main())
"""

SEARCH_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import vig_tui
from vig_tui.store import Store
from vig_tui.desk.search import SearchIndex

def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

QUERIES = json.loads(sys.argv[2])
store = Store.open(Path(sys.argv[1]), readonly=True)
from vig_tui.domain import FamilyRecord  # the record models, loaded before the baseline
index = SearchIndex()
before_mb = rss_mb()
t = time.perf_counter()
index.build(store)
build_ms = (time.perf_counter() - t) * 1000
times = []
for q in QUERIES:
    t = time.perf_counter()
    results = index.search(q)
    times.append((time.perf_counter() - t) * 1000)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"build_ms": build_ms, "times": times, "rss_mb": peak_mb,
                  "index_mb": rss_mb() - before_mb, "before_mb": before_mb,
                  "texts": index.texts, "families": len(index),
                  "code": str(Path(vig_tui.__file__).parent.parent)}))
"""

# someone typing "bedtime", then a second word, then a phrase and a rarer mix
QUERIES = [
    "be",
    "bed",
    "bedt",
    "bedti",
    "bedtim",
    "bedtime",
    "bedtime s",
    "bedtime so",
    "bedtime song",
    "tower",
    '"felt safe"',
    "proud red car",
    "worried cry",
    "zebra",
]


def child_env(code: Path, compile_each_start: bool) -> dict[str, str]:
    """The environment of a start-up process running the vig in `code`. The
    process also starts in `code` (see `started_in`): `python -c` puts its
    working folder first on the import path, before PYTHONPATH, so a
    baseline started from this checkout ran this checkout's vig."""
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none", "PYTHONPATH": str(code)}
    if not compile_each_start:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache_root() / "pycache")
    return env


def startup_ms(root: Path | None, env: dict[str, str]) -> tuple[float, int, float, float]:
    """Process start → READY (Home painted) and → ALL (every family listed):
    (ms to READY, rows on screen then, ms to ALL, CPU ms the child had used at
    READY). `root` None: bare Textual. The CPU time is the steadier figure on
    a busy machine: other processes stretch the wall clock, not the work."""
    child = [BARE_CHILD] if root is None else [STARTUP_CHILD, str(root)]
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", *child],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=env["PYTHONPATH"],
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - t) * 1000
    last = proc.stdout.readline()
    all_ms = (time.perf_counter() - t) * 1000
    _out, err = proc.communicate(timeout=60)
    if not line.startswith("READY") or not last.startswith("ALL"):
        raise SystemExit(f"startup child failed: {line!r} {last!r} {err[-2000:]}")
    _, rows, cpu, code = line.strip().split(maxsplit=3)
    started_in(code, env)
    return elapsed, int(rows), all_ms, float(cpu)


def started_in(code: str, env: dict[str, str]) -> None:
    """Stop when a child ran another vig than the one it was started for."""
    if code not in ("-", env["PYTHONPATH"]):
        raise SystemExit(f"a child meant to run {env['PYTHONPATH']} imported vig from {code}")


def search_run(root: Path, families: int, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", SEARCH_CHILD, str(root), json.dumps(QUERIES)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=env["PYTHONPATH"],
        timeout=max(300, families * 0.2),  # it reads every family
    )
    result: dict[str, Any] = json.loads(out.stdout)
    started_in(result["code"], env)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument(
        "--search-runs",
        type=int,
        default=0,
        help="search processes (default: at least 3; each reads every family)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another copy of vig's code (a folder holding vig_tui) to start alongside",
    )
    parser.add_argument(
        "--compile-each-start",
        action="store_true",
        help="no bytecode kept between starts (every start compiles vig's modules)",
    )
    args = parser.parse_args(argv)
    env = child_env(HERE, args.compile_each_start)
    base_env = child_env(args.baseline.resolve(), args.compile_each_start) if args.baseline else {}

    t = time.perf_counter()
    full, built = cached_store(args.families)
    build_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory(
        prefix="vig-bench-desk-", dir=os.environ.get("VIG_BENCH_DIR")
    ) as tmp:
        empty = Path(tmp) / "empty"
        build_store(empty, 0)
        kinds: list[tuple[str, Path | None, dict[str, str]]] = [
            ("bare", None, env),
            ("empty", empty, env),
            ("full", full, env),
        ]
        if args.baseline:
            kinds += [("base_empty", empty, base_env), ("base_full", full, base_env)]
        times: dict[str, list[float]] = {k: [] for k, _r, _e in kinds}
        times |= {"all": [], "base_all": []}
        cpu: dict[str, list[float]] = {k: [] for k, _r, _e in kinds}
        rows_seen = base_rows = 0
        for _kind, root, kind_env in kinds:
            # warm the OS file cache (and the compiled bytecode) for every kind
            startup_ms(root, kind_env)
        for _ in range(args.runs):  # interleaved, so machine noise hits all alike
            for kind, root, kind_env in kinds:
                ms, rows, all_ms, cpu_ms = startup_ms(root, kind_env)
                times[kind].append(ms)
                cpu[kind].append(cpu_ms)
                if kind == "full":
                    rows_seen = rows
                    times["all"].append(all_ms)
                elif kind == "base_full":
                    base_rows = rows
                    times["base_all"].append(all_ms)
    print(
        f"start-up medians (ms): bare {median(times['bare']):.0f}, empty "
        f"{median(times['empty']):.0f}, {args.families} families {median(times['full']):.0f} "
        f"(all listed {median(times['all']):.0f}); CPU: bare {median(cpu['bare']):.0f}, "
        f"empty {median(cpu['empty']):.0f}, full {median(cpu['full']):.0f}; now the search…",
        file=sys.stderr,
        flush=True,
    )
    search_runs = args.search_runs or max(3, args.runs // 2 + 1)
    searches = [search_run(full, args.families, env) for _ in range(search_runs)]

    firsts = [float(s["times"][0]) for s in searches]
    nexts = [t for s in searches for t in s["times"][1:]]
    figures: dict[str, Any] = {
        "families": args.families,
        "startup_ms": median(times["full"]),
        "all_listed_ms": median(times["all"]),
        "empty_startup_ms": median(times["empty"]),
        "bare_textual_ms": median(times["bare"]),
        "search_first_ms": median(firsts),
        "search_next_ms": median(nexts),
        "search_next_max_ms": max(nexts),
        "index_build_ms": median([float(s["build_ms"]) for s in searches]),
        "rss_mb": max(float(s["rss_mb"]) for s in searches),
        "index_mb": median([float(s["index_mb"]) for s in searches]),
        "texts": searches[0]["texts"],
        "home_rows": rows_seen,
        "store_build_s": build_s if built else 0.0,
        "bytecode_kept": not args.compile_each_start,
    }
    if args.baseline:
        for kind in ("empty", "full"):
            figures[f"baseline_{kind}_ms"] = median(times[f"base_{kind}"])
            figures[f"baseline_{kind}_cpu_ms"] = median(cpu[f"base_{kind}"])
        figures["baseline_all_listed_ms"] = median(times["base_all"])
        figures["baseline_home_rows"] = base_rows
        figures["baseline_empty_vs_bare"] = figures["baseline_empty_ms"] / median(times["bare"])
        figures["baseline_full_vs_empty"] = (
            figures["baseline_full_ms"] / figures["baseline_empty_ms"]
        )
    figures["empty_vs_bare"] = figures["empty_startup_ms"] / figures["bare_textual_ms"]
    figures["full_vs_empty"] = figures["startup_ms"] / figures["empty_startup_ms"]
    for kind in ("bare", "empty", "full"):
        figures[f"{kind}_cpu_ms"] = median(cpu[kind])
    figures["cpu_empty_vs_bare"] = figures["empty_cpu_ms"] / figures["bare_cpu_ms"]
    figures["cpu_full_vs_empty"] = figures["full_cpu_ms"] / figures["empty_cpu_ms"]
    full_target = 1.1 if args.families <= 1000 else 1.3
    checks = [
        (
            figures["empty_vs_bare"] <= 1.3,
            f"empty store ≤ 1.3× bare Textual ({figures['empty_startup_ms']:.0f} vs "
            f"{figures['bare_textual_ms']:.0f} ms, {figures['empty_vs_bare']:.2f}×)",
        ),
        (
            figures["full_vs_empty"] <= full_target,
            f"{args.families} families ≤ {full_target}× empty store "
            f"({figures['startup_ms']:.0f} vs {figures['empty_startup_ms']:.0f} ms, "
            f"{figures['full_vs_empty']:.2f}×)",
        ),
        (
            figures["search_first_ms"] <= 150,
            f"first search ≤ 150 ms ({figures['search_first_ms']:.1f} ms)",
        ),
        (
            figures["search_next_ms"] <= 50,
            f"next searches ≤ 50 ms (median "
            f"{figures['search_next_ms']:.1f} ms, max "
            f"{figures['search_next_max_ms']:.1f} ms)",
        ),
    ]
    if args.families <= 1000:
        checks.append(
            (figures["rss_mb"] <= 150, f"peak memory ≤ 150 MB ({figures['rss_mb']:.0f} MB)")
        )
    if args.json:
        print(json.dumps({**figures, "pass": all(ok for ok, _ in checks)}, indent=2))
        return 0
    print(
        f"Desk benchmark — {args.families} realistic families "
        f"({figures['texts']} searchable texts), medians of {args.runs} fresh processes"
        + (", each compiling vig again" if args.compile_each_start else ", bytecode kept")
        + "\n"
    )
    print(
        table(
            ["measure", "median ms", "runs"],
            [
                ["bare Textual, Home's widgets", figures["bare_textual_ms"], args.runs],
                ["startup, empty store → Home", figures["empty_startup_ms"], args.runs],
                [f"startup, {args.families} families → Home", figures["startup_ms"], args.runs],
                [f"  … and all {args.families} listed", figures["all_listed_ms"], args.runs],
                ["search index build (background)", figures["index_build_ms"], len(searches)],
                ["first search after build", figures["search_first_ms"], len(firsts)],
                ["next searches (typing)", figures["search_next_ms"], len(nexts)],
            ],
        )
    )
    print(
        f"\nCPU time to Home (medians): bare {figures['bare_cpu_ms']:.0f} ms, empty "
        f"{figures['empty_cpu_ms']:.0f} ms ({figures['cpu_empty_vs_bare']:.2f}× bare), "
        f"{args.families} families {figures['full_cpu_ms']:.0f} ms "
        f"({figures['cpu_full_vs_empty']:.2f}× empty)"
    )
    print(
        f"\npeak RSS of the search process: {figures['rss_mb']:.0f} MB (the index added "
        f"{figures['index_mb']:.0f} MB); Home's first paint listed {rows_seen} families"
        + (f"; the store was built in {build_s:.0f} s and kept" if built else "")
        + "\n"
    )
    if args.baseline:
        print(
            f"Side by side with the baseline ({args.baseline}), in the same run "
            f"(medians of {args.runs}; the bare Textual start is shared):\n"
        )
        print(
            table(
                ["measure", "baseline ms", "this ms", "baseline CPU", "this CPU"],
                [
                    [
                        "startup, empty store → Home",
                        figures["baseline_empty_ms"],
                        figures["empty_startup_ms"],
                        figures["baseline_empty_cpu_ms"],
                        figures["empty_cpu_ms"],
                    ],
                    [
                        f"startup, {args.families} families → Home",
                        figures["baseline_full_ms"],
                        figures["startup_ms"],
                        figures["baseline_full_cpu_ms"],
                        figures["full_cpu_ms"],
                    ],
                    [
                        f"  … and all {args.families} listed",
                        figures["baseline_all_listed_ms"],
                        figures["all_listed_ms"],
                        "",
                        "",
                    ],
                    [
                        "empty ÷ bare",
                        figures["baseline_empty_vs_bare"],
                        figures["empty_vs_bare"],
                        figures["baseline_empty_cpu_ms"] / figures["bare_cpu_ms"],
                        figures["cpu_empty_vs_bare"],
                    ],
                    [
                        "full ÷ empty",
                        figures["baseline_full_vs_empty"],
                        figures["full_vs_empty"],
                        figures["baseline_full_cpu_ms"] / figures["baseline_empty_cpu_ms"],
                        figures["cpu_full_vs_empty"],
                    ],
                ],
            )
        )
        print(
            f"\nHome's first paint listed {base_rows} families with the baseline, "
            f"{rows_seen} with this code\n"
        )
    for ok, text in checks:
        print(f"{verdict(ok)}  {text}")
    print(
        "\nThe index build is not part of the first-search target: the search screen "
        "reads families in a background thread (results appear as they are read), "
        "and Home never opens family files."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
