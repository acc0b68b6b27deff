"""How bytes are kept on disk: plain JSON, or sealed by an encryption codec.

A codec turns the serialised JSON into the bytes written to disk and back.
The plain codec is the identity. Encryption at rest plugs in here, so every
store file, backup and still goes through one code path.
"""

from __future__ import annotations

from typing import Protocol


class Codec(Protocol):
    name: str

    def seal(self, plain: bytes) -> bytes: ...

    def open(self, sealed: bytes) -> bytes: ...


#: how every file sealed by vig's encryption begins
SEALED_MAGIC = b"VIGC1"


class NoKeyError(ValueError):
    """A sealed file met the plain codec: the store's key file is missing."""


class PlainCodec:
    name = "plain"

    def seal(self, plain: bytes) -> bytes:
        return plain

    def open(self, sealed: bytes) -> bytes:
        if sealed.startswith(SEALED_MAGIC):
            raise NoKeyError(
                "it is encrypted, but the store has no key file (vig.key); put vig.key back "
                "from a backup of the store folder (without it the store cannot be opened)"
            )
        return sealed


PLAIN = PlainCodec()
