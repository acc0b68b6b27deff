"""HTML to PDF with WeasyPrint, or a clear reason why not.

WeasyPrint needs the Pango text libraries of the system (Debian:
libpango-1.0-0, libpangoft2-1.0-0; installed by scripts/setup.sh). Where they
are missing, importing it fails with OSError: callers then offer the HTML,
which prints to PDF from any web browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import VigError

if TYPE_CHECKING:
    from ..store import Store

MISSING = (
    "PDF needs WeasyPrint and the Pango libraries (on Debian or Ubuntu: "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; or run scripts/setup.sh)"
)


class PdfUnavailable(VigError):
    """WeasyPrint or its system libraries are missing."""


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as err:
        raise PdfUnavailable(f"{MISSING}. ({type(err).__name__})") from err
    pdf = HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def deliver_printable(
    store: Store,
    html: str,
    output: str | None,
    fmt: str | None,
    action: str,
    family_id: str | None,
    **facts: Any,
) -> str | None:
    """Write a print-ready page as PDF or HTML (the format, else from the name
    of `output`). Without WeasyPrint's libraries a PDF becomes HTML beside the
    asked-for name; the sentence returned says so (None when all went as asked)."""
    from .deliver import ExportError, deliver

    want = fmt or ("pdf" if output and output.lower().endswith(".pdf") else "html")
    if want != "pdf":
        deliver(store, html, output, action, family_id, format="html", **facts)
        return None
    if output in (None, "-"):
        raise ExportError("A PDF cannot be shown as text: give the name of a file to save it in.")
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as err:
        fallback = str(Path(str(output)).with_suffix(".html"))
        deliver(store, html, fallback, action, family_id, format="html", **facts)
        return f"{err}. It was written as HTML instead: {fallback}"
    deliver(store, pdf, output, action, family_id, format="pdf", **facts)
    return None
