"""The ending letter follows the real course: latest wording of reworded
questions, goals for the future as ideas (never a missing rating), each
adult's words under their name, the practitioner's sign-off."""

from __future__ import annotations

from tests.test_desk_records import full_record
from vig_tui.domain import (
    FutureGoal,
    HelpingQuestion,
    Rating,
    RatingKind,
    Reflection,
    SessionKind,
    Wording,
)
from vig_tui.domain.profile import PractitionerProfile
from vig_tui.export.letter import SIGN_HERE, draft_letter, render_html
from vig_tui.packs import load_packs

PACKS = load_packs()
PROFILE = PractitionerProfile(
    name="Sam Okafor",
    role="VIG guider",
    service="Riverside Family Service",
    contact="01234 567890",
    signature="It was a joy to work with you.",
)


def test_the_letter_is_signed_from_the_practitioners_profile() -> None:
    text = draft_letter(full_record(), PACKS, profile=PROFILE).markdown
    tail = text.split(PROFILE.signature, 1)[1]
    for line in PROFILE.sign_off():
        assert line in tail
    missing = draft_letter(full_record(), PACKS, profile=PractitionerProfile()).missing
    assert any("practitioner profile" in m for m in missing)


def test_the_letter_signs_off_once() -> None:
    """The profile's closing line takes the place of the default closing: a
    practitioner whose closing line is "With warm wishes" once got it twice,
    in the draft and so in every export (Markdown, HTML, PDF)."""
    record = full_record()
    own = PROFILE.model_copy(update={"signature": "With warm wishes"})
    for profile, closing in ((own, "With warm wishes"), (PROFILE, PROFILE.signature)):
        text = draft_letter(record, PACKS, profile=profile).markdown
        assert text.lower().count("warm wishes") == (1 if profile is own else 0), text
        ending = [line for line in text.rstrip().splitlines() if line][-5:]
        assert ending == [closing, *profile.sign_off()]
        page = render_html(text, "Our work together")
        assert page.lower().count("warm wishes") == (1 if profile is own else 0)
    unsigned = draft_letter(record, PACKS, profile=PractitionerProfile()).markdown
    assert unsigned.count("With warm wishes,") == 1 and SIGN_HERE in unsigned


def test_goals_for_the_future_are_ideas_never_a_missing_rating() -> None:
    record = full_record()
    final = record.sessions_of(SessionKind.FINAL_MEETING)[0]
    final.future_goals = [FutureGoal(text="Keep our teatime chats going")]
    draft = draft_letter(record, PACKS, profile=PROFILE)
    ideas = draft.markdown.split("## Ideas for the future", 1)[1]
    assert "Keep our teatime chats going" in ideas
    assert "will be added at the final meeting" not in draft.markdown
    assert not any("final rating" in m for m in draft.missing)


def test_after_the_final_meeting_an_unrated_question_never_waits_for_it() -> None:
    record = full_record()
    late = HelpingQuestion(text="How can bedtime be calmer?", order=2)
    late.ratings = [Rating(value=3, kind=RatingKind.START)]
    record.questions.append(late)
    draft = draft_letter(record, PACKS, profile=PROFILE)
    assert "will be added at the final meeting" not in draft.markdown
    assert "not rated at the final meeting" in " ".join(draft.missing)


def test_reworded_questions_use_the_latest_wording_and_say_so() -> None:
    record = full_record()
    question = record.questions[0]
    question.earlier_wordings = [Wording(text="How do I stop teatime battles?")]
    text = draft_letter(record, PACKS).markdown
    assert f"**{question.text}**" in text
    assert "at first it was “How do I stop teatime battles?”" in text
    record.questions[1].retired = True
    text = draft_letter(record, PACKS).markdown
    assert f"We also worked on “{record.questions[1].text}”" in text


def test_each_parents_words_and_questions_are_attributed() -> None:
    record = full_record()
    record.family.adults = ["Alex", "Jo"]
    record.family.children = record.family.children[:1]
    record.questions[0].owner = "Alex"
    record.questions[1].owner = "Jo"
    initial = record.sessions_of(SessionKind.INITIAL_MEETING)[0]
    for r in record.reflections:
        if r.session_id == initial.id and r.prompt_id == "describe-child":
            r.speaker = "Alex"
    record.reflections.append(
        Reflection(
            session_id=initial.id,
            prompt_id="describe-child",
            speaker="Jo",
            family_words="Stubborn but kind.",
        )
    )
    text = draft_letter(record, PACKS, profile=PROFILE).markdown
    assert f"**Alex's question: {record.questions[0].text}**" in text
    assert f"**Jo's question: {record.questions[1].text}**" in text
    assert "At the start Jo put this at **4** out of 10. Jo hoped to get to 9." in text
    assert "Alex: “A whirlwind who never sits still.”" in text
    assert "Jo: “Stubborn but kind.”" in text
    assert "How you described Mo" in text


def test_a_moment_not_yet_watched_together_is_not_in_the_letter() -> None:
    """A clip prepared for the next review (its principles tagged, not yet
    watched with the family) went into the letter's "What we saw in your
    films"; the moments booklet rightly left it out."""
    from vig_tui.demo import build_demo_record
    from vig_tui.domain import Clip

    record = build_demo_record()
    film = record.clips[0].film_id
    shown = record.clips[0]
    next_one = Clip(
        film_id=film,
        cycle=2,
        start_ms=1000,
        end_ms=6000,
        title="SNTnextreview",
        principles=shown.principles,
    )
    record.clips.append(next_one)
    text = draft_letter(record, PACKS).markdown
    assert shown.title in text and "SNTnextreview" not in text
