"""Batches of instruments, instrument look-up and blocking, customers, reports, the audit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from loyalty_server.admin import audit
from loyalty_server.admin.routes.deps import RunnerDep
from loyalty_server.admin.schemas import BlockRequest, IssueBatchRequest
from loyalty_server.admin.services import customers, instruments, reports
from loyalty_server.deps import json_response
from loyalty_server.requests import DATE_PATTERN

router = APIRouter(tags=["admin: operations"])
Number = Annotated[str, Path(max_length=64)]
CustomerId = Annotated[str, Path(max_length=64)]
Day = Annotated[str | None, Query(pattern=DATE_PATTERN)]
Text = Annotated[str | None, Query(max_length=200)]


@router.post("/series/{seriesNumber}/instruments/_issue", operation_id="admin_issue_batch")
def issue_batch(
    seriesNumber: Annotated[str, Path(max_length=32)],  # noqa: N803
    body: IssueBatchRequest,
    request: Request,
    r: RunnerDep,
) -> Response:
    """A batch of pre-issued instruments; ``Accept: text/csv`` answers the card printer's CSV."""
    batch = r.write(lambda c: instruments.issue_batch(c, seriesNumber, body.count, body.amount))
    if "text/csv" in request.headers.get("accept", ""):
        return Response(
            instruments.batch_csv(batch),
            status_code=201,
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{batch["batchId"]}.csv"'},
        )
    return json_response(batch, 201)


@router.get("/instruments/{number}", operation_id="admin_show_instrument")
def show(number: Number, r: RunnerDep) -> Response:
    return json_response(r.read(lambda c: instruments.show(c, number)))


@router.post("/instruments/{number}/_block", operation_id="admin_block_instrument")
def block(number: Number, body: BlockRequest, r: RunnerDep) -> Response:
    return json_response(r.write(lambda c: instruments.block(c, number, body.reason)))


@router.post("/instruments/{number}/_unblock", operation_id="admin_unblock_instrument")
def unblock(number: Number, r: RunnerDep) -> Response:
    return json_response(r.write(lambda c: instruments.unblock(c, number)))


@router.get("/customers", operation_id="admin_find_customers")
def find_customers(
    r: RunnerDep,
    customerId: Text = None,  # noqa: N803
    phone: Text = None,
    email: Text = None,
    card: Text = None,
    reveal: bool = False,
) -> Response:
    """Customers, masked; ``reveal=true`` (admins) shows them whole and is audited."""
    return json_response(
        r.write(
            lambda c: customers.look_up(
                c, customer_id=customerId, phone=phone, email=email, card=card, reveal=reveal
            )
        )
    )


@router.get("/customers/{customerId}/export", operation_id="admin_export_customer")
def export_customer(customerId: CustomerId, r: RunnerDep) -> Response:  # noqa: N803
    return json_response(r.write(lambda c: customers.export(c, customerId)))


@router.post("/customers/{customerId}/_erase", operation_id="admin_erase_customer")
def erase_customer(customerId: CustomerId, r: RunnerDep) -> Response:  # noqa: N803
    return json_response(r.write(lambda c: customers.erase(c, customerId)))


@router.get("/reports/totals", operation_id="admin_report_totals")
def report_totals(
    r: RunnerDep, date_from: Annotated[Day, Query(alias="from")] = None, to: Day = None
) -> Response:
    return json_response(r.read(lambda c: reports.totals(c, date_from, to)))


@router.get("/reports/liability", operation_id="admin_report_liability")
def report_liability(r: RunnerDep) -> Response:
    return json_response(r.read(reports.liability))


@router.get("/audit", operation_id="admin_audit")
def audit_list(
    r: RunnerDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    action: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    return json_response(r.read(lambda c: audit.entries(c, limit, action)))
