"""The ending letter as a Markdown file shows the same stills as its HTML page:
every picked still, inside the file, and none without the copies consent."""

from __future__ import annotations

from pathlib import Path

from tests.film_factory import MadeFilm
from tests.test_stills import PACKS, b64, family_with_stills
from vig_tui.cli import main
from vig_tui.services.letter import draft_for_family, letter_file, letter_page
from vig_tui.store import Store


def test_the_markdown_letter_carries_every_picked_still(
    store: Store, store_root: Path, tmp_path: Path, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"])
    session.stills.pick(session.record.clips[0].id, [names[0], names[2]])
    draft = draft_for_family(session.record, PACKS)
    page = letter_page(session, draft.markdown)
    shown = [b64(session, n) in page for n in names]
    assert shown == [True, False, True, False]
    text = letter_file(session, draft.markdown)
    assert [b64(session, n) in text for n in names] == shown
    assert "](stills/" not in text and "What we saw in your films" in text
    # the command line writes the same file
    out = tmp_path / "letter.md"
    label = session.record.family.label
    assert main(["--data-dir", str(store_root), "export", "letter", label, "-o", str(out)]) == 0
    assert [b64(session, n) in out.read_text() for n in names] == shown


def test_the_markdown_letter_has_no_stills_without_the_copies_consent(
    store: Store, test_films: dict[str, MadeFilm]
) -> None:
    session, names = family_with_stills(store, test_films["plain"], copies=False)
    written = f"# Our work together\n\n![A still]({names[0]})\n\nWith warm wishes,\n"
    text = letter_file(session, written)
    assert "stills/" not in text and "data:" not in text and "With warm wishes" in text
