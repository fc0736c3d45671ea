"""Backpressure: a bounded number of HTTP requests in flight per worker; past it, ``429``.

Under a surge (a chain's tills coming back after an outage) a server that takes every request builds
a queue it cannot drain: each request waits longer, terminals time out and retry, and the load only
grows. This middleware refuses what it cannot start at once with ``429 RATE_LIMITED`` and a
``Retry-After``; the terminal treats that as "outcome unknown, nothing applied" and retries later
with the same idempotency key (docs/API.md "Errors"), so a refusal for load is never a lost operation
and never a 5xx.

It is a pure ASGI middleware (no request body is read, no response buffered): the counter is
incremented before the application sees the request and decremented when its response has been
sent (or the application failed). The event loop runs on one thread, so a plain integer suffices.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from loyalty_server.context import SUBREQUEST
from loyalty_server.errors import error_body
from loyalty_server.idempotency import json_bytes

#: Seconds a refused terminal is asked to wait before it tries again.
DEFAULT_RETRY_AFTER = 1


class Backpressure:
    """Answer ``429`` + ``Retry-After`` to an HTTP request that would exceed ``max_in_flight``."""

    def __init__(self, app: ASGIApp, max_in_flight: int, retry_after: int = DEFAULT_RETRY_AFTER) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        self.app = app
        self.max_in_flight = max_in_flight
        self.retry_after = retry_after
        self.in_flight = 0
        self._refusal = json_bytes(
            error_body(
                "RATE_LIMITED",
                "The server is busy; nothing was applied. Retry after the time in Retry-After.",
                {"retryAfterSeconds": retry_after},
            )
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # lifespan (and websockets, if ever) pass untouched, and a batch item (its batch holds its place)
        if scope["type"] != "http" or SUBREQUEST in scope:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            await self._refuse(send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    async def _refuse(self, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(self._refusal)).encode("ascii")),
                    (b"retry-after", str(self.retry_after).encode("ascii")),
                ],
            }
        )
        await send({"type": "http.response.body", "body": self._refusal})
