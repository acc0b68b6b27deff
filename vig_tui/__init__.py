"""vig — a terminal companion for Video Interaction Guidance."""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing`: `vig --version` imports this package
if TYPE_CHECKING:
    from collections.abc import Callable

__version__ = "0.1.0"


def lazy_exports(
    package: str, exports: dict[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` that import each exported name
    from its module (``{"Name": ".module"}``) on first use, so importing the
    package costs nothing until a name is needed (PEP 562)."""
    from importlib import import_module  # here, not at the top: `vig --version` imports vig_tui

    def getattr_(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        vars(import_module(package))[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*vars(import_module(package)), *exports})

    return getattr_, dir_
