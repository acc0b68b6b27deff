"""The audit log: what left or changed the store, and when (never what was said)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from ...services.practice import StoreError
from ..text import literal
from ..widgets.footer import VigFooter
from ..widgets.header import VigHeader
from .base import VigScreen


class AuditScreen(VigScreen):
    FAMILY_SAFE = False
    HELP = """\
## Audit log

Every export, copy of clips, hand-over bundle, erasure, consent change and
passphrase change is listed here, newest first: when, which family and what —
never any notes. The log lives inside the store (encrypted with it).
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="audit.back")
    ]
    DEFAULT_CSS = """
    #audit-table { height: 1fr; }
    #audit-empty { padding: 1 2; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield VigHeader()
        yield Static("", id="audit-empty")
        yield DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield VigFooter()

    def on_mount(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        table = self.query_one("#audit-table", DataTable)
        table.clear(columns=True)
        table.add_columns("When", "Family", "What")
        try:
            found = self.vig.practice.audit_rows()
        except StoreError as err:  # something else under the log's name: said here
            self.query_one("#audit-empty", Static).update(literal(str(err)))
            self.query_one("#audit-empty", Static).display = True
            return
        for when, family, what in found:
            table.add_row(when, literal(family), literal(what))
        self.query_one("#audit-empty", Static).update(
            "" if found else "Nothing has been exported, copied or erased yet."
        )
        self.query_one("#audit-empty", Static).display = not found
