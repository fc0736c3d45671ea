"""Loyalty cards: points balance, activate, quote, earn, pay with points (hold/commit), spend, return,
block."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from loyalty_server.context import Ctx
from loyalty_server.deps import ReaderDep, WriterDep, json_response
from loyalty_server.errors import ApiError
from loyalty_server.requests import (
    BasketLineIn,
    BlockRequest,
    EarnRequest,
    EmptyRequest,
    PointsCommitRequest,
    PointsRequest,
    QuoteRequest,
    RedeemPointsRequest,
    ReturnRequest,
)
from loyalty_server.responses import LOYALTY_CARD, OPERATION, QUOTE
from loyalty_server.services import activation, authorizations, instruments, points

router = APIRouter(tags=["loyaltycards"])
Number = Annotated[str, Path(max_length=64, description="The loyalty card number")]
AuthCode = Annotated[str, Path(max_length=64)]


def _lines(lines: list[BasketLineIn] | None) -> list[points.LineInput] | None:
    if lines is None:
        return None
    return [points.LineInput(ln.productCode, ln.group, ln.quantity, ln.unitPrice) for ln in lines]


def _basket(body: QuoteRequest) -> points.BasketInput:
    return points.BasketInput(
        amount=body.amount, lines=_lines(body.lines), discount=body.discount, sales_mode=body.salesMode
    )


@router.get("/loyaltycards/{number}", responses=LOYALTY_CARD, operation_id="get_loyaltycard")
def get_card(number: Number, r: ReaderDep) -> Response:
    return json_response(
        r.run(lambda c: instruments.loyaltycard_json(c, instruments.find_by_number(c, number, "loyaltycard")))
    )


@router.post("/loyaltycards/{number}/_quote", responses=QUOTE, operation_id="quote_points")
def quote(number: Number, body: QuoteRequest, w: WriterDep) -> Response:
    return w.run(body, lambda c: points.quote(c, number, _basket(body)))


@router.post("/loyaltycards/{number}/_earn", responses=OPERATION, operation_id="earn_points")
def earn(number: Number, body: EarnRequest, w: WriterDep) -> Response:
    return w.run(body, lambda c: points.earn(c, number, _basket(body), body.reference))


@router.post("/loyaltycards/{number}/_pay", responses=OPERATION, operation_id="pay_points")
def pay(number: Number, body: PointsRequest, w: WriterDep) -> Response:
    return w.run(body, lambda c: points.pay(c, number, body.points, body.reference))


@router.post(
    "/loyaltycards/{number}/authorizations/{authCode}/_commit",
    responses=OPERATION,
    operation_id="commit_points",
)
def commit(
    number: Number,
    authCode: AuthCode,  # noqa: N803
    w: WriterDep,
    body: PointsCommitRequest | None = None,
) -> Response:
    b = body or PointsCommitRequest()

    def work(c: Ctx) -> dict[str, Any]:
        row = instruments.find_by_number(c, number, "loyaltycard")
        return authorizations.commit_hold(c, row, authCode, amount_minor=None, points=b.points)

    return w.run(body, work)


@router.post(
    "/loyaltycards/{number}/authorizations/{authCode}/_cancel",
    responses=OPERATION,
    operation_id="cancel_points",
)
def cancel(
    number: Number,
    authCode: AuthCode,  # noqa: N803
    w: WriterDep,
    body: EmptyRequest | None = None,
) -> Response:
    return w.run(
        body,
        lambda c: authorizations.cancel_hold(
            c, instruments.find_by_number(c, number, "loyaltycard"), authCode
        ),
    )


@router.post("/loyaltycards/{number}/_redeem", responses=OPERATION, operation_id="redeem_points")
def redeem(number: Number, body: RedeemPointsRequest, w: WriterDep) -> Response:
    def work(c: Ctx) -> dict[str, Any]:
        if [body.points, body.productCode, body.amount].count(None) != 2:
            raise ApiError(400, "INVALID_REQUEST", "Give one of points, amount or productCode.", {})
        if body.amount is not None:
            return points.redeem(c, number, None, body.reference, amount=body.amount)
        if body.productCode is None:
            return points.redeem(c, number, int(body.points or 0), body.reference)
        row = instruments.find_by_number(c, number, "loyaltycard")
        price = points.product_points(row, body.productCode, body.quantity)
        reference = body.reference or f"{body.quantity} x {body.productCode}"
        return points.redeem(c, number, price, reference)

    return w.run(body, work)


@router.post("/loyaltycards/{number}/_return", responses=OPERATION, operation_id="return_points")
def return_points(number: Number, body: ReturnRequest, w: WriterDep) -> Response:
    basket = points.BasketInput(amount=body.amount, lines=_lines(body.lines))
    return w.run(body, lambda c: points.return_points(c, number, body.originalOperationId, basket))


@router.post("/loyaltycards/{number}/_activate", responses=OPERATION, operation_id="activate_loyaltycard")
def activate(number: Number, w: WriterDep, body: EmptyRequest | None = None) -> Response:
    """Activate a pre-issued loyalty card (linking it to a customer does it too)."""
    return w.run(body, lambda c: activation.activate_number(c, number))


@router.post("/loyaltycards/{number}/_block", responses=OPERATION, operation_id="block_loyaltycard")
def block(number: Number, body: BlockRequest, w: WriterDep) -> Response:
    return w.run(body, lambda c: instruments.block_number(c, number, "loyaltycard", body.reason))


@router.post("/loyaltycards/{number}/_unblock", responses=OPERATION, operation_id="unblock_loyaltycard")
def unblock(number: Number, w: WriterDep, body: EmptyRequest | None = None) -> Response:
    return w.run(body, lambda c: instruments.unblock_number(c, number, "loyaltycard"))
