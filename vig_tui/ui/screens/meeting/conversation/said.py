"""The family's words about a clip so far, in one place, grouped by stage."""

from __future__ import annotations

from rich.text import Text

from .....domain import Reflection
from .....flows import Stage
from ....text import literal

#: the heading for words that belong to no stage of today's packs
ELSEWHERE = "Also said"


def stage_of(remark: Reflection, stages: list[Stage], all_prompts: dict[str, str]) -> str:
    """The stage a remark belongs to: the one it was said in, else the stage
    of the prompt it answers (words written in the step-by-step view)."""
    ids = {s.id for s in stages}
    if remark.stage in ids:
        return str(remark.stage)
    return all_prompts.get(remark.prompt_id or "", "")


def said_so_far(
    remarks: list[Reflection], stages: list[Stage], all_prompts: dict[str, str]
) -> tuple[Text, int]:
    """Every remark with words, under the title of its stage, oldest first;
    who said it when the family named the adult. With it, where the newest
    remark (the last said) ends in the text: under its stage it may have others
    after it, and it is the one to show."""
    grouped: dict[str, list[Reflection]] = {}
    for remark in remarks:
        if remark.family_words.strip():
            grouped.setdefault(stage_of(remark, stages, all_prompts), []).append(remark)
    if not grouped:
        nothing = Text("Nothing written down for this moment yet.", style="dim")
        return nothing, len(nothing)
    newest = [r for r in remarks if r.family_words.strip()][-1]
    newest_end = 0
    titles = [(s.id, s.title) for s in stages] + [("", ELSEWHERE)]
    out = Text()
    for stage_id, title in titles:
        said = grouped.get(stage_id)
        if not said:
            continue
        if out:
            out.append("\n")
        out.append(literal(title, style="bold"))
        for remark in said:
            out.append("\n  • ")
            out.append(literal(f"“{remark.family_words.strip()}”"))
            if remark.speaker:
                out.append(literal(f" ({remark.speaker})", style="dim"))
            if remark is newest:
                newest_end = len(out)
    return out, newest_end
