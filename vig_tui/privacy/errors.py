"""Errors from privacy actions: one line a practitioner can act on."""

from __future__ import annotations

from ..store import StoreError


class PrivacyError(StoreError):
    """A privacy rule or action said no; `str(err)` says why and what to do."""
