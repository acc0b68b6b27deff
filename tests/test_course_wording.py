"""Prompt wording that fits the family: the child's name with one child, a
question about which child with several, and a professional's own wording."""

from __future__ import annotations

from vig_tui.domain import Family, FamilyRecord, Session, SessionKind, WorkMode, parse_children
from vig_tui.domain.rules.wording import for_family, heading_for_family
from vig_tui.flows import initial_meeting_steps, prompt_text, section_title, variant_of
from vig_tui.packs import load_packs

PACKS = load_packs(include_user=False)


def prompt(pack_prompts: object, prompt_id: str) -> object:
    return next(p for p in pack_prompts if p.id == prompt_id)  # type: ignore[attr-defined]


def test_one_child_is_named_several_are_asked_about() -> None:
    one = Family(label="A", children=parse_children("Sam 3"))
    two = Family(label="B", children=parse_children("Sam 3, Mia 1"))
    none = Family(label="C")
    text = "What does your child enjoy? How did your child's face change?"
    assert for_family(text, one) == "What does Sam enjoy? How did Sam's face change?"
    assert for_family(text, two).endswith("(Which child are you thinking of: Sam or Mia?)")
    assert for_family(text, none) == text
    assert for_family("How are you?", two) == "How are you?"
    odd = Family(label="D", children=parse_children("[bold]Jo[/] 4"))
    assert for_family("Your child laughed", odd) == "[bold]Jo[/] laughed"  # literal


def test_work_modes_choose_their_wording_in_the_packs() -> None:
    describe = prompt(PACKS.initial_meeting.prompts(), "describe-child")
    teacher = FamilyRecord(
        family=Family(
            label="Class 2B",
            work_mode=WorkMode.PROFESSIONAL_CHILD,
            children=parse_children("Leo 6"),
        )
    )
    parent = FamilyRecord(family=Family(label="Birch", children=parse_children("Sam 3")))
    couple = FamilyRecord(family=Family(label="Elm", work_mode=WorkMode.ADULT_ADULT))
    assert variant_of(teacher) == "professional"
    assert prompt_text(describe, teacher) == (  # type: ignore[arg-type]
        "How would you describe the pupil (or the group) you work with?"
    )
    assert prompt_text(describe, parent) == "How would you describe Sam?"  # type: ignore[arg-type]
    assert "person you are working with" in prompt_text(describe, couple)  # type: ignore[arg-type]
    # a prompt with no professional wording falls back to the adult–child one
    hard = prompt(PACKS.initial_meeting.prompts(), "child-finds-hard")
    assert prompt_text(hard, teacher) == "What does the pupil find hard at school?"  # type: ignore[arg-type]
    picture = prompt(PACKS.helping_questions.prompts(), "picture-it")
    assert prompt_text(picture, teacher).strip().endswith("What would Leo be doing?")  # type: ignore[arg-type]
    group = teacher.family.model_copy(update={"work_mode": WorkMode.PROFESSIONAL_GROUP})
    assert variant_of(FamilyRecord(family=group)) == "professional"
    assert WorkMode.PROFESSIONAL_GROUP.label == "professional and group"


def test_section_titles_speak_of_this_family() -> None:
    """A heading names the one child, speaks of "your children" when there are
    several, and has its own wording for two adults and for a professional."""
    about = next(s for s in PACKS.initial_meeting.sections if s.id == "about-child")
    session = Session(kind=SessionKind.INITIAL_MEETING)

    def titles(family: Family) -> list[str]:
        record = FamilyRecord(family=family, sessions=[session])
        steps = initial_meeting_steps(PACKS, record, session)
        return [section_title(about, record), *dict.fromkeys(s.title for s in steps)]

    sam = titles(Family(label="A", children=parse_children("Sam 3")))
    assert sam[0] == "About Sam" and "About Sam" in sam[1:]
    assert titles(Family(label="B", children=parse_children("Sam 3, Mia 1")))[0] == (
        "About your children"
    )
    assert titles(Family(label="C"))[0] == "About your child"
    teacher = Family(label="2B", work_mode=WorkMode.PROFESSIONAL_GROUP)
    assert titles(teacher)[0] == "About the pupil or group"
    couple = Family(label="Elm", work_mode=WorkMode.ADULT_ADULT)
    assert titles(couple)[0] == "About the person you work with"
    assert heading_for_family(
        "Your child's day", Family(label="D", children=parse_children("Jo 2, Al 4"))
    ) == ("Your children's day")
