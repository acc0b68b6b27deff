"""The practitioner's own profile: who signs the letters and exports."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .family import Model
from .ids import now_iso

#: how a letter closes when the practitioner has not given their own closing line
DEFAULT_CLOSING = "With warm wishes,"
#: longest a profile field may be (one line each; the signature may have a few)
FIELD_MAX = 200


class PractitionerProfile(Model):
    name: str = ""
    role: str = ""  # e.g. "VIG guider, family support worker"
    service: str = ""  # the team or organisation
    contact: str = ""  # phone or email the family may use
    #: an optional closing line, e.g. "Thank you for letting me share this"; it takes
    #: the place of DEFAULT_CLOSING, so a letter never closes twice
    signature: str = ""
    #: which prompts the meetings offer: the packs' core set (shorter) or all of them
    prompts: Literal["core", "all"] = "core"
    export_folder: str = ""  # where the last letter, booklet or clips went, offered next time
    updated_at: str = Field(default_factory=now_iso)

    @field_validator("name", "role", "service", "contact")
    @classmethod
    def _one_line(cls, value: str) -> str:
        value = " ".join(value.split())
        if len(value) > FIELD_MAX:
            raise ValueError(f"keep it under {FIELD_MAX} characters")
        return value

    @field_validator("signature")
    @classmethod
    def _short(cls, value: str) -> str:
        value = value.strip()
        if len(value) > FIELD_MAX * 2:
            raise ValueError(f"keep the signature line under {FIELD_MAX * 2} characters")
        return value

    @field_validator("export_folder")
    @classmethod
    def _folder(cls, value: str) -> str:
        if any(ch in value for ch in "\n\r\x00"):
            raise ValueError("a folder is one line")
        return value

    @property
    def empty(self) -> bool:
        return not (self.name or self.role or self.service or self.contact)

    @property
    def closing(self) -> str:
        """The line a letter closes with: the practitioner's own, or the default."""
        return self.signature or DEFAULT_CLOSING

    def sign_off(self) -> list[str]:
        """The lines under the letter's closing, in order (empty lines left out)."""
        return [line for line in (self.name, self.role, self.service, self.contact) if line]
