"""Merging packs layer by layer into one :class:`PackSet`: a later pack replaces
entries with the same id and adds new ones; conflicts are located errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .checks import prompts_with_paths, sections_with_paths
from .errors import Location, PackError
from .packset import Origin, PackInfo, PackSet, Source
from .schema import (
    FinalMeetingPack,
    HelpingQuestionsPack,
    InitialMeetingPack,
    Pack,
    PrinciplesPack,
    Prompt,
    Questionnaire,
    Section,
    SharedReviewPack,
)


def _merge_sections(
    groups: list[list[Section]], incoming: list[tuple[int, Section]]
) -> tuple[list[list[Section]], list[str]]:
    """Merge incoming sections into groups of sections (e.g. review stages and end prompts).

    A prompt whose id already exists replaces the old one where it stands.  Other
    prompts go to the end of the section with the same id (wherever that is), or
    into a new section added to the end of the group given with it.
    """
    out = [list(g) for g in groups]
    replaced: list[str] = []
    for target, new in incoming:
        fresh: list[Prompt] = []
        for prompt in new.prompts:
            found = False
            for group in out:
                for si, sec in enumerate(group):
                    for pi, old in enumerate(sec.prompts):
                        if old.id == prompt.id and not found:
                            prompts = list(sec.prompts)
                            prompts[pi] = prompt
                            group[si] = sec.model_copy(update={"prompts": prompts})
                            found = True
            if found:
                replaced.append(prompt.id)
            else:
                fresh.append(prompt)
        place = next(
            ((g, i) for g, group in enumerate(out) for i, s in enumerate(group) if s.id == new.id),
            None,
        )
        if place is None:
            out[target].append(new.model_copy(update={"prompts": fresh}))
        else:
            g, i = place
            old_sec = out[g][i]
            out[g][i] = old_sec.model_copy(
                update={
                    "title": new.title or old_sec.title,
                    "intro": new.intro or old_sec.intro,
                    "practitioner": new.practitioner or old_sec.practitioner,
                    "links_question": new.links_question or old_sec.links_question,
                    "shows": new.shows or old_sec.shows,
                    "prompts": [*old_sec.prompts, *fresh],
                }
            )
    return out, replaced


def _by_id(current: list[Any], incoming: Iterable[Any]) -> tuple[list[Any], list[str]]:
    out = list(current)
    replaced: list[str] = []
    for new in incoming:
        index = next((i for i, old in enumerate(out) if old.id == new.id), None)
        if index is None:
            out.append(new)
        else:
            out[index] = new
            replaced.append(new.id)
    return out, replaced


def _entries(pack: Pack) -> list[tuple[str, str, Location | None]]:
    """(source kind, id, place) for every entry a pack defines."""
    if isinstance(pack, Questionnaire):
        return [("questionnaire", pack.id, pack.where)]
    if isinstance(pack, PrinciplesPack):
        return (
            [("principle", p.id, p.where) for p in pack.principles]
            + [("chain", c.id, c.where) for c in pack.chain]
            + [("cycle", c.id, c.where) for c in pack.cycles]
        )
    return [(pack.kind, p.id, p.where) for p, _ in prompts_with_paths(pack)]


class Merger:
    def __init__(self) -> None:
        self.result = PackSet()
        self.layer_seen: dict[tuple[str, str], Location] = {}
        self.layer: Origin = "shipped"

    def start_layer(self, origin: Origin) -> None:
        self.layer = origin
        self.layer_seen = {}

    def _initial_prompt_ids(self) -> set[str]:
        return {p.id for p in self.result.initial_meeting.prompts()}

    def _problems(self, pack: Pack, file: str) -> list[PackError]:
        problems: list[PackError] = []
        top = pack.where or Location(file)
        pack_key = ("pack", pack.id)
        if pack_key in self.layer_seen:
            before = self.layer_seen[pack_key]
            problems.append(
                PackError.at(top, f"duplicate pack id '{pack.id}' (already used at {before})")
            )
        for kind, ident, where in _entries(pack):
            if (kind, ident) in self.layer_seen and kind != "questionnaire":
                before = self.layer_seen[(kind, ident)]
                what = kind.replace("_", " ")
                problems.append(
                    PackError.at(
                        where or top,
                        f"duplicate {what} id '{ident}' (already defined at {before})",
                    )
                )
        if isinstance(pack, PrinciplesPack | Questionnaire):
            return problems

        principle_ids = {p.id for p in self.result.principles}
        initial_ids = self._initial_prompt_ids()
        if isinstance(pack, InitialMeetingPack):
            initial_ids |= {p.id for p, _ in prompts_with_paths(pack)}
        for prompt, _ in prompts_with_paths(pack):
            where = prompt.where or top
            if prompt.principle is not None and prompt.principle not in principle_ids:
                known = ", ".join(sorted(principle_ids)) or "none are loaded"
                problems.append(
                    PackError.at(
                        where,
                        f"prompt '{prompt.id}' names the principle '{prompt.principle}', "
                        f"which is not loaded (known: {known})",
                    )
                )
            if prompt.repeats is not None and prompt.repeats not in initial_ids:
                problems.append(
                    PackError.at(
                        where,
                        f"prompt '{prompt.id}' repeats '{prompt.repeats}', but the initial "
                        "meeting has no prompt with that id",
                    )
                )
        existing_sections = self._section_ids(pack)
        for section, _ in sections_with_paths(pack):
            if section.id not in existing_sections and section.title is None:
                problems.append(
                    PackError.at(
                        section.where or top,
                        f"the new section '{section.id}' needs a 'title' (only sections that "
                        "already exist can leave it out)",
                    )
                )
        return problems

    def _section_ids(self, pack: Pack) -> set[str]:
        r = self.result
        if isinstance(pack, InitialMeetingPack):
            return {s.id for s in r.initial_meeting.sections}
        if isinstance(pack, FinalMeetingPack):
            return {s.id for s in r.final_meeting.sections}
        if isinstance(pack, HelpingQuestionsPack):
            return {s.id for s in r.helping_questions.sections}
        if isinstance(pack, SharedReviewPack):
            return {s.id for s in (*r.shared_review.stages, *r.shared_review.end_of_review)}
        return set()

    def apply(self, pack: Pack, file: str) -> list[PackError]:
        problems = self._problems(pack, file)
        if problems:
            return problems
        r = self.result
        replaced: list[str] = []
        if isinstance(pack, PrinciplesPack):
            r.principles, a = _by_id(r.principles, pack.principles)
            r.chain, b = _by_id(r.chain, pack.chain)
            r.cycles, c = _by_id(r.cycles, pack.cycles)
            replaced = a + b + c
        elif isinstance(pack, Questionnaire):
            if pack.id in r.questionnaires:
                replaced = [pack.id]
            r.questionnaires[pack.id] = pack
        elif isinstance(pack, InitialMeetingPack | FinalMeetingPack):
            meeting = r.initial_meeting if isinstance(pack, InitialMeetingPack) else r.final_meeting
            (meeting.sections,), replaced = _merge_sections(
                [meeting.sections], [(0, s) for s in pack.sections]
            )
        elif isinstance(pack, HelpingQuestionsPack):
            hq = r.helping_questions
            (hq.sections,), replaced = _merge_sections(
                [hq.sections], [(0, s) for s in pack.sections]
            )
            if pack.max_questions is not None:
                hq.max_questions = pack.max_questions
            if pack.starters is not None:
                hq.starters = list(pack.starters)
            if pack.examples is not None:
                hq.examples = list(pack.examples)
            if pack.rating is not None:
                if hq.rating is not None:
                    old_ids = {hq.rating.where_now.id, hq.rating.hoped_for.id}
                    new_ids = {pack.rating.where_now.id, pack.rating.hoped_for.id}
                    replaced += sorted(old_ids & new_ids)
                hq.rating = pack.rating
        elif isinstance(pack, SharedReviewPack):
            sr = r.shared_review
            (sr.stages, sr.end_of_review), replaced = _merge_sections(
                [sr.stages, sr.end_of_review],
                [(0, s) for s in pack.stages] + [(1, s) for s in pack.end_of_review],
            )

        for kind, ident, where in _entries(pack):
            place = where or pack.where or Location(file)
            self.layer_seen[(kind, ident)] = place
            r.sources[(kind, ident)] = Source(self.layer, place, pack.id)
        self.layer_seen[("pack", pack.id)] = pack.where or Location(file)
        r.packs.append(
            PackInfo(
                kind=pack.kind,
                id=pack.id,
                version=pack.version,
                title=pack.title,
                file=file,
                origin=self.layer,
                overrides=sorted(set(replaced)) if self.layer == "user" else [],
            )
        )
        return []
