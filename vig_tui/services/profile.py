"""The practitioner's profile: read it (for letters and exports) and change it."""

from __future__ import annotations

from ..domain.profile import PractitionerProfile
from ..store import Store
from ..store.profile import load_profile, save_profile


def practitioner_profile(store: Store) -> PractitionerProfile:
    """The saved profile (an empty one if none was set; raises for a corrupt file)."""
    return load_profile(store)


def update_profile(store: Store, **fields: str) -> PractitionerProfile:
    """Change some fields of the profile; validated and written before it is returned."""
    known = {"name", "role", "service", "contact", "signature", "prompts", "export_folder"}
    unknown = set(fields) - known
    if unknown:
        raise ValueError(f"a profile has no field {', '.join(sorted(unknown))}")
    current = load_profile(store)
    return save_profile(
        store, PractitionerProfile.model_validate({**current.model_dump(), **fields})
    )


__all__ = ["PractitionerProfile", "practitioner_profile", "update_profile"]
