"""Copying a family's clips to a folder they keep (e.g. a USB stick)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from ...domain.rules.counts import counted
from ...export.folder import FolderError, existing_folder
from ...privacy.consent import check_may_copy
from ...services.practice import Practice, StoreError
from ...services.profile import last_export_folder, remember_export_folder
from ..text import literal
from ..widgets.literal_select import LiteralSelect

if TYPE_CHECKING:
    from ..app import VigApp


class ExportClipsScreen(ModalScreen[list[Path] | None]):
    """Copy clips as ordinary video files, with a progress bar. Returns the
    files written, or None if nothing was copied."""

    FAMILY_SAFE = False

    DEFAULT_CSS = """
    ExportClipsScreen { align: center middle; }
    ExportClipsScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; border: round $accent;
        background: $panel; padding: 1 2;
    }
    #clips-message { height: auto; margin-top: 1; }
    #clips-error { color: $error; height: auto; }
    #clips-buttons { height: auto; margin-top: 1; }
    #clips-buttons Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="exportclips.cancel")
    ]

    @property
    def practice(self) -> Practice:
        return cast("VigApp", self.app).practice

    def __init__(self, family_id: str, folder: Path | None = None) -> None:
        super().__init__()
        self.family_id = family_id
        self.folder = folder
        self.written: list[Path] = []

    def compose(self) -> ComposeResult:
        record = self.practice.read_family(self.family_id)
        cycles = [(f"Cycle {n}", n) for n in record.cycle_numbers() if record.clips_for(n)]
        self.blocked = check_may_copy(record.consent)
        with VerticalScroll():
            yield Static("Copy clips for the family", classes="dialog-title")
            yield Label("Folder to copy into (e.g. the USB stick)")
            folder = self.folder or last_export_folder(cast("VigApp", self.app).store)
            yield Input(str(folder), id="folder", placeholder="/media/usb")
            yield Label("Which clips")
            yield LiteralSelect(
                [("Every cycle", 0), *cycles], value=0, allow_blank=False, id="cycle"
            )
            yield ProgressBar(total=100, show_eta=False, id="clips-progress")
            yield Static("", id="clips-message")
            yield Static(literal(self.blocked or ""), id="clips-error")
            with Horizontal(id="clips-buttons"):
                yield Button("Copy", id="copy", variant="primary", disabled=bool(self.blocked))
                yield Button("Close", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    @on(Input.Submitted, "#folder")
    @on(Button.Pressed, "#copy")
    def start(self) -> None:
        if self.blocked:
            return
        try:
            folder = existing_folder(self.query_one("#folder", Input).value, "the clips")
        except FolderError as err:
            self.query_one("#clips-error", Static).update(literal(str(err)))
            return
        cycle = self.query_one("#cycle", Select).value
        self.folder = folder
        self.query_one("#copy", Button).disabled = True
        self.query_one("#clips-error", Static).update("")
        self.copy(folder, int(cycle) if cycle else None)  # type: ignore[arg-type]

    @work(thread=True, exclusive=True, group="export-clips")
    def copy(self, folder: Path, cycle: int | None) -> None:
        def progress(fraction: float, label: str) -> None:
            self.app.call_from_thread(self._progress, fraction, label)

        try:
            written = self.practice.export_clips(
                self.family_id,
                folder,
                cycle,
                progress,
            )
        except StoreError as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        self.app.call_from_thread(self._finished, written)

    def _progress(self, fraction: float, label: str) -> None:
        self.query_one("#clips-progress", ProgressBar).update(progress=round(fraction * 100))
        self.query_one("#clips-message", Static).update(literal(label))

    def _failed(self, message: str) -> None:
        self.query_one("#clips-error", Static).update(literal(message))
        self.query_one("#copy", Button).disabled = False

    def _finished(self, written: list[Path]) -> None:
        self.written = written
        if self.folder is not None and (
            kept := remember_export_folder(cast("VigApp", self.app).store, self.folder)
        ):
            self.notify(kept, severity="warning", markup=False)
        self.query_one("#clips-progress", ProgressBar).update(progress=100)
        names = "\n".join(p.name for p in written)
        self.query_one("#clips-message", Static).update(
            literal(f"{counted(len(written), 'clip')} copied:\n{names}")
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(self.written or None)
