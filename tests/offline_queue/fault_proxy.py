"""A small fault-injecting HTTP proxy on loopback, for the offline fault tests.

A real TCP listener in a thread that forwards HTTP/1.1 requests to an upstream server and can, per
request, inject one fault:

- ``PASS``: forward and relay the response;
- ``UNAVAILABLE``: answer ``503`` with ``Retry-After`` itself, without forwarding;
- ``DROP_RESPONSE``: forward (the server applies the operation), then close the connection without
  relaying the answer: the client cannot know whether it was applied;
- ``SLOW``: forward, then hold the answer for ``delay`` seconds (past the client's timeout);
- ``RESET``: close the connection before forwarding (the request never reaches the server);
- ``GARBAGE``: forward (the server applies it), then answer 200 with a body that is not the contract
  (HTML, truncated JSON, or JSON of the wrong shape, in turn).

``mix(weights, seed)`` draws a fault for every request that no explicit rule takes (GETs and POSTs
alike), e.g. 25 % dropped answers, 15 % 503, 10 % garbage, 5 % stalls: a bad shop Wi-Fi. The
``Retry-After`` of injected 503s may be fractional (``retry_after=0.2``) to keep tests fast.

``down()`` closes the listener so that connections are refused (server down); ``up()`` reopens it on
the same port. Every request is logged in ``seen`` with the fault applied. Each response carries
``Connection: close`` so one connection carries one request (simple and deterministic).
"""

from __future__ import annotations

import contextlib
import enum
import http.client
import random
import socket
import socketserver
import struct
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO


class Fault(enum.Enum):
    PASS = "pass"
    UNAVAILABLE = "unavailable"
    DROP_RESPONSE = "drop_response"
    SLOW = "slow"
    RESET = "reset"
    GARBAGE = "garbage"


_GARBAGE_BODIES = (
    ("text/html", b"<html><body>502 Bad Gateway (captive portal)</body></html>"),
    ("application/json", b'{"operationId": "abc", "state": "appl'),
    ("application/json", b'{"status": "ok", "unexpected": [1, 2, 3]}'),
)


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    fault: Fault
    idempotency_key: str | None


Match = Callable[[str, str], bool]

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te"}


def _read_request(reader: BinaryIO) -> tuple[str, str, dict[str, str], bytes] | None:
    line = reader.readline(65537)
    if not line:
        return None
    method, path, _version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        raw = reader.readline(65537)
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip()] = value.strip()
    length = int(next((v for k, v in headers.items() if k.lower() == "content-length"), "0"))
    body = reader.read(length) if length else b""
    return method, path, headers, body


class FaultProxy:
    """The proxy. Use as a context manager or call :meth:`start` / :meth:`stop`.

    Args:
        upstream_host / upstream_port: where requests go.
        retry_after: the ``Retry-After`` seconds of injected 503s.
        delay: how long ``SLOW`` holds an answer.
    """

    def __init__(
        self, upstream_host: str, upstream_port: int, *, retry_after: float = 1, delay: float = 3.0
    ) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.retry_after = retry_after
        self.delay = delay
        self.port = 0
        self.seen: list[Seen] = []
        self._rules: deque[tuple[Fault, Match]] = deque()
        self._mix: list[tuple[Fault, float]] = []
        self._rng = random.Random(0)
        self._garbage = 0
        self._lock = threading.Lock()
        self._release = threading.Event()  # cuts SLOW answers short at stop()
        self._server: socketserver.ThreadingTCPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def inject(self, fault: Fault, count: int = 1, match: Match | None = None) -> None:
        """Apply ``fault`` to the next ``count`` requests that ``match(method, path)`` (default: POSTs)."""
        rule: Match = match or (lambda method, _path: method == "POST")
        with self._lock:
            for _ in range(count):
                self._rules.append((fault, rule))

    def mix(self, weights: dict[Fault, float], seed: int = 0) -> None:
        """Draw a fault for every request no rule takes: ``weights`` are probabilities (the rest
        passes). ``{}`` ends the mix."""
        with self._lock:
            self._mix = list(weights.items())
            self._rng = random.Random(seed)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._mix = []

    def faults_left(self) -> int:
        with self._lock:
            return len(self._rules)

    def posts(self, fault: Fault | None = None) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.method == "POST" and (fault is None or s.fault is fault)]

    def _take(self, method: str, path: str) -> Fault:
        with self._lock:
            for i, (fault, match) in enumerate(self._rules):
                if match(method, path):
                    del self._rules[i]
                    return fault
            draw = self._rng.random()
            for fault, weight in self._mix:
                if draw < weight:
                    return fault
                draw -= weight
        return Fault.PASS

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self.up()
        return self

    def up(self) -> None:
        """Listen (again) on the proxy's port."""
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                proxy._handle(self)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self._release.clear()
        self._server = Server(("127.0.0.1", self.port), Handler)
        self.port = int(self._server.server_address[1])
        server = self._server
        self._thread = threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.05), name="fault-proxy", daemon=True
        )
        self._thread.start()

    def down(self) -> None:
        """Stop listening: new connections are refused, as when the server is down."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def stop(self) -> None:
        self._release.set()
        self.down()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- one connection -------------------------------------------------------------------------

    def _handle(self, handler: socketserver.StreamRequestHandler) -> None:
        try:
            request = _read_request(handler.rfile)
        except (OSError, ValueError):
            return
        if request is None:
            return
        method, path, headers, body = request
        fault = self._take(method, path)
        key = next((v for k, v in headers.items() if k.lower() == "idempotency-key"), None)
        with self._lock:
            self.seen.append(Seen(method, path, fault, key))
        if fault is Fault.RESET:
            # linger 0: close with RST, as a broken network path does
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        if fault is Fault.UNAVAILABLE:
            body_503 = b'{"error": {"code": "UNAVAILABLE", "message": "injected", "details": {}}}'
            handler.wfile.write(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                + f"Retry-After: {self.retry_after}\r\nContent-Length: {len(body_503)}\r\n".encode()
                + b"Connection: close\r\n\r\n"
                + body_503
            )
            return
        status, reason, resp_headers, resp_body = self._forward(method, path, headers, body)
        if fault is Fault.DROP_RESPONSE:
            return  # the server applied it; the client never hears
        if fault is Fault.SLOW and self._release.wait(self.delay):
            return
        if fault is Fault.GARBAGE:
            with self._lock:
                media, resp_body = _GARBAGE_BODIES[self._garbage % len(_GARBAGE_BODIES)]
                self._garbage += 1
            status, reason, resp_headers = 200, "OK", [("Content-Type", media)]
        head = [f"HTTP/1.1 {status} {reason}"]
        head += [f"{k}: {v}" for k, v in resp_headers if k.lower() not in _HOP_BY_HOP | {"content-length"}]
        head += [f"Content-Length: {len(resp_body)}", "Connection: close"]
        # the client may have given up (timeout): exactly what a slow server causes
        with contextlib.suppress(OSError):
            handler.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + resp_body)

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            out = {k: v for k, v in headers.items() if k.lower() not in _HOP_BY_HOP}
            conn.request(method, path, body=body or None, headers=out)
            resp = conn.getresponse()
            return resp.status, resp.reason, resp.getheaders(), resp.read()
        finally:
            conn.close()
