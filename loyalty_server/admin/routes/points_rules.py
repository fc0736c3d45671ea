"""Points rules of a loyalty card series and the offer of a coupon series (typed; checked by the service).

The bodies are typed for the OpenAPI document and to refuse unknown fields; the rules themselves
(points at least 1, a product group the till can send, a reward coupon series worth the reward …)
are the service's (:mod:`loyalty_server.admin.services.points_rules`), so the web pages get the same
refusals with the same reasons.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from loyalty_server.admin.routes.deps import RunnerDep
from loyalty_server.admin.services import points_rules
from loyalty_server.deps import json_response

router = APIRouter(tags=["admin: points rules and offers"])
SeriesNumber = Annotated[str, Path(max_length=32)]
Text = Annotated[str, Field(max_length=200)]
Decimal = Annotated[str, Field(max_length=32, examples=["1.00"])]
Codes = Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=1000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Scope(_Body):
    salesModes: Codes | None = Field(None, description="only in these sales modes, e.g. store, webshop")
    pointsOfSale: Codes | None = Field(None, description="only at these merchants (M001) or POS (M001/2)")


class PerProduct(_Scope):
    rule: Literal["per-product"]
    products: dict[str, StrictInt] = Field(description="points per unit bought, by product code")


class GroupRate(_Body):
    points: StrictInt | None = Field(None, description="points per full unit spent in the group")
    unit: Decimal | None = None
    perItem: StrictInt | None = Field(None, description="points per item of the group")


class PerGroup(_Scope):
    rule: Literal["per-group"]
    groups: dict[str, GroupRate] = Field(description="rates by product group (section)")


class PerVisit(_Scope):
    rule: Literal["per-visit"]
    points: StrictInt
    minAmount: Decimal | None = Field(None, description="the basket's net must reach this")


class PerAmount(_Scope):
    rule: Literal["per-amount"]
    points: StrictInt = 1
    unit: Decimal = "1.00"
    excludeGroups: Codes | None = None


class Reward(_Body):
    threshold: StrictInt = Field(description="points that become one reward coupon")
    rewardValue: Decimal
    couponSeries: Annotated[str, Field(max_length=32)]


class PointsProduct(_Body):
    points: StrictInt
    description: Text


class PointsRulesRequest(_Body):
    account: Literal["points", "money"] = Field(
        "points",
        description="what the cards keep: points, or money (seed 002: an amount credited on the card, "
        "spent on anything; the rules' numbers are then minor units of the currency)",
    )
    pointValue: Decimal | None = Field(
        None, description="the money value of one point (a points account; a money account has none)"
    )
    amountRounding: Literal["up", "down"] = Field(
        "up",
        description="an amount paid with points: up takes the points that cover it, down the whole "
        "points it holds (the customer never gets more than the points are worth)",
    )
    vestingDays: StrictInt = 0
    validityDays: StrictInt | None = None
    expiryWarningDays: StrictInt = 30
    rules: Annotated[
        list[Annotated[PerProduct | PerGroup | PerVisit | PerAmount, Field(discriminator="rule")]],
        Field(max_length=50),
    ] = []
    reward: Reward | None = None
    pointsProducts: dict[str, PointsProduct] = {}


class CouponOfferRequest(_Body):
    description: Text
    discountType: Literal["percent", "amount"]
    value: Decimal = Field(description='a percentage ("10") or an amount in the series currency ("5.00")')
    singleUse: StrictBool | None = Field(None, description="left out: unchanged")


@router.get("/series/{seriesNumber}/points-rules", operation_id="admin_show_points_rules")
def show_points_rules(seriesNumber: SeriesNumber, r: RunnerDep) -> Response:  # noqa: N803
    return json_response(r.read(lambda c: points_rules.show_points_rules(c, seriesNumber)))


@router.put("/series/{seriesNumber}/points-rules", operation_id="admin_set_points_rules")
def set_points_rules(seriesNumber: SeriesNumber, body: PointsRulesRequest, r: RunnerDep) -> Response:  # noqa: N803
    wire = body.model_dump(mode="json", exclude_none=True)
    return json_response(r.write(lambda c: points_rules.set_points_rules(c, seriesNumber, wire)))


@router.get("/series/{seriesNumber}/coupon-offer", operation_id="admin_show_coupon_offer")
def show_coupon_offer(seriesNumber: SeriesNumber, r: RunnerDep) -> Response:  # noqa: N803
    return json_response(r.read(lambda c: points_rules.show_coupon_offer(c, seriesNumber)))


@router.put("/series/{seriesNumber}/coupon-offer", operation_id="admin_set_coupon_offer")
def set_coupon_offer(seriesNumber: SeriesNumber, body: CouponOfferRequest, r: RunnerDep) -> Response:  # noqa: N803
    wire = body.model_dump(mode="json", exclude_none=True)
    return json_response(r.write(lambda c: points_rules.set_coupon_offer(c, seriesNumber, wire)))
