"""Consent, privacy and erasure: the videos belong to the people in them.

Core code only (no Textual): consent rules the journey screens call, erasure,
clip copies for the family, hand-over bundles, passphrase prompts for the
command line, and the words used to show the audit log.
"""

from .consent import (
    check_may_copy,
    check_may_film,
    check_may_play,
    check_may_watch_together,
    default_erase_by,
    families_past_erase_by,
    save_consent,
)
from .errors import PrivacyError

__all__ = [
    "PrivacyError",
    "check_may_copy",
    "check_may_film",
    "check_may_play",
    "check_may_watch_together",
    "default_erase_by",
    "families_past_erase_by",
    "save_consent",
]
