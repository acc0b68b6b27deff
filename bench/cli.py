"""How fast does `vig` answer at the command line?

Side by side in one run (interleaved round-robin, each a fresh process):

  python_baseline  python -c "import argparse, json"   (the floor for any Python CLI)
  version          vig --version
  families_json    vig --data-dir STORE families --json  (a store of --families realistic families)

With --compare DIR, the same two vig commands also run from another checkout
of vig (e.g. an older commit, unpacked with `git archive`), for a before/after
in the same run. Each row says which of Textual, PyAV and the VLC binding the
command imported (none should; textual-image and plotext count too).

Usage:  python bench/cli.py [--json] [--runs 21] [--families 100] [--compare DIR]
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

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import median, pct, table, verdict  # noqa: E402

#: What the `vig` console script runs.
VIG = "import sys; from vig_tui.cli import main; sys.exit(main())"
#: The same, then report which heavy modules were imported.
PROBE = (
    "import sys\nfrom vig_tui.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "heavy = {'textual', 'av', 'vlc', 'textual_image', 'textual_plotext', 'plotext'}\n"
    "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & heavy)),"
    " file=sys.stderr)"
)
BASELINE = ["-c", "import argparse, json"]
TARGET_RATIO = 2.0  # issue 15: `vig --version` within 2x of the bare Python baseline


def build_store(root: Path, families: int) -> None:
    from bench.realistic import realistic_family
    from vig_tui.store import Store

    with Store.open(root) as store:
        for i in range(families):
            store.create_family(realistic_family(i))


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *argv],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=tempfile.gettempdir(),
    )
    return (time.perf_counter() - start) * 1000


def heavy_imports(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "none"


def env_for(checkout: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(checkout)
    env.pop("VIG_DATA_DIR", None)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    parser.add_argument("--families", type=int, default=100, help="families in the store")
    parser.add_argument("--compare", metavar="DIR", help="another vig checkout to time alongside")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vig-bench-cli-") as tmp:
        store = Path(tmp) / "store"
        build_store(store, opts.families)
        checkouts = {"": REPO}
        if opts.compare:
            checkouts["before_"] = Path(opts.compare).resolve()
        cases: dict[str, tuple[list[str], dict[str, str], list[str]]] = {
            "python_baseline": (BASELINE, env_for(REPO), [])
        }
        for prefix, checkout in checkouts.items():
            env = env_for(checkout)
            version = ["--version"]
            families = ["--data-dir", str(store), "families", "--json"]
            cases[f"{prefix}version"] = (["-c", VIG, *version], env, version)
            cases[f"{prefix}families_json"] = (["-c", VIG, *families], env, families)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for argv, env, _ in cases.values():  # warm the file cache and .pyc files
            run_once(argv, env)
        for _ in range(opts.runs):
            for name, (argv, env, _) in cases.items():
                times[name].append(run_once(argv, env))
        imported = {
            name: heavy_imports(args, env) if args else "-"
            for name, (_, env, args) in cases.items()
        }

    base = median(times["python_baseline"])
    figures: dict[str, object] = {"runs": opts.runs, "families": opts.families}
    rows = []
    for name, values in times.items():
        figures[f"{name}_ms"] = round(median(values), 1)
        figures[f"{name}_p95_ms"] = round(pct(values, 95), 1)
        figures[f"{name}_ratio"] = round(median(values) / base, 2)
        rows.append([name, median(values), pct(values, 95), median(values) / base, imported[name]])
    ok = median(times["version"]) <= TARGET_RATIO * base
    figures["version_within_2x"] = ok
    figures["heavy_imports"] = imported
    if opts.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            table(["command", "median ms", "p95 ms", "× baseline", "imports textual/av/vlc"], rows)
        )
        print(f"\nvig --version within {TARGET_RATIO:.0f}× of the baseline: {verdict(ok)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
