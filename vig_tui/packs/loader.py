"""Find, read, check and merge packs into one :class:`PackSet` for the app.

Loading happens in two layers:

1. **shipped** packs – the ``prompts/`` folder that comes with vig;
2. **user** packs – the ``packs`` folder in the per-user config folder.

Within each layer packs are read in kind order (principles first) and then by
file name.  A user pack that reuses an id replaces the shipped entry with that
id; a new id adds an entry.  A pack with any problem is skipped as a whole and
the problem is kept in :attr:`PackSet.errors` / :attr:`PackSet.warnings`, so a
mistake in one file never stops the app.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ._yaml import LocatedDoc, Path_, read_yaml, read_yaml_bytes
from .cache import PackCache
from .checks import check_pack, prompts_with_paths, sections_with_paths
from .errors import Location, PackError
from .schema import (
    KIND_MODELS,
    KINDS,
    SCHEMA_VERSION,
    ChainStep,
    CycleKind,
    FinalMeetingPack,
    HelpingQuestionsPack,
    InitialMeetingPack,
    Pack,
    Principle,
    PrinciplesPack,
    Prompt,
    Questionnaire,
    Rating,
    Section,
    SharedReviewPack,
    Variant,
)

Origin = Literal["shipped", "user"]
ReadYaml = Callable[[bytes, str], LocatedDoc]
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
    """The user's own packs: ``$VIG_CONFIG_DIR/packs`` if set, else the platform config folder."""
    override = os.environ.get("VIG_CONFIG_DIR")
    if override:
        return Path(override) / "packs"
    import platformdirs

    return Path(platformdirs.user_config_dir("vig")) / "packs"


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


# --------------------------------------------------------------------------- one file


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


def _resolve(data: Any, loc: Sequence[Any]) -> tuple[Path_, list[Any]]:
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


def _validation_errors(
    doc: LocatedDoc, model: type[BaseModel], exc: ValidationError
) -> list[PackError]:
    out: list[PackError] = []
    seen: set[str] = set()
    missing: dict[Path_, list[str]] = {}
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        kind = err.get("type")
        if kind == "missing" and loc:
            path, _ = _resolve(doc.data, loc[:-1])
            missing.setdefault(path, []).append(str(loc[-1]))
            continue
        if kind == "extra_forbidden" and loc:
            path, _ = _resolve(doc.data, loc)
            allowed = _allowed_keys(model, loc[:-1])
            message = f"unknown key '{loc[-1]}'"
            if allowed:
                message += f"; allowed here: {', '.join(allowed)}"
            error = PackError.at(doc.locate(path, key=True), message)
        else:
            path, rest = _resolve(doc.data, loc)
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


def _text_as_written(doc: LocatedDoc, data: Any, exc: ValidationError) -> dict[Path_, str]:
    """Unquoted numbers or true/false found where text was expected, with their written text."""
    fixes: dict[Path_, str] = {}
    for err in exc.errors():
        if err.get("type") != "string_type" or isinstance(err.get("input"), str | None):
            continue
        path, rest = _resolve(data, tuple(err.get("loc", ())))
        if not rest and path in doc.raw:
            fixes[path] = doc.raw[path]
    return fixes


def _replace(data: Any, fixes: dict[Path_, str]) -> Any:
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


