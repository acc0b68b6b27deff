"""The practitioner's own log: accreditation stages and supervision reflections."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static, TextArea

from ...desk.accreditation import AccreditationProgress, count_stages
from ...domain import FamilyRecord, SessionKind
from ...domain.rules.counts import counted
from ...services.practice import (
    Discussed,
    PractitionerLog,
    StoreError,
    SupervisionEntry,
)
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from ..widgets.text_editor import TextEditor
from ..widgets.ticks import TickList
from .base import VigScreen
from .overview import RecordsLoader, bar


@dataclass
class Reflection:
    """One line of the supervision list: a log entry or a review's guidance reflection."""

    date: str
    source: str  # "supervision" or "review"
    heading: str
    text: str


@dataclass
class FamilyCycles:
    family_id: str
    label: str
    cycles: list[int]


def guidance_reflections(records: list[FamilyRecord]) -> list[Reflection]:
    out = []
    for record in records:
        for s in record.sessions_of(SessionKind.SHARED_REVIEW):
            if s.guidance_reflection.strip():
                out.append(
                    Reflection(
                        s.date,
                        "review",
                        f"{record.family.label} – cycle {s.cycle} shared review",
                        s.guidance_reflection,
                    )
                )
    return out


class SupervisionEntryScreen(ModalScreen[SupervisionEntry | None]):
    """A new supervision entry: date, hours, notes, families and cycles discussed."""

    FAMILY_SAFE = False

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="supervision.cancel")]

    def __init__(self, families: list[FamilyCycles]) -> None:
        super().__init__()
        self.families = families

    def compose(self) -> ComposeResult:
        from ...domain.ids import today_iso

        with VerticalScroll(id="supervision-entry", classes="dialog"):
            yield Static("A supervision session", classes="dialog-title")
            yield Label("Date (YYYY-MM-DD)")
            yield Input(today_iso(), id="sup-date")
            yield Label("Hours")
            yield Input("1", id="sup-hours")
            yield Label("What we talked about, what I learned")
            yield TextEditor(id="sup-notes", soft_wrap=True)
            yield Label("Families and cycles discussed (Space to tick)")
            options: list[tuple[Text, str]] = []
            for fam in self.families:
                options.append((literal(fam.label), f"{fam.family_id}:"))
                options += [
                    (literal(f"{fam.label} – cycle {n}"), f"{fam.family_id}:{n}")
                    for n in fam.cycles
                ]
            yield TickList[str](*options, id="sup-discussed")
            yield Static("", id="sup-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="sup-save", variant="primary")
                yield Button("Cancel", id="sup-cancel")

    def on_mount(self) -> None:
        self.query_one("#sup-notes", TextArea).styles.height = 6
        self.query_one("#sup-discussed", SelectionList).styles.height = 8
        self.query_one("#sup-notes", TextArea).focus()

    @on(Button.Pressed, "#sup-save")
    def save(self) -> None:
        error = self.query_one("#sup-error", Static)
        try:
            hours = float(self.query_one("#sup-hours", Input).value.strip().replace(",", "."))
        except ValueError:
            error.update("Hours: write a number, e.g. 1 or 1.5.")
            self.query_one("#sup-hours", Input).focus()
            return
        discussed = []
        for value in self.query_one("#sup-discussed", SelectionList).selected:
            family_id, _, cycle = str(value).partition(":")
            discussed.append(Discussed(family_id=family_id, cycle=int(cycle) if cycle else None))
        try:
            entry = SupervisionEntry(
                date=self.query_one("#sup-date", Input).value.strip(),
                hours=hours,
                notes=self.query_one("#sup-notes", TextArea).text,
                discussed=discussed,
            )
        except ValueError as err:
            first: dict[str, object] = getattr(err, "errors", lambda: [{}])()[0]
            loc = first.get("loc", ())
            where = ".".join(str(p) for p in loc) if isinstance(loc, tuple) else "entry"
            error.update(literal(f"{where.capitalize()}: {first.get('msg', err)}."))
            return
        self.dismiss(entry)

    @on(Button.Pressed, "#sup-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PractitionerLogScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## My practice log

Your own development towards AVIGuk accreditation.

- **Stages**: cycles and families counted so far. A cycle counts once its
  shared review is finished; cycles are counted in date order, and each
  stage needs enough cycles *and* enough families new to that stage
  (stage 1: 6 cycles, 2 families; stage 2: 9 more, 3 more families;
  stage 3: 12 more, 3 more families). The demo family does not count.
- **Supervision and reflections**: your supervision sessions and the
  guidance reflections you wrote after shared reviews, newest first.
- **a** adds a supervision session. **Esc** goes back.
"""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="practice.back"),
        Binding("a", "add", "Add supervision", id="practice.add"),
    ]
    DEFAULT_CSS = """
    PractitionerLogScreen #practice { padding: 0 2; }
    PractitionerLogScreen #practice Static { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.practice_log: PractitionerLog | None = None
        self.progress: AccreditationProgress | None = None
        self.reviews: list[Reflection] = []
        self.families: list[FamilyCycles] = []

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with VerticalScroll(id="practice"):
            yield Static("Reading families…", id="practice-status", classes="dim")
            yield Static("Accreditation stages", classes="section")
            yield Static(id="practice-stages")
            yield Static("Supervision and reflections", classes="section")
            yield Static(id="practice-supervision")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = "My practice log"
        try:
            self.practice_log = self.vig.practice.practice_log()
        except StoreError as err:
            self.notify(str(err), title="Could not read the practice log", severity="error")
        self.load()

    def on_unmount(self) -> None:
        if self.practice_log is not None:
            self.practice_log.close()

    @work(
        thread=True,
        exclusive=True,
        group="practice",
        description="reading families for the practice log",
        exit_on_error=False,
    )
    def load(self) -> None:
        records = RecordsLoader(self, self._progress).read()
        try:
            kept = self.vig.practice.kept_numbers()
        except StoreError:
            kept = []  # the overview names the problem; counts fall back to the store
        progress = count_stages(records, kept)
        reviews = guidance_reflections(records)
        families = [
            FamilyCycles(
                r.family.id,
                r.family.label,
                sorted({s.cycle for s in r.sessions_of(SessionKind.SHARED_REVIEW) if s.cycle}),
            )
            for r in records
            if not r.family.demo
        ]
        if self.is_mounted:
            self.app.call_from_thread(self.show, progress, reviews, families)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#practice-status", Static).update(f"Reading families… {done} of {total}")

    def show(
        self,
        progress: AccreditationProgress,
        reviews: list[Reflection],
        families: list[FamilyCycles],
    ) -> None:
        self.progress, self.reviews, self.families = progress, reviews, families
        hours = self.practice_log.hours if self.practice_log else 0
        sessions = len(self.practice_log.entries()) if self.practice_log else 0
        self.query_one("#practice-status", Static).update(
            Text(
                f"{counted(len(progress.cycles), 'cycle')} completed with "
                f"{counted(progress.families, 'family', 'families')} · "
                f"{counted(sessions, 'supervision session')}, {hours:g} hours"
            )
        )
        stages = Text()
        for stage in progress.stages:
            rule = stage.rule
            done = min(len(stage.cycles), rule.cycles)
            stages.append(f"Stage {rule.number}  ", style="bold")
            stages.append(
                bar(done, rule.cycles, 20).ljust(20, "·"),
                style="green" if stage.complete else "cyan",
            )
            stages.append(
                f"  {len(stage.cycles)}/{rule.cycles} cycles, "
                f"{len(stage.new_families)}/{rule.families} new families"
            )
            if stage.complete:
                stages.append(f" – complete {stage.completed_on}", style="green")
            stages.append("\n")
        if progress.extra:
            stages.append(f"{len(progress.extra)} more cycles beyond stage 3.\n", style="dim")
        stages.rstrip()
        self.query_one("#practice-stages", Static).update(stages)
        self.show_supervision()

    def show_supervision(self) -> None:
        labels = {f.family_id: f.label for f in self.families}
        items: list[Reflection] = list(self.reviews)
        for entry in self.practice_log.entries() if self.practice_log else []:
            talked = []
            for d in entry.discussed:
                name = labels.get(d.family_id, "a family no longer in the store")
                talked.append(f"{name} cycle {d.cycle}" if d.cycle else name)
            heading = f"Supervision, {entry.hours:g} h"
            if talked:
                heading += " – " + ", ".join(talked)
            items.append(Reflection(entry.date, "supervision", heading, entry.notes))
        items.sort(key=lambda r: r.date, reverse=True)
        text = Text()
        if not items:
            text.append(
                "No supervision sessions or guidance reflections yet. "
                "Press a to add a supervision session.",
                style="dim",
            )
        for item in items:
            text.append(f"{item.date}  ", style="bold")
            text.append_text(
                literal(item.heading, "cyan" if item.source == "review" else "magenta")
            )
            text.append("\n")
            if item.text.strip():
                text.append_text(literal("  " + item.text.strip().replace("\n", "\n  ")))
                text.append("\n")
        text.rstrip()
        self.query_one("#practice-supervision", Static).update(text)

    def action_add(self) -> None:
        def added(entry: SupervisionEntry | None) -> None:
            if entry is None or self.practice_log is None:
                return
            try:
                self.practice_log.save(entry)
            except StoreError as err:
                self.vig.save_failed(err)
                return
            self.notify("Supervision session added.", title="Saved")
            if self.progress is not None:
                self.show(self.progress, self.reviews, self.families)

        self.app.push_screen(SupervisionEntryScreen(self.families), added)
