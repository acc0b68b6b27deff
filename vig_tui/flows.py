"""The steps of each meeting, worked out from the packs and the record.

Pure logic (no UI): the screens render whatever steps these functions return,
one at a time. Every step has a stable `key`, saved in the session's
`progress`, so a half-done meeting resumes where it stopped.

Prompts in the packs may carry an `activity`, which expands into its own
steps: `set_helping_questions` (word up to `max_questions` questions, with
where-now and hoped-for ratings), `rate_helping_questions` (re-rate each
question, showing last time's number) and `questionnaires` (choose, then one
item per screen). What else a prompt does is pack data too: `keep_doing` on a
prompt, `questionnaires` (those ticked to begin with) beside the activity,
`links_question` on a review stage, `offered_in` on a questionnaire, `shows` on
a final-meeting section. Nothing here depends on a pack's ids.

A shared review shows each clip as one conversation (a `CONVERSATION` step:
the stages of the talk, the family's words and a short list of prompts) unless
the practitioner chose the step-by-step view for that meeting. Packs mark each
prompt `use: core` or `use: extra`; the practitioner's setting chooses whether
the extras are offered (`PromptSet`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from .domain import FamilyRecord, Session, SessionKind
from .domain.rules.wording import for_family, heading_for_family

if TYPE_CHECKING:
    from .packs import PackSet, Prompt, Section

#: Which prompts a service uses: the pack's core set only, or every prompt.
PromptSet = Literal["core", "all"]
PROMPT_SETS: tuple[PromptSet, ...] = ("core", "all")


class StepKind(StrEnum):
    """What a step of a meeting is; each kind has its own widget on screen."""

    PROMPT = "prompt"
    SET_QUESTION = "set_question"
    RATE_QUESTION = "rate_question"
    CHOOSE_QUESTIONNAIRES = "choose_questionnaires"
    QUESTIONNAIRE_INTRO = "questionnaire_intro"
    QUESTIONNAIRE_ITEM = "questionnaire_item"
    WATCH = "watch"
    CONVERSATION = "conversation"  # one clip of a shared review, talked about freely
    CELEBRATE = "celebrate"
    COMPARE = "compare"
    NOTES = "notes"
    GUIDANCE = "guidance"
    FINISH = "finish"


@dataclass(frozen=True)
class Step:
    key: str
    kind: StepKind
    title: str
    prompt: Prompt | None = None
    clip_id: str | None = None
    question_index: int | None = None
    question_id: str | None = None
    questionnaire_id: str | None = None
    item_id: str | None = None
    respondent: str | None = None  # the adult answering this questionnaire, when asked
    private: bool = False  # practitioner-only: hidden while the family is at the screen
    links_question: bool = False  # a review prompt that links the moment to a question


def variant_of(record: FamilyRecord) -> Literal["adult_child", "adult_adult", "professional"]:
    """Which wording of the packs fits who is filmed with whom."""
    mode = record.family.work_mode
    if mode.professional:
        return "professional"
    return "adult_adult" if mode.value == "adult_adult" else "adult_child"


def prompt_text(prompt: Prompt, record: FamilyRecord, *, about_a_moment: bool = False) -> str:
    """A prompt's family-facing words for this family: the wording for who is
    filmed with whom, with the child's name when there is one child (see
    `for_family`: a prompt about a moment on film names no child)."""
    words = prompt.text(variant_of(record))
    return for_family(words, record.family, about_a_moment=about_a_moment)


def section_title(section: Section, record: FamilyRecord, default: str = "") -> str:
    """A section's heading for this family: the wording for who is filmed with
    whom, with the child's name when there is one child."""
    if section.title is None:
        return default
    return heading_for_family(section.title.best(variant_of(record)), record.family)


def prompts_in(section: Section, record: FamilyRecord, prompts: PromptSet) -> list[Prompt]:
    """The prompts of a section this family is asked: the right variant, and
    only the core ones unless the service uses all of them."""
    chosen = section.prompts_for(variant_of(record))
    return chosen if prompts == "all" else [p for p in chosen if p.use == "core"]


