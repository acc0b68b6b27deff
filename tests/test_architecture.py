"""The house's shape: no import cycles, and the import contracts hold.

A cycle makes every module in it load (and break) together; the CLI used to
sit in one of 23 modules. Imports under ``if TYPE_CHECKING:`` are left out:
they never run, they only name a type.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent


def cycles_in(edges: dict[str, list[str]]) -> list[list[str]]:
    """Every group of nodes that reach each other in a loop (Tarjan's strongly
    connected components, walked without recursion)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(edges):
        if root in order:
            continue
        work: list[tuple[str, int]] = [(root, 0)]  # (node, next neighbour to visit)
        while work:
            node, nxt = work.pop()
            if nxt == 0:
                order[node] = low[node] = len(order)
                stack.append(node)
                on_stack.add(node)
            neighbours = edges.get(node, [])
            if nxt < len(neighbours):
                work.append((node, nxt + 1))
                child = neighbours[nxt]
                if child not in order:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], order[child])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return cycles


def import_cycles(package: str) -> list[list[str]]:
    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if m.split(".")[0] == package}
    edges = {
        m: sorted(i for i in graph.find_modules_directly_imported_by(m) if i in modules)
        for m in modules
    }
    return cycles_in(edges)


def test_the_cycle_finder_finds_loops_and_only_loops() -> None:
    edges = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["d"], "f": ["a"]}
    assert sorted(cycles_in(edges)) == [["a", "b", "c"], ["d", "e"]]
    assert cycles_in({"a": ["b"], "b": ["c"], "c": []}) == []


def test_vig_has_no_import_cycles() -> None:
    cycles = import_cycles("vig_tui")
    assert cycles == [], "modules that import each other in a loop: " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_nothing_in_the_library_imports_the_cli() -> None:
    graph = grimp.build_graph("vig_tui")
    importers = {
        m
        for m in graph.find_downstream_modules("vig_tui.cli", as_package=True)
        if not m.startswith("vig_tui.cli")
    }
    assert importers == set()


def test_import_contracts_hold() -> None:
    """The layers (cli > ui > services > export/privacy/desk/doctor > flows/outcomes >
    packs/store/playback > domain) and "the core never reaches Textual, the UI or the
    CLI", as pyproject.toml writes them for import-linter."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--no-cache"], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
