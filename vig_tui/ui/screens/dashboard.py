"""The family dashboard: where they are, what is next."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from ...domain import FamilyRecord, SessionKind, WorkMode
from ...domain.rules.counts import counted
from ...domain.rules.wording import owned
from ...outcomes import first_and_latest, raised_alerts
from ...outcomes.trends import family_trends
from ...privacy.consent import check_may_film
from ...services.session import FamilySession
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from ..widgets.ratings_chart import ratings_line
from ..widgets.sized_by_layout import LaidOutButton, LaidOutScroll, LaidOutText
from .base import VigScreen


def questions_table(record: FamilyRecord) -> Table | Text:
    questions = record.rated_questions()
    if not questions:
        return Text(
            "No helping questions yet — they are agreed at the initial meeting.", style="dim"
        )
    table = Table.grid(padding=(0, 2))
    table.add_column(ratio=3)
    table.add_column(ratio=2)
    for q in questions:
        table.add_row(literal(owned(record.family, q.owner, q.text)), ratings_line(q))
    return table


def cycles_lines(record: FamilyRecord) -> Text:
    """One line per cycle in aligned columns: marker, cycle, status, clips.
    (Plain text: short words that always fit, and a fraction of a table's cost
    to measure and draw.)"""
    next_step = record.next_step()
    rows: list[list[Text]] = []
    for number in record.cycle_numbers():
        p = record.cycle_progress(number)
        marker = "▶" if next_step.cycle == number else ("✓" if p.reviewed else "·")
        status = p.text()
        clips = counted(p.clips, "clip") if p.clips else ""
        rows.append(
            [
                Text(marker, style="bold green" if p.reviewed else "bold"),
                Text(f"Cycle {number}"),
                Text(status, style="dim" if not (p.filmed or p.clips) else ""),
                Text("" if clips in status else clips),  # never "2 clips ready  2 clips"
            ]
        )
    return aligned(rows)


def aligned(rows: list[list[Text]], gap: int = 2) -> Text:
    """Rows of cells as lines, each column as wide as its widest cell."""
    widths = [max(cell.cell_len for cell in column) for column in zip(*rows, strict=True)]
    lines = []
    for row in rows:
        line = Text()
        for n, cell in enumerate(row):
            line.append_text(cell)
            if n < len(row) - 1:
                line.append(" " * (widths[n] - cell.cell_len + gap))
        line.rstrip()
        lines.append(line)
    return Text("\n").join(lines)


def questionnaire_lines(record: FamilyRecord, packs: object | None) -> Text:
    """First vs latest total per questionnaire (practitioner view only)."""
    pairs = first_and_latest(packs, record)
    text = Text()
    if not pairs:
        started = bool(record.administrations)
        text.append(
            "No questionnaire finished yet.\n" if started else "No questionnaires filled in yet.\n",
            style="dim",
        )
    trends = {t.key: t for t in family_trends(record, packs) if t.kind == "questionnaire"}
    for first, latest in pairs:
        text.append(f"{first.title}: ", style="bold")
        text.append(f"first {first.summary}")
        if latest is not None:
            text.append(f" → latest {latest.summary}")
        trend = trends.get(first.key)
        if latest is not None and trend is not None:  # what the change means (g: charts)
            text.append(f"\n  {trend.verdict()}", style="dim")
        text.append("\n")
    # every alert ever raised stays listed: open until the practitioner records
    # what they did about it (s), then as dealt with
    alerts = raised_alerts(packs, record)
    for alert in alerts:
        if alert.action is None:
            text.append(f"⚠ {alert.line()}\n", style="bold red")
            continue
        text.append(f"✓ Dealt with on {alert.action.on}: ", style="green")
        text.append_text(literal(alert.action.action))
        text.append(f"\n  ({alert.finding()})\n", style="dim")  # not the advice for the day
    if any(not alert.dealt_with for alert in alerts):
        text.append("s: record what you did about an alert\n", style="dim")
    elif alerts:
        text.append("s: correct what you recorded about an alert\n", style="dim")
    text.rstrip()
    return text


def family_heading(record: FamilyRecord) -> Text:
    """The family's label (literal), then what is known of them, dimmed."""
    family = record.family
    title = Text()
    title.append_text(literal(family.label, style="bold"))
    if family.demo:
        title.append("  (demo)", style="bold dim")
    facts = []
    if family.children:
        facts.append("Children: " + family.children_text())
    if family.adults:
        facts.append("Adults: " + ", ".join(family.adults))
    if family.referrer:
        facts.append("Referred by " + family.referrer)
    if family.work_mode != WorkMode.ADULT_CHILD:
        role = f" ({family.professional_role})" if family.professional_role else ""
        facts.append(f"Work: {family.work_mode.label}{role}")
    when = family.closed_on or family.paused_on
    facts.append(f"Status: {family.status}" + (f" since {when}" if when else ""))
    title.append("\n")
    title.append_text(literal(" · ".join(facts), style="dim"))
    return title


