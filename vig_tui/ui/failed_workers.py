"""One handler for background work: its failure, and its last step.

Workers run with ``exit_on_error=False`` so a failed search index or overview
does not stop the app; without this handler such a failure was silent. The
app and every screen mix in :class:`ReportsFailedWorkers`, so a worker's
failure, wherever it ran, becomes one clear notification: a :class:`VigError`
says its own message; anything else says what stopped and where a report
(without any notes) was saved. In the family's view only a neutral line is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, ParamSpec, cast

from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from ..errors import VigError, one_line

TITLE = "Something did not finish"


def describe(worker: Worker[object]) -> str:
    """What the worker was doing, in words (its description, else its group)."""
    text = worker.description.strip()
    if not text or text.endswith(")"):  # Textual's default is the call, e.g. "load()"
        text = worker.group.replace("-", " ")
    return text


def failure_message(worker: Worker[object], report: str | None, *, together: bool) -> str:
    """The text shown for a failed worker. A crash's own message is never shown:
    it may quote what a family said."""
    what = describe(worker)
    error = worker.error
    if together:
        return f"Something in the background stopped ({what}). Nothing you said was lost."
    if isinstance(error, VigError):
        return f"{what.capitalize()} stopped: {one_line(error)}"
    where = f" A report (without any notes) was saved to {report}." if report else ""
    name = type(error).__name__ if error is not None else "an unknown problem"
    return f"{what.capitalize()} stopped after an unexpected problem ({name}).{where}"


def report_failed_worker(node: MessagePump, worker: Worker[object]) -> None:
    app = node.app
    error = worker.error
    report: str | None = None
    if error is not None and not isinstance(error, VigError):
        from ..crash import write_crash_report

        store = getattr(app, "store", None)
        root = getattr(store, "root", None)
        path = write_crash_report(root, error) if root is not None else None
        report = str(path) if path is not None else None
    together = bool(getattr(app, "together", False))
    # In the family's view only the neutral line is shown, and it says so to the
    # app's notification gate (VigApp.notify); at the desk the full one.
    room: dict[str, Any] = {"family_safe": True} if together else {}
    app.notify(
        failure_message(worker, report, together=together),
        title=TITLE,
        severity="error",
        timeout=20,
        markup=False,
        **room,
    )


P = ParamSpec("P")


class Then(Generic[P]):
    """What a thread worker returns when its last step is to act on the screen.

    The step runs on the screen once the worker has ended. Calling it from the
    thread instead (``call_from_thread``) races the worker's own end: a step that
    closes the screen cancels a worker that has not quite finished."""

    def __init__(self, step: Callable[P, None], *args: P.args, **kwargs: P.kwargs) -> None:
        self._step = step
        self._args = args
        self._kwargs = kwargs

    def run(self) -> None:
        self._step(*self._args, **self._kwargs)


class ReportsFailedWorkers:
    """Mixed into the app and every screen: their failed workers are reported,
    and a worker that ends with a :class:`Then` has its last step run."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            report_failed_worker(cast(MessagePump, self), event.worker)
        elif event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Then):
            event.worker.result.run()
