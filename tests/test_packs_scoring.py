"""Hand-worked scoring examples for every shipped questionnaire (and one test-only pack).

Every expected number below was worked out by hand from the rules in the pack
files, not by calling the scorer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from vig_tui.packs import (
    Administration,
    AnswerError,
    Questionnaire,
    ScoringError,
    load_pack,
    load_packs,
    rescore,
    score,
)

FIXTURES = Path(__file__).parent / "packs_fixtures"


@pytest.fixture(scope="module")
def qs() -> dict[str, Questionnaire]:
    packs = load_packs(include_user=False)
    assert packs.warnings == []
    return packs.questionnaires


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    pack = load_pack(FIXTURES / "mini_scale.yaml")
    assert isinstance(pack, Questionnaire)
    return pack


def phq(values: Sequence[int | None]) -> dict[str, int | None]:
    assert len(values) == 9
    return {f"phq9-{i}": v for i, v in enumerate(values, start=1)}


def gad(values: Sequence[int | None]) -> dict[str, int | None]:
    assert len(values) == 7
    return {f"gad7-{i}": v for i, v in enumerate(values, start=1)}


# --------------------------------------------------------------------------- PHQ-9


def test_phq9_all_minimum(qs: dict[str, Questionnaire]) -> None:
    s = score(qs["phq9"], phq([0] * 9))
    assert (s.total, s.min, s.max) == (0, 0, 27)
    assert s.band is not None and s.band.label == "Minimal"
    assert s.alerts == ()
    assert s.missing == ()
    assert s.prorated is False
    assert s.answered == 9


def test_phq9_all_maximum_raises_safeguarding_alert(qs: dict[str, Questionnaire]) -> None:
    s = score(qs["phq9"], phq([3] * 9))
    assert s.total == 27
    assert s.band is not None and s.band.label == "Severe"
    assert len(s.alerts) == 1
    alert = s.alerts[0]
    assert alert.level == "safeguarding"
    assert alert.item_id == "phq9-9"
    assert alert.answer == 3
    assert alert.practitioner_only is True
    assert "safeguarding" in alert.message


@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "Minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "Mild"),
        ([3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "Mild"),
        ([3, 3, 3, 1, 0, 0, 0, 0, 0], 10, "Moderate"),
        ([2, 2, 2, 2, 2, 2, 2, 0, 0], 14, "Moderate"),
        ([2, 2, 2, 2, 2, 2, 2, 1, 0], 15, "Moderately severe"),
        ([3, 3, 3, 3, 3, 3, 1, 0, 0], 19, "Moderately severe"),
        ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "Severe"),
    ],
)
def test_phq9_band_boundaries(
    qs: dict[str, Questionnaire], values: list[int | None], total: int, band: str
) -> None:
    s = score(qs["phq9"], phq(values))
    assert s.total == total
    assert s.band is not None and s.band.label == band
    assert s.alerts == ()  # item 9 is 0 in every row


def test_phq9_item9_above_zero_alerts_even_with_low_total(qs: dict[str, Questionnaire]) -> None:
    s = score(qs["phq9"], phq([0, 0, 0, 0, 0, 0, 0, 0, 1]))
    assert s.total == 1
    assert s.band is not None and s.band.label == "Minimal"
    assert [a.id for a in s.alerts] == ["self-harm-thoughts"]
    assert s.alerts[0].answer == 1


def test_phq9_item9_unanswered_still_prompts_practitioner(qs: dict[str, Questionnaire]) -> None:
    # 8 items answered, 1 each: raw 8, prorated 8 * 9 / 8 = 9.
    s = score(qs["phq9"], phq([1, 1, 1, 1, 1, 1, 1, 1, None]))
    assert s.total == 9 and s.prorated is True
    assert s.missing == ("phq9-9",)
    assert len(s.alerts) == 1
    assert s.alerts[0].answer is None
    assert "not" in s.alerts[0].message and "answered" in s.alerts[0].message
    assert "above" not in s.alerts[0].message


def test_phq9_one_missing_is_prorated(qs: dict[str, Questionnaire]) -> None:
    # Item 1 left out; items 2-9 add to 7.  7 * 9 / 8 = 7.875, rounded to 8.
    answers = phq([None, 1, 1, 1, 1, 1, 1, 1, 0])
    del answers["phq9-1"]
    s = score(qs["phq9"], answers)
    assert s.total == 8
    assert s.prorated is True
    assert s.missing == ("phq9-1",)
    assert s.answered == 8
    assert s.band is not None and s.band.label == "Mild"


def test_phq9_prorating_rounds_halves_up(qs: dict[str, Questionnaire]) -> None:
    # raw 4 over 8 answered items: 4 * 9 / 8 = 4.5, which rounds up to 5 (Mild).
    s = score(qs["phq9"], phq([None, 1, 1, 1, 1, 0, 0, 0, 0]))
    assert s.total == 5
    assert s.band is not None and s.band.label == "Mild"


def test_phq9_two_missing_gives_no_total(qs: dict[str, Questionnaire]) -> None:
    s = score(qs["phq9"], phq([None, None, 3, 3, 3, 3, 3, 3, 0]))
    assert s.total is None
    assert s.band is None
    assert s.prorated is False
    assert s.missing == ("phq9-1", "phq9-2")
    assert s.item_scores["phq9-3"] == 3


def test_phq9_difficulty_item_is_kept_but_not_counted(qs: dict[str, Questionnaire]) -> None:
    answers: dict[str, int | str | None] = {**phq([2] * 8 + [0]), "phq9-difficulty": 3}
    s = score(qs["phq9"], answers)
    assert s.total == 16
    assert "phq9-difficulty" not in s.item_scores
    with pytest.raises(AnswerError) as info:
        score(qs["phq9"], {"phq9-difficulty": 4})
    assert info.value.item_id == "phq9-difficulty"


@pytest.mark.parametrize("bad", [4, -1, 99])
def test_phq9_out_of_range_answer_names_item_and_choices(
    qs: dict[str, Questionnaire], bad: int
) -> None:
    with pytest.raises(AnswerError) as info:
        score(qs["phq9"], {**phq([0] * 9), "phq9-3": bad})
    err = info.value
    assert err.item_id == "phq9-3"
    assert err.questionnaire_id == "phq9"
    assert "phq9-3" in str(err) and "0, 1, 2, 3" in str(err) and str(bad) in str(err)


@pytest.mark.parametrize("bad", [True, "2", 1.0, [1]])
def test_phq9_wrong_answer_types_are_refused(qs: dict[str, Questionnaire], bad: object) -> None:
    with pytest.raises(AnswerError) as info:
        score(qs["phq9"], {"phq9-1": bad})  # type: ignore[dict-item]
    assert info.value.item_id == "phq9-1"


def test_unknown_item_is_refused(qs: dict[str, Questionnaire]) -> None:
    with pytest.raises(AnswerError) as info:
        score(qs["phq9"], {"phq9-10": 1})
    assert info.value.item_id == "phq9-10"
    assert "phq9-1" in str(info.value)  # lists the real item ids


# --------------------------------------------------------------------------- GAD-7


def test_gad7_minimum_and_maximum(qs: dict[str, Questionnaire]) -> None:
    low = score(qs["gad7"], gad([0] * 7))
    high = score(qs["gad7"], gad([3] * 7))
    assert (low.total, low.min, low.max) == (0, 0, 21)
    assert low.band is not None and low.band.label == "Minimal"
    assert high.total == 21
    assert high.band is not None and high.band.label == "Severe"
    assert low.alerts == () and high.alerts == ()


@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ([1, 1, 1, 1, 0, 0, 0], 4, "Minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "Mild"),
        ([3, 3, 3, 0, 0, 0, 0], 9, "Mild"),
        ([3, 3, 3, 1, 0, 0, 0], 10, "Moderate"),
        ([2, 2, 2, 2, 2, 2, 2], 14, "Moderate"),
        ([3, 2, 2, 2, 2, 2, 2], 15, "Severe"),
    ],
)
def test_gad7_band_boundaries(
    qs: dict[str, Questionnaire], values: list[int | None], total: int, band: str
) -> None:
    s = score(qs["gad7"], gad(values))
    assert s.total == total
    assert s.band is not None and s.band.label == band


def test_gad7_missing_answers(qs: dict[str, Questionnaire]) -> None:
    # One missing: six answers of 2 = 12, prorated 12 * 7 / 6 = 14 (Moderate).
    one = score(qs["gad7"], gad([2, 2, 2, 2, 2, 2, None]))
    assert one.total == 14 and one.prorated is True
    assert one.band is not None and one.band.label == "Moderate"
    assert one.missing == ("gad7-7",)
    # Two missing: over the limit of one.
    two = score(qs["gad7"], gad([2, 2, 2, 2, 2, None, None]))
    assert two.total is None and two.band is None
    assert two.missing == ("gad7-6", "gad7-7")
    # Nothing answered at all.
    none = score(qs["gad7"], {})
    assert none.total is None and none.answered == 0 and len(none.missing) == 7


# --------------------------------------------------------------------------- goal rating


@pytest.mark.parametrize("now", [0, 10])
def test_goal_rating_ends_of_the_scale(qs: dict[str, Questionnaire], now: int) -> None:
    s = score(qs["goal-rating"], {"where-now": now, "hoped-for": 8})
    assert s.total == now
    assert (s.min, s.max) == (0, 10)
    assert s.band is None  # the rating has no bands
    assert "hoped-for" not in s.item_scores  # kept, but not part of the score


def test_goal_rating_missing_and_out_of_range(qs: dict[str, Questionnaire]) -> None:
    s = score(qs["goal-rating"], {"hoped-for": 7})
    assert s.total is None and s.missing == ("where-now",)
    for bad in (11, -1):
        with pytest.raises(AnswerError) as info:
            score(qs["goal-rating"], {"where-now": bad})
        assert info.value.item_id == "where-now"
        assert "0–10" in str(info.value)
    with pytest.raises(AnswerError):
        score(qs["goal-rating"], {"hoped-for": 12})


def test_goal_rating_is_marked_as_not_a_test(qs: dict[str, Questionnaire]) -> None:
    q = qs["goal-rating"]
    assert q.validated is False
    assert q.screen_notice and "not a test" in q.screen_notice


# --------------------------------------------------------------------------- check-in


def checkin(**values: int | str | None) -> dict[str, int | str | None]:
    return {key.replace("_", "-"): value for key, value in values.items()}


def test_checkin_is_marked_not_validated(qs: dict[str, Questionnaire]) -> None:
    q = qs["checkin"]
    assert q.validated is False
    assert q.screen_notice is not None and "not a validated questionnaire" in q.screen_notice


def test_checkin_all_lowest_answers_with_reverse_item(qs: dict[str, Questionnaire]) -> None:
    # Every choice answered 0 ("Hardly ever").  "worn-out" is reverse scored: 3 - 0 = 3.
    s = score(
        qs["checkin"],
        checkin(
            enjoyed_time=0,
            understood_needs=0,
            came_to_me=0,
            worn_out=0,
            stayed_calm=0,
            had_support=0,
        ),
    )
    assert s.total == 3
    assert s.item_scores["worn-out"] == 3
    assert s.subscales["together"].total == 0
    assert s.subscales["coping"].total == 3
    assert (s.min, s.max) == (0, 18)


def test_checkin_all_highest_answers(qs: dict[str, Questionnaire]) -> None:
    # Every choice answered 3: worn-out reversed to 0, so 15 rather than 18.
    s = score(
        qs["checkin"],
        checkin(
            enjoyed_time=3,
            understood_needs=3,
            came_to_me=3,
            worn_out=3,
            stayed_calm=3,
            had_support=3,
            overall=10,
            anything_else="Bedtimes are easier now.",
        ),
    )
    assert s.total == 15
    assert s.item_scores["worn-out"] == 0
    assert s.subscales["together"].total == 9
    assert s.subscales["coping"].total == 6
    assert s.text_answers == {"anything-else": "Bedtimes are easier now."}
    assert "overall" not in s.item_scores


def test_checkin_extremes_of_the_total(qs: dict[str, Questionnaire]) -> None:
    best = score(
        qs["checkin"],
        checkin(
            enjoyed_time=3,
            understood_needs=3,
            came_to_me=3,
            worn_out=0,
            stayed_calm=3,
            had_support=3,
        ),
    )
    worst = score(
        qs["checkin"],
        checkin(
            enjoyed_time=0,
            understood_needs=0,
            came_to_me=0,
            worn_out=3,
            stayed_calm=0,
            had_support=0,
        ),
    )
    assert best.total == 18 and worst.total == 0
    assert best.subscales["coping"].min == 0 and best.subscales["coping"].max == 9


def test_checkin_missing_answers_and_subscales(qs: dict[str, Questionnaire]) -> None:
    # stayed-calm missing: total raw 2+2+2+(3-1)+2 = 10 over 5 items, prorated 10 * 6 / 5 = 12.
    s = score(
        qs["checkin"],
        checkin(
            enjoyed_time=2,
            understood_needs=2,
            came_to_me=2,
            worn_out=1,
            had_support=2,
            anything_else="   ",
        ),
    )
    assert s.total == 12 and s.prorated is True
    assert s.missing == ("stayed-calm",)
    assert s.subscales["together"].total == 6
    coping = s.subscales["coping"]
    assert coping.total is None  # subscales allow no missing answers here
    assert coping.missing == ("stayed-calm",)
    assert s.text_answers == {}  # blank text counts as not answered
    # Two missing: over the limit.
    s2 = score(qs["checkin"], checkin(enjoyed_time=2, understood_needs=2, came_to_me=2, worn_out=1))
    assert s2.total is None


def test_checkin_text_and_scale_answer_checks(qs: dict[str, Questionnaire]) -> None:
    with pytest.raises(AnswerError) as info:
        score(qs["checkin"], {"anything-else": 3})
    assert info.value.item_id == "anything-else"
    with pytest.raises(AnswerError) as info:
        score(qs["checkin"], {"overall": 11})
    assert "0–10" in str(info.value)


# --------------------------------------------------------------------------- test-only scale pack


def test_mini_reverse_scale_item(mini: Questionnaire) -> None:
    # a2 runs 1-5 and is reversed: 1 + 5 - answer.
    for answer, expected in [(1, 5), (2, 4), (3, 3), (5, 1)]:
        s = score(mini, {"a2": answer})
        assert s.item_scores["a2"] == expected


def test_mini_minimum_maximum_and_bands(mini: Questionnaire) -> None:
    low = score(mini, {"a1": 1, "a2": 5, "a3": 1, "b1": 1, "b2": 1})
    assert (low.total, low.min, low.max) == (5, 5, 25)
    assert low.band is not None and low.band.label == "Low"
    assert low.subscales["alpha"].total == 3
    assert low.subscales["alpha"].band is not None
    assert low.subscales["alpha"].band.label == "Alpha low"
    high = score(mini, {"a1": 5, "a2": 1, "a3": 5, "b1": 5, "b2": 5})
    assert high.total == 25 and high.band is not None and high.band.label == "High"
    assert [a.id for a in high.alerts] == ["b2-high"]


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ({"a1": 3, "a2": 3, "a3": 2, "b1": 2, "b2": 2}, 12, "Low"),
        ({"a1": 3, "a2": 3, "a3": 3, "b1": 2, "b2": 2}, 13, "High"),
    ],
)
def test_mini_total_band_boundary(
    mini: Questionnaire, answers: dict[str, int], total: int, band: str
) -> None:
    s = score(mini, answers)
    assert s.total == total
    assert s.band is not None and s.band.label == band


@pytest.mark.parametrize(
    ("alpha", "sub_total", "band"),
    [
        ({"a1": 3, "a2": 4, "a3": 3}, 8, "Alpha low"),  # 3 + (6 - 4) + 3 = 8
        ({"a1": 3, "a2": 3, "a3": 3}, 9, "Alpha high"),  # 3 + 3 + 3 = 9
    ],
)
def test_mini_subscale_band_boundary(
    mini: Questionnaire, alpha: dict[str, int], sub_total: int, band: str
) -> None:
    s = score(mini, alpha)
    sub = s.subscales["alpha"]
    assert sub.total == sub_total
    assert sub.band is not None and sub.band.label == band


def test_mini_missing_without_proration(mini: Questionnaire) -> None:
    # Total allows two missing but does not prorate: the plain sum of what was answered.
    s = score(mini, {"a1": 4, "a2": 2, "a3": 4})
    assert s.total == 4 + 4 + 4
    assert s.prorated is False
    assert s.missing == ("b1", "b2")
    assert s.subscales["beta"].total is None
    # Subscale alpha allows one missing and prorates: (4 + 4) * 3 / 2 = 12.
    sub = score(mini, {"a1": 4, "a2": 2}).subscales["alpha"]
    assert sub.total == 12 and sub.prorated is True
    # Three missing is over the total's limit of two.
    assert score(mini, {"a1": 4, "a2": 2}).total is None


def test_mini_scale_range_errors(mini: Questionnaire) -> None:
    with pytest.raises(AnswerError) as info:
        score(mini, {"a1": 0})
    assert "a1" in str(info.value) and "1–5" in str(info.value)
    with pytest.raises(AnswerError):
        score(mini, {"b2": 6})


# --------------------------------------------------------------------------- stored answers


def test_administration_round_trip_and_rescore(qs: dict[str, Questionnaire]) -> None:
    admin = Administration("phq9", "1", phq([1] * 9))
    stored = admin.to_dict()
    assert "total" not in stored  # only raw answers are kept
    again = Administration.from_dict(stored)
    s = rescore(again, qs)
    assert s.total == 9 and s.version == "1"
    assert s.alerts  # item 9 is 1


def test_rescore_refuses_unknown_or_changed_instruments(qs: dict[str, Questionnaire]) -> None:
    with pytest.raises(ScoringError, match="not loaded"):
        rescore(Administration("sdq", "1", {}), qs)
    with pytest.raises(ScoringError, match="version 7"):
        rescore(Administration("phq9", "7", {}), qs)
    with pytest.raises(AnswerError):
        rescore(Administration("phq9", "1", {"phq9-1": 9}), qs)


@pytest.mark.parametrize(
    "stored",
    [
        None,
        [],
        {"questionnaire_id": "phq9"},
        {"questionnaire_id": "phq9", "version": 1, "answers": {}},
        {"questionnaire_id": "phq9", "version": "1", "answers": []},
        {"questionnaire_id": "phq9", "version": "1", "answers": {"phq9-1": [1]}},
    ],
)
def test_administration_from_bad_storage(stored: object) -> None:
    with pytest.raises(ScoringError):
        Administration.from_dict(stored)
