"""The service outcome report: numbers, charts and the method, for a service's own report.

One print-ready HTML page (A4), and a PDF made from it (export/pdf.py). It
holds only counts and means, each with its n, the charts drawn from the same
figures, and how they were worked out (with the sources of the thresholds,
from the packs). No family's words, names or labels, and no practitioner's
notes: it is made from :class:`~vig_tui.desk.overview.ServiceOverview` alone.
"""

from __future__ import annotations

from html import escape

from ..domain.rules.counts import counted
from ..outcomes.charts import Bar, bar_chart
from ..packs.change import ChangeCounts
from ..packs.schema import ChangeRule
from .overview import PEOPLE, InstrumentChange, ServiceOverview

CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: sans-serif; font-size: 10.5pt; color: #222; line-height: 1.4; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #bbb; }
table { border-collapse: collapse; margin: 2mm 0 4mm; }
th, td { padding: 1mm 2.5mm; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.muted { color: #666; font-size: 9pt; }
figure { margin: 2mm 0 4mm; break-inside: avoid; }
"""


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def _row(*cells: object, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{escape(str(c))}</{tag}>" for c in cells) + "</tr>"


def _families(ov: ServiceOverview) -> str:
    rows = [
        _row("Figure", "n", head=True),
        _row("Families held in the store", ov.families),
        _row("… of which open", ov.open),
        _row("… of which closed", ov.closed),
        _row("Families since erased (numbers kept without identity)", ov.erased),
        _row("Cycles completed (shared review finished)", ov.cycles_completed),
        _row("Journeys finished (final meeting held)", ov.journeys_completed),
    ]
    return "<table>" + "".join(rows) + "</table>"


def _class_rows(counts: ChangeCounts | None, rule: ChangeRule | None) -> list[str]:
    if counts is None or rule is None or not counts.n:
        return []
    rows = [
        _row("Reliable improvement", f"{counts.improved} of {counts.n}"),
        _row("No reliable change", f"{counts.no_change} of {counts.n}"),
        _row("Reliable deterioration", f"{counts.deteriorated} of {counts.n}"),
    ]
    if rule.cutoff is not None:
        rows += [
            _row("Started in the clinical range", f"{counts.started_clinical} of {counts.n}"),
            _row("… and left it", f"{counts.left_clinical_range} of {counts.started_clinical}"),
            _row(
                "… with reliable improvement (reliable recovery)",
                f"{counts.recovered} of {counts.started_clinical}",
            ),
        ]
    return rows


def _class_chart(title: str, counts: ChangeCounts) -> str:
    return bar_chart(
        [
            Bar("Reliable improvement", counts.improved, f"{counts.improved} of {counts.n}"),
            Bar(
                "No reliable change", counts.no_change, f"{counts.no_change} of {counts.n}", "#999"
            ),
            Bar(
                "Reliable deterioration",
                counts.deteriorated,
                f"{counts.deteriorated} of {counts.n}",
                "#b5523b",
            ),
        ],
        title,
        top=float(counts.n),
    )


def _ratings(ov: ServiceOverview) -> str:
    n = ov.questions_with_change
    rows = [
        _row("Figure", "value", "n", head=True),
        _row("Mean first rating (0–10)", _num(ov.mean_rating_first), n),
        _row("Mean last rating (0–10)", _num(ov.mean_rating_last), n),
        _row("Mean change", _num(ov.mean_rating_change, signed=True), n),
        _row("Rated only once so far (no change yet)", ov.questions_single, ov.questions_single),
    ]
    html = "<table>" + "".join(rows) + "</table>"
    classes = _class_rows(ov.rating_counts, ov.rating_rule)
    if classes:
        html += "<table>" + _row("Helping questions", "n", head=True) + "".join(classes)
        html += "</table>"
    counts = ov.rating_change_counts()
    if counts:
        bars = [
            Bar(
                ("+" if change >= 0 else "-") + counted(abs(change), "point"),
                k,
                f"{k} of {n}",
                "#3a7ca5" if change > 0 else "#b5523b",
            )
            for change, k in counts.items()
        ]
        html += f"<figure>{bar_chart(bars, f'Change from first to last rating (n = {n})')}</figure>"
    if ov.rating_counts is not None and ov.rating_counts.n:
        title = f"Helping questions: reliable change (n = {ov.rating_counts.n})"
        html += f"<figure>{_class_chart(title, ov.rating_counts)}</figure>"
    return html


def _instrument(q: InstrumentChange) -> str:
    rows = [
        _row("Figure", "value", "n", head=True),
        _row("Mean first total", _num(q.mean_first), q.n),
        _row("Mean last total", _num(q.mean_last), q.n),
        _row("Mean change", _num(q.mean_change, signed=True), q.n),
        _row("Filled in only once so far", q.single, q.single),
    ]
    html = f"<h3>{escape(q.title)}</h3><table>" + "".join(rows) + "</table>"
    classes = _class_rows(q.counts, q.rule)
    if classes:
        html += "<table>" + _row(PEOPLE, "n", head=True) + "".join(classes) + "</table>"
    if q.n:
        top = max(q.mean_first or 0, q.mean_last or 0)
        means = [
            Bar("Mean first total", q.mean_first or 0, f"{_num(q.mean_first)} (n = {q.n})"),
            Bar("Mean last total", q.mean_last or 0, f"{_num(q.mean_last)} (n = {q.n})", "#7aa95c"),
        ]
        html += f"<figure>{bar_chart(means, f'{q.title}: first and last', top)}</figure>"
    if q.counts is not None and q.counts.n:
        title = f"{q.title}: reliable change (n = {q.counts.n})"
        html += f"<figure>{_class_chart(title, q.counts)}</figure>"
    return html


def _method(ov: ServiceOverview) -> str:
    items = [
        "Change is first → last: for each helping question its latest rating minus its "
        "first; for each questionnaire the latest completed total minus the first. Totals "
        "are worked out again from the stored answers. A question or questionnaire measured "
        "once has no change yet and is counted apart. Where a family's adults each filled in "
        "a questionnaire or each rated a helping question, each adult's change is counted "
        "on its own: two people's answers are never read as one person's change.",
        "Demo families are left out"
        + (f" ({ov.demo_left_out} here)." if ov.demo_left_out else "."),
        "Families erased since (as the consent agreement requires) are counted from the "
        "numbers kept when they were erased: no id, name or text, dates only by month.",
    ]
    rules: list[tuple[str, ChangeRule]] = []
    if ov.rating_rule is not None:
        rules.append(("Helping question ratings", ov.rating_rule))
    rules += [(q.title, q.rule) for q in ov.questionnaires if q.rule is not None]
    for title, rule in rules:
        better = "fall" if rule.better == "lower" else "rise"
        text = (
            f"{title}: a change is reliable when it is at least {rule.reliable_change:g} "
            f"points (a {better} is improvement)."
        )
        if rule.cutoff is not None:
            side = "at or above" if rule.better == "lower" else "at or below"
            text += f" The clinical range is {side} {rule.cutoff}."
        text += f" Source: {rule.source.strip()}"
        items.append(text)
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def report_html(ov: ServiceOverview, made_on: str) -> str:
    """The whole report as one HTML page."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Service outcome report</title><style>{CSS}</style></head><body>",
        "<h1>Service outcome report</h1>",
        f"<p class='muted'>Made by vig on {escape(made_on)}. Numbers only: no family's "
        "words, names or labels.</p>",
        "<h2>Families and cycles</h2>",
        _families(ov),
        "<h2>Helping questions</h2>",
        _ratings(ov),
        "<h2>Questionnaires</h2>",
    ]
    if ov.questionnaires:
        parts += [_instrument(q) for q in ov.questionnaires]
    else:
        parts.append("<p>No questionnaires filled in yet.</p>")
    parts += ["<h2>How these figures were worked out</h2>", _method(ov), "</body></html>"]
    return "".join(parts)
