"""Making the family's moments booklet: the consent gate, then the pages.

The booklet carries stills of the family's clips, so it is made only when
the family agreed to keep copies of their clips (the same rule as copying
the clips themselves); otherwise nothing is made and the reason is given.
"""

from __future__ import annotations

from ..export.booklet import BookletPages, booklet_pages
from ..export.pdf import html_to_pdf
from ..privacy.consent import check_may_copy
from ..privacy.errors import PrivacyError
from ..store import Store
from .stills import read_still_bytes


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
