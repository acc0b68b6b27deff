"""Everything held about one family, for a subject-access or portability request.

JSON: complete and machine-readable. The ``record`` member holds every item
of the family's record exactly as stored (ids, times, private notes included:
it is what is held), and :func:`record_from_json` reads it back into an equal
:class:`FamilyRecord`. Alongside it, ``files`` lists the stills kept in the
store for this family, and ``audit`` the audit-log events about the family.

Markdown: the same content for a person to read, practitioner-only parts
clearly marked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..domain import FamilyRecord, SessionKind
from ..domain.goals import REPLACED
from ..domain.ids import now_iso
from ..domain.rules.wording import whose
from ..outcomes import score_administration
from ..store.audit import read_events
from ..store.codec import PLAIN, Codec
from ..store.migrations import CURRENT_SCHEMA

FORMAT = "vig-family-record"
FORMAT_VERSION = 1

#: FamilyRecord attribute -> model (all list members of the record)
_LISTS = (
    "questions",
    "cycles",
    "sessions",
    "films",
    "clips",
    "reflections",
    "administrations",
    "letters",
)


def record_to_dict(record: FamilyRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "family": record.family.model_dump(mode="json"),
        "consent": record.consent.model_dump(mode="json"),
    }
    for attr in _LISTS:
        out[attr] = [item.model_dump(mode="json") for item in getattr(record, attr)]
    return out


def record_from_dict(data: dict[str, Any]) -> FamilyRecord:
    """Rebuild a record from :func:`record_to_dict` (raises ValueError if it does not fit)."""
    from ..domain import (
        Administration,
        Clip,
        Consent,
        Cycle,
        EndingLetter,
        Family,
        Film,
        HelpingQuestion,
        Reflection,
        Session,
    )

    models: dict[str, type[BaseModel]] = {
        "questions": HelpingQuestion,
        "cycles": Cycle,
        "sessions": Session,
        "films": Film,
        "clips": Clip,
        "reflections": Reflection,
        "administrations": Administration,
        "letters": EndingLetter,
    }
    record = FamilyRecord(
        family=Family.model_validate(data["family"]),
        consent=Consent.model_validate(data.get("consent", {})),
    )
    for attr, model in models.items():
        setattr(record, attr, [model.model_validate(x) for x in data.get(attr, [])])
    return record


def record_json(
    record: FamilyRecord,
    root: Path | None = None,
    codec: Codec = PLAIN,
    exported_at: str | None = None,
) -> str:
    """The whole record as a JSON document (UTF-8 text, stable key order)."""
    files: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    if root is not None:
        folder = Path(root) / "families" / record.family.id
        for still in sorted((folder / "stills").glob("*")) if (folder / "stills").is_dir() else []:
            if still.is_file():
                files.append({"path": f"stills/{still.name}", "bytes": still.stat().st_size})
        audit = [
            event.__dict__
            for event in read_events(Path(root), codec)
            if event.family_id == record.family.id
        ]
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "store_schema": CURRENT_SCHEMA,
        "exported_at": exported_at or now_iso(),
        "record": record_to_dict(record),
        "files": files,
        "audit": audit,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def record_from_json(text: str) -> FamilyRecord:
    doc = json.loads(text)
    if doc.get("format") != FORMAT:
        raise ValueError("not a vig family record export")
    return record_from_dict(doc["record"])


# -- Markdown -------------------------------------------------------------------------------
def _md(value: object) -> str:
    from .letter import md_text

    return md_text(str(value))


def _block(value: str) -> list[str]:
    """Multi-line text as a quoted block, every line escaped."""
    return ["> " + _md(line) if line.strip() else ">" for line in value.splitlines()] or [">"]


def record_markdown(
    record: FamilyRecord, packs: object | None = None, exported_at: str | None = None
) -> str:
    f = record.family
    c = record.consent
    out = [
        f"# Record held about {_md(f.label)}",
        "",
        f"Exported {_md(exported_at or now_iso())} from vig. Parts marked "
        "*(practitioner only)* are the practitioner's own notes.",
        "",
        "## Family",
        "",
        f"- Id: {f.id}",
        f"- Label: {_md(f.label)}",
        f"- Adults: {_md(', '.join(f.adults)) or '—'}",
        f"- Children: {_md(f.children_text()) or '—'}",
        f"- Referred by: {_md(f.referrer) or '—'}",
        f"- Status: {f.status}" + (f" (closed {f.closed_on})" if f.closed_on else ""),
        f"- Who is filmed together: {f.work_mode.label}"
        + (f" ({_md(f.professional_role)})" if f.professional_role else ""),
        f"- Planned cycles: {f.planned_cycles}",
        "- Skipped cycles: "
        + (
            "; ".join(
                f"{n}"
                + (f", skipped {f.skipped_on[str(n)]}" if str(n) in f.skipped_on else "")
                + (f" ({_md(f.skip_reasons[str(n)])})" if str(n) in f.skip_reasons else "")
                for n in f.skipped_cycles
            )
            or "—"
        ),
        f"- Added: {f.created_at}",
        *(
            f"- {change.on}: {change.status}"
            + (f" ({_md(change.reason)})" if change.reason else "")
            for change in f.status_history
        ),
        *(f"- Changed {e.at}: {e.field} “{_md(e.before)}” → “{_md(e.after)}”" for e in f.edits),
        "",
        "## Consent",
        "",
        f"- {_md(c.summary())}",
        f"- Filming: {c.filming}; watched in sessions: {c.watch_in_sessions}; supervisor: "
        f"{c.supervisor}; peer group: {c.peer_group}; training events: {c.training_events}; "
        f"family copies: {c.family_copies}",
        f"- Erase recordings by: {c.erase_by or '—'}",
        "",
    ]

    out += ["## Helping questions", ""]
    for q in record.questions:
        retired = " (no longer used)" if q.retired else ""
        owner = f" ({_md(whose(q.owner, 'question'))})" if q.owner else ""
        out.append(
            f"- {_md(q.text)}{owner}{retired} — hoping for "
            f"{q.hoped_for if q.hoped_for is not None else '—'}"
        )
        for old in q.earlier_wordings:
            out.append(f"  - Worded until {old.until[:10]} as: “{_md(old.text)}”")
        counted = record.counted_ratings(q)
        for rating in q.ratings:
            cycle = f", cycle {rating.cycle}" if rating.cycle else ""
            by = f", by {_md(rating.by)}" if rating.by else ""
            line = f"  - {rating.at[:10]}: {rating.value}/10 ({rating.kind}{cycle}{by})"
            if not any(rating is kept for kept in counted):
                line += f" — {REPLACED}"
            out.append(line)
    if not record.questions:
        out.append("None.")
    out.append("")

    clips = {clip.id: clip for clip in record.clips}
    out += ["## Sessions", ""]
    carried_on = {s.continues: s for s in record.sessions if s.continues}
    for s in sorted(record.sessions, key=lambda s: (s.date, s.created_at)):
        done = "" if s.completed else " (not finished)"
        if s.id in carried_on:  # its words stay under its day; the rest came later
            done = f" (continued on {carried_on[s.id].date})"
        if not s.held:
            done = f" ({s.attendance.label}: {_md(s.attendance_reason)})"
        out += [f"### {s.date} – {_md(s.title())}{done}", ""]
        out += [
            f"- Goal for the future: {_md(g.text)}" + (f" ({_md(g.by)})" if g.by else "")
            for g in s.future_goals
        ]
        for label, value in (
            ("Shared notes", s.shared_notes),
            ("Keep doing", s.keep_doing),
            ("Private notes *(practitioner only)*", s.private_notes),
            ("Guidance reflection *(practitioner only)*", s.guidance_reflection),
        ):
            if value.strip():
                out += [f"{label}:", "", *_block(value), ""]
        for r in record.reflections_for(s.id):
            about = ""
            if r.clip_id and r.clip_id in clips:
                about = f" (clip {clips[r.clip_id].span_text()})"
            who = f" – {_md(r.speaker)}" if r.speaker else ""
            out.append(f"- {_md(r.asked)}{about}{who}: “{_md(r.family_words)}”")
            if r.practitioner_note.strip():
                out.append(f"  - *(practitioner only)* {_md(r.practitioner_note)}")
        out.append("")
    orphans = [r for r in record.reflections if record.session(r.session_id) is None]
    if orphans:
        out += ["### Words not linked to a session", ""]
        out += [f"- {_md(r.asked)}: “{_md(r.family_words)}”" for r in orphans]
        out.append("")

    out += ["## Films and clips", ""]
    for film in record.films:
        out.append(
            f"- Cycle {film.cycle} film: {_md(film.path)} (recorded {film.recorded_on or '—'})"
        )
    for clip in sorted(record.clips, key=lambda x: (x.cycle, x.start_ms)):
        out.append(f"- Cycle {clip.cycle} clip {clip.span_text()}: {_md(clip.title) or '—'}")
        if clip.principles:
            out.append(f"  - Principles: {_md(', '.join(clip.principles))}")
        if clip.chain_note.strip():
            out.append(f"  - Initiative → reception: {_md(clip.chain_note)}")
        if clip.micro_note.strip():
            out.append(f"  - Micro-analysis *(practitioner only)*: {_md(clip.micro_note)}")
        for still in clip.stills:
            out.append(f"  - Still at {still.at_ms} ms: {_md(still.path)}")
    if not record.films and not record.clips:
        out.append("None.")
    out.append("")

    out += ["## Questionnaires", ""]
    for adm in sorted(record.administrations, key=lambda a: a.at):
        view = score_administration(packs, adm)
        total = view.total if view.total is not None else "—"
        state = "" if adm.completed else " (not finished)"
        by = f", filled in by {_md(adm.respondent)}" if adm.respondent else ""
        out.append(
            f"- {adm.at[:10]} {_md(adm.questionnaire_id)} v{_md(adm.version)} "
            f"({_md(adm.timepoint)}{by}){state}: total {total}"
        )
        answers = ", ".join(f"{_md(k)}={_md(v)}" for k, v in adm.answers.items())
        if answers:
            out.append(f"  - Answers: {answers}")
        for acted in adm.acted_on:
            out.append(
                f"  - *(practitioner only)* Alert {_md(acted.alert_id)} dealt with on "
                f"{_md(acted.on)}: {_md(acted.action)}"
            )
    if not record.administrations:
        out.append("None.")
    out.append("")

    out += ["## Ending letters", ""]
    for letter in record.letters:
        out += [f"Last changed {letter.updated_at}:", "", *_block(letter.markdown), ""]
    if not record.letters:
        out += ["None.", ""]
    final = record.sessions_of(SessionKind.FINAL_MEETING)
    if final:
        out += [f"_Final meeting: {final[0].date}_", ""]
    return "\n".join(out).rstrip() + "\n"
