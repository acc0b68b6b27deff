"""Read YAML text into plain Python data while remembering where every value sits.

PyYAML's normal loaders forget positions and quietly accept repeated keys.  Here
we ask PyYAML only for its node tree, then build plain ``dict``/``list``/scalar
values ourselves, recording the line and column of every key and value.  Those
positions let later checks say exactly where something is wrong.

Only ordinary YAML is accepted: text, numbers, true/false, empty values, lists
and mappings with text keys.  Anchors and aliases (``&name`` / ``*name``) and
custom tags are refused, because packs are meant to be simple to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Location, PackError

Path_ = tuple[str | int, ...]

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a value (and, inside a mapping, its key) starts."""

    value: Location
    key: Location | None = None


class LocatedDoc:
    """Plain data from one YAML file plus a map from data paths to positions."""

    def __init__(
        self,
        file: str,
        data: Any,
        spots: dict[Path_, Spot],
        raw: dict[Path_, str] | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self.spots = spots
        # The text as written, for unquoted values that YAML read as numbers or true/false.
        # Fields that expect text use it, so "label: 10" or "title: True" just work.
        self.raw = raw or {}

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """Best position for ``path``: the value (or its key), else the nearest parent."""
        for end in range(len(path), -1, -1):
            spot = self.spots.get(tuple(path[:end]))
            if spot is None:
                continue
            if key and end == len(path) and spot.key is not None:
                return spot.key
            return spot.value
        return Location(self.file, 1, 1)

    def error(self, path: Path_, message: str, *, key: bool = False) -> PackError:
        return PackError.at(self.locate(path, key=key), message)


def _loc(file: str, mark: Any) -> Location:
    if mark is None:
        return Location(file, 1, 1)
    return Location(file, int(mark.line) + 1, int(mark.column) + 1)


def _position_to_location(file: str, text: str, position: int) -> Location:
    position = max(0, min(position, len(text)))
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    return Location(file, line, col)


_HINTS = (
    ("'\\t'", "tabs cannot be used to indent; use spaces"),
    ("expected <block end>", "this line does not line up with the lines above it"),
    (
        "mapping values are not allowed",
        "there is a ':' where it is not expected; "
        "check the indentation, or put text with ': ' in quotes",
    ),
    ("could not find expected ':'", "a line is missing its ':' (or its indentation is off)"),
    ("expected ',' or ']'", "a list in [square brackets] is not closed"),
    ("expected ',' or '}'", "a group in {curly brackets} is not closed"),
    ("expected a single document", "a pack file holds one pack; remove the extra '---'"),
    (
        "found undefined alias",
        "'*' starts an alias, which packs do not use; put the text in quotes",
    ),
    ("found unexpected end of stream", "a quote is opened but never closed"),
    ("that cannot start any token", "text starting with this character must be put in quotes"),
    ("expected alphabetic or numeric character", "'&' or '*' here needs the text put in quotes"),
)


def _hint(problem: str, context: str) -> str | None:
    for needle, hint in _HINTS:
        if needle in problem or needle in context:
            return hint
    return None


def _yaml_error(file: str, text: str, exc: yaml.YAMLError) -> PackError:
    if isinstance(exc, yaml.reader.ReaderError):
        where = _position_to_location(file, text, int(exc.position))
        return PackError.at(where, f"this character cannot be used in a pack: {exc.reason}")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "the YAML could not be read"
        detail = problem
        if exc.context and exc.problem and exc.context_mark is not None:
            detail += f", {exc.context} at line {exc.context_mark.line + 1}"
        hint = _hint(problem, exc.context or "")
        message = (
            f"YAML layout problem: {hint} ({detail})" if hint else f"YAML layout problem: {detail}"
        )
        return PackError.at(_loc(file, mark), message)
    return PackError.at(Location(file, 1, 1), f"YAML layout problem: {exc}")


class _Builder:
    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file = file
        self.loader = loader
        self.spots: dict[Path_, Spot] = {}
        self.raw: dict[Path_, str] = {}
        self.seen: set[int] = set()

    def build(self, node: Node, path: Path_, key: Location | None) -> Any:
        here = _loc(self.file, node.start_mark)
        if id(node) in self.seen:
            raise PackError.at(
                key or here,
                "anchors and aliases (&name, *name) are not allowed in packs; write it out",
            )
        self.seen.add(id(node))
        self.spots[path] = Spot(here, key)
        if isinstance(node, ScalarNode):
            return self.scalar(node, here, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise PackError.at(here, f"the YAML tag {node.tag!r} is not allowed in packs")
            return [self.build(child, (*path, i), None) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise PackError.at(here, f"the YAML tag {node.tag!r} is not allowed in packs")
            return self.mapping(node, path)
        raise PackError.at(here, "this part of the file could not be understood")

    def scalar(self, node: ScalarNode, here: Location, path: Path_) -> Any:
        tag = node.tag
        if tag == _BOOL and str(node.value).lower() not in ("true", "false"):
            # Follow YAML 1.2: only true/false are true/false.  Words such as
            # yes, no, on and off stay words (so an answer labelled "No" works).
            return str(node.value)
        if tag in (_NULL, _BOOL, _INT, _FLOAT):
            try:
                value = self.loader.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                raise PackError.at(here, f"this value could not be read: {exc}") from None
            if value is not None:
                self.raw[path] = str(node.value)
            return value
        if tag in (_STR, _TIMESTAMP):
            # Dates are kept as the text that was written.
            return str(node.value)
        raise PackError.at(here, f"the YAML tag {tag!r} is not allowed in packs")

    def mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_here = _loc(self.file, key_node.start_mark)
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise PackError.at(key_here, "keys must be plain words (no lists, maps or '<<')")
            if key_node.tag == _NULL:
                raise PackError.at(key_here, "a key cannot be empty")
            if key_node.tag not in (_STR, _INT, _FLOAT, _BOOL, _TIMESTAMP):
                raise PackError.at(
                    key_here, f"the YAML tag {key_node.tag!r} is not allowed in packs"
                )
            # Keys are always text: "1:" or "yes:" are kept as written.
            key = str(key_node.value)
            if key in first_seen:
                before = first_seen[key]
                raise PackError.at(
                    key_here,
                    f"the key '{key}' appears twice here (first at line {before.line}, "
                    f"column {before.col})",
                )
            first_seen[key] = key_here
            out[key] = self.build(value_node, (*path, key), key_here)
        return out


#: The largest pack file read. The shipped packs are a few KB and a long
#: licensed questionnaire is well under 100 KB; a bigger file is refused at
#: once rather than slowing every start and export while it is parsed.
MAX_PACK_BYTES = 256 * 1024


def _too_big(file: str, size: int) -> PackError:
    return PackError(
        file,
        1,
        1,
        f"the file is {size / 1024:,.0f} KB, more than a pack may be "
        f"({MAX_PACK_BYTES // 1024} KB); split it into smaller packs or remove what is not needed",
    )


def read_yaml(text: str, file: str) -> LocatedDoc:
    """Parse one YAML document.  Any problem comes back as a :class:`PackError`."""
    if len(text) > MAX_PACK_BYTES:
        raise _too_big(file, len(text.encode("utf-8", "replace")))
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(file, text, exc) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _yaml_error(file, text, exc) from None
        if node is None:
            raise PackError(
                file, 1, 1, "the file is empty; a pack needs at least kind, id and version"
            )
        builder = _Builder(file, loader)
        data = builder.build(node, (), None)
        return LocatedDoc(file, data, builder.spots, builder.raw)
    except RecursionError:
        raise PackError(file, 1, 1, "the file is nested too deeply to be a pack") from None
    finally:
        loader.dispose()


def read_yaml_bytes(raw: bytes, file: str) -> LocatedDoc:
    """Decode UTF-8 (with or without a byte-order mark) and parse."""
    if len(raw) > MAX_PACK_BYTES:
        raise _too_big(file, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise PackError(
            file, line, col, "the file is not saved as UTF-8 text; save it as UTF-8 and try again"
        ) from None
    return read_yaml(text, file)
