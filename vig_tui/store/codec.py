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


class PlainCodec:
    name = "plain"

    def seal(self, plain: bytes) -> bytes:
        return plain

    def open(self, sealed: bytes) -> bytes:
        return sealed


PLAIN = PlainCodec()
