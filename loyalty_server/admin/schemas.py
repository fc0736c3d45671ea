"""Admin API request bodies (unknown fields refused; money as decimal strings, never floats)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from loyalty_server.requests import MONEY_PATTERN, refuse_nul

Money = Annotated[str, Field(pattern=MONEY_PATTERN, examples=["25.00"])]
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", examples=["MG-PL"])]
Name = Annotated[str, Field(min_length=1, max_length=200)]
StoreNumber = Annotated[StrictInt, Field(ge=1, le=99999)]
PosNumber = Annotated[StrictInt, Field(ge=1, le=999)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        return refuse_nul(data)


class LoginRequest(_Body):
    user: Annotated[str, Field(min_length=1, max_length=100)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class AccountRequest(_Body):
    user: Annotated[str, Field(pattern=r"^[A-Za-z0-9._@-]{1,100}$")]
    password: Annotated[str, Field(min_length=10, max_length=256)]
    role: Literal["admin", "support"]
    loyaltyGroup: Code | None = Field(None, description="left out: a superuser (only a superuser may)")


class LoyaltyGroupRequest(_Body):
    code: Code
    name: Name


class OrganisationRequest(_Body):
    code: Code
    name: Name


class SiteRequest(_Body):
    code: Code
    organisation: Code
    name: Name
    address: Annotated[str, Field(max_length=300)] = ""


class StoreRequest(_Body):
    store: StoreNumber
    name: Name
    address: Annotated[str, Field(max_length=300)] = ""
    site: Code | None = None


class PosRequest(_Body):
    pos: PosNumber


class MerchantRequest(_Body):
    store: StoreNumber
    name: Name
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class MerchantGroupRequest(_Body):
    code: Code
    name: Name


class MemberRequest(_Body):
    merchantId: Annotated[str, Field(min_length=1, max_length=64)]


class OfflinePolicy(_Body):
    operations: list[
        Literal["load", "pay", "commit", "cancel", "refund", "redeem", "earn", "return", "enrol"]
    ] = []
    maxAmountPerOperation: Money | None = None
    maxPointsPerOperation: Annotated[StrictInt, Field(ge=1, le=1000000)] | None = None


class Limits(_Body):
    maxLoad: Money | None = None
    maxBalance: Money | None = None
    approvalThreshold: Money | None = None


class Offer(_Body):
    description: Name
    discountType: Literal["percent", "amount"]
    value: Money


class SeriesChange(_Body):
    """What may change of a series (the number's shape, kind, currency and issue mode may not)."""

    description: Name | None = None
    amountMode: Literal["fixed", "manual"] | None = None
    fixedAmount: Money | None = None
    minAmount: Money | None = None
    maxAmount: Money | None = None
    validityDays: Annotated[StrictInt, Field(ge=1, le=36500)] | None = None
    issuerGroup: Code | None = None
    acceptorGroup: Code | None = None
    singleUse: StrictBool | None = None
    offlinePolicy: OfflinePolicy | None = None
    offer: Offer | None = None
    pointsConfig: dict[str, Any] | None = None
    limits: Limits | None = None


class SeriesRequest(SeriesChange):
    seriesNumber: Code
    kind: Literal["giftcard", "storecredit", "coupon", "loyaltycard"]
    description: Name
    prefix: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,16}$")]
    length: Annotated[StrictInt, Field(ge=4, le=32)]
    checkDigit: Literal["luhn", "none"] = "luhn"
    alphanumeric: StrictBool = False
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    issueMode: Literal["preissued", "live"] = "preissued"
    issuerGroup: Code
    acceptorGroup: Code


class IssueBatchRequest(_Body):
    count: Annotated[StrictInt, Field(ge=1, le=10000)]
    amount: Money | None = None


class BlockRequest(_Body):
    reason: Annotated[str, Field(min_length=1, max_length=200)]


class PairRequest(_Body):
    code: Annotated[str, Field(min_length=1, max_length=32, examples=["ABCD-EFGH"])]
