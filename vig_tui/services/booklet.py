"""Making the family's moments booklet: the consent gate, then the pages.

The booklet carries stills of the family's clips, so it is made only when
the family agreed to keep copies of their clips (the same rule as copying
the clips themselves); otherwise nothing is made and the reason is given.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..export.booklet import booklet_html
from ..export.pdf import html_to_pdf
from ..privacy.consent import check_may_copy
from ..privacy.errors import PrivacyError
from ..store import Store
from ..store.crypto import read_sealed


def make_booklet(store: Store, family_id: str, packs: object | None) -> str:
    """The booklet's HTML. Raises PrivacyError without the family-copies consent."""
    record = store.read_family(family_id)
    why = check_may_copy(record.consent)
    if why is not None:
        raise PrivacyError(f"No booklet was made, because its stills need consent: {why}")
    folder = store.family_folder(family_id)

    def read_still(rel: str) -> bytes:
        parts = PurePosixPath(rel).parts
        if not parts or parts[0] != "stills" or ".." in parts:
            raise ValueError("a still outside the family's stills folder")
        return read_sealed(Path(folder, *parts), store.codec)

    return booklet_html(record, packs, read_still)


def booklet_pdf(store: Store, family_id: str, packs: object | None) -> bytes:
    """The booklet as PDF (raises PdfUnavailable without WeasyPrint's libraries)."""
    return html_to_pdf(make_booklet(store, family_id, packs))
