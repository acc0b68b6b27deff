"""The moments booklet (`vig export booklet`): the chosen stills and the family's
words, and none of what is the practitioner's alone (checked in the PDF's text
with pypdf against planted sentinels); no booklet without the copies consent."""

from __future__ import annotations

import io
import os
import stat
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pypdf

from tests.test_privacy_support import make_record
from vig_tui.domain import FamilyRecord, Still
from vig_tui.packs import load_packs
from vig_tui.store import Store

VIG = str(Path(sys.executable).parent / "vig")
PACKS = load_packs(include_user=False)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small real PNG of one colour (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _private_sentinels(record: FamilyRecord) -> list[str]:
    """Everything in the record that is the practitioner's alone, plus the
    principle names and the questionnaires (their scores never go to the family)."""
    found = [s.private_notes for s in record.sessions]
    found += [s.guidance_reflection for s in record.sessions]
    found += [r.practitioner_note for r in record.reflections]
    found += [c.micro_note for c in record.clips]
    found += [p.name for p in PACKS.principles]
    found += ["PHQ", "GAD-7", "Minimal", "Moderate", "Severe"]
    return [s for s in found if s and s.strip()]


def _family(root: Path, copies: bool = True) -> FamilyRecord:
    record = make_record(copies=copies)
    with Store.open(root) as store:
        repo = store.create_family(record)
        repo.stills_dir.mkdir(parents=True, exist_ok=True)
        colours = [(200, 40, 40), (40, 200, 40), (40, 40, 200), (200, 200, 40), (90, 90, 90)]
        for n, colour in enumerate(colours):
            (repo.stills_dir / f"still-{n}.png").write_bytes(png(48, 32, colour))
            clip = repo.record.clips[0 if n < 4 else 1]
            clip.stills.append(Still(path=f"stills/still-{n}.png", at_ms=clip.start_ms + n))
            repo.save(clip)
        return repo.record


def _vig(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VIG, "--data-dir", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
        stdin=subprocess.DEVNULL,
    )


def test_booklet_pdf_has_the_stills_and_their_words_and_nothing_private(tmp_path: Path) -> None:
    root = tmp_path / "store"
    record = _family(root)
    out = tmp_path / "booklet.pdf"
    result = _vig(root, "export", "booklet", record.family.label, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    # at most three stills per clip: 3 of the first clip's four, and the second's one
    # (WeasyPrint shares one resource list between pages: count distinct images)
    assert len({image.name for page in reader.pages for image in page.images}) == 4
    assert "He keeps looking up at me to see if I'm watching." in text
    assert "I waited. I didn't jump in." in text
    assert "What this moment shows: Noticing" in text  # everyday words, from the pack
    assert "How can I help Sam when big feelings take over?" in text
    sentinels = _private_sentinels(record)
    assert len(sentinels) >= 8
    leaked = [s for s in sentinels if " ".join(s.split())[:40] in text]
    assert leaked == []


def test_no_booklet_and_no_stills_without_the_copies_consent(tmp_path: Path) -> None:
    root = tmp_path / "store"
    record = _family(root, copies=False)
    out = tmp_path / "booklet.pdf"
    result = _vig(root, "export", "booklet", record.family.label, "-o", str(out))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "consent" in result.stderr and "keep copies" in result.stderr
    assert not out.exists() and not (tmp_path / "booklet.html").exists()


def test_the_letter_exports_as_pdf_without_anything_private(tmp_path: Path) -> None:
    root = tmp_path / "store"
    record = _family(root)
    out = tmp_path / "letter.pdf"
    result = _vig(root, "export", "letter", record.family.label, "--format", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "How can I help Sam when big feelings take over?" in text
    assert [s for s in _private_sentinels(record) if " ".join(s.split())[:40] in text] == []
