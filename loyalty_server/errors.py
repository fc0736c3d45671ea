"""The one error type of the API and its JSON shape (docs/API.md "Errors")."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An expected refusal: becomes ``{"error": {"code", "message", "details"}}`` with ``status``."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details: dict[str, Any] = details or {}

    def body(self) -> dict[str, Any]:
        """The JSON body of this error."""
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON error body for a code that is not raised as an :class:`ApiError`."""
    return {"error": {"code": code, "message": message, "details": details or {}}}
