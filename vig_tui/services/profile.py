"""The practitioner's profile: read it (for letters and exports) and change it."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..domain.profile import PractitionerProfile
from ..errors import VigError
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
    for name, value in fields.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(
                f"the {name} holds bytes that are not text (check the terminal's encoding)"
            ) from None
    current = load_profile(store)
    try:
        profile = PractitionerProfile.model_validate({**current.model_dump(), **fields})
    except ValidationError as err:  # pydantic's own wording is for programmers
        raise ValueError(_plain(err)) from None
    return save_profile(store, profile)


def last_export_folder(store: Store) -> str:
    """The folder the last thing made for a family went to (the ending letter,
    the moments booklet, the clips: often one stick the family takes home), offered
    again by every export dialog; "" before the first, or when the profile
    cannot be read (the dialog then asks for a folder)."""
    try:
        return load_profile(store).export_folder
    except VigError:
        return ""


def remember_export_folder(store: Store, folder: Path) -> str | None:
    """Keep `folder` to be offered next time; a sentence to show when it could not
    be kept (what was exported is written all the same)."""
    try:
        update_profile(store, export_folder=str(folder))
    except (VigError, ValueError) as err:
        return f"It is written, but its folder could not be kept for next time: {err}"
    return None


def _plain(err: ValidationError) -> str:
    """Each problem as "the FIELD: what to do" (one line)."""
    parts = []
    for problem in err.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "profile"
        message = str(problem["msg"]).removeprefix("Value error, ")
        parts.append(f"the {field}: {message}")
    return "; ".join(parts)


__all__ = [
    "PractitionerProfile",
    "last_export_folder",
    "practitioner_profile",
    "remember_export_folder",
    "update_profile",
]
