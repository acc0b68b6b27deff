"""The family's papers say what is true when they are made: no "at the end"
before the end, each answer under a heading that fits it, names and numbers
that read well."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.test_desk_records import full_record
from vig_tui.domain import Reflection, SessionKind
from vig_tui.export.booklet import booklet_html
from vig_tui.export.letter import draft_letter
from vig_tui.packs import load_packs
from vig_tui.store import Store

PACKS = load_packs(include_user=False)
VIG = str(Path(sys.executable).with_name("vig"))


def _no_still(name: str) -> bytes:
    raise OSError(name)


def test_a_booklet_made_mid_course_calls_the_latest_rating_the_latest() -> None:
    html = booklet_html(full_record("Birch family", final=False), PACKS, _no_still)
    assert "At the end" not in html
    assert "Most recently" in html and "5 of 10" in html


def test_a_booklet_made_after_the_final_meeting_shows_the_end() -> None:
    html = booklet_html(full_record("Rowan family"), PACKS, _no_still)
    assert "At the end" in html and "8 of 10" in html


def _section(letter: str, heading: str) -> str:
    """The text of one `## ` section of the letter."""
    part = letter.split(f"## {heading}\n", 1)[1]
    return part.split("\n## ", 1)[0]


def test_who_helps_them_keep_going_has_its_own_heading_in_the_letter() -> None:
    record = full_record("Rowan family")
    (final,) = record.sessions_of(SessionKind.FINAL_MEETING)
    support = "My sister Jo, and the Tuesday play group."
    record.reflections.append(
        Reflection(session_id=final.id, prompt_id="keep-going", family_words=support)
    )
    letter = draft_letter(record, PACKS).markdown
    assert support not in _section(letter, "Ideas for the future")
    assert "Bedtime stories without rushing." in _section(letter, "Ideas for the future")
    assert support in _section(letter, "Who and what will help you keep going")


def test_an_adult_named_with_a_bracket_has_a_question_that_reads_well() -> None:
    record = full_record("Rowan family")
    record.family.adults = ["Mum (Aisha)", "Dad (Tom)"]
    record.questions[0].owner = "Mum (Aisha)"
    letter = draft_letter(record, PACKS).markdown
    assert ")'s" not in letter
    assert f"**The question from Mum (Aisha): {record.questions[0].text}**" in letter
    record.family.adults = ["Alex", "Jo"]
    record.questions[0].owner = "Alex"
    assert "**Alex's question: " in draft_letter(record, PACKS).markdown


def test_the_check_on_the_questions_wording_fits_one_question_or_several() -> None:
    (prompt,) = [
        p
        for section in PACKS.helping_questions.sections
        for p in section.prompts
        if p.id == "feels-like-yours"
    ]
    text = str(prompt.family)
    assert "this question" not in text and "these questions" not in text


def test_the_letter_goes_out_in_the_format_its_file_name_says(
    store_root: Path, tmp_path: Path
) -> None:
    with Store.open(store_root) as store:
        store.create_family(full_record("Rowan family"))
    env = {**os.environ, "VIG_DATA_DIR": str(store_root)}
    for name, starts in (("letter.html", "<!doctype html>"), ("letter.md", "# Our work together")):
        target = tmp_path / name
        out = subprocess.run(
            [VIG, "export", "letter", "Rowan", "-o", str(target)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        assert target.read_text(encoding="utf-8").lower().startswith(starts.lower())
