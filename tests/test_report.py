"""`vig export report`: the service outcome report (HTML and PDF) holds numbers
with their n, charts and the method, and none of any family's words."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdf

from tests.test_desk_records import SECRETS, full_record
from tests.test_outcomes_change import _with_phq
from vig_tui.desk import service_overview
from vig_tui.desk.report import report_html
from vig_tui.outcomes.kept import read_kept
from vig_tui.packs import load_packs
from vig_tui.privacy.erase import erase_family
from vig_tui.store import Store

VIG = str(Path(sys.executable).parent / "vig")
PACKS = load_packs(include_user=False)
PRIVATE = [
    "Rowan family",
    "Erased-Willow family",
    "Alex",
    "teatime",
    "whirlwind",
    "How can I help",
    "puzzle",
    *SECRETS.values(),
]


def _store(root: Path) -> None:
    with Store.open(root) as store:
        store.create_family(_with_phq(full_record("Rowan family"), 2, 1))
        store.create_family(_with_phq(full_record("Erased-Willow family"), 2, 2))
        erase_family(store, "Erased-Willow family", "Erased-Willow family")


def _vig(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VIG, "--data-dir", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_report_html_has_n_for_every_figure_charts_and_the_method(store_root: Path) -> None:
    _store(store_root)
    store = Store.open(store_root, readonly=True)
    records = [store.read_family(s.id) for s in store.summaries()]
    kept = read_kept(store_root, store.codec)
    html = report_html(service_overview(records, PACKS, False, kept), "2026-12-01")
    assert [w for w in PRIVATE if w in html] == []
    assert html.count("<svg") >= 3
    # every figure row has its n: three cells, or a count written "k of n"
    for row in re.findall(r"<tr><td>(.*?)</tr>", html):
        cells = re.findall(r"<td>(.*?)</td>", "<td>" + row)
        n = cells[-1]
        assert n.isdigit() or re.fullmatch(r"\d+ of \d+", n), row
    assert "Families since erased (numbers kept without identity)</td><td>1" in html
    assert "at least 6 points" in html and "Source:" in html  # the method, from the packs


def test_report_pdf_holds_the_figures_and_no_family_words(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _store(root)
    out = tmp_path / "report.pdf"
    result = _vig(root, "export", "report", "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Service outcome report" in text and "PHQ-9" in text
    assert "Reliable improvement" in text and "n = " in text
    assert [w for w in PRIVATE if w in text] == []
    assert "Service outcome report made (destination: file, file: report.pdf" in (
        _vig(root, "audit").stdout
    )


def test_without_the_pdf_libraries_the_report_is_html_with_a_clear_message(
    tmp_path: Path,
) -> None:
    root = tmp_path / "store"
    _store(root)
    # a stand-in for a machine without Pango: importing WeasyPrint fails as it does there
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "weasyprint.py").write_text("raise OSError('cannot load library libpango-1.0-0')\n")
    out = tmp_path / "report.pdf"
    result = _vig(root, "export", "report", "-o", str(out), env={"PYTHONPATH": str(shim)})
    assert result.returncode == 0, result.stderr
    assert not out.exists()
    html = (tmp_path / "report.html").read_text()
    assert "Service outcome report" in html
    assert "libpango" in result.stderr and "report.html" in result.stderr
    assert "Traceback" not in result.stderr
