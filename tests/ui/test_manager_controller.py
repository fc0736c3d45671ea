"""Queue rows as the manager sees them: the server's reason, masked numbers, what can be done."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from offline_queue.store import Entry, Reported, State
from pos_client.domain import Kind, OpType
from pos_client.operations import WriteOperation
from pos_client.queue_view import queue_row

CARD = "6033010000000017"


def entry(
    state: State, *, response: str | None = None, last_error: str | None = None, attention: bool = False
) -> Entry:
    op = WriteOperation(
        operation_id="op-1",
        type=OpType.LOAD,
        path=f"/giftcards/{CARD}/_load",
        body={"amount": "20.00"},
        instrument_key=CARD,
        kind=Kind.GIFTCARD,
        series_number="GC-PLN",
        amount=Decimal("20.00"),
        created=dt.datetime(2026, 11, 30, 7, 0, tzinfo=dt.UTC),
    )
    return Entry(
        seq=1, operation_id="op-1", instrument_key=CARD, payload=op.to_json(), amount=Decimal("20.00"),
        state=state, reported=Reported.QUEUED, attention=attention, attempts=2,
        created_at=op.created.timestamp(), next_attempt_at=0.0, not_before=0.0, last_attempt_at=None,
        last_error=last_error, response=response, finished_at=None, note="queued offline", previous_keys=(),
    )  # fmt: skip


def test_a_refusal_shows_the_servers_words_and_code() -> None:
    body = json.dumps({"error": {"code": "BLOCKED", "message": "The card is blocked."}})
    row = queue_row(entry(State.REFUSED, response=body, last_error="BLOCKED", attention=True))
    assert (row.reason, row.code) == ("The card is blocked.", "BLOCKED")
    assert row.instrument == "************0017" and CARD not in repr(row)
    assert row.amount == Decimal("20.00") and row.type == "load"
    assert row.can_retry and row.can_park and row.needs_attention


def test_a_waiting_operation_says_why_it_waits() -> None:
    row = queue_row(entry(State.PENDING, last_error="cannot connect to the server"))
    assert row.reason == "cannot connect to the server" and row.code is None
    assert row.can_park and not row.can_retry


def test_a_refusal_without_a_readable_body_falls_back_to_the_code() -> None:
    row = queue_row(entry(State.REFUSED, response="not json", last_error="COUPON_USED"))
    assert (row.reason, row.code) == ("COUPON_USED", "COUPON_USED")


def test_a_parked_operation_can_only_be_sent_again() -> None:
    row = queue_row(entry(State.PARKED))
    assert row.can_retry and not row.can_park and row.reason == ""
