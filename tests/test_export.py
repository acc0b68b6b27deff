"""Exports: the ending letter, the whole record (JSON round trip, Markdown), outcomes CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bench.realistic import realistic_family
from tests.test_desk_records import SECRETS, full_record
from vig_tui.demo import build_demo_record
from vig_tui.domain import EndingLetter, Still
from vig_tui.export import (
    draft_letter,
    letter_markdown,
    outcomes_csv,
    record_from_json,
    record_json,
    record_markdown,
    render_html,
)
from vig_tui.export.letter import MISSING_FINAL
from vig_tui.export.outcomes_csv import FIXED
from vig_tui.packs import load_packs
from vig_tui.store.audit import log_event

PACKS = load_packs()
JARGON = [
    "Being attentive",
    "Receiving initiatives",
    "Encouraging initiatives",
    "attentive",
    "receiving",
    "moderate",
    "minimal",
    "safeguarding",
]


# -- letter ------------------------------------------------------------------------------------
def test_letter_holds_the_family_journey_in_their_words() -> None:
    record = full_record()
    draft = draft_letter(record, PACKS)
    text = draft.markdown
    assert draft.missing == []
    for q in record.questions:
        assert q.text in text
    assert "At the start you put this at **2** out of 10" in text
    assert "At the end you put it at **8** out of 10" in text
    assert "At the start you put this at **4** out of 10" in text
    assert "At the end you put it at **7** out of 10" in text
    for words in (
        "A whirlwind who never sits still.",
        "Loving but tense at teatime.",
        "Curious and funny, and he lets me help.",
        "Warmer; teatime is our chat time now.",
        "I slowed right down and he came to me.",
        "He checks my face before he tries.",
        "Getting down to Mo's level and waiting.",
        "Bedtime stories without rushing.",
        "I wait before I jump in.",
    ):
        assert words in text, words
    assert "How you described Mo" in text and "Dear Alex," in text
    assert "1 March 2026" in text
    # principles in everyday words, never their names
    assert "Noticing" in text and "Showing you got it" in text
    for word in JARGON:
        assert word not in text, word
    for secret in SECRETS.values():
        assert secret not in text
    html = render_html(text)
    for secret in SECRETS.values():
        assert secret not in html


def test_letter_without_a_final_meeting_says_what_is_missing() -> None:
    draft = draft_letter(full_record(final=False), PACKS)
    assert MISSING_FINAL in draft.missing
    assert "the final meeting has not happened yet" in draft.markdown
    assert "The last rating will be added at the final meeting" in draft.markdown
    assert "to be asked again at the final meeting" in draft.markdown
    assert "At the end you put it at" not in draft.markdown
    assert "Most recently you put it at 5 out of 10" in draft.markdown


def test_saved_letter_wins_over_a_draft_unless_fresh() -> None:
    record = full_record()
    record.letters.append(EndingLetter(markdown="# Dear Alex\n\nEdited by hand.\n"))
    assert letter_markdown(record, PACKS) == ("# Dear Alex\n\nEdited by hand.\n", [])
    assert "Edited by hand" not in letter_markdown(record, PACKS, fresh=True)[0]


def test_html_is_one_calm_page_with_every_user_word_escaped() -> None:
    record = full_record()
    record.reflections[0].family_words = "<script>alert(1)</script> **not bold** & [link](x)"
    html = render_html(draft_letter(record, PACKS).markdown)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "**not bold**" in html and "<strong>not bold</strong>" not in html
    assert "&amp;" in html and "<a " not in html
    assert "@page" in html and "size: A4" in html and "<h1>Our work together</h1>" in html
    assert "<strong>2</strong>" in html  # the letter's own bold still works
    assert "http" not in html.split("<main>")[0]  # no external fonts or scripts


# -- record ------------------------------------------------------------------------------------
def test_json_record_round_trips_everything(tmp_path: Path) -> None:
    for record in (full_record(), build_demo_record(), realistic_family(3)):
        record.letters.append(EndingLetter(markdown="Dear *you* — “quotes” ✓"))
        record.clips[0].stills.append(Still(path="stills/a.png", at_ms=1200))
        text = record_json(record)
        assert record_from_json(text) == record
        data = json.loads(text)
        assert data["format"] == "vig-family-record"
        assert data["record"]["sessions"][0]["private_notes"] == record.sessions[0].private_notes


def test_json_record_lists_stills_and_the_familys_audit_events(tmp_path: Path) -> None:
    record = full_record()
    stills = tmp_path / "families" / record.family.id / "stills"
    stills.mkdir(parents=True)
    (stills / "one.png").write_bytes(b"12345")
    log_event(tmp_path, "export.letter", record.family.id, format="md")
    log_event(tmp_path, "export.letter", "someone-else", format="md")
    data = json.loads(record_json(record, tmp_path))
    assert data["files"] == [{"path": "stills/one.png", "bytes": 5}]
    assert [e["family_id"] for e in data["audit"]] == [record.family.id]


def test_markdown_record_shows_everything_with_private_parts_marked() -> None:
    text = record_markdown(full_record(), PACKS)
    for secret in SECRETS.values():
        assert secret in text  # a subject-access export holds what is held
    assert "Private notes *(practitioner only)*" in text
    assert "Micro-analysis *(practitioner only)*" in text
    assert "phq9 v1 (baseline): total 16" in text


# -- outcomes CSV -----------------------------------------------------------------------------
def test_outcomes_csv_columns_and_values() -> None:
    record = full_record()
    text = outcomes_csv([record], PACKS)
    rows = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header[: len(FIXED)] == FIXED
    assert "phq9_phq9_1" in header and "checkin_sub_together" in header
    assert "goal_rating_where_now" in header
    assert "checkin_anything_else" not in header  # the family's own words stay out
    assert all(col.replace("_", "").isalnum() and col == col.lower() for col in header)
    assert outcomes_csv([record], PACKS).splitlines()[0] == text.splitlines()[0]  # stable

    ratings = [r for r in rows if r["kind"] == "rating"]
    assert len(ratings) == 6
    first = ratings[0]
    assert (
        first["family_id"],
        first["instrument"],
        first["timepoint"],
        first["rating"],
        first["total"],
        first["question_number"],
        first["date"],
        first["hoped_for"],
    ) == (record.family.id, "helping-question", "start", "2", "2", "1", "2026-01-10", "8")
    assert [r["rating"] for r in ratings if r["question_number"] == "1"] == ["2", "5", "8"]
    assert ratings[1]["cycle"] == "1"

    phq = [r for r in rows if r["instrument"] == "phq9"]
    assert [(r["timepoint"], r["total"], r["total_max"], r["date"]) for r in phq] == [
        ("baseline", "16", "27", "2026-01-10"),
        ("final", "8", "27", "2026-03-01"),
    ]
    assert phq[0]["phq9_phq9_1"] == "2" and phq[0]["phq9_phq9_9"] == "0"
    assert phq[0]["version"] == "1" and phq[0]["completed"] == "TRUE"
    checkin = next(r for r in rows if r["instrument"] == "checkin")
    # together: 1+2+1 = 4; coping: worn-out reversed (3 → 0) + 1 + 2 = 3
    assert (checkin["checkin_sub_together"], checkin["checkin_sub_coping"]) == ("4", "3")
    assert "checkin_anything_else" not in checkin
    free_text = next(a for a in record.administrations if a.questionnaire_id == "checkin")
    assert str(free_text.answers["anything-else"]) not in text
    assert checkin["phq9_phq9_1"] == ""
    assert "moderate" not in text.casefold()  # bands stay out
