"""Clip preparation's stills: see each still of the clip, tick the ones for the family.

Stills taken while a clip is being prepared (``p`` on the player) wait here
and are kept with the clip when it is saved, with the ticks, in one write
(:meth:`vig_tui.services.stills.ClipStills.keep`). At most three can be
ticked; the booklet and the letter use the ticked ones.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, SelectionList, Static

from ...domain import Still
from ...domain.ids import format_ms
from ...domain.rules.stills import MAX_FAMILY_STILLS, outside_moment_note
from ..widgets.stills import StillView
from ..widgets.ticks import TickList


class StillsPort(Protocol):
    """What the picker needs from a family (services.stills.ClipStills)."""

    def read(self, name: str) -> bytes: ...
    def name_of(self, path: Path) -> str: ...
    def of(self, clip_id: str | None) -> list[Still]: ...
    def loose_for(self, clip_id: str | None) -> list[tuple[Path, int]]: ...
    def keep(
        self, clip_id: str, taken: Iterable[tuple[Path, int]], chosen: Iterable[str]
    ) -> object: ...
    def discard(self, taken: Iterable[Path]) -> None: ...


@dataclass
class PickerStill:
    name: str  # stills/<file>
    at_ms: int
    #: the file of a still not yet kept with the clip
    new_file: Path | None = None
    #: taken since the clip was opened (deleted if the clip is not saved); older
    #: loose stills are offered again but never deleted here
    fresh: bool = False


class StillPicker(Vertical):
    DEFAULT_CSS = """
    StillPicker {
        height: auto;
    }
    StillPicker > Label {
        margin-top: 1;
        text-style: bold;
    }
    StillPicker > #cp-stills-row {
        height: auto;
    }
    StillPicker #cp-stills {
        width: 28;
        height: auto;
        max-height: 8;
    }
    StillPicker #cp-still-view {
        width: 1fr;
        padding-left: 1;
    }
    StillPicker #cp-still-view > .still-picture {
        height: 8;
    }
    """

    def __init__(self, port: StillsPort | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.port = port
        self.stills: list[PickerStill] = []
        #: the clip's moment as marked (start, end); stills outside it are flagged
        self.moment: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Label(f"Stills for the family (Space ticks up to {MAX_FAMILY_STILLS})")
        if self.port is None:
            yield Static(Text("Stills are kept only when the film is opened from a family."))
            return
        with Horizontal(id="cp-stills-row"):
            yield TickList[str](id="cp-stills")
            yield StillView(self.port.read, id="cp-still-view")

    # ------------------------------------------------------------ reading
    @property
    def taken(self) -> list[tuple[Path, int]]:
        return [(s.new_file, s.at_ms) for s in self.stills if s.new_file is not None]

    @property
    def chosen(self) -> list[str]:
        if self.port is None:
            return []
        return [str(v) for v in self.query_one("#cp-stills", TickList).selected]

    # ------------------------------------------------------------ changing
    def load(self, clip_id: str | None) -> None:
        """Show the stills kept with a clip (none for a new one)."""
        if self.port is None:
            return
        kept = self.port.of(clip_id)
        self.stills = [PickerStill(s.path, s.at_ms) for s in kept]
        # stills of this moment taken before they were kept with their clip
        for path, at_ms in self.port.loose_for(clip_id):
            self.stills.append(PickerStill(self.port.name_of(path), at_ms, new_file=path))
        self._refresh(ticked=[s.path for s in kept if s.for_family])

    def discard_taken(self) -> None:
        """Delete the stills taken since the clip was opened (it is not being saved)."""
        if self.port is not None and self.taken:
            # a file already gone, or not ours to delete: nothing to show for it
            with contextlib.suppress(OSError, ValueError):
                self.port.discard(s.new_file for s in self.stills if s.new_file and s.fresh)
            self.stills = [s for s in self.stills if not s.fresh]

    def add_taken(self, path: Path, at_ms: int) -> str | None:
        """A still just taken: list it (unticked) and show it. Returns a problem, if any."""
        if self.port is None:
            return None
        try:
            name = self.port.name_of(path)
        except ValueError as err:
            return str(err)
        if all(s.name != name for s in self.stills):
            self.stills.append(PickerStill(name, at_ms, new_file=Path(path), fresh=True))
        self._refresh(ticked=self.chosen, show=name)
        return None

    def set_moment(self, start_ms: int | None, end_ms: int | None) -> None:
        """The clip's marks changed: flag the stills outside its moment."""
        moment = (start_ms, end_ms) if start_ms is not None and end_ms is not None else None
        if moment == self.moment:
            return
        self.moment = moment
        if self.port is not None and self.stills:
            ticks = self.query_one("#cp-stills", TickList)
            at = ticks.highlighted
            self._refresh(ticked=self.chosen, show=self.stills[at].name if at is not None else None)

    def outside(self, at_ms: int) -> bool:
        """True when a still at `at_ms` lies outside the moment as marked now."""
        return self.moment is not None and not self.moment[0] <= at_ms <= self.moment[1]

    def _label(self, still: PickerStill) -> Text:
        if self.outside(still.at_ms):
            return Text(f"{format_ms(still.at_ms)} ⚠ outside", style="yellow")
        return Text(f"Still at {format_ms(still.at_ms)}")

    def _refresh(self, ticked: list[str], show: str | None = None) -> None:
        ticks = self.query_one("#cp-stills", TickList)
        with ticks.prevent(SelectionList.SelectedChanged):
            ticks.clear_options()
            ticks.add_options([(self._label(s), s.name, s.name in ticked) for s in self.stills])
        names = [s.name for s in self.stills]
        target = show if show in names else (names[0] if names else None)
        if target is not None:
            ticks.highlighted = names.index(target)
        self._show(target)

    def _show(self, name: str | None) -> None:
        view = self.query_one("#cp-still-view", StillView)
        if name is None:
            view.show(None)
            return
        still = next(s for s in self.stills if s.name == name)
        caption = f"Still at {format_ms(still.at_ms)}"
        if self.moment is not None and self.outside(still.at_ms):
            caption += " — " + outside_moment_note(*self.moment)
        view.show(name, caption)

    @on(SelectionList.SelectionHighlighted, "#cp-stills")
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._show(str(event.selection.value))

    @on(SelectionList.SelectedChanged, "#cp-stills")
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        """A tick the family could never be given is taken back, saying why."""
        ticks = event.selection_list
        highlighted = ticks.highlighted
        if highlighted is None:
            return
        name = str(ticks.get_option_at_index(highlighted).value)
        if name not in ticks.selected:
            return  # an untick is always fine
        still = next((s for s in self.stills if s.name == name), None)
        if still is not None and self.moment is not None and self.outside(still.at_ms):
            problem = (
                f"This still cannot go to the family: it is {outside_moment_note(*self.moment)}."
                " Move the clip's start or end to take it in, or take a still inside the moment."
            )
        elif len(ticks.selected) > MAX_FAMILY_STILLS:
            problem = (
                f"Up to {MAX_FAMILY_STILLS} stills of a clip go to the family; untick one first."
            )
        else:
            return
        with ticks.prevent(SelectionList.SelectedChanged):
            ticks.deselect(name)
        event.stop()  # the form did not change
        self.notify(problem, severity="warning", markup=False)
