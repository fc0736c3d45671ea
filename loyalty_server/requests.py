"""Request bodies. Unknown fields are refused (``extra="forbid"``); strings are bounded."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from loyalty_server.errors import ApiError

Amount = Annotated[
    str, Field(max_length=40, description='Decimal string such as "25.00"', examples=["25.00"])
]
Currency = Annotated[str, Field(min_length=1, max_length=8, examples=["PLN"])]
Reference = Annotated[str, Field(max_length=200)]
OperationId = Annotated[str, Field(min_length=1, max_length=100)]
Points = Annotated[StrictInt, Field(gt=0, le=1_000_000_000)]
ShortText = Annotated[str, Field(max_length=200)]
ApprovedBy = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="The manager who approved the operation at the terminal (operator id); kept in the "
        "ledger. Required for an activation or a load above the series' approvalThreshold.",
        examples=["marek"],
    ),
]
BlockReason = Literal["lost", "stolen", "damaged", "fraud_suspected", "customer_request", "other"]
ConsentType = Literal["marketing_sms", "marketing_email", "profiling", "terms"]


class Body(BaseModel):
    """Base of every request body."""

    model_config = ConfigDict(extra="forbid")


class EmptyRequest(Body):
    """No fields."""


class IssueRequest(Body):
    amount: Amount | None = None
    currency: Currency | None = None
    approvedBy: ApprovedBy | None = None


class SeriesIssueRequest(IssueRequest):
    customerId: Annotated[str, Field(max_length=64)] | None = None


class LoadRequest(Body):
    amount: Amount
    currency: Currency | None = None
    approvedBy: ApprovedBy | None = None


class PayRequest(LoadRequest):
    reference: Reference | None = None


class CommitRequest(Body):
    amount: Amount | None = None
    currency: Currency | None = None
    points: Points | None = None


class RefundRequest(LoadRequest):
    """Money back onto a card for a payment made with it: the payment (its hold or commit) is named."""

    originalOperationId: Annotated[
        str,
        Field(
            min_length=1,
            max_length=100,
            description="The operation id of the payment refunded (its pay or its commit)",
        ),
    ]

    @model_validator(mode="before")
    @classmethod
    def _names_the_payment(cls, data: Any) -> Any:
        # A refund that names no payment would create money: refused with words a cashier can act on.
        if isinstance(data, dict) and "originalOperationId" not in data:
            raise ApiError(
                400,
                "ORIGINAL_OPERATION_REQUIRED",
                "A refund must name the payment made with this card (originalOperationId). Goods paid "
                "for otherwise are returned by issuing store credit, not by a refund onto a card.",
                {"field": "originalOperationId"},
            )
        return data


class VoidRequest(Body):
    originalOperationId: OperationId
    approvedBy: ApprovedBy | None = None


class BlockRequest(Body):
    reason: BlockReason


class RedeemCouponRequest(Body):
    reference: Reference | None = None


class UnredeemRequest(Body):
    originalOperationId: OperationId


class BasketLineIn(Body):
    productCode: Annotated[str, Field(min_length=1, max_length=64)]
    group: Annotated[str, Field(max_length=64)] | None = None
    quantity: Annotated[StrictInt, Field(gt=0, le=1_000_000)]
    unitPrice: Amount


class QuoteRequest(Body):
    amount: Amount | None = None
    lines: Annotated[list[BasketLineIn], Field(max_length=500)] | None = None
    discount: Amount | None = None
    salesMode: Annotated[str, Field(max_length=64)] | None = None
    currency: Currency | None = None


class EarnRequest(QuoteRequest):
    reference: Reference | None = None


class PointsRequest(Body):
    points: Points
    reference: Reference | None = None


class RedeemPointsRequest(Body):
    """Spend ``points``, or buy ``quantity`` of a product priced in points (``productCode``)."""

    points: Points | None = None
    productCode: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    quantity: Annotated[StrictInt, Field(gt=0, le=1000)] = 1
    reference: Reference | None = None


class ReturnRequest(Body):
    originalOperationId: OperationId
    lines: Annotated[list[BasketLineIn], Field(max_length=500)] | None = None
    amount: Amount | None = None
    reference: Reference | None = None


class ConsentIn(Body):
    type: ConsentType
    granted: StrictBool
    version: Annotated[str, Field(min_length=1, max_length=40)]


class CustomerCreateRequest(Body):
    phone: Annotated[str, Field(min_length=1, max_length=40)]
    firstName: ShortText | None = None
    lastName: ShortText | None = None
    email: Annotated[str, Field(max_length=254)] | None = None
    country: Annotated[str, Field(min_length=2, max_length=2)] | None = None
    consents: Annotated[list[ConsentIn], Field(max_length=20)] | None = None
    cardNumber: Annotated[str, Field(max_length=64)] | None = None


class CustomerEditRequest(Body):
    firstName: ShortText | None = None
    lastName: ShortText | None = None
    email: Annotated[str, Field(max_length=254)] | None = None
    country: Annotated[str, Field(min_length=2, max_length=2)] | None = None
    phone: Annotated[str, Field(min_length=1, max_length=40)] | None = None


class CardLinkRequest(Body):
    cardNumber: Annotated[str, Field(min_length=1, max_length=64)]


class CustomerBlockRequest(Body):
    reason: Annotated[str, Field(min_length=1, max_length=200)]
