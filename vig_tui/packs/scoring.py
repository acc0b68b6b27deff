"""Score a questionnaire from its raw answers.

Scores are never stored as the truth: an :class:`Administration` keeps the
questionnaire id, its version and the raw answers, and :func:`rescore` works the
score out again every time it is needed.

What the family sees and what only the practitioner sees:

* ``Score.total`` and subscale totals may be shown to the family;
* ``Score.band`` labels and ``Score.alerts`` are for the practitioner only and
  must never appear in the family's view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from math import floor
from typing import Any, Literal

from .errors import AnswerError, ScoringError
from .schema import AlertRule, Band, Item, Questionnaire

Answer = int | str | None
"""A raw answer: a number for choice and scale items, text for text items, None if unanswered."""


@dataclass(frozen=True)
class Alert:
    """A practitioner-only alert raised by an answer (for example PHQ-9 item 9)."""

    id: str
    level: Literal["safeguarding", "notice"]
    message: str
    item_id: str
    answer: int | None
    practitioner_only: bool = True


@dataclass(frozen=True)
class SubscaleScore:
    id: str
    title: str
    total: int | None
    prorated: bool
    missing: tuple[str, ...]
    min: int
    max: int
    band: Band | None = None


@dataclass(frozen=True)
class Score:
    """The worked-out score of one set of answers."""

    questionnaire_id: str
    version: str
    total: int | None
    """Sum of item scores (after reversal); ``None`` when too many items are missing."""
    min: int
    max: int
    prorated: bool
    """True when missing items were allowed for by scaling up the answered ones."""
    answered: int
    missing: tuple[str, ...]
    """Ids of scored items with no answer."""
    item_scores: dict[str, int] = field(default_factory=dict)
    """Score of each answered scored item, after any reversal."""
    subscales: dict[str, SubscaleScore] = field(default_factory=dict)
    band: Band | None = None
    """Practitioner only."""
    alerts: tuple[Alert, ...] = ()
    """Practitioner only."""
    text_answers: dict[str, str] = field(default_factory=dict)


def _round_half_up(value: Fraction) -> int:
    return floor(value + Fraction(1, 2))


def _band_for(bands: list[Band], total: int | None) -> Band | None:
    if total is None:
        return None
    return next((b for b in bands if b.min <= total <= b.max), None)


def _check_answer(q: Questionnaire, item: Item, value: Any) -> int | str | None:
    """Check one raw answer; return the cleaned answer or raise :class:`AnswerError`."""
    if value is None:
        return None
    name = f"{q.id} item '{item.id}'"
    if item.kind == "text":
        if not isinstance(value, str):
            raise AnswerError(
                f"{name} takes a written answer, not {type(value).__name__}",
                questionnaire_id=q.id,
                item_id=item.id,
            )
        return value if value.strip() else None
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(
            f"{name} takes a whole-number answer, not {value!r}",
            questionnaire_id=q.id,
            item_id=item.id,
        )
    if item.kind == "choice":
        allowed = [o.score for o in q.options_for(item)]
        if value not in allowed:
            listed = ", ".join(str(a) for a in allowed)
            raise AnswerError(
                f"{name}: {value} is not one of the allowed answers ({listed})",
                questionnaire_id=q.id,
                item_id=item.id,
            )
        return value
    lo, hi = q.item_range(item)
    if not lo <= value <= hi:
        raise AnswerError(
            f"{name}: {value} is outside the allowed range {lo}–{hi}",
            questionnaire_id=q.id,
            item_id=item.id,
        )
    return value


def _item_score(q: Questionnaire, item: Item, value: int) -> int:
    if not item.reverse:
        return value
    lo, hi = q.item_range(item)
    return lo + hi - value


def _total(scores: list[int | None], max_missing: int, prorate: bool) -> tuple[int | None, bool]:
    answered = [s for s in scores if s is not None]
    missing = len(scores) - len(answered)
    if missing > max_missing or not answered:
        return None, False
    raw = sum(answered)
    if missing and prorate:
        return _round_half_up(Fraction(raw * len(scores), len(answered))), True
    return raw, False


def score(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> Score:
    """Work out the score of ``answers`` for ``questionnaire``.

    ``answers`` maps item ids to raw answers.  Items left out or given ``None``
    count as missing.  An unknown item id, or an answer outside what the item
    allows, raises :class:`AnswerError` naming the item and what is allowed.

    Missing-answer rule: a total is given only when at most ``scoring.max_missing``
    scored items are missing.  With ``prorate: true`` the answered items are
    scaled up to the full number of items (rounded to the nearest whole number,
    halves up); otherwise the total is the sum of what was answered.
    """
    q = questionnaire
    if not isinstance(answers, Mapping):
        raise AnswerError("answers should be a mapping of item id to answer", questionnaire_id=q.id)
    items = {it.id: it for it in q.items}
    for key in answers:
        if not isinstance(key, str) or key not in items:
            known = ", ".join(items)
            raise AnswerError(
                f"{q.id} has no item {key!r} (its items are: {known})",
                questionnaire_id=q.id,
                item_id=str(key),
            )
    cleaned = {key: _check_answer(q, items[key], value) for key, value in answers.items()}

    item_scores: dict[str, int] = {}
    per_item: dict[str, int | None] = {}
    text_answers: dict[str, str] = {}
    for item in q.items:
        value = cleaned.get(item.id)
        if item.kind == "text":
            if isinstance(value, str):
                text_answers[item.id] = value
            continue
        if not item.is_scored:
            continue
        s = _item_score(q, item, value) if isinstance(value, int) else None
        per_item[item.id] = s
        if s is not None:
            item_scores[item.id] = s

    scored = q.scored_items
    missing = tuple(it.id for it in scored if per_item.get(it.id) is None)
    total, prorated = (None, False)
    if scored:
        total, prorated = _total(
            [per_item.get(it.id) for it in scored], q.scoring.max_missing, q.scoring.prorate
        )
    lo, hi = q.total_range()

    subscales: dict[str, SubscaleScore] = {}
    for sub in q.scoring.subscales:
        members = q.subscale_items(sub.id)
        sub_total, sub_prorated = _total(
            [per_item.get(it.id) for it in members], sub.max_missing, sub.prorate
        )
        slo, shi = q.subscale_range(sub.id)
        subscales[sub.id] = SubscaleScore(
            id=sub.id,
            title=sub.title,
            total=sub_total,
            prorated=sub_prorated,
            missing=tuple(it.id for it in members if per_item.get(it.id) is None),
            min=slo,
            max=shi,
            band=_band_for(sub.bands, sub_total),
        )

    alerts = tuple(
        a for a in (_alert(rule, per_item) for rule in q.scoring.alerts) if a is not None
    )
    return Score(
        questionnaire_id=q.id,
        version=q.version,
        total=total,
        min=lo,
        max=hi,
        prorated=prorated,
        answered=len(scored) - len(missing),
        missing=missing,
        item_scores=item_scores,
        subscales=subscales,
        band=_band_for(q.scoring.bands, total),
        alerts=alerts,
        text_answers=text_answers,
    )


def _alert(rule: AlertRule, per_item: Mapping[str, int | None]) -> Alert | None:
    value = per_item.get(rule.item)
    if value is None:
        if rule.unanswered_message is None:
            return None
        return Alert(rule.id, rule.level, rule.unanswered_message, rule.item, None)
    if value >= rule.at_least:
        return Alert(rule.id, rule.level, rule.message, rule.item, value)
    return None


# --------------------------------------------------------------------------- administrations


@dataclass(frozen=True)
class Administration:
    """One time a questionnaire was filled in: what was asked and the raw answers.

    Store this, not the score.  :func:`rescore` works the score out again.
    """

    questionnaire_id: str
    version: str
    answers: Mapping[str, Answer]

    def to_dict(self) -> dict[str, Any]:
        return {
            "questionnaire_id": self.questionnaire_id,
            "version": self.version,
            "answers": dict(self.answers),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Administration:
        """Rebuild from :meth:`to_dict` output; bad shapes raise :class:`ScoringError`."""
        if not isinstance(data, Mapping):
            raise ScoringError("a stored questionnaire should be a mapping")
        qid, version, answers = (
            data.get("questionnaire_id"),
            data.get("version"),
            data.get("answers"),
        )
        if not isinstance(qid, str) or not isinstance(version, str):
            raise ScoringError("a stored questionnaire needs a text questionnaire_id and version")
        if not isinstance(answers, Mapping):
            raise ScoringError(
                f"the stored answers for {qid} are not a mapping", questionnaire_id=qid
            )
        for key, value in answers.items():
            if not isinstance(key, str) or not (value is None or isinstance(value, int | str)):
                raise AnswerError(
                    f"the stored answer {key!r} for {qid} is not a number, text or empty",
                    questionnaire_id=qid,
                    item_id=str(key),
                )
        return cls(qid, version, dict(answers))


def rescore(admin: Administration, questionnaires: Mapping[str, Questionnaire]) -> Score:
    """Score a stored administration with the loaded questionnaire of the same id and version."""
    q = questionnaires.get(admin.questionnaire_id)
    if q is None:
        raise ScoringError(
            f"the questionnaire '{admin.questionnaire_id}' is not loaded, so these answers "
            "cannot be scored",
            questionnaire_id=admin.questionnaire_id,
        )
    if q.version != admin.version:
        raise ScoringError(
            f"these answers were given to version {admin.version} of '{q.id}', but version "
            f"{q.version} is loaded; they are kept but not scored",
            questionnaire_id=q.id,
        )
    return score(q, admin.answers)
