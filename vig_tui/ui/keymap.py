"""Keys people can change: a `keymap:` section in the user's config file.

    # ~/.config/vig/config.yaml (or $VIG_CONFIG_DIR/config.yaml)
    keymap:
      meeting.next: ctrl+right      # binding id: key (or several, comma separated)
      help: f1,f10

Every vig binding has an id (see `all_bindings`). The keymap is checked here,
at one gate, before the app uses it: an id vig does not know, a key that is
not a key, or two actions on the same key in one place are refused with a
message naming the file, the binding id and what is wrong. A keymap that is
refused is not used at all; the usual keys stay.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, _character_to_key, _normalize_key_list, key_to_character

from ..errors import VigError

CONFIG_NAME = "config.yaml"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED_KEYS = frozenset(k.value for k in Keys)
#: how some keys are written in help (others: each part capitalised)
_KEY_WORDS = {
    **{_character_to_key(c): c for c in string.punctuation},
    "escape": "Esc",
    "space": "Space",
    "delete": "Del",
}
# Keys a terminal sends as another key: vig would see enter, tab, backspace
# or escape, and the binding would never fire.
ALIASES = {
    "ctrl+m": "enter",
    "ctrl+j": "enter",
    "newline": "enter",
    "ctrl+i": "tab",
    "ctrl+h": "backspace",
    "ctrl+left_square_bracket": "escape",
    "ctrl+left_square_brace": "escape",
    "ctrl+[": "escape",
}


class KeymapError(VigError):
    """The user's keymap cannot be used; the message says where and why."""


def config_path() -> Path:
    """The user's config file: `$VIG_CONFIG_DIR/config.yaml` if set, else the
    platform's config folder."""
    from ..resources import user_config_dir

    return user_config_dir() / CONFIG_NAME


@dataclass(frozen=True)
class Place:
    """Where bindings are active together: a screen, dialog or widget, with
    the app's own bindings (active everywhere)."""

    name: str
    bindings: tuple[Binding, ...]


def _vig_classes() -> Iterator[type[DOMNode]]:
    from .. import ui

    for info in pkgutil.walk_packages(ui.__path__, ui.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == module.__name__
            ):
                yield value


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The vig bindings a class declares or inherits from other vig classes."""
    found: list[Binding] = []
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("vig_tui.") and "BINDINGS" in vars(klass):
            found += [b for b in vars(klass)["BINDINGS"] if isinstance(b, Binding)]
    return found


@cache
def places() -> tuple[Place, ...]:
    """Every place in vig that has key bindings, the app's first."""
    classes = set(_vig_classes())
    # the app class is found among the others (importing it here would be a loop)
    vig_app = next(
        cls for cls in classes if issubclass(cls, App) and cls.__module__ == f"{__package__}.app"
    )
    app = tuple(_own_bindings(vig_app))
    result = [Place("app", app)]
    for cls in sorted(classes, key=lambda c: c.__qualname__):
        own = _own_bindings(cls)
        if own and cls is not vig_app:
            result.append(Place(cls.__qualname__, (*app, *own)))
    return tuple(result)


def all_bindings() -> dict[str, Binding]:
    """Every vig binding by its id."""
    return {b.id: b for place in places() for b in place.bindings if b.id}


def check_key(key: str) -> str | None:
    """What is wrong with a key name (None when it is a key)."""
    if not key:
        return "an empty key"
    *mods, name = key.split("+")
    unknown = [m for m in mods if m not in MODIFIERS]
    if unknown or len(set(mods)) != len(mods):
        return f"“{key}” has a modifier vig does not know (use ctrl, shift, alt, meta or super)"
    if len(name) == 1 and name.isprintable() and not name.isspace():
        return None
    if name in _NAMED_KEYS or name in _KEY_WORDS or key_to_character(name) is not None:
        return None
    return f"“{key}” is not a key name (for example ctrl+n, f5, enter, escape, a, question_mark)"


def types_a_character(key: str) -> bool:
    """Whether pressing `key` types a character into a text box (a letter,
    digit, punctuation or space, shifted or not)."""
    *mods, name = key.split("+")
    if set(mods) - {"shift"}:
        return False
    character = name if len(name) == 1 else key_to_character(name)
    return character is not None and character.isprintable()


def check_key_for(binding: Binding, key: str) -> str | None:
    """What is wrong with giving `key` to `binding` (None when it may have it)."""
    if problem := check_key(key):
        return problem
    if key in ALIASES:
        return (
            f"“{key}” reaches vig as {ALIASES[key]}, so this binding would have no key; "
            "choose another key"
        )
    if binding.priority and types_a_character(key):
        return (
            f"“{key}” types a character, and this binding works even while someone "
            "types in a box, so typing would set it off; choose a key with ctrl, "
            "alt or a function key (e.g. ctrl+n, f5)"
        )
    return None