def consent_lines(record: FamilyRecord) -> Text:
    consent = record.consent
    text = Text(consent.summary())
    problem = check_may_film(consent)
    if problem:
        text.append(f"\n{problem}", style="yellow")
    return text


class DashboardScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Family dashboard

This is the practitioner's view of one family: their helping questions with
the ratings so far, the cycles, questionnaires and consent.

- **Enter** (or the big button) starts the next step of the journey.
- **i**, **p**, **r**, **f** open the initial meeting, clip preparation,
  shared review and final meeting directly.
- **c** consent · **t** timeline · **e** ending letter · **k** copy the clips
  for the family (needs their consent) · **x** erase this family (asks for the label).
- **o** the course: close, pause or reopen; add, skip or remove cycles; dates;
  a session that did not take place · **a** edit the family's facts ·
  **q** reword or retire questions, each adult's ratings and words, goals for the future.
- **b** the moments booklet to print for the family: their stills and words.
- **g** outcomes: charts of questionnaire totals and ratings over time, with
  reliable change and the clinical range (practitioner only).
- **s** safeguarding: record what you did about an alert (⚠) and the day you
  did it; the alert is then listed as dealt with (✓), and kept in the record.
- **Esc** goes back to Home.

Questionnaire scores and alerts show only here, never on the family's screens.
"""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Home", id="dashboard.back"),
        Binding("enter", "next_step", "Next", id="dashboard.next"),
        Binding("i", "start('initial_meeting')", "Initial", show=False, id="dashboard.initial"),
        Binding("p", "start('filming')", "Clips", id="dashboard.prep"),
        Binding("r", "start('shared_review')", "Review", id="dashboard.review"),
        Binding("f", "start('final_meeting')", "Final", show=False, id="dashboard.final"),
        Binding("c", "consent", "Consent", id="dashboard.consent"),
        Binding("t", "timeline", "Timeline", show=False, id="dashboard.timeline"),
        Binding("e", "letter", "Letter", id="dashboard.letter"),
        Binding("k", "copy_clips", "Copy clips", show=False, id="dashboard.copy_clips"),
        Binding("b", "booklet", "Booklet", show=False, id="dashboard.booklet"),
        Binding("x", "erase", "Erase", show=False, id="dashboard.erase"),
        Binding("o", "course", "Course", id="dashboard.course"),
        Binding("a", "facts", "Facts", show=False, id="dashboard.facts"),
        Binding("q", "questions", "Questions", show=False, id="dashboard.questions"),
        Binding("g", "outcomes", "Outcomes", show=False, id="dashboard.outcomes"),
        Binding("s", "safeguarding", "Safeguarding", show=False, id="dashboard.safeguarding"),
    ]

    def __init__(self, family: FamilySession) -> None:
        super().__init__()
        self.family = family

    @property
    def record(self) -> FamilyRecord:
        return self.family.record

    def compose(self) -> ComposeResult:
        # few widgets, each holding a whole part with its heading: a screen of
        # them opens in a fraction of the time of a widget per line
        yield VigHeader()
        with LaidOutScroll(id="dashboard"):
            yield LaidOutText(id="family-title")
            yield LaidOutButton("", id="next-step", variant="primary")
            yield LaidOutText(id="questions", classes="part")
            yield LaidOutText(id="cycles", classes="part")
            yield LaidOutText(id="questionnaires", classes="part private")
            yield LaidOutText(id="consent", classes="part")
        yield VigFooter()

    #: the view was just filled (as the screen mounted): the first resume,
    #: which follows at once, need not fill it again
    _fresh = False

    def on_mount(self) -> None:
        self.refresh_view()
        self._fresh = True

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self._fresh:
            self._fresh = False
            return
        self.refresh_view()

    def refresh_view(self) -> None:
        record = self.record
        family = record.family
        self.sub_title = family.label
        self.query_one("#family-title", Static).update(family_heading(record))
        step = record.next_step()
        button = self.query_one("#next-step", Button)
        button.label = Text(f"Next: {step.text}  ⏎")
        button.refresh(layout=True)  # a new label may need a wider button
        button.disabled = step.kind is None and not step.complete
        heading = Style(bold=True, color=self.app.theme_variables.get("accent"))
        parts = {
            "#questions": ("Helping questions", questions_table(record)),
            "#cycles": ("Cycles", cycles_lines(record)),
            "#questionnaires": (
                "Questionnaires (practitioner only)",
                questionnaire_lines(record, self.vig.packs),
            ),
            "#consent": ("Consent", consent_lines(record)),
        }
        for selector, (title, body) in parts.items():
            # text stays text (Textual draws it far faster than a Rich group)
            shown: Text | Group = (
                Text.assemble(Text(title, style=heading), "\n", body)
                if isinstance(body, Text)
                else Group(Text(title, style=heading), body)
            )
            self.query_one(selector, Static).update(shown)

    @on(Button.Pressed, "#next-step")
    def action_next_step(self) -> None:
        step = self.record.next_step()
        if step.kind is not None:
            self.start(step.kind, step.cycle)
        elif step.complete:
            self.action_letter()

    def action_start(self, kind: str) -> None:
        sk = SessionKind(kind)
        self.start(sk, self.record.cycle_to_open(sk))

    def action_consent(self) -> None:
        from .consent import ConsentScreen

        self.app.push_screen(ConsentScreen(self.family))

    def action_timeline(self) -> None:
        from .timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.family))

    def action_course(self) -> None:
        from .course import CourseScreen

        self.app.push_screen(CourseScreen(self.family))

    def action_facts(self) -> None:
        from .family_facts import FamilyFactsScreen

        self.app.push_screen(FamilyFactsScreen(self.family))

    def action_questions(self) -> None:
        from .questions_edit import QuestionsEditScreen

        self.app.push_screen(QuestionsEditScreen(self.family))

    def action_outcomes(self) -> None:
        from .outcomes import FamilyOutcomesScreen

        self.app.push_screen(FamilyOutcomesScreen(self.family))

    def action_safeguarding(self) -> None:
        from ...outcomes import RaisedAlert
        from ..dialogs.safeguarding import AlertActionScreen

        raised = raised_alerts(self.vig.packs, self.record)
        if not raised:
            self.notify("No safeguarding alert was raised for this family.", title="Safeguarding")
            return
        # the ones waiting first; one dealt with may be chosen to correct its entry
        alerts = [a for a in raised if not a.dealt_with] + [a for a in raised if a.dealt_with]

        def record(alert: RaisedAlert, action: str, on: str) -> None:
            self.family.safeguarding.record_action(
                alert.administration_id, alert.alert_id, action, on
            )

        def done(recorded: bool | None) -> None:
            if recorded:
                self.refresh_view()
                self.notify("Kept in the record; the alert is listed as dealt with.")

        self.app.push_screen(AlertActionScreen(alerts, record), done)

    def action_letter(self) -> None:
        from .letter import LetterScreen

        self.app.push_screen(LetterScreen(self.family))

    def action_booklet(self) -> None:
        from .booklet import BookletScreen

        self.app.push_screen(BookletScreen(self.family))

    def action_copy_clips(self) -> None:
        from ...privacy.consent import check_may_copy
        from ..dialogs.export_clips import ExportClipsScreen

        problem = check_may_copy(self.record.consent)
        if problem:
            self.notify(problem, title="Clips not copied", severity="warning")
            return
        self.app.push_screen(ExportClipsScreen(self.family.id))

    def action_erase(self) -> None:
        from ..dialogs.erase import EraseScreen

        def done(result: object) -> None:
            if result is not None:
                self.app.pop_screen()

        self.app.push_screen(EraseScreen(self.family.id, self.record.family.label), done)

    def start(self, kind: SessionKind, cycle: int | None) -> None:
        from ..journey import open_step

        open_step(self.vig, self.family, kind, cycle)
