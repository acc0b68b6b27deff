"""A store with practitioner-only sentinels planted in every private place.

Used by the room walk tests (Pilot and tmux): the family's record carries
sentinel strings in private notes, the practitioner's own reflection and notes
on moments (and on each clip, as the conversation view keeps them),
questionnaire totals, bands and alerts (the PHQ-9 item 9 alert among them,
answered by one of the family's two adults, with what the practitioner did
about it),
and a second family is labelled with a sentinel. None of them may ever be on
screen while the room is open.
"""

from __future__ import annotations

from pathlib import Path

from vig_tui.demo import build_demo_record
from vig_tui.domain import Administration, AlertAction, Family, Reflection
from vig_tui.packs import PackSet, load_packs
from vig_tui.store import Store

from .journey_helpers import FIXED_DAY

PRIVATE_NOTE = "SNTprivatenote"
GUIDANCE = "SNTguidance"
PRACTITIONER_NOTE = "SNTpractnote"
OTHER_FAMILY = "SNTotherfamily"
BAND = "SNTband"
ALERT = "SNTalert"
ITEM9_ALERT = "Question 9 (thoughts"
#: what the practitioner recorded doing about the item 9 alert
ACTED_ON = "SNTactedon"
#: totals are shown as "14/27" (PHQ-9) and "4/21" (GAD-7)
TOTALS = ("/27", "/21")

SENTINELS: tuple[str, ...] = (
    PRIVATE_NOTE,
    GUIDANCE,
    PRACTITIONER_NOTE,
    OTHER_FAMILY,
    BAND,
    ALERT,
    ITEM9_ALERT,
    ACTED_ON,
    *TOTALS,
)

FAMILY_LABEL = "Room family"

SENTINEL_PACK = f"""\
schema: 1
kind: questionnaire
id: snt-scale
version: "1"
title: A short check-in
validated: false
notice: Made up for the tests.
instructions: Choose a number.
items:
  - id: s1
    kind: scale
    min: 0
    max: 3
    text: How has the week been?
  - id: s2
    kind: scale
    min: 0
    max: 3
    text: How has sleep been?
scoring:
  bands:
    - min: 0
      max: 6
      label: {BAND}
  alerts:
    - id: snt
      item: s2
      at_least: 1
      message: {ALERT} raised by the check-in.
"""


def sentinel_packs(folder: Path) -> PackSet:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "snt_scale.yaml").write_text(SENTINEL_PACK, encoding="utf-8")
    packs = load_packs(folder)
    assert "snt-scale" in packs.questionnaires, packs.errors
    return packs


def plant(store: Store) -> str:
    """Add the sentinel family (and a second family); returns the first one's id."""
    record = build_demo_record(today=FIXED_DAY)
    record.family.label = FAMILY_LABEL
    record.family.planned_cycles = 1  # cycle 1 is reviewed: the final meeting is next
    for session in record.sessions:
        session.private_notes = PRIVATE_NOTE
        session.guidance_reflection = GUIDANCE
    for reflection in record.reflections:
        reflection.practitioner_note = PRACTITIONER_NOTE
    review = next(s for s in record.sessions if s.kind.value == "shared_review")
    record.reflections += [  # the conversation view's private note on each clip
        Reflection(session_id=review.id, clip_id=clip.id, practitioner_note=PRACTITIONER_NOTE)
        for clip in record.clips
    ]
    initial = next(s for s in record.sessions if s.kind.value == "initial_meeting")
    # two adults: the final meeting asks who fills in each questionnaire (in the
    # family's words), and the item 9 alert names whose answer it was
    record.family.adults = [*record.family.adults, "Kai"]
    for adm in record.administrations:
        if adm.questionnaire_id == "phq9":
            answers: dict[str, int | str | None] = {f"phq9-{n}": 1 for n in range(1, 10)}
            adm.answers = answers | {"phq9-9": 2}
            adm.respondent = record.family.adults[0]
            action = AlertAction(
                alert_id="self-harm-thoughts", action=ACTED_ON, on=FIXED_DAY.isoformat()
            )
            adm.acted_on = [action]
    record.administrations.append(
        Administration(
            questionnaire_id="snt-scale",
            version="1",
            timepoint="baseline",
            session_id=initial.id,
            answers={"s1": 1, "s2": 2},
            completed=True,
        )
    )
    initial.progress["questionnaires"] = ["phq9", "gad7", "snt-scale"]
    family_id = store.create_family(record).id
    store.create_family(Family(label=OTHER_FAMILY))
    return family_id


def leaks(text: str) -> list[str]:
    """The sentinels in a screen's text (in any case: bands are shown lower-cased)."""
    folded = text.casefold()
    return [s for s in SENTINELS if s.casefold() in folded]
