"""``POST /operations/_batch``: queued operations delivered many at once (loyalty_server.batch)."""

from __future__ import annotations

import threading

from fastapi import APIRouter, Request, Response

from loyalty_server import batch
from loyalty_server.backpressure import DEFAULT_RETRY_AFTER as RETRY_AFTER
from loyalty_server.deps import WriterDep, json_response
from loyalty_server.errors import ApiError, error_body
from loyalty_server.requests import BATCH_PATH, MAX_BATCH_ITEMS, BatchRequest
from loyalty_server.responses import BATCH

router = APIRouter(tags=["operations"])


@router.post(BATCH_PATH, responses=BATCH, operation_id="deliver_batch")
def deliver_batch(request: Request, body: BatchRequest, w: WriterDep) -> Response:
    """Apply queued operations in order, each exactly as its own request would be (its own
    Idempotency-Key, rules and stored answer); answers each item with its own status and body.
    Items of one chain stop at the first that fails: the rest answer 424 NOT_ATTEMPTED."""
    if len(body.items) > MAX_BATCH_ITEMS:
        raise ApiError(
            413,
            "BATCH_TOO_LARGE",
            f"A batch takes at most {MAX_BATCH_ITEMS} operations; send the rest in another.",
            {"maxItems": MAX_BATCH_ITEMS, "items": len(body.items)},
        )
    # A group transaction holds SQLite's write lock (or PostgreSQL's row locks) while its items run: a
    # chain's tills all sending their backlogs at once must queue at their terminals (429, as any
    # request past the limit), not here, where waits past the database's busy timeout would be errors.
    slots: threading.BoundedSemaphore = request.app.state.batch_slots
    if not slots.acquire(blocking=False):
        refusal = error_body(
            "RATE_LIMITED",
            "The server is applying other batches; nothing of this one was applied. Retry after the "
            "time in Retry-After.",
            {"retryAfterSeconds": RETRY_AFTER},
        )
        return json_response(refusal, 429, {"Retry-After": str(RETRY_AFTER)})
    try:
        answers = batch.deliver(request.app, request.scope, w.terminal, w.state.db, body.items)
    finally:
        slots.release()
    return json_response({"items": [a.json() for a in answers]})
