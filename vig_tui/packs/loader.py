"""Find pack files and load them, layer by layer, into one :class:`PackSet` for the app.

Reading one file is :mod:`.parse` (its messages :mod:`.validation`); merging is
:mod:`.merge`; the merged set is :mod:`.packset`. Loading happens in two layers:

1. **shipped** packs – the ``prompts/`` folder that comes with vig;
2. **user** packs – the ``packs`` folder in the per-user config folder.

Within each layer packs are read in kind order (principles first) and then by
file name.  A user pack that reuses an id replaces the shipped entry with that
id; a new id adds an entry.  A pack with any problem is skipped as a whole and
the problem is kept in :attr:`PackSet.errors` / :attr:`PackSet.warnings`, so a
mistake in one file never stops the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ._yaml import read_yaml_bytes
from .cache import PackCache
from .errors import PackError
from .merge import Merger
from .packset import Origin, PackSet
from .parse import ReadYaml, parse_pack_file
from .schema import KINDS, Pack

PACK_SUFFIXES = (".yaml", ".yml")


# --------------------------------------------------------------------------- folders


def shipped_packs_dir() -> Path:
    """The folder of packs that ship with vig.

    In an installed wheel the ``prompts/`` folder lives inside the package as
    ``vig_tui/_prompts``; in a source checkout it is ``<repo>/prompts``.
    """
    import vig_tui

    package_dir = Path(vig_tui.__file__).resolve().parent
    bundled = package_dir / "_prompts"
    if bundled.is_dir():
        return bundled
    return package_dir.parent / "prompts"


def user_packs_dir() -> Path:
    """The user's own packs: ``packs/`` in the user's config folder."""
    from ..resources import user_config_dir

    return user_config_dir() / "packs"


def find_pack_files(folder: Path) -> list[Path]:
    """Every ``.yaml``/``.yml`` file under ``folder`` (hidden files and folders skipped)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in PACK_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


def load_layer(
    merger: Merger, files: list[tuple[Path, str]], origin: Origin, read: ReadYaml = read_yaml_bytes
) -> tuple[int, list[PackError]]:
    """Read, check and merge one layer of files.  Returns (packs loaded, problems)."""
    merger.start_layer(origin)
    problems: list[PackError] = []
    parsed: list[tuple[int, str, Pack, str]] = []
    for path, display in files:
        pack, errors = parse_pack_file(path, display, read)
        if pack is None:
            problems.extend(errors)
        else:
            parsed.append((KINDS.index(pack.kind), display, pack, display))
    parsed.sort(key=lambda t: (t[0], t[1]))
    loaded = 0
    for _, _, pack, display in parsed:
        errors = merger.apply(pack, display)
        if errors:
            problems.extend(errors)
        else:
            loaded += 1
    return loaded, problems


def load_packs(
    user_dir: Path | None = None,
    *,
    shipped_dir: Path | None = None,
    include_user: bool = True,
) -> PackSet:
    """Load shipped packs, then the user's packs on top.  Never raises for bad packs.

    ``user_dir`` defaults to :func:`user_packs_dir`; ``shipped_dir`` to
    :func:`shipped_packs_dir`.  Problems are collected in ``PackSet.errors`` and
    ``PackSet.warnings``; the pack concerned is skipped.
    """
    merger = Merger()
    cache = PackCache()  # YAML read before is not parsed again; every pack is still checked
    shipped = shipped_dir if shipped_dir is not None else shipped_packs_dir()
    _, shipped_problems = load_layer(
        merger, [(p, str(p)) for p in find_pack_files(shipped)], "shipped", cache.read
    )
    problems = list(shipped_problems)
    if include_user:
        folder = user_dir if user_dir is not None else user_packs_dir()
        _, user_problems = load_layer(
            merger, [(p, str(p)) for p in find_pack_files(folder)], "user", cache.read
        )
        problems += user_problems
    cache.save()
    merger.result.errors = problems
    return merger.result


@dataclass
class CheckReport:
    """Result of :func:`check_paths`."""

    files: int
    packs_ok: int
    errors: list[PackError]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_paths(paths: Sequence[Path] = (), *, shipped_dir: Path | None = None) -> CheckReport:
    """Check pack files and folders.

    With no paths, the shipped packs are checked on their own.  With paths, the
    given packs are checked as user packs on top of the shipped ones (so they may
    override shipped entries and refer to shipped principles).
    """
    shipped = shipped_dir if shipped_dir is not None else shipped_packs_dir()
    merger = Merger()
    errors: list[PackError] = []
    if not paths:
        files = [(p, str(p)) for p in find_pack_files(shipped)]
        if not files:
            errors.append(PackError(str(shipped), 1, 1, "no pack files found in this folder"))
        loaded, problems = load_layer(merger, files, "shipped")
        # and the user's own packs, as the app would load them on top
        user = user_packs_dir() if shipped_dir is None else None
        mine = [(p, str(p)) for p in find_pack_files(user)] if user and user.is_dir() else []
        more, theirs = load_layer(merger, mine, "user")
        return CheckReport(len(files) + len(mine), loaded + more, errors + problems + theirs)

    load_layer(merger, [(p, str(p)) for p in find_pack_files(shipped)], "shipped")
    files = []
    for given in paths:
        if given.is_dir():
            found = find_pack_files(given)
            if not found:
                errors.append(
                    PackError(str(given), 1, 1, "no .yaml or .yml pack files in this folder")
                )
            files += [(p, str(p)) for p in found]
        elif given.exists():
            files.append((given, str(given)))
        else:
            errors.append(PackError(str(given), 1, 1, "no such file or folder"))
    loaded, problems = load_layer(merger, files, "user")
    return CheckReport(len(files), loaded, errors + problems)
