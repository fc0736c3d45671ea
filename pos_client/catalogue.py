"""Series catalogue: synced from ``GET /series`` into SQLite; identifies numbers offline (DESIGN.md §2)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pos_client.domain import Series


class Reason(enum.StrEnum):
    """Why a number was not identified, most basic first."""

    EMPTY = "EMPTY"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    UNKNOWN_PREFIX = "UNKNOWN_PREFIX"
    WRONG_LENGTH = "WRONG_LENGTH"
    BAD_CHECK_DIGIT = "BAD_CHECK_DIGIT"
    NOT_ACCEPTED_HERE = "NOT_ACCEPTED_HERE"
    NOT_ISSUABLE_HERE = "NOT_ISSUABLE_HERE"


@dataclass(frozen=True)
class Identification:
    """The answer of identification: a series, or the precise reason there is none.

    ``number`` is the normalised number either way. For NOT_ACCEPTED_HERE / NOT_ISSUABLE_HERE the
    series is known and set too; ``ok`` tells whether the number may be used here.
    """

    number: str
    series: Series | None
    reason: Reason | None = None

    @property
    def ok(self) -> bool:
        """True when the number belongs to a series usable here for the asked purpose."""
        return self.series is not None and self.reason is None


class Catalogue:
    """Placeholder; filled in by the next commit."""
