"""Scores for stored administrations, always recomputed from raw answers.

Used by the dashboard, the final meeting, exports and the service overview.
A questionnaire whose pack is not loaded, or answers that do not fit the
loaded version, give a readable summary instead of an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import Administration, AlertAction, FamilyRecord
from ..domain.rules.alerts import raised_on as day_raised


@dataclass
class ScoreView:
    questionnaire_id: str
    title: str
    total: int | None
    max: int | None
    band: str | None  # practitioner only
    alerts: list[str] = field(default_factory=list)  # practitioner only
    alert_ids: list[str] = field(default_factory=list)  # the pack's rule for each alert
    subscales: dict[str, int | None] = field(default_factory=dict)
    problem: str | None = None
    prorated: bool = False
    respondent: str | None = None  # the adult who filled it in, when asked

    @property
    def key(self) -> str:
        """Which series this score belongs to (see :func:`measure_key`)."""
        return measure_key(self.questionnaire_id, self.respondent)

    @property
    def summary(self) -> str:
        if self.problem:
            return self.problem
        if self.total is None:
            return "too many answers missing for a total"
        text = f"{self.total}/{self.max}" if self.max is not None else str(self.total)
        if self.prorated:
            text += " (prorated)"
        if self.band:
            text += f" {self.band.lower()}"
        return text


def measure_key(questionnaire_id: str, respondent: str | None) -> str:
    """One series of one measure: a questionnaire, per adult when the family
    named who filled it in (answers of two people are never one series)."""
    return questionnaire_id if respondent is None else f"{questionnaire_id}@{respondent}"


def whose(title: str, respondent: str | None) -> str:
    """A questionnaire's title with the adult who filled it in, when named."""
    return title if respondent is None else f"{title} · {respondent}"


def alert_text(message: str, respondent: str | None) -> str:
    """A safeguarding alert shown on its own (a notice in the meeting), naming
    whose answer raised it (practitioner only, like every alert). Where the
    alert is listed under its questionnaire's title, the title names them."""
    return message if respondent is None else f"{message.rstrip()} (answered by {respondent})"


def score_administration(packs: object | None, adm: Administration) -> ScoreView:
    """The scores of one administration, titled with whose they are (the
    title names the adult, once: its alerts are the pack's words alone)."""
    view = _score(packs, adm)
    view.respondent = adm.respondent
    view.title = whose(view.title, adm.respondent)
    return view


@dataclass
class RaisedAlert:
    """An alert raised by one set of answers (practitioner only), and what the
    practitioner recorded doing about it, if they have."""

    administration_id: str
    alert_id: str
    timepoint: str
    #: the questionnaire's title, naming whose answers raised it when named
    title: str
    message: str
    action: AlertAction | None = None
    #: the day it was raised (see ``rules.alerts.raised_on``)
    raised_on: str = ""

    @property
    def dealt_with(self) -> bool:
        return self.action is not None

    def line(self) -> str:
        """When, which questionnaire (and whose), and the alert: each said once."""
        return f"{self.timepoint}, {self.title}: {self.message.rstrip()}"

    def finding(self) -> str:
        """What was found, without the pack's advice on what to do now (its
        first sentence): how an alert dealt with is named."""
        text = " ".join(self.message.split())
        head, stop, _rest = text.partition(". ")
        return f"{self.timepoint}, {self.title}: {head}{'.' if stop else ''}"


def raised_alerts(packs: object | None, record: FamilyRecord) -> list[RaisedAlert]:
    """Every alert ever raised, oldest first: from unfinished questionnaires
    too (a parent may stop at the very question), and still listed when a
    later score is low; each with what was done about it."""
    out = []
    for adm in sorted(record.administrations, key=lambda a: a.at):
        view = score_administration(packs, adm)
        for alert_id, message in zip(view.alert_ids, view.alerts, strict=True):
            out.append(
                RaisedAlert(
                    adm.id,
                    alert_id,
                    adm.timepoint,
                    view.title,
                    message,
                    adm.action_on(alert_id),
                    day_raised(record, adm),
                )
            )
    return out


def _score(packs: object | None, adm: Administration) -> ScoreView:
    from ..packs import PackSet, ScoringError, score

    questionnaire = (
        packs.questionnaires.get(adm.questionnaire_id) if isinstance(packs, PackSet) else None
    )
    if questionnaire is None:
        return ScoreView(
            adm.questionnaire_id,
            adm.questionnaire_id,
            None,
            None,
            None,
            problem="its questionnaire pack is not loaded",
        )
    title = str(questionnaire.short_title or questionnaire.title)
    if str(questionnaire.version) != str(adm.version):
        note = f" (answered on version {adm.version}, scored with {questionnaire.version})"
    else:
        note = ""
    try:
        result = score(questionnaire, adm.answers)
    except ScoringError as err:
        return ScoreView(
            adm.questionnaire_id,
            title,
            None,
            None,
            None,
            problem=f"answers do not fit this version: {err}",
        )
    return ScoreView(
        questionnaire_id=adm.questionnaire_id,
        title=title + note,
        total=result.total,
        max=result.max,
        band=str(result.band.label) if result.band else None,
        alerts=[a.message for a in result.alerts],
        alert_ids=[a.id for a in result.alerts],
        subscales={k: v.total for k, v in result.subscales.items()},
        prorated=result.prorated,
    )


def first_and_latest(
    packs: object | None, record: FamilyRecord
) -> list[tuple[ScoreView, ScoreView | None]]:
    """Per questionnaire (and per adult, when named): the first completed
    administration and the latest (if different)."""
    by_instrument: dict[str, list[Administration]] = {}
    for adm in sorted(record.administrations, key=lambda a: a.at):
        if adm.completed:
            key = measure_key(adm.questionnaire_id, adm.respondent)
            by_instrument.setdefault(key, []).append(adm)
    out = []
    for adms in by_instrument.values():
        first = score_administration(packs, adms[0])
        latest = score_administration(packs, adms[-1]) if len(adms) > 1 else None
        out.append((first, latest))
    return out
