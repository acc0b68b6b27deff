"""Backup benchmark: `vig backup` of a store of realistic families, against tar.

For each store size (100 and 1,000 families by default; built once and kept,
see bench/stores.py) a working copy of the store is made, then in turn:

- **vig**: `backup_store` — every file into one archive sealed with a key from
  the passphrase, fsynced, then read back and checked frame by frame, renamed
  into place, older archives pruned. Its progress calls split the time into
  "key" (listing the files and deriving the key), "write" and "check";
- **tar** (the baseline, same run, same files): `tar -cf` of the same folder,
  fsynced, then read back once and hashed (sha256) — what a careful person
  would do by hand, with no encryption and no per-file check.

Runs are interleaved so machine noise hits both alike; the table shows
medians. `--json` prints the figures.

    python -m bench.backup [--families 100 1000] [--runs 3] [--level6] [--json]

`--level6` adds vig with zlib level 6 (its setting before level 1) to the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import median, table
from bench.stores import cached_store
from vig_tui.services import backup_archive
from vig_tui.services.backup import archives, backup_store
from vig_tui.store.crypto import derive_key

PASSPHRASE = "a long benchmark passphrase"


def folder_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def vig_run(root: Path, dest: Path) -> dict[str, float]:
    """One backup: seconds to write (key derivation included) and to check."""
    marks: dict[str, float] = {}

    def progress(_done: int, _total: int, what: str) -> None:
        now = time.perf_counter()
        marks.setdefault(what, now)  # first call of each phase
        marks[f"{what}-last"] = now

    start = time.perf_counter()
    result = backup_store(root, dest, PASSPHRASE, keep=1, on_progress=progress)
    end = time.perf_counter()
    writing_from = marks.get("backup", start)
    written = marks.get("backup-last", writing_from)
    return {
        "key_s": writing_from - start,
        "write_s": written - writing_from,
        "verify_s": marks.get("verify-last", end) - written,
        "total_s": end - start,
        "archive_bytes": float(result.archive.stat().st_size),
    }


def vig_level6_run(root: Path, dest: Path) -> dict[str, float]:
    """vig as it was before (zlib level 6), for a same-run comparison."""
    before = backup_archive.COMPRESSION
    backup_archive.COMPRESSION = 6
    try:
        return vig_run(root, dest)
    finally:
        backup_archive.COMPRESSION = before


def tar_run(root: Path, dest: Path) -> dict[str, float]:
    """The baseline: tar the same folder, fsync it, read it back and hash it."""
    archive = dest / "store.tar"
    start = time.perf_counter()
    subprocess.run(["tar", "-cf", str(archive), "-C", str(root), "."], check=True)
    fd = os.open(archive, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    written = time.perf_counter()
    digest = hashlib.sha256()
    with open(archive, "rb") as f:
        while piece := f.read(1 << 20):
            digest.update(piece)
    end = time.perf_counter()
    size = archive.stat().st_size
    archive.unlink()
    return {
        "key_s": 0.0,
        "write_s": written - start,
        "verify_s": end - written,
        "total_s": end - start,
        "archive_bytes": float(size),
    }


def measure(families: int, runs: int, work: Path, with_level6: bool) -> dict[str, Any]:
    cached, _built = cached_store(families)
    root = work / f"store-{families}"
    # the backup notes itself in the store: work on a copy, keeping the cache clean
    shutil.copytree(cached, root, ignore=shutil.ignore_patterns(".complete"))
    size = folder_bytes(root)
    files = sum(1 for p in root.rglob("*") if p.is_file())
    runners = {"vig": vig_run, "vig6": vig_level6_run, "tar": tar_run}
    if not with_level6:
        del runners["vig6"]
    runs_of: dict[str, list[dict[str, float]]] = {name: [] for name in runners}
    for n in range(runs):
        for name, run in runners.items():
            dest = work / f"dest-{families}-{name}-{n}"
            dest.mkdir()
            runs_of[name].append(run(root, dest))
        assert len(archives(work / f"dest-{families}-vig-{n}")) == 1
    out: dict[str, Any] = {"families": families, "files": files, "store_mb": size / 1e6}
    for name, results in runs_of.items():
        figures = {key: median([r[key] for r in results]) for key in results[0]}
        figures["mb_per_s"] = size / 1e6 / figures["total_s"] if figures["total_s"] else 0.0
        figures["archive_mb"] = figures.pop("archive_bytes") / 1e6
        out[name] = figures
    out["vig_vs_tar"] = out["vig"]["total_s"] / out["tar"]["total_s"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--families", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="runs of each (median)")
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    parser.add_argument(
        "--level6", action="store_true", help="also time vig with zlib level 6 (the old setting)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(
        prefix="vig-bench-backup-", dir=os.environ.get("VIG_BENCH_DIR")
    ) as tmp:
        results = [
            measure(families, args.runs, Path(tmp), args.level6) for families in args.families
        ]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rows = []
    for r in results:
        for name, label in (
            ("vig", "vig backup"),
            ("vig6", "vig, zlib level 6"),
            ("tar", "tar+fsync+sha256"),
        ):
            if name not in r:
                continue
            f = r[name]
            rows.append(
                [
                    r["families"],
                    label,
                    f"{r['store_mb']:.1f}",
                    f"{f['archive_mb']:.1f}",
                    f"{f['key_s']:.2f}",
                    f"{f['write_s']:.2f}",
                    f"{f['verify_s']:.2f}",
                    f"{f['total_s']:.2f}",
                    f"{f['mb_per_s']:.1f}",
                ]
            )
    print(f"Backup benchmark — medians of {args.runs} interleaved runs\n")
    print(
        table(
            [
                "families",
                "how",
                "store MB",
                "archive MB",
                "key s",
                "write s",
                "check s",
                "total s",
                "MB/s",
            ],
            rows,
        )
    )
    print()
    for r in results:
        print(
            f"{r['families']} families ({r['files']} files): vig takes "
            f"{r['vig_vs_tar']:.1f}× the time of tar (which neither encrypts nor checks each file)"
            + (
                f"; zlib level 1 takes {r['vig']['total_s'] / r['vig6']['total_s']:.2f}× the "
                "time of level 6"
                if "vig6" in r
                else ""
            )
        )
    key = time.perf_counter()
    derive_key(PASSPHRASE, b"0" * 16)
    key_s = time.perf_counter() - key
    print(
        f"\nKey derivation from the passphrase (scrypt) alone: {key_s:.2f} s, once per "
        "backup ('key s', with listing the files); reading back reuses the key, so "
        "'check s' is decryption, decompression and the checksums. The same fixed cost "
        "at any store size."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