def _keys(text: str) -> list[str]:
    parts = [part.strip() for part in text.split(",")]
    return [_character_to_key(p) if len(p) == 1 else p for p in parts]


def check_keymap(raw: object, where: Path) -> dict[str, str]:
    """The keymap read from `where`, checked; KeymapError with every problem."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise KeymapError(f"{where}: the top of the file should be settings such as “keymap:”.")
    problems = [f"“{key}” is not a setting vig knows" for key in raw if key != "keymap"]
    section = raw.get("keymap") or {}
    if not isinstance(section, dict):
        raise KeymapError(f"{where}: “keymap:” should list binding ids, each with its key.")
    if not section and not problems:
        return {}  # nothing to check: the bindings' modules stay unimported
    known = all_bindings()
    keymap: dict[str, str] = {}
    for binding_id, value in section.items():
        if str(binding_id) not in known:
            near = difflib.get_close_matches(str(binding_id), list(known), n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            problems.append(f"keymap: “{binding_id}” is not a binding vig has{hint}")
            continue
        if not isinstance(value, str):
            problems.append(f"keymap: {binding_id}: give the key as text, e.g. ctrl+n")
            continue
        keys = _keys(value)
        binding = known[str(binding_id)]
        bad = [problem for key in keys if (problem := check_key_for(binding, key))]
        if bad:
            problems.append(f"keymap: {binding_id}: {bad[0]}")
            continue
        keymap[str(binding_id)] = ",".join(keys)
    problems += _clashes(keymap)
    if problems:
        raise KeymapError(f"{where}: " + "; ".join(problems) + ".")
    return keymap


def _default_keys(binding: Binding) -> set[str]:
    return {key.strip() for key in _normalize_key_list(binding.key).split(",")}


def _clashes(keymap: dict[str, str]) -> list[str]:
    """Two actions on one key where both are active, caused by the keymap."""
    found: list[str] = []
    for place in places():
        owner: dict[str, Binding] = {}
        for binding in place.bindings:
            keys = keymap.get(binding.id or "") or _normalize_key_list(binding.key)
            for key in keys.split(","):
                other = owner.setdefault(key.strip(), binding)
                if other is binding or other.id == binding.id:
                    continue
                if {key.strip()} <= _default_keys(binding) & _default_keys(other):
                    continue  # they share it already without any keymap
                if binding.id in keymap or other.id in keymap:
                    clash = f"keymap: {other.id} and {binding.id} both use {key} ({place.name})"
                    if clash not in found:
                        found.append(clash)
    return found


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """The user's keymap (empty when there is no config file), or KeymapError."""
    path = path or config_path()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as err:
        raise KeymapError(f"{path}: cannot be read ({err}).") from None
    import yaml  # only with a config file: start-up without one never loads YAML

    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise KeymapError(f"{path}: this is not readable YAML{line}.") from None
    return check_keymap(raw, path)


def configured_keymap() -> tuple[dict[str, str], str | None]:
    """(keymap, None), or ({}, the message) when the keymap is refused."""
    try:
        return load_keymap(), None
    except KeymapError as err:
        return {}, str(err)


def key_label(key: str) -> str:
    """A key as help writes it: ctrl+n → Ctrl+N, f5 → F5, escape → Esc, i → i."""
    *mods, name = key.strip().split("+")
    if name in _KEY_WORDS:
        word = _KEY_WORDS[name]
    elif len(name) == 1:
        word = name
    else:
        char = key_to_character(name)
        typed = char is not None and len(char) == 1 and char.isprintable() and not char.isspace()
        word = char if typed and char else name.replace("_", " ").title()
    label = word.upper() if mods and len(word) == 1 else word
    return "+".join([*(m.title() for m in mods), label])


@dataclass(frozen=True)
class KeyChange:
    """A binding the user's keymap moved: what it does, its usual keys, its keys now."""

    description: str
    usual: str
    now: str


def changes_in(keymap: dict[str, str], classes: set[str]) -> list[KeyChange]:
    """The keymap's changes to bindings of these classes (by qualified name)
    and of the app, which are active everywhere; in the order vig lists them."""
    if not keymap:
        return []  # the usual keys: no need to import every screen to find them
    seen: set[str] = set()
    found: list[KeyChange] = []
    for place in places():
        if place.name != "app" and place.name not in classes:
            continue
        for binding in place.bindings:
            now = keymap.get(binding.id or "")
            if now is None or binding.id in seen:
                continue
            seen.add(binding.id or "")
            usual = _normalize_key_list(binding.key).split(",")
            found.append(
                KeyChange(
                    description=binding.description or binding.action,
                    usual=" or ".join(key_label(k) for k in usual),
                    now=" or ".join(key_label(k) for k in now.split(",")),
                )
            )
    return found
