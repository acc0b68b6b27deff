"""Typed errors raised by the packs package.

Two families of error exist:

* :class:`PackError` – something is wrong in a pack file.  It always knows the
  file, line and column, so ``str(error)`` reads ``FILE:LINE:COL: what is wrong``
  – the shape editors and terminals understand.
* :class:`ScoringError` (and its child :class:`AnswerError`) – a set of answers
  cannot be scored, for example an answer outside the allowed range.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import VigError


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file.  Lines and columns count from 1, as editors do."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class PackError(VigError):
    """A problem in a pack file, with the place where it was found."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(file, line, col, message)
        self.file = file
        self.line = line
        self.col = col
        self.message = message

    @classmethod
    def at(cls, where: Location, message: str) -> PackError:
        """Build an error pointing at ``where``."""
        return cls(where.file, where.line, where.col, message)

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.col)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"

    def __repr__(self) -> str:
        return f"PackError({str(self)!r})"


class ScoringError(VigError):
    """A set of answers could not be scored (unknown instrument, wrong version, ...)."""

    def __init__(self, message: str, *, questionnaire_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.questionnaire_id = questionnaire_id

    def __str__(self) -> str:
        return self.message


class AnswerError(ScoringError):
    """One answer does not fit its question: it names the question and what is allowed."""

    def __init__(
        self,
        message: str,
        *,
        questionnaire_id: str | None = None,
        item_id: str | None = None,
    ) -> None:
        super().__init__(message, questionnaire_id=questionnaire_id)
        self.item_id = item_id
