"""Realistic family records for benchmarks: 3 cycles, 12 clips, ~150
reflections and 6 questionnaire administrations — about 50 KB of JSON each."""

from __future__ import annotations

import random

from vig_tui.domain import (
    Administration,
    Child,
    Clip,
    Consent,
    Cycle,
    Family,
    FamilyRecord,
    Film,
    HelpingQuestion,
    RatingKind,
    Reflection,
    Session,
    SessionKind,
)

WORDS = [
    "she",
    "looked",
    "up",
    "and",
    "smiled",
    "when",
    "I",
    "named",
    "the",
    "tower",
    "he",
    "was",
    "building",
    "we",
    "waited",
    "together",
    "for",
    "his",
    "turn",
    "and",
    "then",
    "laughed",
    "at",
    "the",
    "same",
    "moment",
    "it",
    "felt",
    "calm",
    "I",
    "noticed",
    "her",
    "reaching",
    "for",
    "the",
    "cup",
    "and",
    "I",
    "passed",
    "it",
    "without",
    "a",
    "word",
    "he",
    "was",
    "proud",
    "of",
    "the",
    "red",
    "car",
    "and",
    "showed",
    "me",
    "again",
    "and",
    "again",
    "bedtime",
    "was",
    "easier",
    "after",
    "we",
    "sang",
    "the",
    "song",
    "I",
    "was",
    "worried",
    "she",
    "would",
    "cry",
    "but",
    "she",
    "did",
    "not",
    "my",
    "voice",
    "was",
    "soft",
    "and",
    "slow",
    "I",
    "think",
    "he",
    "felt",
    "safe",
    "because",
    "I",
    "was",
    "close",
    "by",
]
PRINCIPLES = ["attentive", "encouraging", "receiving", "attuning", "guiding", "deepening"]
NAMES = ["Sam", "Mia", "Jo", "Alex", "Ruby", "Noah", "Isla", "Leo", "Ava", "Finn"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def realistic_family(index: int, seed: int = 7) -> FamilyRecord:
    rng = random.Random(seed * 100_003 + index)
    family = Family(
        label=f"Family {index:04d} {rng.choice(NAMES)}",
        adults=["Parent"],
        children=[Child(name=rng.choice(NAMES), age_years=rng.randint(0, 7))],
        referrer="health visitor",
    )
    record = FamilyRecord(family=family, consent=Consent(filming=True, signed_on="2026-01-05"))
    initial = Session(
        kind=SessionKind.INITIAL_MEETING,
        completed=True,
        shared_notes=sentence(rng, 60),
        private_notes=sentence(rng, 40),
    )
    record.sessions.append(initial)
    for q in range(3):
        question = HelpingQuestion(
            text=f"How can I {sentence(rng, 8).lower()}", hoped_for=8, order=q
        )
        question.set_rating(rng.randint(1, 5), RatingKind.START, initial.id)
        record.questions.append(question)
    for prompt in range(12):
        record.reflections.append(
            Reflection(
                session_id=initial.id, prompt_id=f"im-{prompt}", family_words=sentence(rng, 15)
            )
        )
    for number in (1, 2, 3):
        film = Film(
            cycle=number,
            path=f"/films/family-{index}-cycle-{number}.mp4",
            duration_ms=600_000,
            fingerprint="0" * 64,
        )
        record.films.append(film)
        review = Session(
            kind=SessionKind.SHARED_REVIEW,
            cycle=number,
            completed=True,
            shared_notes=sentence(rng, 50),
            private_notes=sentence(rng, 40),
            guidance_reflection=sentence(rng, 40),
            keep_doing=sentence(rng, 15),
        )
        record.sessions.append(Session(kind=SessionKind.FILMING, cycle=number, completed=True))
        record.sessions.append(review)
        clips = []
        for _ in range(4):
            start = rng.randint(0, 590_000)
            clip = Clip(
                film_id=film.id,
                cycle=number,
                start_ms=start,
                end_ms=start + rng.randint(3_000, 10_000),
                title=sentence(rng, 5),
                principles=rng.sample(PRINCIPLES, 2),
                chain_note=sentence(rng, 15),
                micro_note=sentence(rng, 30),
            )
            clips.append(clip)
            for p in range(11):
                record.reflections.append(
                    Reflection(
                        session_id=review.id,
                        clip_id=clip.id,
                        prompt_id=f"sr-{p}",
                        family_words=sentence(rng, 8),
                        practitioner_note=sentence(rng, 3),
                    )
                )
        record.clips.extend(clips)
        record.cycles.append(Cycle(number=number, clip_order=[c.id for c in clips]))
        for question in record.questions:
            question.set_rating(rng.randint(3, 9), RatingKind.REVIEW, review.id, number)
    for timepoint in ("baseline", "final"):
        answer_sets: tuple[tuple[str, dict[str, int | str | None]], ...] = (
            ("phq9", {f"phq9-{i}": rng.randint(0, 3) for i in range(1, 10)}),
            ("gad7", {f"gad7-{i}": rng.randint(0, 3) for i in range(1, 8)}),
            (
                "checkin",
                {
                    **{item: rng.randint(0, 3) for item in CHECKIN_CHOICES},
                    "overall": rng.randint(0, 10),
                    "anything-else": sentence(rng, 10),
                },
            ),
        )
        for qid, answers in answer_sets:
            record.administrations.append(
                Administration(
                    questionnaire_id=qid,
                    version="1",
                    timepoint=timepoint,
                    completed=True,
                    answers=answers,
                )
            )
    return record


CHECKIN_CHOICES = (
    "enjoyed-time",
    "understood-needs",
    "came-to-me",
    "worn-out",
    "stayed-calm",
    "had-support",
)
