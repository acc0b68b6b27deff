"""Property tests: no input, however mangled, gets past the loader as anything but a PackError.

The loader returns problems rather than raising them, so each test checks that
(1) nothing else escapes, and (2) every problem is a PackError with a real place.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vig_tui.packs import (
    AnswerError,
    PackError,
    Questionnaire,
    find_pack_files,
    load_packs,
    parse_pack_text,
    score,
    shipped_packs_dir,
)

SHIPPED_FILES = find_pack_files(shipped_packs_dir())
SHIPPED_TEXT = {p.name: p.read_text(encoding="utf-8") for p in SHIPPED_FILES}
SHIPPED_DATA = {name: yaml.safe_load(text) for name, text in SHIPPED_TEXT.items()}
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_only_pack_errors(text: str, name: str = "fuzz.yaml") -> Any:
    try:
        pack, errors = parse_pack_text(text, name)
    except PackError as exc:  # allowed, though the parser normally returns errors
        errors, pack = [exc], None
    assert (pack is None) == bool(errors)
    for err in errors:
        assert isinstance(err, PackError)
        assert err.file == name
        assert err.line >= 1 and err.col >= 1
        assert str(err).startswith(f"{name}:{err.line}:{err.col}: ")
        assert err.message.strip()
    return pack


# --------------------------------------------------------------------------- raw text

yaml_ish = st.text(
    alphabet=st.sampled_from(list("abc:-_ \n\t#&*!|>'\"[]{},.?%@`0123\\\x00\x07é€")),
    max_size=200,
)


@FAST
@given(st.one_of(st.text(max_size=300), yaml_ish))
def test_random_text_only_gives_pack_errors(text: str) -> None:
    assert_only_pack_errors(text)


@st.composite
def mutated_shipped(draw: st.DrawFn) -> str:
    text = SHIPPED_TEXT[draw(st.sampled_from(sorted(SHIPPED_TEXT)))]
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        op = draw(st.sampled_from(["delete", "insert", "dup_line", "swap_char", "indent"]))
        i = draw(st.integers(0, len(text) - 1))
        if op == "delete":
            j = draw(st.integers(i, min(len(text), i + 40)))
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(yaml_ish) + text[i:]
        elif op == "dup_line":
            lines = text.splitlines(keepends=True)
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "".join(lines)
        elif op == "swap_char":
            text = text[:i] + draw(st.sampled_from(list(":-[]{}'\"#\t x1"))) + text[i + 1 :]
        else:
            lines = text.splitlines(keepends=True)
            k = draw(st.integers(0, len(lines) - 1))
            lines[k] = draw(st.sampled_from([" ", "  ", ""])) + lines[k].lstrip(" ")
            text = "".join(lines)
    return text


@FAST
@given(mutated_shipped())
def test_mutated_shipped_packs_only_give_pack_errors(text: str) -> None:
    assert_only_pack_errors(text)


# --------------------------------------------------------------------------- structures

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
keys = st.one_of(
    st.sampled_from(
        [
            "id",
            "kind",
            "schema",
            "version",
            "title",
            "family",
            "prompts",
            "items",
            "options",
            "score",
            "label",
            "stages",
            "sections",
            "scoring",
            "bands",
            "min",
            "max",
            "text",
        ]
    ),
    st.text(max_size=8),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=25,
)


@FAST
@given(structures)
def test_random_structures_only_give_pack_errors(data: Any) -> None:
    assert_only_pack_errors(yaml.safe_dump(data, allow_unicode=True))


@FAST
@given(
    st.sampled_from(
        [
            "principles",
            "initial_meeting",
            "helping_questions",
            "shared_review",
            "final_meeting",
            "questionnaire",
        ]
    ),
    st.dictionaries(keys, structures, max_size=5),
)
def test_right_header_random_body_only_gives_pack_errors(kind: str, body: dict[str, Any]) -> None:
    data = {"schema": 1, "kind": kind, "id": "x", "version": 1, "title": "T", **body}
    assert_only_pack_errors(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


@st.composite
def mutated_structures(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(SHIPPED_DATA[draw(st.sampled_from(sorted(SHIPPED_DATA)))])
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        op = draw(st.sampled_from(["replace", "delete", "add_key", "duplicate"]))
        if op == "replace":
            parent[last] = draw(structures)
        elif op == "delete":
            del parent[last]
        elif op == "add_key" and isinstance(parent, dict):
            parent[draw(keys)] = draw(structures)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return data


@FAST
@given(mutated_structures())
def test_mutated_shipped_structures_only_give_pack_errors(data: Any) -> None:
    assert_only_pack_errors(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


# --------------------------------------------------------------------------- whole load


@settings(max_examples=20, deadline=None)
@given(st.lists(st.one_of(mutated_shipped(), yaml_ish), min_size=1, max_size=3))
def test_load_packs_never_fails_on_bad_user_files(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(texts):
            Path(folder, f"pack{i}.yaml").write_text(text, encoding="utf-8", errors="replace")
        packs = load_packs(Path(folder))
    assert len(packs.principles) >= 6
    assert {"phq9", "gad7", "checkin", "goal-rating"} <= set(packs.questionnaires)
    for err in packs.errors:
        assert isinstance(err, PackError) and err.line >= 1


# --------------------------------------------------------------------------- scoring

SHIPPED_QS = load_packs(include_user=False).questionnaires


@FAST
@given(
    st.sampled_from(sorted(SHIPPED_QS)),
    st.dictionaries(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from([i.id for q in SHIPPED_QS.values() for i in q.items]),
        ),
        st.one_of(st.none(), st.booleans(), st.integers(-5, 15), st.text(max_size=5), st.floats()),
        max_size=12,
    ),
)
def test_scoring_random_answers_only_raises_answer_error(qid: str, answers: dict[Any, Any]) -> None:
    q = SHIPPED_QS[qid]
    try:
        result = score(q, answers)
    except AnswerError as exc:
        assert exc.questionnaire_id == qid and str(exc)
        return
    if result.total is not None:
        assert result.min <= result.total <= result.max
        if q.scoring.bands:
            assert result.band is not None


@st.composite
def valid_answers(draw: st.DrawFn, q: Questionnaire) -> dict[str, int | str | None]:
    out: dict[str, int | str | None] = {}
    for item in q.items:
        if draw(st.booleans()) and draw(st.booleans()):
            continue  # leave some unanswered
        if item.kind == "text":
            out[item.id] = draw(st.text(max_size=10))
        elif item.kind == "choice":
            out[item.id] = draw(st.sampled_from([o.score for o in q.options_for(item)]))
        else:
            lo, hi = q.item_range(item)
            out[item.id] = draw(st.integers(lo, hi))
    return out


@FAST
@given(st.data())
def test_valid_answers_always_score_within_range(data: st.DataObject) -> None:
    q = SHIPPED_QS[data.draw(st.sampled_from(sorted(SHIPPED_QS)))]
    answers = data.draw(valid_answers(q))
    result = score(q, answers)
    n_missing = len(result.missing)
    assert (result.total is None) == (n_missing > q.scoring.max_missing or result.answered == 0)
    if result.total is not None:
        assert result.min <= result.total <= result.max
        assert result.prorated == (n_missing > 0 and q.scoring.prorate)
        if q.scoring.bands:
            assert result.band is not None
            assert result.band.min <= result.total <= result.band.max
    for sub in result.subscales.values():
        if sub.total is not None:
            assert sub.min <= sub.total <= sub.max


@st.composite
def generated_questionnaire(draw: st.DrawFn) -> str:
    """A random questionnaire that may or may not follow the rules."""
    n = draw(st.integers(1, 5))
    items = []
    for i in range(n):
        kind = draw(st.sampled_from(["choice", "scale", "text"]))
        item: dict[str, Any] = {"id": f"i{i}", "kind": kind, "text": f"Question {i}"}
        if kind == "choice":
            scores = draw(st.lists(st.integers(-2, 4), min_size=1, max_size=4))
            item["options"] = [{"score": s, "label": f"L{s}"} for s in scores]
        elif kind == "scale":
            item["min"], item["max"] = draw(st.integers(-2, 3)), draw(st.integers(0, 6))
        item["reverse"] = draw(st.booleans())
        if draw(st.booleans()):
            item["subscale"] = draw(st.sampled_from(["s1", "s2"]))
        items.append(item)
    cuts = sorted(draw(st.lists(st.integers(-5, 30), max_size=3)))
    bands = []
    lo = draw(st.integers(-5, 5))
    for c in [*cuts, draw(st.integers(0, 30))]:
        bands.append({"min": lo, "max": c, "label": f"band {lo}"})
        lo = c + 1
    data = {
        "schema": 1,
        "kind": "questionnaire",
        "id": "gen",
        "version": 1,
        "title": "Generated",
        "validated": False,
        "notice": "Generated.",
        "items": items,
        "scoring": {
            "max_missing": draw(st.integers(0, 2)),
            "prorate": draw(st.booleans()),
            "bands": bands if draw(st.booleans()) else [],
            "subscales": [{"id": "s1", "title": "S1"}] if draw(st.booleans()) else [],
        },
    }
    return yaml.safe_dump(data, sort_keys=False)


@FAST
@given(generated_questionnaire(), st.data())
def test_accepted_questionnaires_score_consistently(text: str, data: st.DataObject) -> None:
    pack = assert_only_pack_errors(text)
    if pack is None:
        return
    assert isinstance(pack, Questionnaire)
    result = score(pack, data.draw(valid_answers(pack)))
    if result.total is not None:
        assert result.min <= result.total <= result.max
        if pack.scoring.bands:
            assert result.band is not None  # bands were checked to cover every total
