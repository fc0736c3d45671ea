"""Request bodies: the published contract (``resources/openapi.json``) is generated from these models.

Every rule the server enforces on a request's shape is stated here, so the schema says exactly what is
accepted: unknown fields are refused (``extra="forbid"``); an optional field is left out, never sent as
``null``; money is a decimal string (``MONEY_PATTERN``); points and quantities are whole numbers (``3``
or ``3.0``, as JSON Schema counts integers, never ``"3"`` or ``true``); currencies, countries, phones
and e-mail addresses have their formats. What depends on stored data (a card's currency and its number
of decimals, balances, limits) is refused by the services, documented in docs/API.md.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, model_validator

from loyalty_server.errors import ApiError
from loyalty_server.idempotency import KEY_PATTERN

#: A positive amount: up to 12 integer digits and at most 2 decimals, no sign, exponent or spaces.
#: A currency with fewer decimals (JPY has none) refuses more decimals than it has (``INVALID_AMOUNT``).
MONEY_PATTERN = r"^([1-9][0-9]{0,11}(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?))$"
#: An amount that may be zero (a unit price, a discount).
MONEY_OR_ZERO_PATTERN = r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$"
#: Request fields that carry money: a refusal of their format is ``INVALID_AMOUNT``.
MONEY_FIELDS = frozenset({"amount", "unitPrice", "discount"})
#: An international phone number: ``+`` or ``00`` and 6-15 digits, or 6-15 national digits (9 get +48);
#: digits may be grouped by single spaces or hyphens.
PHONE_PATTERN = r"^((\+|00)[0-9]([ -]?[0-9]){5,14}|[1-9]([ -]?[0-9]){5,14}|0[1-9]([ -]?[0-9]){4,13})$"
#: An e-mail address (the WHATWG form, with a dotted domain).
EMAIL_PATTERN = (
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
#: A calendar date, ``YYYY-MM-DD``.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _whole_number(value: Any) -> Any:
    """``3.0`` as ``3``: JSON Schema calls an integer-valued number an integer. Anything else passes on."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Amount = Annotated[
    str,
    Field(
        pattern=MONEY_PATTERN,
        description='A positive decimal string such as "25.00" (at most the currency\'s decimals)',
        examples=["25.00"],
    ),
]
AmountOrZero = Annotated[
    str, Field(pattern=MONEY_OR_ZERO_PATTERN, description='A decimal string such as "0.00" or "4.99"')
]
Currency = Annotated[
    str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code; must be the card's", examples=["PLN"])
]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code", examples=["PL"])]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN, examples=["+48 600 100 200"])]
Email = Annotated[str, Field(max_length=254, pattern=EMAIL_PATTERN, json_schema_extra={"format": "email"})]
Reference = Annotated[str, Field(max_length=200)]
OperationId = Annotated[str, Field(min_length=1, max_length=100)]
# Whole numbers: the bounds go inside the validator so that the schema states them.
Points = Annotated[StrictInt, Field(gt=0, le=1_000_000_000), BeforeValidator(_whole_number)]
LineQuantity = Annotated[StrictInt, Field(gt=0, le=1_000_000), BeforeValidator(_whole_number)]
ProductQuantity = Annotated[StrictInt, Field(gt=0, le=1000), BeforeValidator(_whole_number)]
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


