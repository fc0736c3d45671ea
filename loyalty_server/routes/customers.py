"""Customers: search, enrol, edit, consents, link a card, block."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from loyalty_server.deps import ReaderDep, WriterDep, json_response
from loyalty_server.errors import ApiError
from loyalty_server.requests import (
    EMAIL_PATTERN,
    PHONE_PATTERN,
    CardLinkRequest,
    ConsentIn,
    CustomerBlockRequest,
    CustomerCreateRequest,
    CustomerEditRequest,
)
from loyalty_server.responses import CONSENT_HISTORY, CUSTOMER, CUSTOMERS
from loyalty_server.services import customers

router = APIRouter(tags=["customers"])
CustomerId = Annotated[str, Path(max_length=64)]
Search = Annotated[str | None, Query(max_length=254)]
PhoneSearch = Annotated[str | None, Query(pattern=PHONE_PATTERN)]
EmailSearch = Annotated[str | None, Query(max_length=254, pattern=EMAIL_PATTERN)]


def _consent(c: ConsentIn) -> customers.ConsentInput:
    return customers.ConsentInput(type=c.type, granted=c.granted, version=c.version)


@router.get(
    "/customers",
    responses=CUSTOMERS,
    operation_id="find_customers",
    description="Exact-match search by phone, email or card: at least one is required (400 INVALID_REQUEST "
    "otherwise; OpenAPI cannot require one of several parameters); the first given of the three is used.",
)
def find(r: ReaderDep, phone: PhoneSearch = None, email: EmailSearch = None, card: Search = None) -> Response:
    if not (phone or email or card):
        raise ApiError(400, "INVALID_REQUEST", "Search by phone, email or card.", {})
    return json_response(r.run(lambda c: customers.search(c, phone, email, card)))


@router.post("/customers", responses=CUSTOMER, operation_id="create_customer")
def create(body: CustomerCreateRequest, w: WriterDep) -> Response:
    return w.run(
        body,
        lambda c: customers.create(
            c,
            phone=body.phone,
            first_name=body.firstName,
            last_name=body.lastName,
            email=body.email,
            country=body.country,
            consents=[_consent(x) for x in body.consents or ()],
            card_number=body.cardNumber,
        ),
    )


@router.get("/customers/{customerId}", responses=CUSTOMER, operation_id="get_customer")
def get(customerId: CustomerId, r: ReaderDep) -> Response:  # noqa: N803
    return json_response(r.run(lambda c: customers.get(c, customerId)))


@router.post("/customers/{customerId}/_edit", responses=CUSTOMER, operation_id="edit_customer")
def edit(customerId: CustomerId, body: CustomerEditRequest, w: WriterDep) -> Response:  # noqa: N803
    changes = body.model_dump(exclude_unset=True)
    return w.run(body, lambda c: customers.edit(c, customerId, changes))


@router.post("/customers/{customerId}/consents", responses=CUSTOMER, operation_id="set_consent")
def consent(customerId: CustomerId, body: ConsentIn, w: WriterDep) -> Response:  # noqa: N803
    return w.run(body, lambda c: customers.set_consent(c, customerId, _consent(body)))


@router.get("/customers/{customerId}/consents", responses=CONSENT_HISTORY, operation_id="get_consents")
def consent_history(customerId: CustomerId, r: ReaderDep) -> Response:  # noqa: N803
    return json_response(r.run(lambda c: customers.consents(c, customerId)))


@router.post("/customers/{customerId}/cards", responses=CUSTOMER, operation_id="link_card")
def link_card(customerId: CustomerId, body: CardLinkRequest, w: WriterDep) -> Response:  # noqa: N803
    return w.run(body, lambda c: customers.link_card(c, customerId, body.cardNumber))


@router.post("/customers/{customerId}/_block", responses=CUSTOMER, operation_id="block_customer")
def block(customerId: CustomerId, body: CustomerBlockRequest, w: WriterDep) -> Response:  # noqa: N803
    return w.run(body, lambda c: customers.block(c, customerId, body.reason))
