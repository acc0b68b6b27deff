"""Exports: the ending letter, a family's whole record, and outcomes across families.

Core code (no Textual, no Rich). The command line lives in :mod:`.cli`.
"""

from .letter import LetterDraft, current_letter, draft_letter, letter_markdown, render_html
from .outcomes_csv import outcome_rows, outcomes_csv
from .record import record_from_dict, record_from_json, record_json, record_markdown, record_to_dict

__all__ = [
    "LetterDraft",
    "current_letter",
    "draft_letter",
    "letter_markdown",
    "outcome_rows",
    "outcomes_csv",
    "record_from_dict",
    "record_from_json",
    "record_json",
    "record_markdown",
    "record_to_dict",
    "render_html",
]
