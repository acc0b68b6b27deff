"""Making the family's moments booklet: the consent gate, then the pages.

The booklet carries stills of the family's clips, so it is made only when
the family agreed to keep copies of their clips (the same rule as copying
the clips themselves); otherwise nothing is made and the reason is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..domain import FamilyRecord
from ..export.booklet import BookletPages, Moment, booklet_moments, booklet_pages
from ..export.deliver import ExportError
from ..export.folder import existing_folder
from ..export.pdf import deliver_printable, html_to_pdf
from ..privacy.consent import check_may_copy
from ..privacy.errors import PrivacyError
from ..store import Store
from .stills import read_still_bytes

#: the formats the booklet is saved in
FORMATS = ("pdf", "html")


def make_booklet(store: Store, family_id: str, packs: object | None) -> BookletPages:
    """The booklet's HTML, and the clips whose stills were not picked (their
    first ones are used). Raises PrivacyError without the family-copies consent."""
    record = store.read_family(family_id)
    why = check_may_copy(record.consent)
    if why is not None:
        raise PrivacyError(f"No booklet was made, because its stills need consent: {why}")
    folder = store.family_folder(family_id)
    return booklet_pages(record, packs, lambda name: read_still_bytes(store, folder, name))


def booklet_pdf(store: Store, family_id: str, packs: object | None) -> bytes:
    """The booklet as PDF (raises PdfUnavailable without WeasyPrint's libraries)."""
    return html_to_pdf(make_booklet(store, family_id, packs).html)


@dataclass(frozen=True)
class BookletPlan:
    """What the booklet will hold, for the practitioner to check before making it."""

    moments: list[Moment]
    #: why it cannot be made (the family has not agreed to keep copies), or None
    refused: str | None


def booklet_plan(record: FamilyRecord, packs: object | None) -> BookletPlan:
    return BookletPlan(booklet_moments(record, packs), check_may_copy(record.consent))


@dataclass(frozen=True)
class BookletSaved:
    path: Path
    #: said when it was not saved as asked (no PDF maker: HTML instead), else None
    note: str | None


def booklet_file_name(label: str, fmt: str) -> str:
    """``moments-booklet-<family>.pdf``: letters and digits of the label only."""
    slug = re.sub(r"[^\w]+", "-", label.casefold()).strip("-_")[:40] or "family"
    return f"moments-booklet-{slug}.{fmt}"


def save_booklet(
    store: Store, family_id: str, packs: object | None, folder: str, fmt: str
) -> BookletSaved:
    """Write the booklet into `folder` (which must exist) as PDF or HTML. Raises
    PrivacyError without the consent, ExportError when it cannot be written."""
    if fmt not in FORMATS:
        raise ExportError(f"The booklet is saved as PDF or HTML, not {fmt!r}.")
    place = existing_folder(folder, "the booklet")  # never the folder vig was started from
    booklet = make_booklet(store, family_id, packs)
    target = place / booklet_file_name(store.read_family(family_id).family.label, fmt)
    note = deliver_printable(store, booklet.html, str(target), fmt, "export.booklet", family_id)
    return BookletSaved(target if note is None else target.with_suffix(".html"), note)
