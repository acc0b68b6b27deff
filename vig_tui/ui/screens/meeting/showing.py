"""Showing a meeting's step: the widget for its kind, the bar, the footer's
keys, and where the focus starts (mixed into the meeting screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Button, Static, TextArea

from ....flows import Step, StepKind
from ...key_order import focus_now
from ...text import literal
from ...widgets.footer import VigFooter
from ...widgets.sized_by_layout import pass_on_now
from ...widgets.status_line import StatusLine
from .conversation import ConversationView
from .progress import progress_text
from .steps import STEP_VIEWS, PromptView, StepView
from .steps.base import NOT_FIRST, refill

if TYPE_CHECKING:
    from .screen import MeetingScreen

#: the widget for each kind of step that is not a prompt
VIEWS: dict[StepKind, type[StepView]] = {**STEP_VIEWS, StepKind.CONVERSATION: ConversationView}


class ShowsSteps:
    """Mixed into the meeting screen."""

    @property
    def _me(self) -> MeetingScreen:
        return cast("MeetingScreen", self)

    async def show_step(self) -> None:
        me = self._me
        # one paint for the whole change: a paint part-way (while the step's
        # widgets or the footer's keys were still going in) was followed by a
        # second layout of the screen for the rest
        async with me._showing:
            with me.app.batch_update():
                await me._show_step()

    async def _show_step(self) -> None:
        me = self._me
        if not me.steps:
            return
        step = me.step
        kind = StepKind(step.kind)
        me.player.show(step)
        body = me.query_one("#step-body", VerticalScroll)
        other_view = me.query_one("#other-view")
        if kind == StepKind.PROMPT:
            prompt_view = await me._prompt_view()
            prompt_view.fill(step)
            prompt_view.display = True
            # the other kind's widget stays, hidden, until the next step of
            # another kind replaces it: removed now, its removal asked for a
            # second layout of the screen once the first had hidden it
            other_view.display = False
            me.step_view = None
        else:
            await other_view.remove_children()
            me.step_view = VIEWS[kind](me, step)
            await other_view.mount(me.step_view)
            if me.prompt_view is not None:
                me.prompt_view.display = False
            other_view.display = True
        me._shown_kind = kind
        pass_on_now(*filter(None, [me.prompt_view]), other_view)
        body.scroll_home(animate=False)
        me._step_shown(step)
        # a step with or without a clip has other keys: the footer changes with
        # the step, in its layout (after it, it laid the screen out again)
        await me.query_one(VigFooter).rebuild_now()
        # where the meeting is, saved once the step is on screen (the disk's
        # fsyncs need not hold up the step the family is waiting to see)
        me.call_after_refresh(me._save_progress)

    def _title(self) -> Text:
        me = self._me
        return literal(me.step.title or me.session.title())

    def _step_shown(self, step: Step) -> None:
        """The bar, the footer's keys and the focus, for the step now on screen."""
        me = self._me
        # the bar changes last, so "Step N" only shows once step N is on screen
        refill(me.query_one("#journey-title", Static), me._title())
        me.show_progress()
        me.query_one("#nav-back", Button).disabled = me.index == 0
        me.query_one("#nav-next", Button).disabled = me.index >= len(me.steps) - 1
        me._keys_and_focus(step)

    def _read_back_only(self) -> None:
        """A meeting opened to read back (the family session refuses every
        change): its fields show what was kept, and none can be changed."""
        me = self._me
        for widget in me.query_one("#step-body").walk_children(Widget):
            if isinstance(widget, TextArea):
                widget.read_only = True
            elif isinstance(widget, Button) and widget.action:
                continue  # it runs one of this screen's actions (e.g. close): see check_action
            elif widget.can_focus:  # every other box, picker, scale and button
                widget.disabled = True

    def _keys_and_focus(self, step: Step) -> None:
        me = self._me
        if me.family.read_only:
            me._read_back_only()
        has_clip = (step.clip_id is not None, step.kind == StepKind.CONVERSATION)
        if has_clip != me._bindings_for_clip:  # the footer is rebuilt only when it changes
            me._bindings_for_clip = has_clip
            me.refresh_bindings()
        me._focus_first()

    async def _prompt_view(self) -> PromptView:
        """The widgets every prompt step reuses, mounted the first time one shows."""
        me = self._me
        if me.prompt_view is None:
            me.prompt_view = PromptView(me, id="prompt-view")
            await me.query_one("#step-body").mount(me.prompt_view, before="#other-view")
        return me.prompt_view

    def progress_text(self) -> str:
        me = self._me
        together = bool(me.vig.together)
        return progress_text(me.steps, me.index, me.record, me.session, together)

    def show_progress(self) -> None:
        me = self._me
        if me.steps:
            me.query_one("#journey-progress", StatusLine).show(
                Text(me.progress_text(), style="dim")
            )

    def _focus_first(self, *, private: bool = False) -> bool:
        """Focus the first field the person at the screen can see (in a
        conversation: the box for the family's words). With `private`, the
        first field in a private box instead, if the step has one on screen;
        returns whether a field was focused."""
        me = self._me
        talk = me.talk_view()
        if talk is not None and talk.query("#talk-words") and not private:
            focus_now(talk.query_one("#talk-words"))
            return True
        shown = talk or me.step_view or me.prompt_view
        together = me.vig.together
        for widget in shown.walk_children(Widget) if shown is not None else ():
            if not widget.focusable or widget.has_class("private") or widget.has_class(NOT_FIRST):
                continue
            chain: list[DOMNode] = [widget]
            for node in widget.ancestors:
                if node is shown:
                    break
                chain.append(node)
            if not all(node.display for node in chain):
                continue
            is_private = any(node.has_class("private") for node in chain)
            if (together and is_private) or (private and not is_private):
                continue
            focus_now(widget)
            if private:  # brought into view once the layout that shows it is done
                me.call_after_refresh(widget.scroll_visible, animate=False)
            return True
        if not private:
            focus_now(me.query_one("#nav-next", Button))
        return False
