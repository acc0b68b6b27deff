"""Delivering an export: to stdout or to a file that appears whole or not at all.

The text goes to a temporary file in the same folder, is fsynced and renamed,
and one line is added to the audit log (facts only: what, which format, where
to — never any of the content). Used by `vig export` and the letter screen.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

from ..store import Store, StoreError
from ..store.audit import log_event
from ..store.output_file import OutputFileError, os_reason, write_whole


class ExportError(StoreError):
    """An export could not be written; nothing was left half-written."""


def deliver(
    store: Store,
    text: str | bytes,
    output: str | None,
    action: str,
    family_id: str | None,
    **facts: Any,
) -> None:
    """Write `text` to stdout or `output`, logging the export in the audit log.

    For a file: the text is written to an unnamed file in the destination
    folder (so a kill leaves nothing behind), then, once it is on disk and
    the audit line is written, it is given the file's name. Only a regular
    file is ever replaced. On any failure nothing is left behind."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None or output == "-":
        _audit(store, action, family_id, destination="stdout", **facts)
        try:
            if isinstance(text, str):
                sys.stdout.write(text)  # through the CLI's stdout, which shows controls literally
                sys.stdout.flush()
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
        except OSError as err:
            with contextlib.suppress(ExportError):
                _audit(store, "export.failed", family_id, destination="stdout")
            raise ExportError(f"Could not print the export: {os_reason(err)}.") from err
        return
    target = Path(output).expanduser()
    try:
        write_whole(
            target,
            data,
            lambda: _audit(
                store,
                action,
                family_id,
                destination="file",
                file=target.name,
                path=str(target.absolute()),
                **facts,
            ),
        )
    except OutputFileError as err:
        raise ExportError(str(err)) from err


def _audit(store: Store, action: str, family_id: str | None, **facts: Any) -> None:
    if not store.root.is_dir():
        return  # no store yet: nothing was held, nothing left it
    try:
        log_event(store.root, action, family_id, store.codec, **facts)
    except OSError as err:
        raise ExportError(
            f"Could not record this export in the audit log at {store.root} ({os_reason(err)}); "
            "nothing was exported."
        ) from err
