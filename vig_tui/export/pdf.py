"""HTML to PDF with WeasyPrint, or a clear reason why not.

WeasyPrint needs the Pango text libraries of the system (Debian:
libpango-1.0-0, libpangoft2-1.0-0; installed by scripts/setup.sh). Where they
are missing, importing it fails with OSError: callers then offer the HTML,
which prints to PDF from any web browser.
"""

from __future__ import annotations

from ..errors import VigError

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
