"""Helpers shared by the privacy tests (no tests here)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from vig_tui.demo import build_demo_record
from vig_tui.domain import Clip, Consent, FamilyRecord, Reflection, Session, SessionKind, Still
from vig_tui.store import Store

VIG = str(Path(sys.executable).parent / "vig")
LABEL = "Zebulon-Quartz family"
NOTES = (
    "Private-note-XYZZY about the bedtime struggle",
    "Shared-words-PLUGH we laughed together",
    "Micro-note-FROBOZZ clear initiative",
)


def vig(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VIG, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def make_record(
    label: str = LABEL, *, copies: bool = True, filming: bool = True, notes: tuple[str, ...] = NOTES
) -> FamilyRecord:
    """The demo journey under a distinctive label, with note text we can grep for."""
    record = build_demo_record()
    record.family.label = label
    record.family.demo = False
    record.consent = Consent(
        filming=filming,
        watch_in_sessions=True,
        family_copies=copies,
        signed_on=(date.today() - timedelta(days=30)).isoformat(),
    )
    session = Session(kind=SessionKind.OTHER, private_notes=notes[0], shared_notes=notes[1])
    record.sessions.append(session)
    record.reflections.append(
        Reflection(
            session_id=session.id, prompt_id="p", family_words=notes[1], practitioner_note=notes[0]
        )
    )
    record.clips[0].micro_note = notes[2]
    return record


def add_family(store: Store, record: FamilyRecord | None = None, still: bytes = b"") -> str:
    record = record or make_record()
    repo = store.create_family(record)
    if still:
        path = repo.stills_dir / "still-1.png"
        path.write_bytes(store.codec.seal(still))
        clip: Clip = repo.record.clips[0]
        clip.stills.append(Still(path="stills/still-1.png", at_ms=1200))
        repo.save(clip)
    return repo.id


def files_containing(root: Path, *needles: str) -> list[str]:
    """Every file under root whose bytes contain any needle (plain or UTF-8)."""
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                if needle.encode() in data:
                    found.append(f"{path.relative_to(root)}: {needle}")
    return found