def _prompt_steps(
    packs: PackSet,
    record: FamilyRecord,
    session: Session,
    sections: list[Section],
    *,
    clip_id: str | None = None,
    prompts: PromptSet = "all",
) -> list[Step]:
    steps: list[Step] = []
    prefix = f"clip:{clip_id}:" if clip_id else ""
    for section in sections:
        title = section_title(section, record)
        links = section.links_question
        for prompt in prompts_in(section, record, prompts):
            activity = prompt.activity
            key = f"{prefix}prompt:{prompt.id}"
            if activity == "set_helping_questions":
                steps.append(
                    Step(key, StepKind.PROMPT, title, prompt, clip_id, links_question=links)
                )
                limit = max(1, packs.helping_questions.max_questions)
                steps += [
                    Step(f"hq:{i}", StepKind.SET_QUESTION, title, prompt, question_index=i)
                    for i in range(limit)
                ]
            elif activity == "rate_helping_questions":
                questions = record.questions_to_rate(session)
                if not questions:
                    continue
                steps += [
                    Step(f"rate:{q.id}", StepKind.RATE_QUESTION, title, prompt, question_id=q.id)
                    for q in questions
                ]
            elif activity == "questionnaires":
                steps += questionnaire_steps(packs, record, session, title, prompt)
            else:
                steps.append(
                    Step(key, StepKind.PROMPT, title, prompt, clip_id, links_question=links)
                )
    return steps


def offered_questionnaires(packs: PackSet, session: Session) -> list[str]:
    """The questionnaires this kind of meeting lets the practitioner choose from."""
    kind = str(session.kind)
    return [qid for qid, q in packs.questionnaires.items() if kind in q.offered_in]


def chosen_questionnaires(
    packs: PackSet, record: FamilyRecord, session: Session, prompt: Prompt | None = None
) -> list[str]:
    """Which questionnaires this session uses: the practitioner's choice, or a
    sensible default (at the final meeting: whatever was used at the start;
    elsewhere: those the prompt offering them ticks to begin with)."""
    chosen = session.progress.get("questionnaires")
    offered = offered_questionnaires(packs, session)
    if isinstance(chosen, list):
        return [q for q in chosen if q in offered]
    if session.kind == SessionKind.FINAL_MEETING:
        earlier = []
        for adm in sorted(record.administrations, key=lambda a: a.at):
            if adm.session_id != session.id and adm.questionnaire_id not in earlier:
                earlier.append(adm.questionnaire_id)
        return [q for q in earlier if q in offered]
    ticked = prompt.questionnaires if prompt is not None else []
    return [q for q in ticked if q in offered]


#: Where a meeting's progress keeps the practitioner's choice of view.
VIEW_KEY = "view"


def is_conversation(session: Session) -> bool:
    """Whether a shared review shows its clips as conversations (the default)
    rather than one prompt at a time (the practitioner's choice, per meeting)."""
    return session.kind == SessionKind.SHARED_REVIEW and session.progress.get(VIEW_KEY) != "steps"


def stage_key(clip_id: str) -> str:
    """Where a meeting's progress remembers the stage of a clip's talk."""
    return f"stage:{clip_id}"


@dataclass(frozen=True)
class Stage:
    """One stage of the talk about a clip, with the prompts offered in it."""

    id: str
    title: str
    prompts: list[Prompt]
    cue: str | None = None  # practitioner-only
    links_question: bool = False


def review_stages(packs: PackSet, record: FamilyRecord, prompts: PromptSet = "all") -> list[Stage]:
    """The stages of a shared review (what we see → … → what next), each with
    the prompts this family is offered."""
    variant = variant_of(record)
    if not packs.shared_review.stages:  # a pack with no stages: one open conversation
        return [Stage(id="talk", title="Talking about this moment", prompts=[])]
    return [
        Stage(
            id=section.id,
            title=section_title(section, record, section.id),
            prompts=prompts_in(section, record, prompts),
            cue=section.practitioner.best(variant) if section.practitioner else None,
            links_question=section.links_question,
        )
        for section in packs.shared_review.stages
    ]


