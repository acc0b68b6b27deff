"""The ending letter with the family's stills, only when they may keep them.

The letter's Markdown holds a line per still (``![…](stills/<file>)``). Those
lines are written into a draft, and turned into pictures on the page, only
while the family's consent to keep copies of their clips stands; without it
a draft has no such lines and the page leaves any it finds out. The page
shows only stills of a clip's moment, as the room does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import FamilyRecord
from ..domain.profile import PractitionerProfile
from ..domain.rules.stills import stills_of_moment
from ..export.letter import LetterDraft, draft_letter, letter_markdown, render_html
from ..export.letter_page import markdown_file
from ..export.stills_html import ReadStill
from ..privacy.consent import check_may_copy
from .stills import StillRefused, read_still_bytes

if TYPE_CHECKING:
    from ..store import Store
    from .session import FamilySession


def may_keep_stills(record: FamilyRecord) -> bool:
    """The family agreed to keep copies of their clips, and so of their stills."""
    return check_may_copy(record.consent) is None


def draft_for_family(
    record: FamilyRecord, packs: object | None, profile: PractitionerProfile | None = None
) -> LetterDraft:
    """A fresh draft, with the stills when the family may keep them."""
    return draft_letter(record, packs, profile=profile, stills=may_keep_stills(record))


def saved_or_draft(
    record: FamilyRecord,
    packs: object | None,
    fresh: bool = False,
    profile: PractitionerProfile | None = None,
) -> tuple[str, list[str]]:
    """The saved letter or a new draft (with the stills when allowed), and what is missing."""
    return letter_markdown(record, packs, fresh, profile, stills=may_keep_stills(record))


def _reader(record: FamilyRecord, read: ReadStill) -> ReadStill | None:
    """The one gate for the stills a letter may carry, in every format: none
    without the copies consent; else only stills of a clip's moment."""
    if not may_keep_stills(record):
        return None
    # a letter written before a clip was trimmed may name a still now outside
    # its moment: by the one rule of what the family sees, it is left out
    seen = {still.path for clip in record.clips for still in stills_of_moment(clip)}

    def read_seen(name: str) -> bytes:
        if name not in seen:
            raise StillRefused(f"{name} is not a still of any clip's moment")
        return read(name)

    return read_seen


def _page(record: FamilyRecord, markdown: str, read: ReadStill) -> str:
    return render_html(markdown, read_still=_reader(record, read))


def letter_file(session: FamilySession, markdown: str) -> str:
    """The letter as a Markdown file, carrying the same stills as its page."""
    return markdown_file(markdown, _reader(session.record, session.stills.read))


def letter_file_in(store: Store, family_id: str, markdown: str) -> str:
    """The same, for a family read straight from the store (the command line)."""
    folder = store.family_folder(family_id)
    record = store.read_family(family_id)
    read = _reader(record, lambda name: read_still_bytes(store, folder, name))
    return markdown_file(markdown, read)


def letter_page(session: FamilySession, markdown: str) -> str:
    """The letter as a print-ready page, with its stills only under the consent."""
    return _page(session.record, markdown, session.stills.read)


def letter_page_in(store: Store, family_id: str, markdown: str) -> str:
    """The same, for a family read straight from the store (the command line)."""
    folder = store.family_folder(family_id)
    record = store.read_family(family_id)
    return _page(record, markdown, lambda name: read_still_bytes(store, folder, name))
