"""Synchronous HTTP client of the Loyalty API (docs/API.md), over httpx.

Design:

- One ``httpx.Client`` per terminal with the loyalty-group base URL, the terminal's bearer token,
  explicit connect/read timeouts and TLS verification always on (optionally against a CA bundle).
- The transport is injectable: ``httpx.MockTransport`` in unit tests, the real network otherwise.
- ``get_json`` / ``post_json`` do the HTTP and the error classification of docs/API.md; the typed
  methods parse answers into ``pos_client.domain`` values with ``pos_client.api.parse``.
- Writes carry the caller's idempotency key (the operation id); this client never invents one for a
  write, so a retry is always the same operation. (``quote`` has no effect and makes its own.)
- Transient faults are retried at once, same request and key, within the operation's deadline
  (``pos_client.api.retry``); only the last fault reaches the caller.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import ssl
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from pos_client.api import parse, retry
from pos_client.api.errors import ApiError, ProtocolError, Refused, Unauthorized, Unavailable
from pos_client.domain import (
    Consent,
    Customer,
    DayReport,
    Instrument,
    Kind,
    PointsQuote,
    Series,
    Terminal,
    Transaction,
)

API_PREFIX = "/api/v1/pos/loyaltyGroups/"

T = TypeVar("T")

# The collection path of each instrument kind.
KIND_PATHS: dict[Kind, str] = {
    Kind.GIFTCARD: "giftcards",
    Kind.STORECREDIT: "storecredits",
    Kind.COUPON: "coupons",
    Kind.LOYALTYCARD: "loyaltycards",
}


# A proxy's answers when the Loyalty server behind it is down: the server itself was not reached.
GATEWAY_DOWN = frozenset({502, 503, 504})
# A batch item the server did not attempt (an earlier item of its chain failed): send it again later.
NOT_ATTEMPTED = 424


def segment(value: str) -> str:
    """``value`` escaped as one path segment (numbers and ids never change the path's shape)."""
    return quote(value, safe="")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        # RFC 9110 also allows an HTTP date (proxies send those): the wait is until then.
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    return seconds if 0 <= seconds < 86400 * 30 else None


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("Content-Type", "")).split(";", 1)[0].strip().lower()


def _json_body(response: httpx.Response, what: str) -> Any:
    """The JSON of ``response``, or ProtocolError when it is not labelled or not readable as JSON."""
    media = _media_type(response)
    if media != "application/json" and not (media.startswith("application/") and media.endswith("+json")):
        raise ProtocolError(
            f"HTTP {response.status_code} {what} is not JSON (Content-Type {media or 'missing'})"
        )
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):
        raise ProtocolError(f"HTTP {response.status_code} {what} is not valid JSON") from None


def _error_body(response: httpx.Response) -> tuple[str, str, Mapping[str, Any]]:
    """The ``{"error": {code, message, details}}`` of a refusal, or ProtocolError."""
    data = _json_body(response, "error body")
    error = parse.Obj(data).obj("error")
    details = error.opt_obj("details")
    code = error.text("code")
    if not code:
        raise ProtocolError("error.code: empty")
    return code, error.text("message"), dict(details._data) if details is not None else {}


def _as_is(data: Any) -> Any:
    return data


def _classify(response: httpx.Response) -> Any:
    """The JSON of a 2xx answer, or the typed error of any other (docs/API.md "Errors")."""
    status = response.status_code
    if 200 <= status < 300:
        return _json_body(response, "answer")
    if status == 401:
        raise Unauthorized("the server does not accept this terminal's token")
    if status == 429:
        raise Unavailable("the server is busy (rate limited)", retry_after=_retry_after(response), status=429)
    if 500 <= status < 600:
        raise Unavailable(f"server error {status}", retry_after=_retry_after(response), status=status)
    if 400 <= status < 500:
        code, message, details = _error_body(response)
        if status == 409 and code == "IDEMPOTENCY_IN_PROGRESS":
            raise Unavailable(message or "the operation is still in progress", status=409)
        raise Refused(code, message, details, status=status)
    raise ProtocolError(f"unexpected HTTP status {status}")


def _item_answer(sent: Mapping[str, Any], answer: Any, where: str) -> Any | ApiError | None:
    """One item of a batch's answer, as its own request's answer would be classified."""
    o = parse.Obj(answer, where)
    if o.text("idempotencyKey") != sent["idempotencyKey"]:
        raise ProtocolError(f"{where}.idempotencyKey: not the key of the item sent in its place")
    status = o.integer("status")
    body = o.obj("body")
    if status == NOT_ATTEMPTED:
        return None
    response = httpx.Response(status, json=dict(body._data), headers={"Content-Type": "application/json"})
    try:
        return _classify(response)
    except ApiError as exc:
        return exc


