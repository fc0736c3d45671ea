"""Card history, the generic cancel path, and this terminal's day summary."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from loyalty_server.deps import ReaderDep, WriterDep, json_response
from loyalty_server.requests import DATE_PATTERN, EmptyRequest
from loyalty_server.responses import DAY_REPORT, OPERATION, TRANSACTIONS
from loyalty_server.services import authorizations, reports

router = APIRouter(tags=["history"])
DayParam = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description="A UTC day, YYYY-MM-DD (today when left out)",
        json_schema_extra={"format": "date"},
    ),
]
InstrumentId = Annotated[str, Path(max_length=64)]
AuthCode = Annotated[str, Path(max_length=64)]


@router.get("/instruments/{instrumentId}/transactions", responses=TRANSACTIONS, operation_id="history")
def history(instrumentId: InstrumentId, r: ReaderDep) -> Response:  # noqa: N803
    return json_response(r.run(lambda c: reports.history(c, instrumentId)))


@router.post(
    "/instruments/{instrumentId}/authorizations/{authCode}/_cancel",
    responses=OPERATION,
    operation_id="cancel_authorization",
)
def cancel(
    instrumentId: InstrumentId,  # noqa: N803
    authCode: AuthCode,  # noqa: N803
    w: WriterDep,
    body: EmptyRequest | None = None,
) -> Response:
    return w.run(body, lambda c: authorizations.cancel_by_instrument_id(c, instrumentId, authCode))


@router.get("/reports/day", responses=DAY_REPORT, operation_id="day_report")
def day(r: ReaderDep, date: DayParam = None) -> Response:
    return json_response(r.run(lambda c: reports.day(c, date)))
