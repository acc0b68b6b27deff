"""Rules that look at a whole pack at once, after its structure has been checked.

Each rule returns :class:`PackError` values pointing at the exact entry concerned.
Rules that need other packs (for example "this prompt names a principle that
exists") run later, while packs are merged – see :mod:`vig_tui.packs.merge`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ._yaml import LocatedDoc, Path_
from .errors import Location, PackError
from .schema import (
    Band,
    FinalMeetingPack,
    HelpingQuestionsPack,
    InitialMeetingPack,
    Option,
    Pack,
    PrinciplesPack,
    Prompt,
    Questionnaire,
    ScaleAnchor,
    Section,
    SharedReviewPack,
)


def _unique_ids(
    doc: LocatedDoc, entries: Iterable[tuple[str, Path_]], what: str
) -> Iterator[PackError]:
    first: dict[str, Location] = {}
    for ident, path in entries:
        here = doc.locate((*path, "id"))
        if ident in first:
            before = first[ident]
            yield PackError.at(
                here,
                f"duplicate {what} id '{ident}' (first used at line {before.line}, "
                f"column {before.col})",
            )
        else:
            first[ident] = here


def _prompt_rules(doc: LocatedDoc, prompt: Prompt, path: Path_) -> Iterator[PackError]:
    if not prompt.variants:
        yield doc.error(
            (*path, "variants"), "'variants' needs at least one of adult_child, adult_adult"
        )
    seen: set[str] = set()
    for i, variant in enumerate(prompt.variants):
        if variant in seen:
            yield doc.error((*path, "variants", i), f"the variant '{variant}' is listed twice")
        seen.add(variant)
        if prompt.family.get(variant) is None and variant != "professional":
            # a professional's wording is optional: it falls back to the adult–child one
            yield doc.error(
                (*path, "family"),
                f"prompt '{prompt.id}' is used for {variant} but has no '{variant}' wording",
            )


def sections_with_paths(pack: Pack) -> list[tuple[Section, Path_]]:
    """Every section of a prompt pack, with its place in the file."""
    out: list[tuple[Section, Path_]] = []
    if isinstance(pack, InitialMeetingPack | FinalMeetingPack | HelpingQuestionsPack):
        out += [(s, ("sections", i)) for i, s in enumerate(pack.sections)]
    if isinstance(pack, SharedReviewPack):
        out += [(s, ("stages", i)) for i, s in enumerate(pack.stages)]
        out += [(s, ("end_of_review", i)) for i, s in enumerate(pack.end_of_review)]
    return out


def prompts_with_paths(pack: Pack) -> list[tuple[Prompt, Path_]]:
    """Every prompt of a prompt pack (including rating prompts), with its place."""
    out: list[tuple[Prompt, Path_]] = []
    for section, spath in sections_with_paths(pack):
        out.extend((p, (*spath, "prompts", j)) for j, p in enumerate(section.prompts))
    if isinstance(pack, HelpingQuestionsPack) and pack.rating is not None:
        out.append((pack.rating.where_now, ("rating", "where_now")))
        out.append((pack.rating.hoped_for, ("rating", "hoped_for")))
    return out


def _anchor_rules(
    doc: LocatedDoc, anchors: list[ScaleAnchor], lo: int, hi: int, path: Path_
) -> Iterator[PackError]:
    seen: set[int] = set()
    for i, anchor in enumerate(anchors):
        if not lo <= anchor.value <= hi:
            yield doc.error(
                (*path, i, "value"), f"anchor value {anchor.value} is outside the scale {lo}–{hi}"
            )
        if anchor.value in seen:
            yield doc.error((*path, i, "value"), f"there are two anchors for {anchor.value}")
        seen.add(anchor.value)


def _band_rules(
    doc: LocatedDoc, bands: list[Band], lo: int, hi: int, path: Path_, what: str
) -> Iterator[PackError]:
    """Bands must run in order, without gaps or overlaps, from the lowest to the highest score."""
    if not bands:
        return
    expected = lo
    for i, band in enumerate(bands):
        bpath = (*path, i)
        if band.min > band.max:
            yield doc.error(
                bpath, f"band '{band.label}' starts at {band.min} but ends at {band.max}"
            )
            return
        if band.min != expected:
            if i == 0:
                problem = f"the first band should start at {lo}, the lowest possible {what}"
            elif band.min > expected:
                gap = f"{expected}" if band.min - 1 == expected else f"{expected}–{band.min - 1}"
                problem = f"there is a gap: no band covers {gap}"
            else:
                problem = f"this band overlaps the one before it (it should start at {expected})"
            yield doc.error((*bpath, "min"), problem)
            return
        expected = band.max + 1
    if expected - 1 != hi:
        yield doc.error(
            (*path, len(bands) - 1, "max"),
            f"the last band should end at {hi}, the highest possible {what}",
        )


def _questionnaire_rules(doc: LocatedDoc, q: Questionnaire) -> Iterator[PackError]:
    if not q.validated and not q.notice:
        yield doc.error(
            ("validated",),
            "a questionnaire with 'validated: false' needs a 'notice' to show on screen",
        )
    if q.validated and not q.source:
        yield doc.error(
            ("validated",), "a validated questionnaire needs a 'source' saying where it comes from"
        )
    for name, options in q.option_sets.items():
        yield from _option_rules(doc, options, ("option_sets", name))

    yield from _unique_ids(doc, ((it.id, ("items", i)) for i, it in enumerate(q.items)), "item")
    subscale_ids = {s.id for s in q.scoring.subscales}
    for i, it in enumerate(q.items):
        path: Path_ = ("items", i)
        if it.kind == "choice":
            if (it.options is None) == (it.options_from is None):
                yield doc.error(
                    path,
                    f"choice item '{it.id}' needs either 'options' or 'options_from' (just one)",
                )
            elif it.options is not None:
                yield from _option_rules(doc, it.options, (*path, "options"))
            elif it.options_from not in q.option_sets:
                known = ", ".join(sorted(q.option_sets)) or "none are defined"
                yield doc.error(
                    (*path, "options_from"),
                    f"there is no option set called '{it.options_from}' (known: {known})",
                )
        elif it.options is not None or it.options_from is not None:
            yield doc.error(path, f"only choice items have options; '{it.id}' is a {it.kind} item")
        if it.kind != "scale":
            if it.min is not None or it.max is not None or it.anchors:
                yield doc.error(path, "'min', 'max' and 'anchors' are only for scale items")
        else:
            lo, hi = q.item_range(it)
            if lo >= hi:
                yield doc.error(
                    path, f"scale item '{it.id}' needs min below max (got {lo} and {hi})"
                )
            else:
                yield from _anchor_rules(doc, it.anchors, lo, hi, (*path, "anchors"))
        if it.kind == "text":
            if it.scored:
                yield doc.error((*path, "scored"), "text items cannot be scored")
            if it.reverse:
                yield doc.error((*path, "reverse"), "text items cannot be reverse scored")
            if it.subscale is not None:
                yield doc.error((*path, "subscale"), "text items cannot belong to a subscale")
        elif not it.is_scored and (it.reverse or it.subscale is not None):
            yield doc.error(
                path, f"item '{it.id}' is not scored, so it cannot be reversed or in a subscale"
            )
        if it.subscale is not None and it.subscale not in subscale_ids:
            known = ", ".join(sorted(subscale_ids)) or "none are defined"
            yield doc.error(
                (*path, "subscale"),
                f"there is no subscale called '{it.subscale}' under scoring (known: {known})",
            )

    scored = q.scored_items
    if scored and q.scoring.max_missing >= len(scored):
        yield doc.error(
            ("scoring", "max_missing"),
            f"max_missing must be below the number of scored items ({len(scored)})",
        )
    if not scored and (q.scoring.bands or q.scoring.subscales or q.scoring.alerts):
        yield doc.error(("scoring",), "bands, subscales and alerts need at least one scored item")
        return
    lo, hi = q.total_range()
    yield from _band_rules(doc, q.scoring.bands, lo, hi, ("scoring", "bands"), "total")

    yield from _unique_ids(
        doc,
        ((s.id, ("scoring", "subscales", i)) for i, s in enumerate(q.scoring.subscales)),
        "subscale",
    )
    for i, sub in enumerate(q.scoring.subscales):
        spath: Path_ = ("scoring", "subscales", i)
        members = q.subscale_items(sub.id)
        if not members:
            yield doc.error(spath, f"no scored item belongs to subscale '{sub.id}'")
            continue
        if sub.max_missing >= len(members):
            yield doc.error(
                (*spath, "max_missing"),
                f"max_missing must be below the number of items in the subscale ({len(members)})",
            )
        slo, shi = q.subscale_range(sub.id)
        yield from _band_rules(doc, sub.bands, slo, shi, (*spath, "bands"), "subscale score")

    yield from _unique_ids(
        doc, ((a.id, ("scoring", "alerts", i)) for i, a in enumerate(q.scoring.alerts)), "alert"
    )
    for i, alert in enumerate(q.scoring.alerts):
        apath: Path_ = ("scoring", "alerts", i)
        target = q.item(alert.item)
        if target is None or not target.is_scored:
            yield doc.error(
                (*apath, "item"), f"alerts must watch a scored item; '{alert.item}' is not one"
            )
            continue
        ilo, ihi = q.item_range(target)
        if not ilo < alert.at_least <= ihi:
            yield doc.error(
                (*apath, "at_least"),
                f"at_least must be above {ilo} and at most {ihi} for item '{alert.item}'",
            )


def _option_rules(doc: LocatedDoc, options: list[Option], path: Path_) -> Iterator[PackError]:
    if len(options) < 2:
        yield doc.error(path, "a choice needs at least two options")
    seen: dict[int, int] = {}
    for i, opt in enumerate(options):
        if opt.score in seen:
            yield doc.error(
                (*path, i, "score"),
                f"two options share the score {opt.score}; each answer needs its own score",
            )
        seen[opt.score] = i


def _principles_rules(doc: LocatedDoc, pack: PrinciplesPack) -> Iterator[PackError]:
    yield from _unique_ids(
        doc, ((p.id, ("principles", i)) for i, p in enumerate(pack.principles)), "principle"
    )
    yield from _unique_ids(
        doc, ((c.id, ("chain", i)) for i, c in enumerate(pack.chain)), "chain step"
    )
    yield from _unique_ids(doc, ((c.id, ("cycles", i)) for i, c in enumerate(pack.cycles)), "cycle")


def _prompt_pack_rules(doc: LocatedDoc, pack: Pack) -> Iterator[PackError]:
    sections = sections_with_paths(pack)
    yield from _unique_ids(doc, ((s.id, p) for s, p in sections), "section")
    prompts = prompts_with_paths(pack)
    yield from _unique_ids(doc, ((p.id, path) for p, path in prompts), "prompt")
    for prompt, path in prompts:
        yield from _prompt_rules(doc, prompt, path)
    if isinstance(pack, HelpingQuestionsPack) and pack.rating is not None:
        r = pack.rating
        if r.min >= r.max:
            yield doc.error(
                ("rating",), f"the rating scale needs min below max (got {r.min} and {r.max})"
            )
        else:
            yield from _anchor_rules(doc, r.anchors, r.min, r.max, ("rating", "anchors"))


def check_pack(doc: LocatedDoc, pack: Pack) -> list[PackError]:
    """All single-file rule breaks in ``pack``, in file order."""
    if isinstance(pack, Questionnaire):
        errors = list(_questionnaire_rules(doc, pack))
    elif isinstance(pack, PrinciplesPack):
        errors = list(_principles_rules(doc, pack))
    else:
        errors = list(_prompt_pack_rules(doc, pack))
    errors.sort(key=lambda e: (e.line, e.col))
    return errors