def _published_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Say in the schema what :class:`Body` enforces: optional fields are left out, never ``null``
    (except the model's ``clearable`` ones), and the model's cross-field ``schema_rules`` hold."""
    clearable: frozenset[str] = getattr(model, "clearable", frozenset())
    for name, prop in schema.get("properties", {}).items():
        if prop.get("default", ...) is None:
            del prop["default"]
        branches = prop.get("anyOf")
        if name in clearable or not isinstance(branches, list) or {"type": "null"} not in branches:
            continue
        rest = [b for b in branches if b != {"type": "null"}]
        del prop["anyOf"]
        if len(rest) == 1:
            prop.update({k: v for k, v in rest[0].items() if k not in prop})
        else:
            prop["anyOf"] = rest
    schema.update(getattr(model, "schema_rules", {}))


def nul_fields(data: Any, where: str = "") -> list[str]:
    """The fields of ``data`` (JSON) whose text holds the NUL character, which no engine stores alike.

    PostgreSQL's text cannot hold U+0000 at all; the server refuses it on every engine, so a request
    means the same whatever stores it.
    """
    if isinstance(data, str):
        return [where or "body"] if "\x00" in data else []
    if isinstance(data, dict):
        return [f for k, v in data.items() for f in nul_fields(v, f"{where}.{k}" if where else str(k))]
    if isinstance(data, list):
        return [f for i, v in enumerate(data) for f in nul_fields(v, f"{where}[{i}]")]
    return []


def refuse_nul(data: Any) -> Any:
    """``data`` as it is, or a validation error naming the fields that hold NUL characters."""
    fields = nul_fields(data)
    if fields:
        raise ValueError(f"text may not contain the NUL character (U+0000): {', '.join(fields)}")
    return data


class Body(BaseModel):
    """Base of every request body: unknown fields and ``null`` values are refused.

    A subclass may name ``clearable`` fields (``null`` clears them) and add JSON Schema
    ``schema_rules`` (``anyOf``/``oneOf`` of required fields...) that its own validator enforces.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra=_published_schema)
    clearable: ClassVar[frozenset[str]] = frozenset()
    schema_rules: ClassVar[dict[str, Any]] = {}

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        refuse_nul(data)
        if isinstance(data, dict):
            nulls = sorted(str(k) for k, v in data.items() if v is None and k not in cls.clearable)
            if nulls:
                raise ValueError(f"leave out a field that has no value instead of null: {', '.join(nulls)}")
        return data


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
    """Commit a money hold: all of it, or ``amount`` of it."""

    amount: Amount | None = None
    currency: Currency | None = None


class PointsCommitRequest(Body):
    """Commit a points hold: all of it, or ``points`` of it."""

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


CardNumber = Annotated[str, Field(min_length=1, max_length=64, description="A full card number")]
RequiredApproval = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="The manager who approved the operation at the terminal (operator id); required, "
        "kept on both cards' ledger rows.",
        examples=["marek"],
    ),
]


class MergeRequest(Body):
    """Merge a loyalty card (the path's) into another card of the same customer."""

    targetNumber: CardNumber
    approvedBy: RequiredApproval


class TransferRequest(Body):
    """Move a gift card's or store credit's available balance to another card of its series."""

    targetNumber: CardNumber
    reason: BlockReason
    approvedBy: RequiredApproval


class RedeemCouponRequest(Body):
    reference: Reference | None = None


class UnredeemRequest(Body):
    originalOperationId: OperationId


class BasketLineIn(Body):
    productCode: Annotated[str, Field(min_length=1, max_length=64)]
    group: Annotated[str, Field(max_length=64)] | None = None
    quantity: LineQuantity
    unitPrice: AmountOrZero


Lines = Annotated[list[BasketLineIn], Field(min_length=1, max_length=500)]


class QuoteRequest(Body):
    """A basket: its ``amount`` or its ``lines`` (the lines count when both are given)."""

    schema_rules: ClassVar[dict[str, Any]] = {"anyOf": [{"required": ["amount"]}, {"required": ["lines"]}]}

    amount: Amount | None = None
    lines: Lines | None = None
    discount: AmountOrZero | None = None
    salesMode: Annotated[str, Field(max_length=64)] | None = None
    currency: Currency | None = None

    @model_validator(mode="after")
    def _amount_or_lines(self) -> Self:
        if self.amount is None and self.lines is None:
            raise ValueError("give the basket amount or its lines")
        return self


class EarnRequest(QuoteRequest):
    reference: Reference | None = None


class PointsRequest(Body):
    points: Points
    reference: Reference | None = None


class RedeemPointsRequest(Body):
    """Spend ``points``, the points that pay ``amount`` (the server rounds to whole points as the
    series says), or buy ``quantity`` of a product priced in points (``productCode``)."""

    schema_rules: ClassVar[dict[str, Any]] = {
        "oneOf": [{"required": ["points"]}, {"required": ["productCode"]}, {"required": ["amount"]}],
        "dependentRequired": {"quantity": ["productCode"]},
    }

    points: Points | None = None
    amount: Amount | None = None
    productCode: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    quantity: ProductQuantity = 1
    reference: Reference | None = None

    @model_validator(mode="after")
    def _points_or_product(self) -> Self:
        if [self.points, self.productCode, self.amount].count(None) != 2:
            raise ValueError("give one of points, amount or productCode")
        if self.points is not None and "quantity" in self.model_fields_set:
            raise ValueError("a quantity goes with a productCode, not with points")
        return self


