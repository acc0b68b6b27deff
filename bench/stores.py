"""Stores of N realistic families for the benchmarks, built once and kept.

Building 10,000 families through the store one by one rewrites the index
10,000 times (hours on a busy machine). So the first TEMPLATES families are
written through the real store (bench/realistic.py), and the rest are copies of
them with their own id and label, written straight in the store's own file
format with one index write at the end. A finished store is kept in the cache
folder (`VIG_BENCH_CACHE`, default `<user cache>/vig/bench`) and reused by every
later run; a half-built one (no `.complete` mark) is built again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
TEMPLATES = 50
#: bump when the generated content or the store format changes
GENERATION = 1

_TEMPLATE_CHILD = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from bench.realistic import realistic_family
from vig_tui.store import Store

with Store.open(Path(sys.argv[1])) as store:
    for i in range(int(sys.argv[2])):
        store.create_family(realistic_family(i))
"""


def cache_root() -> Path:
    override = os.environ.get("VIG_BENCH_CACHE")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("vig")) / "bench"


def cached_store(families: int) -> tuple[Path, bool]:
    """A plain store of `families` realistic families: (folder, built just now)."""
    root = cache_root() / f"families-{families}-g{GENERATION}"
    if (root / ".complete").exists():
        return root, False
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    build_store(root, families)
    (root / ".complete").write_text("built by bench/stores.py\n")
    return root, True


def build_store(root: Path, families: int) -> None:
    """Built in a child process: on Linux a child's peak RSS starts from its
    parent's, so the measuring process must stay small."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            _TEMPLATE_CHILD,
            str(root),
            str(min(families, TEMPLATES)),
            str(HERE),
        ],
        check=True,
        timeout=1800,
    )
    if families > TEMPLATES:
        _copy_templates(root, families)
    (root / "vig.lock").unlink(missing_ok=True)


def _copy_templates(root: Path, families: int) -> None:
    index_path = root / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    lines = index["families"]
    templates = [lines[key] for key in sorted(lines, key=int)]
    texts = {t["id"]: (root / "families" / t["id"] / "record.json").read_text() for t in templates}
    for n in range(len(templates), families):
        template = templates[n % len(templates)]
        family_id = f"{n:032x}"
        label = f"Family {n:05d} " + template["label"].split(" ", 2)[-1]
        text = texts[template["id"]].replace(template["id"], family_id)
        text = text.replace(json.dumps(template["label"]), json.dumps(label), 1)
        folder = root / "families" / family_id
        folder.mkdir(mode=0o700)
        path = folder / "record.json"
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        lines[str(n + 1)] = {**template, "id": family_id, "label": label}
    tmp = index_path.with_name(index_path.name + ".tmp")
    tmp.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, index_path)
