"""How fast is a save, and does it stay fast as the store grows?

For stores of 1, 100 and 1,000 realistic families (~65 KB of JSON each),
measures opening the store and one family, and saving one changed note
(fsync'd), side by side in the same run (saves interleaved round-robin) with:

  raw    json.dumps + write + fsync + rename of the same family document
  stock  TinyDB's stock JSONStorage with all families in one file

With --encrypted: the same store of N families twice, plain and encrypted
with a passphrase (AES-GCM), saves interleaved, so the cost of sealing shows
as a ratio (target: encrypted p95 ≤ 1.3 × plain p95 at 1,000 families); the
unlock (one scrypt key derivation, paid once when the app starts) is reported
on its own.

Usage:  python bench/store.py [--json] [--sizes 1,100,1000] [--saves 200] [--encrypted]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB, where
from tinydb.storages import JSONStorage

from bench.common import median, pct, table, verdict
from bench.realistic import realistic_family
from vig_tui.domain import FamilyRecord, Reflection
from vig_tui.store import Store
from vig_tui.store.family_repo import RECORD_NAME, FamilyRepo, record_to_data
from vig_tui.store.storage import encode


def build_store(root: Path, families: int) -> list[str]:
    """Write `families` realistic families quickly (one atomic write each)."""
    ids = []
    with Store.open(root) as store:
        template = realistic_family(0)
        for i in range(families):
            record = realistic_family(i) if i < 20 else _relabel(template, i)
            repo = store.create_family(record)
            ids.append(repo.id)
    return ids


def _relabel(template: FamilyRecord, i: int) -> FamilyRecord:
    from vig_tui.domain import Family

    record = template.__class__(**{**template.__dict__})
    record.family = Family(
        **{**template.family.model_dump(), "id": f"{i:032x}", "label": f"Family {i:04d}"}
    )
    return record


def raw_save(path: Path, doc: dict) -> None:  # type: ignore[type-arg]
    payload = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def measure_all(sizes: list[int], saves: int, workdir: Path) -> list[dict[str, float]]:
    """Build every store first, then save round-robin across the sizes and the
    raw baseline, so a noisy moment on the machine hits every column alike."""
    stores = []
    for size in sizes:
        root = workdir / f"store-{size}"
        ids = build_store(root, size)
        t0 = time.perf_counter()
        store = Store.open(root)
        repo = store.family(ids[len(ids) // 2])
        open_ms = (time.perf_counter() - t0) * 1000
        note = repo.record.reflections[len(repo.record.reflections) // 2]
        stores.append((size, root, ids, store, repo, note, open_ms))
    raw_path = workdir / "raw.json"
    raw_doc = record_to_data(stores[0][4].record)
    raw_save(raw_path, raw_doc)
    vig_times: dict[int, list[float]] = {size: [] for size in sizes}
    raw_times: list[float] = []
    for i in range(saves):
        words = f"They laughed together, take {i}."
        for size, _root, _ids, _store, repo, note, _open in stores:
            note.family_words = words
            t = time.perf_counter()
            repo.save(note)
            vig_times[size].append((time.perf_counter() - t) * 1000)
        raw_doc["reflections"]["1"]["family_words"] = words
        t = time.perf_counter()
        raw_save(raw_path, raw_doc)
        raw_times.append((time.perf_counter() - t) * 1000)
    results = []
    for size, root, ids, store, _repo, _note, open_ms in stores:
        store.close()
        stock_times = measure_stock(
            root, ids, workdir / f"stock-{size}.json", 40 if size <= 100 else 10
        )
        results.append(
            {
                "families": size,
                "open_ms": open_ms,
                "save_p50_ms": median(vig_times[size]),
                "save_p95_ms": pct(vig_times[size], 95),
                "raw_p50_ms": median(raw_times),
                "raw_p95_ms": pct(raw_times, 95),
                "stock_p50_ms": median(stock_times),
                "stock_p95_ms": pct(stock_times, 95),
                "family_kb": len(encode(raw_doc)) / 1024,
            }
        )
    return results


PASSPHRASE = "a long enough bench passphrase"


def measure_encrypted(sizes: list[int], saves: int, workdir: Path) -> list[dict[str, float]]:
    """Plain and encrypted copies of each store; saves round-robin across all."""
    import shutil

    from vig_tui.store import crypto

    pairs = []
    unlock_ms: list[float] = []
    for size in sizes:
        plain_root = workdir / f"plain-{size}"
        ids = build_store(plain_root, size)
        sealed_root = workdir / f"sealed-{size}"
        shutil.copytree(plain_root, sealed_root)
        with Store.open(sealed_root) as store:
            store.change_passphrase(PASSPHRASE)
        for _ in range(3):
            t = time.perf_counter()
            codec = crypto.unlock(sealed_root, PASSPHRASE)
            unlock_ms.append((time.perf_counter() - t) * 1000)
        opened: list[tuple[Store, FamilyRepo, Reflection, list[float]]] = []
        for root, store_codec in ((plain_root, None), (sealed_root, codec)):
            store = Store.open(root) if store_codec is None else Store.open(root, codec=store_codec)
            repo = store.family(ids[len(ids) // 2])
            note = repo.record.reflections[len(repo.record.reflections) // 2]
            opened.append((store, repo, note, []))
        pairs.append((size, opened))
    for i in range(saves):
        words = f"They laughed together, take {i}."
        for _size, opened in pairs:
            for _store, repo, note, times in opened:
                note.family_words = words
                t = time.perf_counter()
                repo.save(note)
                times.append((time.perf_counter() - t) * 1000)
    results = []
    for size, opened in pairs:
        (plain_store, _, _, plain), (sealed_store, _, _, sealed) = opened
        plain_store.close()
        sealed_store.close()
        results.append(
            {
                "families": size,
                "plain_p50_ms": median(plain),
                "plain_p95_ms": pct(plain, 95),
                "encrypted_p50_ms": median(sealed),
                "encrypted_p95_ms": pct(sealed, 95),
                "encrypted_vs_plain": pct(sealed, 95) / pct(plain, 95),
                "unlock_ms": median(unlock_ms),
            }
        )
    return results


def print_encrypted(results: list[dict[str, float]], saves: int) -> None:
    print(f"Encrypted store saves — {saves} saves per store, interleaved (times in ms)\n")
    rows = [
        [
            r["families"],
            r["plain_p50_ms"],
            r["plain_p95_ms"],
            r["encrypted_p50_ms"],
            r["encrypted_p95_ms"],
            r["encrypted_vs_plain"],
        ]
        for r in results
    ]
    print(table(["families", "plain p50", "plain p95", "enc p50", "enc p95", "enc/plain"], rows))
    print(f"\nunlock (one scrypt key derivation, once per start): {results[0]['unlock_ms']:.0f} ms")
    for r in results:
        if r["families"] == 1000:
            ok = r["encrypted_vs_plain"] <= 1.3
            print(
                f"{verdict(ok)}  encrypted save p95 at 1,000 ≤ 1.3× plain "
                f"({r['encrypted_p95_ms']:.2f} vs {r['plain_p95_ms']:.2f}, "
                f"{r['encrypted_vs_plain']:.2f}×)"
            )


def measure_stock(root: Path, ids: list[str], path: Path, saves: int) -> list[float]:
    """All families in one TinyDB file with stock JSONStorage: a table per family."""
    combined: dict[str, dict] = {}  # type: ignore[type-arg]
    for family_id in ids:
        data = json.loads((root / "families" / family_id / RECORD_NAME).read_bytes())
        combined[f"reflections-{family_id}"] = data["reflections"]
    path.write_text(json.dumps(combined))
    db = TinyDB(path, storage=JSONStorage)
    table = db.table(f"reflections-{ids[len(ids) // 2]}")
    first_id = table.all()[0]["id"]
    times = []
    for i in range(saves):
        t = time.perf_counter()
        table.update({"family_words": f"stock take {i}"}, where("id") == first_id)
        times.append((time.perf_counter() - t) * 1000)
    db.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable figures")
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--encrypted", action="store_true", help="plain against encrypted")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(
        prefix="vig-bench-", dir=os.environ.get("VIG_BENCH_DIR")
    ) as tmp:
        if args.encrypted:
            encrypted = measure_encrypted(sizes, args.saves, Path(tmp))
            if args.json:
                print(json.dumps(encrypted, indent=2))
            else:
                print_encrypted(encrypted, args.saves)
            return 0
        results = measure_all(sizes, args.saves, Path(tmp))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rows = [
        [
            r["families"],
            r["open_ms"],
            r["save_p50_ms"],
            r["save_p95_ms"],
            r["raw_p50_ms"],
            r["raw_p95_ms"],
            r["stock_p95_ms"],
            r["save_p95_ms"] / r["raw_p95_ms"],
            r["stock_p95_ms"] / r["save_p95_ms"],
        ]
        for r in results
    ]
    print(
        f"Store save benchmark — {args.saves} saves per size, family ≈ "
        f"{results[0]['family_kb']:.0f} KB of JSON (times in ms)\n"
    )
    print(
        table(
            [
                "families",
                "open",
                "save p50",
                "save p95",
                "raw p50",
                "raw p95",
                "stock p95",
                "p95/raw",
                "stock/vig",
            ],
            rows,
        )
    )
    by_size = {r["families"]: r for r in results}
    if 1000 in by_size:
        big = by_size[1000]
        print()
        print(
            f"{verdict(big['save_p95_ms'] <= 2 * big['raw_p95_ms'])}  save p95 at 1,000 ≤ 2× raw "
            f"({big['save_p95_ms']:.2f} vs {big['raw_p95_ms']:.2f})"
        )
        print(
            f"{verdict(big['stock_p95_ms'] >= 100 * big['save_p95_ms'])}  ≥ 100× faster than stock "
            f"({big['stock_p95_ms'] / big['save_p95_ms']:.0f}×)"
        )
        if 1 in by_size:
            one = by_size[1]
            print(
                f"{verdict(big['save_p95_ms'] <= 1.2 * one['save_p95_ms'])}  p95 at 1,000 ≤ 1.2× "
                f"at 1 ({big['save_p95_ms']:.2f} vs {one['save_p95_ms']:.2f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