class ReturnRequest(Body):
    originalOperationId: OperationId
    lines: Lines | None = None
    amount: Amount | None = None
    reference: Reference | None = None


class ConsentIn(Body):
    type: ConsentType
    granted: StrictBool
    version: Annotated[str, Field(min_length=1, max_length=40)]


class CustomerCreateRequest(Body):
    phone: Phone
    firstName: ShortText | None = None
    lastName: ShortText | None = None
    email: Email | None = None
    country: Country | None = None
    consents: Annotated[list[ConsentIn], Field(max_length=20)] | None = None
    cardNumber: Annotated[str, Field(max_length=64)] | None = None


class CustomerEditRequest(Body):
    """The fields to change; ``null`` clears a name, the e-mail or the country (a phone stays)."""

    clearable: ClassVar[frozenset[str]] = frozenset({"firstName", "lastName", "email", "country"})

    firstName: ShortText | None = None
    lastName: ShortText | None = None
    email: Email | None = None
    country: Country | None = None
    phone: Phone | None = None


class CardLinkRequest(Body):
    cardNumber: Annotated[str, Field(min_length=1, max_length=64)]


class CustomerBlockRequest(Body):
    reason: Annotated[str, Field(min_length=1, max_length=200)]


#: The most items one ``POST /operations/_batch`` takes (docs/API.md "Batch delivery").
MAX_BATCH_ITEMS = 500
#: The path of the batch itself, relative to the loyalty group (an item may not name it).
BATCH_PATH = "/operations/_batch"


#: An item path's segment: URL characters (no "/", "?" or "#"), but not "." or "..".
_URL_CHAR = r"[\x21-\x22\x24-\x2e\x30-\x3e\x40-\x7e]"
_NOT_DOT = r"[\x21-\x22\x24-\x2d\x30-\x3e\x40-\x7e]"
_SEGMENT = rf"({_NOT_DOT}|\.{_NOT_DOT}|\.\.{_URL_CHAR}){_URL_CHAR}*"


class BatchItem(Body):
    """One operation of a batch: what its own request would send."""

    idempotencyKey: Annotated[
        str,
        Field(pattern=KEY_PATTERN, description="The operation's own Idempotency-Key (its id)"),
    ]
    method: Annotated[Literal["POST"], Field(description="The operation's method (writes only)")]
    path: Annotated[
        str,
        Field(
            max_length=300,
            pattern=rf"^(/{_SEGMENT})+$",
            description="The operation's path below the loyalty group, percent-encoded, without a query",
            examples=["/loyaltycards/7001000000019/_earn"],
        ),
    ]
    body: (
        Annotated[dict[str, Any], Field(description="The operation's JSON body (left out: none)")] | None
    ) = None
    chain: (
        Annotated[
            str,
            Field(
                max_length=200,
                description="Items of one chain are applied in order, and after one fails the rest of its "
                "chain are not attempted (424). Left out: the first two segments of the path "
                "(`/giftcards/{number}`).",
            ),
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _not_a_batch(self) -> Self:
        if self.path.rstrip("/") == BATCH_PATH or "/../" in f"{self.path}/" or "/./" in f"{self.path}/":
            raise ValueError("an item's path names one operation (not a batch, no . or .. segments)")
        return self

    @property
    def chain_key(self) -> str:
        """The chain this item belongs to."""
        if self.chain is not None:
            return "chain:" + self.chain
        return "path:" + "/".join(self.path.split("/")[1:3])


class BatchRequest(Body):
    """Operations to apply in order, each as its own request would be (docs/API.md "Batch delivery")."""

    items: Annotated[
        list[BatchItem],
        Field(min_length=1, json_schema_extra={"maxItems": MAX_BATCH_ITEMS}),
    ]

    @model_validator(mode="after")
    def _own_keys(self) -> Self:
        seen: set[str] = set()
        for item in self.items:
            if item.idempotencyKey in seen:
                raise ValueError(f"each item needs its own idempotencyKey: {item.idempotencyKey} is repeated")
            seen.add(item.idempotencyKey)
        return self