class LoyaltyClient:
    """The Loyalty API of one loyalty group, as one terminal (token) sees it.

    Args:
        server: the server's base URL, e.g. ``https://loyalty.example.com``.
        loyalty_group: the tenant; every path is under it.
        token: the terminal's bearer token (kept in memory only, never logged).
        ca_bundle: a PEM file of CAs to trust instead of the system's (verification stays on).
        connect_timeout: seconds to establish a connection.
        read_timeout: seconds to wait for an answer.
        transport: an httpx transport (``httpx.MockTransport`` in tests); default the network.
        retry_policy: deadline and spacing of the immediate retries of one call or operation.
        on_reach: told after every request whether the server answered (``True``, whatever it said,
            except a gateway's 502/503/504) or could not be reached (``pos_client.reachability``).
    """

    def __init__(
        self,
        server: str,
        loyalty_group: str,
        token: str,
        *,
        ca_bundle: Path | None = None,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        retry_policy: retry.RetryPolicy | None = None,
        on_reach: Callable[[bool], None] | None = None,
    ) -> None:
        self.server = server.rstrip("/")
        self.retry_policy = retry_policy or retry.RetryPolicy()
        # Called after each successful answer (the core refreshes the offline limits then).
        self.on_success: Callable[[], None] | None = None
        self.on_reach = on_reach
        self.loyalty_group = loyalty_group
        self.group_url = f"{self.server}{API_PREFIX}{segment(loyalty_group)}"
        self._make_http: Callable[[], httpx.Client] = lambda: httpx.Client(
            base_url=self.group_url,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            verify=ssl.create_default_context(cafile=str(ca_bundle)) if ca_bundle is not None else True,
            transport=transport,
            follow_redirects=False,
        )
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    @property
    def _http(self) -> httpx.Client:
        """The connection pool, made on first use: building its TLS context costs ~0.3 s, which the app
        pays on a worker thread after its window is shown rather than before."""
        with self._lock:
            if self._client is None:
                self._client = self._make_http()
            return self._client

    def close(self) -> None:
        """Close the connection pool."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> LoyaltyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP -----------------------------------------------------------------------------------

    def _send(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._send_once(request)
        except Unavailable:
            self._reached(False)
            raise
        self._reached(response.status_code not in GATEWAY_DOWN)
        return response

    def _reached(self, online: bool) -> None:
        if self.on_reach is not None:
            self.on_reach(online)

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._http.send(request)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise Unavailable(f"cannot connect to the server: {exc}", maybe_applied=False) from None
        except httpx.TimeoutException:
            raise Unavailable("the server did not answer in time", maybe_applied=True) from None
        except httpx.TransportError as exc:
            raise Unavailable(f"connection to the server failed: {type(exc).__name__}") from None
        except httpx.HTTPError as exc:
            raise ProtocolError(f"unreadable answer: {type(exc).__name__}") from None

    def retrying(self, call: Callable[[], T]) -> T:
        """``call()`` (requests and the parsing of their answers) under the running operation's
        deadline, or a deadline of its own: transient faults are tried again with the same request.

        Raises:
            ApiError: the last fault (see ``pos_client.api.retry.run``).
        """
        deadline = retry.current_deadline()
        if deadline is not None:
            return retry.run(call, deadline)
        with retry.operation(self.retry_policy) as own:
            return retry.run(call, own)

    def _answer(self, response: httpx.Response) -> Any:
        """The JSON of a 2xx answer, or the typed error of any other."""
        data = _classify(response)
        if self.on_success is not None:
            self.on_success()
        return data

    def get_json(
        self, path: str, params: Mapping[str, str] | None = None, *, timeout: httpx.Timeout | None = None
    ) -> Any:
        """GET ``path`` (relative to the loyalty-group URL) and return its JSON (``timeout``: this
        request's own, instead of the client's).

        Raises:
            Unavailable, Refused, Unauthorized, ProtocolError: see ``pos_client.api.errors``.
        """
        return self.get_parsed(path, _as_is, params, timeout=timeout)

    def get_parsed(
        self,
        path: str,
        parse_answer: Callable[[Any], T],
        params: Mapping[str, str] | None = None,
        *,
        timeout: httpx.Timeout | None = None,
    ) -> T:
        """GET ``path`` and parse its JSON with ``parse_answer``; an answer that does not parse is
        tried again like any transient fault.

        Raises:
            Unavailable, Refused, Unauthorized, ProtocolError: see ``pos_client.api.errors``.
        """
        extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        request = self._http.build_request("GET", path, params=dict(params or {}), **extra)
        return self.retrying(lambda: parse_answer(self._answer(self._send(request))))

    def post_json(self, path: str, body: Mapping[str, Any], *, idempotency_key: str) -> Any:
        """POST ``body`` to ``path`` with ``Idempotency-Key: idempotency_key`` and return the JSON.

        Raises:
            Unavailable, Refused, Unauthorized, ProtocolError: see ``pos_client.api.errors``.
        """
        return self.post_parsed(path, body, _as_is, idempotency_key=idempotency_key)

    def post_parsed(
        self, path: str, body: Mapping[str, Any], parse_answer: Callable[[Any], T], *, idempotency_key: str
    ) -> T:
        """POST ``body`` with ``Idempotency-Key`` and parse the JSON answer with ``parse_answer``. A
        transient fault, an unreadable answer included, is tried again with the same key: the server
        applies the operation once and answers a repeat with its first answer.

        Raises:
            Unavailable, Refused, Unauthorized, ProtocolError: see ``pos_client.api.errors``.
        """
        content = json.dumps(dict(body), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        request = self._http.build_request(
            "POST",
            path,
            content=content,
            headers={"Content-Type": "application/json", "Idempotency-Key": idempotency_key},
        )
        return self.retrying(lambda: parse_answer(self._answer(self._send(request))))

    def post_batch(
        self, path: str, items: Sequence[Mapping[str, Any]], *, idempotency_key: str
    ) -> list[Any | ApiError | None]:
        """POST ``items`` to the batch endpoint at ``path`` (docs/API.md "Batch delivery"), each
        ``{idempotencyKey, method, path, body, chain}``; classify each item's answer as its own
        request's: its JSON (2xx), the typed error that answer means (``Refused``, ``Unavailable``...),
        or None when the server did not attempt it (``424 NOT_ATTEMPTED``).

        The batch's own transient faults are tried again with the same request (the items' keys make
        that safe) within the running deadline.

        Raises:
            Unavailable, Refused, Unauthorized, ProtocolError: the batch's own answer (``Refused`` with
                status 404 or 405: this server has no batch endpoint there).
        """
        content = json.dumps({"items": list(items)}, separators=(",", ":"), ensure_ascii=False).encode()
        request = self._http.build_request(
            "POST",
            path,
            content=content,
            headers={"Content-Type": "application/json", "Idempotency-Key": idempotency_key},
        )

        def once() -> list[Any | ApiError | None]:
            answers = parse.Obj(self._answer(self._send(request))).items("items")
            if len(answers) != len(items):
                raise ProtocolError(f"items: {len(answers)} answers to {len(items)} operations")
            pairs = enumerate(zip(items, answers, strict=True))
            return [_item_answer(sent, answer, f"items[{i}]") for i, (sent, answer) in pairs]

        return self.retrying(once)

    # -- typed reads ----------------------------------------------------------------------------

    def terminal(self, *, timeout: httpx.Timeout | None = None) -> Terminal:
        """``GET /terminal``: who this terminal is (``timeout``: e.g. a short one for a probe)."""
        return parse.terminal(self.get_json("/terminal", timeout=timeout))

    def series(self, etag: str | None = None) -> tuple[tuple[Series, ...] | None, str | None]:
        """``GET /series``; with ``etag``, ``(None, etag)`` when the server answers 304 Not Modified.

        Returns:
            The series (None when unchanged) and the ETag to send next time.
        """
        headers = {"If-None-Match": etag} if etag else {}
        request = self._http.build_request("GET", "/series", headers=headers)

        def once() -> tuple[tuple[Series, ...] | None, str | None]:
            response = self._send(request)
            if response.status_code == 304 and etag:
                return None, etag
            return parse.series_list(self._answer(response)), response.headers.get("ETag")

        return self.retrying(once)

    def instrument(self, kind: Kind, number: str) -> Instrument:
        """``GET /{giftcards|storecredits|coupons|loyaltycards}/{number}``; checks the kind answered."""
        result = self.get_parsed(f"/{KIND_PATHS[kind]}/{segment(number)}", parse.instrument)
        if result.kind is not kind:
            raise ProtocolError(f"kind: asked for a {kind.value}, got a {result.kind.value}")
        return result

    def transactions(self, instrument_id: str) -> tuple[Transaction, ...]:
        """``GET /instruments/{id}/transactions``, newest first."""
        return self.get_parsed(f"/instruments/{segment(instrument_id)}/transactions", parse.transactions)

    def find_customers(
        self, *, phone: str | None = None, email: str | None = None, card: str | None = None
    ) -> tuple[Customer, ...]:
        """``GET /customers?phone=|email=|card=``."""
        params = {k: v for k, v in (("phone", phone), ("email", email), ("card", card)) if v}
        return self.get_parsed("/customers", parse.customers, params)

    def customer(self, customer_id: str) -> Customer:
        """``GET /customers/{id}``."""
        return self.get_parsed(f"/customers/{segment(customer_id)}", parse.customer)

    def consent_history(self, customer_id: str) -> tuple[Consent, ...]:
        """``GET /customers/{id}/consents``: every consent answer, oldest first."""
        return parse.consent_history(self.get_json(f"/customers/{segment(customer_id)}/consents"))

    def day_report(self, date: dt.date | None = None) -> DayReport:
        """``GET /reports/day?date=``."""
        params = {"date": date.isoformat()} if date else {}
        return self.get_parsed("/reports/day", parse.day_report, params)

    def quote(self, number: str, body: Mapping[str, Any]) -> PointsQuote:
        """``POST /loyaltycards/{number}/_quote`` (no effect; a fresh idempotency key each time)."""
        return self.post_parsed(
            f"/loyaltycards/{segment(number)}/_quote",
            body,
            parse.points_quote,
            idempotency_key=str(uuid.uuid4()),
        )


__all__ = ["KIND_PATHS", "ApiError", "LoyaltyClient", "segment"]