def stage_index(session: Session, clip_id: str, stages: list[Stage]) -> int:
    """Which stage a clip's talk was in when the meeting last moved it (0 at first)."""
    chosen = session.progress.get(stage_key(clip_id))
    ids = [s.id for s in stages]
    return ids.index(chosen) if chosen in ids else 0


def stage_of_prompt(stages: list[Stage], prompt_id: str | None) -> str | None:
    """The review stage a prompt is asked in (None for a prompt of no stage)."""
    return next((s.id for s in stages if any(p.id == prompt_id for p in s.prompts)), None)


def respondents_key(questionnaire_id: str) -> str:
    """Where a meeting's progress keeps who is filling in a questionnaire."""
    return f"respondents:{questionnaire_id}"


def chosen_respondents(record: FamilyRecord, session: Session, questionnaire_id: str) -> list[str]:
    """Who fills in this questionnaire today, in the family's order: as
    chosen at its start; at the final meeting, before a choice, those who
    filled it in earlier. Empty when the family has fewer than two adults
    (nothing is asked) or nobody has been chosen yet."""
    adults = record.family.respondents
    chosen = session.progress.get(respondents_key(questionnaire_id))
    if not isinstance(chosen, list) and session.kind == SessionKind.FINAL_MEETING:
        chosen = [
            adm.respondent
            for adm in record.administrations
            if adm.questionnaire_id == questionnaire_id and adm.session_id != session.id
        ]
    names = set(chosen) if isinstance(chosen, list) else set()
    return [a for a in adults if a in names]


def item_key(questionnaire_id: str, item_id: str, respondent: str | None) -> str:
    """A questionnaire item's step key (an adult's own items carry their name)."""
    key = f"qn:{questionnaire_id}:{item_id}"
    return key if respondent is None else f"{key}:{respondent}"


def questionnaire_steps(
    packs: PackSet, record: FamilyRecord, session: Session, title: str, prompt: Prompt | None
) -> list[Step]:
    """Choosing, then each questionnaire's start and its items — once for
    each adult filling it in when the family has several (asked at its start)."""
    steps = [Step("qn:choose", StepKind.CHOOSE_QUESTIONNAIRES, title, prompt)]
    several = bool(record.family.respondents)
    for qid in chosen_questionnaires(packs, record, session, prompt):
        questionnaire = packs.questionnaires[qid]
        name = questionnaire.title_for_family
        steps.append(Step(f"qn:{qid}", StepKind.QUESTIONNAIRE_INTRO, name, questionnaire_id=qid))
        whose: list[str | None] = [None]
        if several:
            whose = list(chosen_respondents(record, session, qid))
        steps += [
            Step(
                item_key(qid, item.id, adult),
                StepKind.QUESTIONNAIRE_ITEM,
                name if adult is None else f"{name} · {adult}",
                questionnaire_id=qid,
                item_id=item.id,
                respondent=adult,
            )
            for adult in whose
            for item in questionnaire.items
        ]
    return steps


def _insert_before_activities(main: list[Section], extra: list[Section]) -> list[Section]:
    for i, section in enumerate(main):
        if any(p.activity for p in section.prompts):
            return [*main[:i], *extra, *main[i:]]
    return [*main, *extra]


def initial_meeting_steps(
    packs: PackSet, record: FamilyRecord, session: Session, prompts: PromptSet = "all"
) -> list[Step]:
    sections = _insert_before_activities(
        list(packs.initial_meeting.sections), list(packs.helping_questions.sections)
    )
    steps = _prompt_steps(packs, record, session, sections, prompts=prompts)
    steps.append(Step("notes", StepKind.NOTES, "Notes from today"))
    steps.append(Step("finish", StepKind.FINISH, "Finishing"))
    return steps


