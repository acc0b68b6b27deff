"""Pack text has a length limit (``packs.schema.TEXT_MAX`` for words,
``LABEL_MAX`` for titles, names and answer labels): a 5,000-character prompt or
item is refused by the real loader with the file, the line, the key and what
to do, and the pack is left out; the shipped packs fit with room to spare."""

from __future__ import annotations

from pathlib import Path

from vig_tui.packs import load_packs
from vig_tui.packs.schema import LABEL_MAX, TEXT_MAX

LONG = ("Watch closely. " * 334).strip()  # 5,009 characters

REVIEW = """\
schema: 1
kind: shared_review
id: long-review
version: 1
title: Ours
stages:
  - id: seeing
    prompts:
      - id: long-prompt
        family: "{family}"
        practitioner:
          adult_child: "{cue}"
"""

QUESTIONNAIRE = """\
schema: 1
kind: questionnaire
id: long-items
version: 1
title: Long items
validated: false
items:
  - id: one
    kind: choice
    text: "{text}"
    options:
      - score: 0
        label: "{label}"
"""


def loaded(tmp_path: Path, name: str, text: str) -> tuple[list[str], object]:
    user = tmp_path / "user"
    user.mkdir(exist_ok=True)
    (user / name).write_text(text, encoding="utf-8")
    packs = load_packs(user)
    return [str(e) for e in packs.errors], packs


def test_a_5000_character_prompt_is_refused_at_its_line(tmp_path: Path) -> None:
    errors, packs = loaded(tmp_path, "review.yaml", REVIEW.format(family=LONG, cue="Wait."))
    (error,) = errors
    assert str(tmp_path / "user" / "review.yaml") + ":10:" in error
    assert "'family'" in error and "5,009 characters long" in error
    assert f"more than the {TEXT_MAX:,}" in error and "shorten it" in error
    assert packs.shared_review.prompt("long-prompt") is None  # type: ignore[attr-defined]


def test_a_long_cue_for_one_variant_is_refused_too(tmp_path: Path) -> None:
    errors, _packs = loaded(tmp_path, "review.yaml", REVIEW.format(family="Look.", cue=LONG))
    (error,) = errors
    assert ":12:" in error and "'adult_child'" in error and "5,009 characters" in error


def test_a_long_item_and_a_long_answer_label_are_refused(tmp_path: Path) -> None:
    text = QUESTIONNAIRE.format(text=LONG, label="Never")
    errors, packs = loaded(tmp_path, "long.yaml", text)
    (error,) = errors
    assert "long.yaml:10:" in error and "'text'" in error
    assert "long-items" not in packs.questionnaires  # type: ignore[attr-defined]
    label = "x" * (LABEL_MAX + 1)
    errors, _packs = loaded(tmp_path, "long.yaml", QUESTIONNAIRE.format(text="How?", label=label))
    (error,) = errors
    assert "long.yaml:13:" in error and "'label'" in error
    assert f"more than the {LABEL_MAX} a title, name or label may have" in error


def test_text_just_within_the_limit_loads(tmp_path: Path) -> None:
    words = "w" * TEXT_MAX
    errors, packs = loaded(tmp_path, "review.yaml", REVIEW.format(family=words, cue="Wait."))
    assert errors == []
    prompt = packs.shared_review.prompt("long-prompt")  # type: ignore[attr-defined]
    assert prompt is not None and prompt.text() == words


def test_the_shipped_packs_fit() -> None:
    assert load_packs(include_user=False).errors == []
