"""Edit the family's facts after they were added: label, adults, children
(by date of birth or age today), referrer, who is filmed with whom. Every
change is kept in the record's edit history."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ...domain import Child, WorkMode, parse_children
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader, family_title
from ..widgets.literal_select import LiteralSelect
from .course import CourseForm

WORK_MODES = [
    ("A parent or carer with their child", WorkMode.ADULT_CHILD.value),
    ("Two adults", WorkMode.ADULT_ADULT.value),
    ("A teacher or staff member with a pupil", WorkMode.PROFESSIONAL_CHILD.value),
    ("A teacher or staff member with a group", WorkMode.PROFESSIONAL_GROUP.value),
]


def children_field(children: list[Child]) -> str:
    """Children as the form shows them: a date of birth when known, else the age today."""
    parts = []
    for child in children:
        if child.born_on:
            parts.append(f"{child.name} {child.born_on}")
        else:
            age = child.age_at()
            if age is None:
                parts.append(child.name)
            else:
                years, months = age
                parts.append(
                    f"{child.name} {years}y{months}m" if months else f"{child.name} {years}"
                )
    return ", ".join(parts)


class FamilyFactsScreen(CourseForm):
    HELP = """\
## The family's facts

Change the label, the adults, the children, who referred them and who is
filmed with whom. Children may be given with a date of birth
(`Sam 2021-04-30`) or an age today (`Sam 3`, `Mia 18m`); ages then grow with
the record. Each change is kept in the record's edit history.
"""
    BINDINGS = [
        Binding("ctrl+s", "save_facts", "Save", id="facts.save"),  # as every other form
        Binding("escape", "leave", "Back", id="facts.back"),
    ]

    def compose(self) -> ComposeResult:
        family = self.record.family
        yield VigHeader()
        with VerticalScroll(id="family-facts-form"):
            yield Static("", id="facts-message", classes="course-message")
            yield Label("Label")
            yield Input(family.label, id="facts-label")
            yield Label("Adults (comma separated)")
            yield Input(", ".join(family.adults), id="facts-adults")
            yield Label("Children or pupils (e.g. Sam 2021-04-30, Mia 18m)")
            yield Input(children_field(family.children), id="facts-children")
            yield Label("Referred by")
            yield Input(family.referrer, id="facts-referrer")
            yield Label("Who is filmed together")
            yield LiteralSelect[str](
                WORK_MODES, value=family.work_mode.value, allow_blank=False, id="facts-mode"
            )
            yield Label("The professional's role (e.g. teacher, nursery key worker)")
            yield Input(family.professional_role, id="facts-role")
            with Horizontal(classes="course-row"):
                yield Button("Save", id="facts-save", variant="primary")
            yield Static("Edit history", classes="section")
            yield Static(id="facts-history")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = family_title(self.record.family.label, "facts")
        self.refresh_view()
        self.mark_saved()

    def form_values(self) -> tuple[str, ...]:
        fields = ("facts-label", "facts-adults", "facts-children", "facts-referrer", "facts-role")
        return (*(self.value(f) for f in fields), self.choice("facts-mode"))

    def save_form(self) -> bool:
        return self.save()

    def action_save_facts(self) -> None:
        self.save()

    def refresh_view(self) -> None:
        history = Text()
        for edit in reversed(self.record.family.edits):
            history.append(f"{edit.at[:16].replace('T', ' ')}  {edit.field}: ", style="dim")
            history.append(literal(f"{edit.before or '–'} → {edit.after or '–'}"))
            history.append("\n")
        history.rstrip()
        self.query_one("#facts-history", Static).update(
            history or Text("No changes yet.", style="dim")
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#facts-save")
    def save(self) -> bool:
        try:
            children = parse_children(self.value("facts-children"))
        except ValueError as err:
            self.say(f"Not changed: children: {err}.", ok=False)
            return False
        before = {c.name: c for c in self.record.family.children}
        # a child whose age was not touched keeps the day it was true (so it keeps growing)
        kept = [
            before[c.name]
            if c.name in before and children_field([before[c.name]]) == children_field([c])
            else c
            for c in children
        ]
        saved = self.run(
            "Saved.",
            lambda: self.family.course.edit_facts(
                label=self.value("facts-label"),
                adults=self.value("facts-adults").split(","),
                children=kept,
                referrer=self.value("facts-referrer"),
                work_mode=WorkMode(self.choice("facts-mode")),
                professional_role=self.value("facts-role"),
            ),
        )
        if saved:
            self.mark_saved()
        return saved
