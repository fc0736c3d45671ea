"""What can go wrong talking to the Loyalty server, as types the caller can act on.

The split follows docs/API.md "Client classification" and answers one question for the caller:

- :class:`Unavailable`: the server could not give an answer (connection, timeout, 5xx, 429,
  ``409 IDEMPOTENCY_IN_PROGRESS``). The outcome of a write may be unknown: retry with the same
  idempotency key, or queue it. ``maybe_applied`` is False only when the request surely never
  reached the server (the connection was never made).
- :class:`Refused`: the server said no for a business reason (stable ``code``); tell the cashier.
- :class:`Unauthorized`: the terminal's token is missing, wrong or of another loyalty group.
- :class:`ProtocolError`: the answer does not match the contract; a bug on one side, never a raw
  ``KeyError``/``JSONDecodeError`` escaping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ApiError(Exception):
    """Base of every error the API client raises.

    Args:
        message: plain words describing the failure (safe to show; never holds the token).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unavailable(ApiError):  # noqa: N818 - names of the contract
    """The server could not be reached or could not answer now; retrying later may succeed.

    Args:
        message: what happened ("connection refused", "timed out", "server error 503").
        maybe_applied: True when a write may have been applied (the request may have reached the
            server); False when it surely never left this terminal.
        retry_after: seconds the server asked us to wait (``Retry-After``), if it said.
        status: the HTTP status, when there was an answer at all.
    """

    def __init__(
        self,
        message: str,
        *,
        maybe_applied: bool = True,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.maybe_applied = maybe_applied
        self.retry_after = retry_after
        self.status = status


class Refused(ApiError):  # noqa: N818 - names of the contract
    """A business refusal with the server's stable code (``INSUFFICIENT_FUNDS``, ``BLOCKED``...).

    Args:
        code: the stable error code of docs/API.md.
        message: the server's human message.
        details: the server's ``details`` object (may be empty).
        status: the HTTP status (4xx), when it came from the server.
    """

    def __init__(
        self,
        code: str,
        message: str,
        details: Mapping[str, Any] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.details: Mapping[str, Any] = dict(details or {})
        self.status = status

    def __str__(self) -> str:
        return self.message


class Unauthorized(ApiError):  # noqa: N818 - names of the contract
    """The server does not accept this terminal's token (401)."""


class ProtocolError(ApiError):
    """A response that does not match the contract (wrong status, non-JSON, wrong shape).

    Args:
        message: what did not match, naming the field when there is one.
    """
