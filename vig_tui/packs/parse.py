"""Reading one pack: YAML with places, the schema, text written as numbers kept as
text, then the pack's own checks. Every problem is a located :class:`PackError`.
"""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ._yaml import LocatedDoc, Path_, read_yaml, read_yaml_bytes
from .checks import check_pack
from .errors import PackError
from .schema import KIND_MODELS, KINDS, SCHEMA_VERSION, Pack
from .validation import replace_text, resolve, text_as_written, validation_errors

#: how a pack file's bytes become a located document (the pack cache has its own)
ReadYaml = typing.Callable[[bytes, str], LocatedDoc]


def _attach(model: BaseModel, doc: LocatedDoc, path: Path_) -> None:
    """Record on every model where it was written (its ``id`` if it has one)."""
    data_here = resolve(doc.data, path)[0] == path
    has_id = "id" in type(model).model_fields
    model._where = doc.locate((*path, "id") if has_id and data_here else path)  # type: ignore[attr-defined]
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _attach(value, doc, (*path, key))
        elif isinstance(value, list):
            for i, entry in enumerate(value):
                if isinstance(entry, BaseModel):
                    _attach(entry, doc, (*path, key, i))
        elif isinstance(value, dict):
            for k, entry in value.items():
                if isinstance(entry, list):
                    for i, sub in enumerate(entry):
                        if isinstance(sub, BaseModel):
                            _attach(sub, doc, (*path, key, k, i))


def _parse_doc(doc: LocatedDoc) -> tuple[Pack | None, list[PackError]]:
    data = doc.data
    if not isinstance(data, dict):
        return None, [
            doc.error(
                (),
                "a pack must be a group of 'key: value' lines, starting with schema, kind and id",
            )
        ]
    if "schema" not in data:
        return None, [doc.error((), f"missing 'schema: {SCHEMA_VERSION}' at the top of the pack")]
    schema = data["schema"]
    if isinstance(schema, bool) or schema != SCHEMA_VERSION:
        return None, [
            doc.error(
                ("schema",),
                f"this version of vig reads packs with 'schema: {SCHEMA_VERSION}' "
                f"(found {schema!r})",
            )
        ]
    kinds = ", ".join(KINDS)
    if "kind" not in data:
        return None, [doc.error((), f"missing 'kind:' (one of: {kinds})")]
    kind = data["kind"]
    model = KIND_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        return None, [doc.error(("kind",), f"unknown kind {kind!r}; use one of: {kinds}")]
    pack: BaseModel | None = None
    for _ in range(5):
        try:
            pack = model.model_validate(data)
            break
        except ValidationError as exc:
            # Plain numbers or true/false where text belongs: use the text as written.
            fixes = text_as_written(doc, data, exc)
            if not fixes:
                return None, validation_errors(doc, model, exc)
            data = replace_text(data, fixes)
    if pack is None:
        return None, [doc.error((), "this pack could not be read")]
    _attach(pack, doc, ())
    typed = typing.cast(Pack, pack)
    errors = check_pack(doc, typed)
    return (None, errors) if errors else (typed, [])


def parse_pack_text(text: str, file: str = "<text>") -> tuple[Pack | None, list[PackError]]:
    """Read and check one pack from text.  Returns the pack, or ``None`` and every problem found."""
    try:
        doc = read_yaml(text, file)
    except PackError as exc:
        return None, [exc]
    return _parse_doc(doc)


def parse_pack_file(
    path: Path, display: str | None = None, read: ReadYaml = read_yaml_bytes
) -> tuple[Pack | None, list[PackError]]:
    """Like :func:`parse_pack_text`, reading ``path`` (shown as ``display`` in messages)
    with ``read`` (the pack cache's, when loading the app's packs)."""
    name = display if display is not None else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [PackError(name, 1, 1, f"cannot read this file: {exc.strerror or exc}")]
    try:
        doc = read(raw, name)
    except PackError as exc:
        return None, [exc]
    return _parse_doc(doc)


def load_pack(path: Path) -> Pack:
    """Read one pack file, raising the first :class:`PackError` if anything is wrong."""
    pack, errors = parse_pack_file(path)
    if errors or pack is None:
        raise errors[0]
    return pack
