"""Coupons: check, redeem a use, put a use back."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from loyalty_server.deps import ReaderDep, WriterDep, json_response
from loyalty_server.requests import RedeemCouponRequest, UnredeemRequest
from loyalty_server.responses import COUPON, OPERATION
from loyalty_server.services import coupons, instruments

router = APIRouter(tags=["coupons"])
Code = Annotated[str, Path(max_length=64, description="The coupon code")]


@router.get("/coupons/{code}", responses=COUPON, operation_id="get_coupon")
def get_coupon(code: Code, r: ReaderDep) -> Response:
    return json_response(
        r.run(lambda c: instruments.coupon_json(c, instruments.find_by_number(c, code, "coupon")))
    )


@router.post("/coupons/{code}/_redeem", responses=OPERATION, operation_id="redeem_coupon")
def redeem(code: Code, w: WriterDep, body: RedeemCouponRequest | None = None) -> Response:
    reference = body.reference if body else None
    return w.run(body, lambda c: coupons.redeem(c, code, reference))


@router.post("/coupons/{code}/_unredeem", responses=OPERATION, operation_id="unredeem_coupon")
def unredeem(code: Code, body: UnredeemRequest, w: WriterDep) -> Response:
    return w.run(body, lambda c: coupons.unredeem(c, code, body.originalOperationId))