def shared_review_steps(
    packs: PackSet, record: FamilyRecord, session: Session, prompts: PromptSet = "all"
) -> list[Step]:
    steps: list[Step] = []
    cycle = session.cycle or 1
    talk = is_conversation(session)
    for clip in record.clips_for(cycle):
        title = clip.title or "A moment"
        if talk:
            key = f"clip:{clip.id}:talk"
            steps.append(Step(key, StepKind.CONVERSATION, title, clip_id=clip.id))
            continue
        steps.append(Step(f"clip:{clip.id}:watch", StepKind.WATCH, title, clip_id=clip.id))
        stages = list(packs.shared_review.stages)
        steps += _prompt_steps(packs, record, session, stages, clip_id=clip.id, prompts=prompts)
    end = list(packs.shared_review.end_of_review)
    steps += _prompt_steps(packs, record, session, end, prompts=prompts)
    steps.append(Step("notes", StepKind.NOTES, "Notes from today"))
    steps.append(Step("guidance", StepKind.GUIDANCE, "Your own reflection", private=True))
    steps.append(Step("finish", StepKind.FINISH, "Finishing"))
    return steps


def final_meeting_steps(
    packs: PackSet, record: FamilyRecord, session: Session, prompts: PromptSet = "all"
) -> list[Step]:
    sections = list(packs.final_meeting.sections)
    steps: list[Step] = []
    for section in sections:
        if section.shows == "celebration":
            title = section_title(section, record, "Celebrating")
            steps.append(Step("celebrate", StepKind.CELEBRATE, title))
        steps += _prompt_steps(packs, record, session, [section], prompts=prompts)
        if section.shows == "comparison":
            steps.append(Step("compare", StepKind.COMPARE, "First and last, side by side"))
    if not any(s.kind == StepKind.CELEBRATE for s in steps):
        steps.insert(len(steps), Step("celebrate", StepKind.CELEBRATE, "Celebrating"))
    if not any(s.kind == StepKind.COMPARE for s in steps):
        steps.append(Step("compare", StepKind.COMPARE, "First and last, side by side"))
    steps.append(Step("notes", StepKind.NOTES, "Notes from today"))
    steps.append(Step("finish", StepKind.FINISH, "Finishing"))
    return steps


FLOWS = {
    SessionKind.INITIAL_MEETING: initial_meeting_steps,
    SessionKind.SHARED_REVIEW: shared_review_steps,
    SessionKind.FINAL_MEETING: final_meeting_steps,
}


def steps_for(
    packs: PackSet, record: FamilyRecord, session: Session, prompts: PromptSet = "all"
) -> list[Step]:
    """A meeting's steps; `prompts` is the service's choice of prompt set."""
    return FLOWS[session.kind](packs, record, session, prompts)


def resume_index(steps: list[Step], session: Session) -> int:
    key = session.progress.get("step")
    for i, step in enumerate(steps):
        if step.key == key:
            return i
    return 0


# -- the celebration: the family's words and the strengths seen -----------------
@dataclass
class Celebration:
    words: list[tuple[str, str]]  # (where, the family's words)
    strengths: list[tuple[str, int]]  # (everyday name of a principle, clips showing it)
    keep_doing: list[str]


def gather_celebration(packs: PackSet, record: FamilyRecord) -> Celebration:
    reviews = {s.id: s for s in record.sessions if s.kind == SessionKind.SHARED_REVIEW}
    clips = {c.id: c for c in record.clips}
    words = []
    for r in sorted(record.reflections, key=lambda r: r.created_at):
        if r.session_id in reviews and r.family_words.strip():
            clip = clips.get(r.clip_id or "")
            where = f"Cycle {reviews[r.session_id].cycle or '?'}"
            if clip and clip.title:
                where += f" – {clip.title}"
            words.append((where, r.family_words.strip()))
    counts: dict[str, int] = {}
    for clip in record.clips:
        for pid in clip.principles:
            counts[pid] = counts.get(pid, 0) + 1
    strengths = []
    for pid, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        principle = packs.principle(pid)
        name = str(principle.family_name or principle.name) if principle else pid
        strengths.append((name, n))
    keep = [s.keep_doing.strip() for s in reviews.values() if s.keep_doing.strip()]
    return Celebration(words, strengths, keep)