def _attach(model: BaseModel, doc: LocatedDoc, path: Path_) -> None:
    """Record on every model where it was written (its ``id`` if it has one)."""
    data_here = _resolve(doc.data, path)[0] == path
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
            fixes = _text_as_written(doc, data, exc)
            if not fixes:
                return None, _validation_errors(doc, model, exc)
            data = _replace(data, fixes)
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
    with ``read`` (e.g. through the pack cache)."""
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


# --------------------------------------------------------------------------- the merged set


@dataclass(frozen=True)
class Source:
    """Where a loaded entry came from."""

    origin: Origin
    location: Location
    pack_id: str

    @property
    def file(self) -> str:
        return self.location.file


@dataclass
class PackInfo:
    """One loaded pack file, for listings such as ``vig packs``."""

    kind: str
    id: str
    version: str
    title: str
    file: str
    origin: Origin
    overrides: list[str] = field(default_factory=list)


@dataclass
class Conversation:
    """The prompts of a meeting (initial or final), in sections."""

    sections: list[Section] = field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def prompts(self, variant: Variant | None = None) -> list[Prompt]:
        """All prompts in order; only those for ``variant`` when one is given."""
        return [
            p for s in self.sections for p in s.prompts if variant is None or p.applies_to(variant)
        ]

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts() if p.id == prompt_id), None)


@dataclass
class HelpingQuestionsGuide(Conversation):
    """Prompts for wording helping questions, plus the 0–10 rating."""

    max_questions: int = 3
    starters: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    rating: Rating | None = None

    def prompts(self, variant: Variant | None = None) -> list[Prompt]:
        out = super().prompts(variant)
        if self.rating is not None:
            out += [
                p
                for p in (self.rating.where_now, self.rating.hoped_for)
                if variant is None or p.applies_to(variant)
            ]
        return out


@dataclass
class SharedReviewGuide:
    """Per-clip stages (in order) and the prompts for the end of a shared review."""

    stages: list[Section] = field(default_factory=list)
    end_of_review: list[Section] = field(default_factory=list)

    def stage(self, stage_id: str) -> Section | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def prompts(self, variant: Variant | None = None) -> list[Prompt]:
        return [
            p
            for s in (*self.stages, *self.end_of_review)
            for p in s.prompts
            if variant is None or p.applies_to(variant)
        ]

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts() if p.id == prompt_id), None)


@dataclass
class PackSet:
    """Everything the app asks in the room, merged from shipped and user packs."""

    principles: list[Principle] = field(default_factory=list)
    chain: list[ChainStep] = field(default_factory=list)
    cycles: list[CycleKind] = field(default_factory=list)
    initial_meeting: Conversation = field(default_factory=Conversation)
    helping_questions: HelpingQuestionsGuide = field(default_factory=HelpingQuestionsGuide)
    shared_review: SharedReviewGuide = field(default_factory=SharedReviewGuide)
    final_meeting: Conversation = field(default_factory=Conversation)
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    packs: list[PackInfo] = field(default_factory=list)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    errors: list[PackError] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """One line per skipped pack problem, ready to show: ``FILE:LINE:COL: message``."""
        return [f"{e} (this pack was skipped)" for e in self.errors]

    def principle(self, principle_id: str) -> Principle | None:
        return next((p for p in self.principles if p.id == principle_id), None)

    def source(self, kind: str, item_id: str) -> Source | None:
        """Where an entry came from.  ``kind`` is a pack kind, or principle/chain/cycle."""
        return self.sources.get((kind, item_id))


# --------------------------------------------------------------------------- merging


def _merge_sections(
    groups: list[list[Section]], incoming: list[tuple[int, Section]]
) -> tuple[list[list[Section]], list[str]]:
    """Merge incoming sections into groups of sections (e.g. review stages and end prompts).

    A prompt whose id already exists replaces the old one where it stands.  Other
    prompts go to the end of the section with the same id (wherever that is), or
    into a new section added to the end of the group given with it.
    """
    out = [list(g) for g in groups]
    replaced: list[str] = []
    for target, new in incoming:
        fresh: list[Prompt] = []
        for prompt in new.prompts:
            found = False
            for group in out:
                for si, sec in enumerate(group):
                    for pi, old in enumerate(sec.prompts):
                        if old.id == prompt.id and not found:
                            prompts = list(sec.prompts)
                            prompts[pi] = prompt
                            group[si] = sec.model_copy(update={"prompts": prompts})
                            found = True
            if found:
                replaced.append(prompt.id)
            else:
                fresh.append(prompt)
        place = next(
            ((g, i) for g, group in enumerate(out) for i, s in enumerate(group) if s.id == new.id),
            None,
        )
        if place is None:
            out[target].append(new.model_copy(update={"prompts": fresh}))
        else:
            g, i = place
            old_sec = out[g][i]
            out[g][i] = old_sec.model_copy(
                update={
                    "title": new.title or old_sec.title,
                    "intro": new.intro or old_sec.intro,
                    "practitioner": new.practitioner or old_sec.practitioner,
                    "prompts": [*old_sec.prompts, *fresh],
                }
            )
    return out, replaced


def _by_id(current: list[Any], incoming: Iterable[Any]) -> tuple[list[Any], list[str]]:
    out = list(current)
    replaced: list[str] = []
    for new in incoming:
        index = next((i for i, old in enumerate(out) if old.id == new.id), None)
        if index is None:
            out.append(new)
        else:
            out[index] = new
            replaced.append(new.id)
    return out, replaced


def _entries(pack: Pack) -> list[tuple[str, str, Location | None]]:
    """(source kind, id, place) for every entry a pack defines."""
    if isinstance(pack, Questionnaire):
        return [("questionnaire", pack.id, pack.where)]
    if isinstance(pack, PrinciplesPack):
        return (
            [("principle", p.id, p.where) for p in pack.principles]
            + [("chain", c.id, c.where) for c in pack.chain]
            + [("cycle", c.id, c.where) for c in pack.cycles]
        )
    return [(pack.kind, p.id, p.where) for p, _ in prompts_with_paths(pack)]


class _Merger:
    def __init__(self) -> None:
        self.result = PackSet()
        self.layer_seen: dict[tuple[str, str], Location] = {}
        self.layer: Origin = "shipped"

    def start_layer(self, origin: Origin) -> None:
        self.layer = origin
        self.layer_seen = {}

    def _initial_prompt_ids(self) -> set[str]:
        return {p.id for p in self.result.initial_meeting.prompts()}

    def _problems(self, pack: Pack, file: str) -> list[PackError]:
        problems: list[PackError] = []
        top = pack.where or Location(file)
        pack_key = ("pack", pack.id)
        if pack_key in self.layer_seen:
            before = self.layer_seen[pack_key]
            problems.append(
                PackError.at(top, f"duplicate pack id '{pack.id}' (already used at {before})")
            )
        for kind, ident, where in _entries(pack):
            if (kind, ident) in self.layer_seen and kind != "questionnaire":
                before = self.layer_seen[(kind, ident)]
                what = kind.replace("_", " ")
                problems.append(
                    PackError.at(
                        where or top,
                        f"duplicate {what} id '{ident}' (already defined at {before})",
                    )
                )
        if isinstance(pack, PrinciplesPack | Questionnaire):
            return problems

        principle_ids = {p.id for p in self.result.principles}
        initial_ids = self._initial_prompt_ids()
        if isinstance(pack, InitialMeetingPack):
            initial_ids |= {p.id for p, _ in prompts_with_paths(pack)}
        for prompt, _ in prompts_with_paths(pack):
            where = prompt.where or top
            if prompt.principle is not None and prompt.principle not in principle_ids:
                known = ", ".join(sorted(principle_ids)) or "none are loaded"
                problems.append(
                    PackError.at(
                        where,
                        f"prompt '{prompt.id}' names the principle '{prompt.principle}', "
                        f"which is not loaded (known: {known})",
                    )
                )
            if prompt.repeats is not None and prompt.repeats not in initial_ids:
                problems.append(
                    PackError.at(
                        where,
                        f"prompt '{prompt.id}' repeats '{prompt.repeats}', but the initial "
                        "meeting has no prompt with that id",
                    )
                )
        existing_sections = self._section_ids(pack)
        for section, _ in sections_with_paths(pack):
            if section.id not in existing_sections and section.title is None:
                problems.append(
                    PackError.at(
                        section.where or top,
                        f"the new section '{section.id}' needs a 'title' (only sections that "
                        "already exist can leave it out)",
                    )
                )
        return problems

    def _section_ids(self, pack: Pack) -> set[str]:
        r = self.result
        if isinstance(pack, InitialMeetingPack):
            return {s.id for s in r.initial_meeting.sections}
        if isinstance(pack, FinalMeetingPack):
            return {s.id for s in r.final_meeting.sections}
        if isinstance(pack, HelpingQuestionsPack):
            return {s.id for s in r.helping_questions.sections}
        if isinstance(pack, SharedReviewPack):
            return {s.id for s in (*r.shared_review.stages, *r.shared_review.end_of_review)}
        return set()

    def apply(self, pack: Pack, file: str) -> list[PackError]:
        problems = self._problems(pack, file)
        if problems:
            return problems
        r = self.result
        replaced: list[str] = []
        if isinstance(pack, PrinciplesPack):
            r.principles, a = _by_id(r.principles, pack.principles)
            r.chain, b = _by_id(r.chain, pack.chain)
            r.cycles, c = _by_id(r.cycles, pack.cycles)
            replaced = a + b + c
        elif isinstance(pack, Questionnaire):
            if pack.id in r.questionnaires:
                replaced = [pack.id]
            r.questionnaires[pack.id] = pack
        elif isinstance(pack, InitialMeetingPack | FinalMeetingPack):
            meeting = r.initial_meeting if isinstance(pack, InitialMeetingPack) else r.final_meeting
            (meeting.sections,), replaced = _merge_sections(
                [meeting.sections], [(0, s) for s in pack.sections]
            )
        elif isinstance(pack, HelpingQuestionsPack):
            hq = r.helping_questions
            (hq.sections,), replaced = _merge_sections(
                [hq.sections], [(0, s) for s in pack.sections]
            )
            if pack.max_questions is not None:
                hq.max_questions = pack.max_questions
            if pack.starters is not None:
                hq.starters = list(pack.starters)
            if pack.examples is not None:
                hq.examples = list(pack.examples)
            if pack.rating is not None:
                if hq.rating is not None:
                    old_ids = {hq.rating.where_now.id, hq.rating.hoped_for.id}
                    new_ids = {pack.rating.where_now.id, pack.rating.hoped_for.id}
                    replaced += sorted(old_ids & new_ids)
                hq.rating = pack.rating
        elif isinstance(pack, SharedReviewPack):
            sr = r.shared_review
            (sr.stages, sr.end_of_review), replaced = _merge_sections(
                [sr.stages, sr.end_of_review],
                [(0, s) for s in pack.stages] + [(1, s) for s in pack.end_of_review],
            )

        for kind, ident, where in _entries(pack):
            place = where or pack.where or Location(file)
            self.layer_seen[(kind, ident)] = place
            r.sources[(kind, ident)] = Source(self.layer, place, pack.id)
        self.layer_seen[("pack", pack.id)] = pack.where or Location(file)
        r.packs.append(
            PackInfo(
                kind=pack.kind,
                id=pack.id,
                version=pack.version,
                title=pack.title,
                file=file,
                origin=self.layer,
                overrides=sorted(set(replaced)) if self.layer == "user" else [],
            )
        )
        return []


def _load_layer(
    merger: _Merger, files: list[tuple[Path, str]], origin: Origin, read: ReadYaml = read_yaml_bytes
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
    merger = _Merger()
    cache = PackCache()  # YAML read before is not parsed again; every pack is still checked
    shipped = shipped_dir if shipped_dir is not None else shipped_packs_dir()
    _, shipped_problems = _load_layer(
        merger, [(p, str(p)) for p in find_pack_files(shipped)], "shipped", cache.read
    )
    problems = list(shipped_problems)
    if include_user:
        folder = user_dir if user_dir is not None else user_packs_dir()
        _, user_problems = _load_layer(
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
    merger = _Merger()
    errors: list[PackError] = []
    if not paths:
        files = [(p, str(p)) for p in find_pack_files(shipped)]
        if not files:
            errors.append(PackError(str(shipped), 1, 1, "no pack files found in this folder"))
        loaded, problems = _load_layer(merger, files, "shipped")
        return CheckReport(len(files), loaded, errors + problems)

    _load_layer(merger, [(p, str(p)) for p in find_pack_files(shipped)], "shipped")
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
    loaded, problems = _load_layer(merger, files, "user")
    return CheckReport(len(files), loaded, errors + problems)
