"""Backing up the whole store from Home: the screen for `vig backup`.

The work is :func:`vig_tui.services.backup.backup_store` (one encrypted
archive, written to a temporary file, read back and checked, then named;
the last N kept). This screen only gathers the folder, the passphrase and
N, runs it in a thread with a progress bar, and lists the folder's backups.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Static

from ...domain.rules.counts import counted
from ...errors import VigError
from ...export.folder import FolderError, typed_folder
from ...services.backup import BackupResult, backup_store, keep_count, store_files
from ...services.backup_contents import contents_text, size_text
from ...services.backup_films import NOT_IN_BACKUP, film_folders, films_note
from ...services.backup_folder import backups_in, last_choices
from ...services.practice import is_encrypted
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from .base import VigScreen


def backups_table(folder: Path) -> Table | Text:
    found = backups_in(folder)
    if not found:
        return Text("No backups in this folder yet.", style="dim")
    table = Table(box=None, padding=(0, 2), show_edge=False)
    table.add_column("Made")
    table.add_column("Size", justify="right")
    table.add_column("File")
    for backup in reversed(found):  # newest first
        table.add_row(backup.made or "—", size_text(backup.size), literal(backup.path.name))
    return table


class BackupScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Back up every family

One archive of the whole store, locked with a passphrase, so that a lost or
broken laptop does not lose any family.

- **Folder**: put it somewhere that does not travel with the laptop (a USB
  stick, another drive). vig remembers the folder for next time.
- **Passphrase**: an encrypted store's backup opens with the store's own
  passphrase; a plain store's backup needs a passphrase of its own (type it
  twice, and keep it safe: without it the backup cannot be restored).
- **Keep**: how many backups stay in the folder; older ones are removed only
  after the new one has been read back and checked.
- **Films are not in the backup**: vig keeps only where each film is. They
  are large, and the family's consent says when recordings are erased, which
  a backup kept for years would outlast. The screen names the folders they
  are in; keep them safe there yourself, for as long as the consent allows.

To restore, run `vig restore ARCHIVE FOLDER` into an empty folder.
**Esc** goes back.
"""
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="backup.back")]
    DEFAULT_CSS = """
    BackupScreen #backup { padding: 0 2; }
    BackupScreen #backup Static, BackupScreen #backup Label { height: auto; }
    BackupScreen #backup Input { max-width: 80; }
    BackupScreen #backup-row { height: auto; margin: 1 0; }
    BackupScreen #backup-progress { margin-left: 2; }
    BackupScreen #backup-status { margin-bottom: 1; }
    BackupScreen .problem { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.result: BackupResult | None = None
        self._percent = -1

    def compose(self) -> ComposeResult:
        root = self.vig.practice.root
        self.encrypted = is_encrypted(root)
        folder, keep = last_choices(root)
        yield VigHeader()
        with VerticalScroll(id="backup"):
            yield Static(
                "One archive of every family, locked with a passphrase and checked after "
                "it is written. Keep it away from this laptop.",
                id="backup-intro",
            )
            # films stay where they are (see services.backup_films): said before anything
            yield Static("", id="backup-parts")
            yield Static(NOT_IN_BACKUP, id="backup-films")
            yield Label("Folder for the backups (a USB stick or another drive)")
            yield Input(str(folder or ""), placeholder="/media/usb/vig-backups", id="backup-dest")
            if self.encrypted:
                yield Label("The store's passphrase")
                yield Input(password=True, id="backup-passphrase")
            else:
                yield Label("A passphrase for the backups (you need it to restore them)")
                yield Input(password=True, id="backup-passphrase")
                yield Label("The same passphrase again")
                yield Input(password=True, id="backup-again")
            yield Label("How many backups to keep in the folder")
            yield Input(str(keep), type="integer", id="backup-keep")
            with Horizontal(id="backup-row"):
                yield Button("Back up now", id="backup-start", variant="primary")
                yield ProgressBar(total=100, show_eta=False, id="backup-progress")
            yield Static("", id="backup-status")
            yield Static("Backups in this folder", classes="section")
            yield Static(id="backup-list")
        yield VigFooter()

    def on_mount(self) -> None:
        self.sub_title = "Back up every family"
        self.query_one("#backup-progress", ProgressBar).display = False
        self.refresh_list()
        self._name_film_folders()
        dest = self.query_one("#backup-dest", Input)
        (self.query_one("#backup-passphrase", Input) if dest.value else dest).focus()

    @work(thread=True, exclusive=True, group="backup-films", exit_on_error=False)
    def _name_film_folders(self) -> None:
        """Where the films are, read from every family in a thread (many families
        take a moment); the sentence saying they are not in the backup is there
        from the start."""
        note = films_note(film_folders(self.vig.store))
        parts = contents_text(name for name, _path in store_files(self.vig.practice.root))
        self.app.call_from_thread(self._films_named, note, parts)

    def _films_named(self, note: str, parts: str) -> None:
        if self.is_attached:
            self.query_one("#backup-films", Static).update(literal(note))
            self.query_one("#backup-parts", Static).update(literal(f"What goes in: {parts}."))

    def folder(self) -> Path | None:
        """The backup folder typed (see ``export.folder``), or None while the
        box is empty or holds no whole path yet."""
        try:
            return typed_folder(self.query_one("#backup-dest", Input).value, "the backups")
        except FolderError:
            return None

    @on(Input.Changed, "#backup-dest")
    def refresh_list(self) -> None:
        folder = self.folder()
        listing = self.query_one("#backup-list", Static)
        if folder is None:
            listing.update(Text("Choose a folder to see its backups.", style="dim"))
        else:
            listing.update(backups_table(folder))

    def say(self, message: str, problem: bool = False, *, top: bool = False) -> None:
        """Show a message under the button and scroll it into view (on a small
        terminal it sits below the screen); with `top`, to the top, so the
        lines and the backup list under it show too."""
        status = self.query_one("#backup-status", Static)
        status.set_class(problem, "problem")
        status.update(literal(message))
        self.call_after_refresh(status.scroll_visible, animate=False, top=top)

    def problem_in_form(self) -> str | None:
        try:  # the one rule for a folder typed in a dialog: said in its words
            typed_folder(self.query_one("#backup-dest", Input).value, "the backups")
        except FolderError as err:
            return f"{err} A USB stick or another drive is best."
        passphrase = self.query_one("#backup-passphrase", Input).value
        if not passphrase:
            return "Type the passphrase first."
        if not self.encrypted and self.query_one("#backup-again", Input).value != passphrase:
            return "The two passphrases differ; type them again."
        try:
            keep_count(self.query_one("#backup-keep", Input).value)
        except VigError as err:
            return str(err)
        return None

    @on(Button.Pressed, "#backup-start")
    @on(Input.Submitted)
    def start(self) -> None:
        if any(w.group == "backup" and w.is_running for w in self.app.workers):
            self.say("A backup is already running; wait for it to finish.")
            return
        problem = self.problem_in_form()
        if problem:
            self.say(problem, problem=True)
            return
        folder = self.folder()
        assert folder is not None
        self.query_one("#backup-start", Button).disabled = True
        bar = self.query_one("#backup-progress", ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self._percent = -1
        self.say("Backing up…")
        keep = keep_count(self.query_one("#backup-keep", Input).value)
        passphrase = self.query_one("#backup-passphrase", Input).value
        # the app runs it, not this screen: leaving the screen must not stop a
        # backup (and a screen that has been left no longer knows its app)
        self.app.run_worker(
            partial(self.run_backup, self.app, self.vig.practice.root, folder, passphrase, keep),
            thread=True,
            group="backup",
            description="the backup",
            exit_on_error=False,
        )

    def run_backup(
        self, app: App[object], root: Path, folder: Path, passphrase: str, keep: int
    ) -> None:
        """In a thread: the backup itself, then its outcome to the main thread."""

        def progress(done: int, total: int, what: str) -> None:
            share = done / total if total else 1.0
            percent = round(50 * share) + (50 if what == "verify" else 0)
            if percent != self._percent:  # only whole percent steps reach the screen
                self._percent = percent
                app.call_from_thread(self._show_progress, percent, what)

        try:
            result = backup_store(root, folder, passphrase, keep=keep, on_progress=progress)
        except (VigError, OSError) as err:
            message = str(err) if isinstance(err, VigError) else f"{folder}: {err}"
            app.call_from_thread(self.finished, None, message)
            return
        app.call_from_thread(self.finished, result, None)

    def still_open(self) -> bool:
        """False once the practitioner has left this screen (a popped screen
        may still count as mounted while its widgets are gone)."""
        return self.is_mounted and self in self.app.screen_stack

    def _show_progress(self, percent: int, what: str) -> None:
        if not self.still_open():  # the screen was left; the backup goes on
            return
        self.query_one("#backup-progress", ProgressBar).update(progress=percent)
        self.say("Reading the backup back to check it…" if what == "verify" else "Backing up…")

    def finished(self, result: BackupResult | None, problem: str | None) -> None:
        if not self.still_open():  # left while it ran: say how it ended all the same
            if result is None:
                self.app.notify(problem or "", title="Not backed up", severity="error")
            else:
                self.app.notify("The backup was written and checked.", title="Backed up")
            return
        self.query_one("#backup-start", Button).disabled = False
        self.query_one("#backup-progress", ProgressBar).display = result is not None
        self.result = result
        for field in ("#backup-passphrase", "#backup-again"):
            for box in self.query(field).results(Input):
                box.value = ""
        if result is None:
            self.say(f"Not backed up. {problem}", problem=True)
            self.notify(problem or "", title="Not backed up", severity="error")
            return
        lines = [
            f"Backed up {counted(result.files, 'file')} to {result.archive.name} "
            f"({size_text(result.archive_size)}), then read back and checked: it is complete.",
            f"In it: {result.contents}.",
        ]
        if result.removed:
            lines.append(f"Removed {len(result.removed)} older backup(s) to keep the last few.")
        if result.same_disk:
            lines.append(
                "This folder is on the same disk as the store, so it will not help if the "
                "laptop is lost: back up to a USB stick or another drive too."
            )
        self.say("\n".join(lines), top=True)
        self.notify("The backup was written and checked.", title="Backed up")
        self.refresh_list()
