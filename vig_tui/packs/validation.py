"""Pydantic's validation errors in plain words, each at the line and column it
was written, naming the keys a section allows.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ._yaml import LocatedDoc, Path_
from .errors import PackError


def _friendly(err: Any) -> str:
    """Turn one pydantic error into plain words."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    value = err.get("input")
    msg = str(err.get("msg", "is not valid"))
    if kind == "string_type":
        if value is None:
            return "is empty; it needs some text"
        if isinstance(value, bool):
            return "should be text; put words like yes, no, on or off in quotes"
        if isinstance(value, int | float):
            return "should be text; put numbers in quotes if you mean them as text"
        return "should be text"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if value is None:
            return "is empty; it needs a whole number"
        return "should be a whole number"
    if kind == "bool_type":
        return "should be true or false"
    if kind in ("float_type", "float_parsing"):
        return "should be a number"
    if kind == "list_type":
        return "should be a list (one entry per line, each starting with '- ')"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "should be a group of 'key: value' lines"
    if kind == "literal_error":
        return f"should be one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^#"):
            return "should be a colour written like #3a7bd5"
        return (
            "should be an id: letters, digits, '-', '_' or '.', no spaces, "
            "starting with a letter or digit, at most 64 characters"
        )
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entries"
    if kind == "too_long":
        return f"can have at most {ctx.get('max_length')} entries"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        return f"should be {words} {bound}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg


def resolve(data: Any, loc: Sequence[Any]) -> tuple[Path_, list[Any]]:
    """Follow a pydantic ``loc`` through the data; return the path that exists and what is left."""
    path: list[str | int] = []
    node = data
    rest = list(loc)
    while rest:
        part = rest[0]
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
        else:
            break
        path.append(part)
        rest.pop(0)
    return tuple(path), rest


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (looking through Optional, list, dict...)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _allowed_keys(model: type[BaseModel], loc: Sequence[Any]) -> list[str] | None:
    current: list[type[BaseModel]] = [model]
    for part in loc:
        if not isinstance(part, str):
            continue
        nxt: list[type[BaseModel]] = []
        for cls in current:
            for name, info in cls.model_fields.items():
                if (info.alias or name) == part:
                    nxt.extend(_unwrap(info.annotation))
        if nxt:
            current = nxt
        elif not any(part in (f.alias or n) for c in current for n, f in c.model_fields.items()):
            # dict keys (like option-set names) keep the same model candidates
            continue
    if len(current) != 1:
        return None
    return [info.alias or name for name, info in current[0].model_fields.items()]


def _describe(path: Path_, rest: list[Any], data: Any = None) -> str:
    parts = [p for p in (*path, *rest) if isinstance(p, str | int)]
    if not parts:
        return "this pack"
    last = parts[-1]
    if isinstance(last, int):
        owner = next((p for p in reversed(parts[:-1]) if isinstance(p, str)), "list")
        label = f"entry {last + 1} of '{owner}'"
        node = _node_at(data, path) if not rest else None
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            label += f" (id '{node['id']}')"
        return label
    return f"'{last}'"


def _node_at(data: Any, path: Path_) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def validation_errors(
    doc: LocatedDoc, model: type[BaseModel], exc: ValidationError
) -> list[PackError]:
    out: list[PackError] = []
    seen: set[str] = set()
    missing: dict[Path_, list[str]] = {}
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        kind = err.get("type")
        if kind == "missing" and loc:
            path, _ = resolve(doc.data, loc[:-1])
            missing.setdefault(path, []).append(str(loc[-1]))
            continue
        if kind == "extra_forbidden" and loc:
            path, _ = resolve(doc.data, loc)
            allowed = _allowed_keys(model, loc[:-1])
            message = f"unknown key '{loc[-1]}'"
            if allowed:
                message += f"; allowed here: {', '.join(allowed)}"
            error = PackError.at(doc.locate(path, key=True), message)
        else:
            path, rest = resolve(doc.data, loc)
            error = PackError.at(doc.locate(path), f"{_describe(path, rest)} {_friendly(err)}")
        if str(error) not in seen:
            seen.add(str(error))
            out.append(error)
    for path, names in missing.items():
        keys = ", ".join(f"'{n}'" for n in names)
        plural = "key" if len(names) == 1 else "keys"
        where = f"in {_describe(path, [], doc.data)}" if path else "at the top of the pack"
        out.append(PackError.at(doc.locate(path), f"missing required {plural} {keys} {where}"))
    out.sort(key=lambda e: (e.line, e.col))
    return out


def text_as_written(doc: LocatedDoc, data: Any, exc: ValidationError) -> dict[Path_, str]:
    """Unquoted numbers or true/false found where text was expected, with their written text."""
    fixes: dict[Path_, str] = {}
    for err in exc.errors():
        if err.get("type") != "string_type" or isinstance(err.get("input"), str | None):
            continue
        path, rest = resolve(data, tuple(err.get("loc", ())))
        if not rest and path in doc.raw:
            fixes[path] = doc.raw[path]
    return fixes


def replace_text(data: Any, fixes: dict[Path_, str]) -> Any:
    """A copy of ``data`` with the values at the given paths replaced."""

    def walk(node: Any, path: Path_) -> Any:
        if path in fixes:
            return fixes[path]
        if isinstance(node, dict):
            return {k: walk(v, (*path, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, (*path, i)) for i, v in enumerate(node)]
        return node

    return walk(data, ())
