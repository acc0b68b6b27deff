"""The practitioner's profile (name, role, service, contact, signature line):
set once, used to sign the ending letters. Same as `vig profile`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...errors import VigError
from ...services.profile import practitioner_profile, update_profile
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from ..widgets.literal_select import LiteralSelect
from .base import GuardsUnsavedChanges

FIELDS = (
    ("name", "Your name"),
    ("role", "Your role (e.g. VIG guider, family support worker)"),
    ("service", "Your service or team"),
    ("contact", "How the family can reach you"),
    ("signature", "A closing line for letters, in place of “With warm wishes,” (optional)"),
)
#: which prompts the meetings offer (the packs mark each one core or extra)
PROMPT_SETS = [
    ("The core prompts (a shorter list)", "core"),
    ("Every prompt in the packs", "all"),
]


class ProfileScreen(GuardsUnsavedChanges):
    FAMILY_SAFE = False
    HELP = """\
## Your profile

Set once: the ending letter is signed with your closing line, name, role,
service and contact details. "Prompts offered in meetings" chooses between the
packs' core prompts (a shorter list, the default) and every prompt. The same
as `vig profile` on the command line.

**Enter** in a field or **Ctrl+S** saves. Leaving with **Esc** after a change
asks whether to save it first.
"""
    DEFAULT_CSS = """
    #profile-form { padding: 0 2; }
    #profile-form #profile-buttons { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="profile.save"),
        Binding("escape", "leave", "Back", id="profile.back"),
    ]

    def compose(self) -> ComposeResult:
        yield VigHeader()
        with VerticalScroll(id="profile-form"):
            yield Static("", id="profile-message")
            for name, label in FIELDS:
                yield Label(label)
                yield Input("", id=f"profile-{name}")
            yield Label("Prompts offered in meetings")
            yield LiteralSelect(PROMPT_SETS, allow_blank=False, value="core", id="profile-prompts")
            with Horizontal(id="profile-buttons"):
                yield Button("Save", id="profile-save", variant="primary")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = "Your profile"
        try:
            profile = practitioner_profile(self.vig.store)
        except VigError as err:
            self.query_one("#profile-message", Static).update(str(err))
            return
        for name, _ in FIELDS:
            self.query_one(f"#profile-{name}", Input).value = getattr(profile, name)
        self.query_one("#profile-prompts", Select).value = profile.prompts
        self.mark_saved()
        self.query_one(f"#profile-{FIELDS[0][0]}", Input).focus()

    def form_values(self) -> dict[str, str]:
        values = {name: self.query_one(f"#profile-{name}", Input).value for name, _ in FIELDS}
        values["prompts"] = str(self.query_one("#profile-prompts", Select).value)
        return values

    @on(Input.Submitted)
    @on(Button.Pressed, "#profile-save")
    def action_save(self) -> None:
        self.save_form()

    def save_form(self) -> bool:
        values = self.form_values()
        message = self.query_one("#profile-message", Static)
        try:
            update_profile(self.vig.store, **values)
        except (ValueError, VigError) as err:
            message.update(literal(f"Not saved: {err}"))
            message.scroll_visible(animate=False)
            self.notify(f"Not saved: {err}", title="Profile", severity="warning")
            return False
        self.mark_saved()
        message.update("Saved. New letters are signed with it.")
        self.notify("Profile saved. New letters are signed with it.", title="Profile")
        return True
