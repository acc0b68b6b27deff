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


#: 70 Chinese characters: 70 code points, 140 columns on screen
WIDE_LABEL = "我们一起看视频" * 10


def test_the_limit_counts_the_columns_text_takes_on_screen(tmp_path: Path) -> None:
    """A title, name or label of 70 wide characters fills 140 columns, more than
    the 120 a label may take: it is refused though it has only 70 characters;
    and the words are counted the same way."""
    from rich.cells import cell_len

    assert len(WIDE_LABEL) < LABEL_MAX < cell_len(WIDE_LABEL)
    text = QUESTIONNAIRE.format(text="How?", label=WIDE_LABEL)
    errors, _packs = loaded(tmp_path, "wide.yaml", text)
    (error,) = errors
    assert "wide.yaml:13:" in error and "'label'" in error, error
    assert f"is {cell_len(WIDE_LABEL)} characters long (wide characters" in error, error
    wide_words = "看" * (TEXT_MAX // 2 + 1)
    errors, _packs = loaded(tmp_path, "wide.yaml", QUESTIONNAIRE.format(text=wide_words, label="x"))
    (error,) = errors
    assert "'text'" in error and f"is {cell_len(wide_words):,} characters long" in error, error


def test_the_advice_fits_the_field(tmp_path: Path) -> None:
    """Splitting into two entries is advice for words (a prompt, an item), not
    for a title or an answer label, which can only be shortened."""
    text = QUESTIONNAIRE.format(text="How?", label="x" * (LABEL_MAX + 1))
    (label_error,) = loaded(tmp_path, "long.yaml", text)[0]
    assert "shorten it to a few words" in label_error and "split" not in label_error
    (words_error,) = loaded(tmp_path, "long.yaml", QUESTIONNAIRE.format(text=LONG, label="x"))[0]
    assert "split it into two entries" in words_error


def test_the_cell_count_agrees_with_the_screens_drawing() -> None:
    """The packs' count is the screens' (rich's `cell_len`) for the scripts
    people write in; the core counts without loading rich."""
    from rich.cells import cell_len

    from vig_tui.domain.printable import cell_width

    samples = [
        "Watch closely.",
        "Qu'est-ce que tu remarques ? Ça, là-bas.",
        "Was siehst du hier? Schön, größer.",
        "你注意到孩子在做什么？",
        "子どもは何をしていますか。",
        "아이가 무엇을 하고 있나요?",
        "ماذا تلاحظ هنا؟",
        "מה אתה רואה כאן?",
        "Что вы видите здесь?",
        "Great moment 👍🎉 together 👨‍👩‍👧 👍🏽 ❤️ ✔️ done 1️⃣",
        "e\u0301 combining accent, cafe\u0301",
        "\u00e9\u00e8\u00ea full-width Ａ１",
    ]
    for sample in samples:
        assert cell_width(sample) == cell_len(sample), sample
