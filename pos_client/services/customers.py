"""Customers: find, enrol, edit, consents, link a card, block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pos_client.api import requests
from pos_client.declarations import Order, declaration
from pos_client.domain import (
    Consent,
    Customer,
    Kind,
    OperationResult,
)
from pos_client.operations import (
    WriteOperation,
)
from pos_client.security import Approval
from pos_client.services.pipeline import Pipeline


class CustomerOperations(Pipeline):
    """Customers: find, enrol, edit, consents, link a card, block."""

    # -- customers ------------------------------------------------------------------------------

    def customer_find(
        self, *, phone: str | None = None, email: str | None = None, card: str | None = None
    ) -> tuple[Customer, ...]:
        """Customers matching exactly one of phone, e-mail or card number."""
        given = [v for v in (phone, email, card) if v]
        if len(given) != 1:
            raise ValueError("search by exactly one of phone, e-mail or card")
        number = self.catalogue.normalise(card)[0] if card else None
        return self._run(
            "customer.find", "", lambda: self.client.find_customers(phone=phone, email=email, card=number)
        )

    def customer_get(self, customer_id: str) -> Customer:
        """One customer by id."""
        return self._run("customer.get", customer_id, lambda: self.client.customer(customer_id))

    def customer_consent_history(self, customer_id: str) -> tuple[Consent, ...]:
        """Every consent answer of a customer, oldest first, with the terminal that recorded it."""
        return self._run("customer.consents", customer_id, lambda: self.client.consent_history(customer_id))

    def _customer_write(
        self,
        name: str,
        customer_id: str | None,
        values: dict[str, Any],
        approval: Approval | None = None,
    ) -> OperationResult:
        """Run the declared customer operation ``name`` (ordered per customer; an enrolment per phone)."""
        decl = declaration(name)
        key = f"customer:{customer_id}" if customer_id else f"customer-phone:{values.get('phone', '')}"
        if decl.order is not Order.CUSTOMER:
            key = ""

        def build(_approved_by: str | None) -> WriteOperation:
            request = requests.render(decl, customer_id=customer_id or "", values=values)
            return self._operation(decl, request, key=key, series=None)

        return self._write(decl, None, customer_id or "", build, approval)

    def customer_create(
        self,
        phone: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        country: str | None = None,
        card_number: str | None = None,
        consents: Sequence[tuple[str, bool, str]] = (),
        approval: Approval | None = None,
    ) -> OperationResult:
        """Enrol a customer (``result.customer``); ``CUSTOMER_EXISTS`` when the phone is taken.

        ``consents``: ``(type, granted, version)`` answers recorded with the enrolment itself (one
        operation: an enrolment queued offline keeps them too).
        """
        values = _fields(
            phone=phone,
            first_name=first_name,
            last_name=last_name,
            email=email,
            country=country,
            card_number=self.catalogue.normalise(card_number)[0] if card_number else None,
        )
        if consents:
            values["consents"] = tuple(consents)
        return self._customer_write("customer.create", None, values, approval)

    def customer_edit(
        self,
        customer_id: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        country: str | None = None,
        phone: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Change the given fields (None = unchanged)."""
        values = _fields(
            first_name=first_name, last_name=last_name, email=email, country=country, phone=phone
        )
        if not values:
            raise ValueError("nothing to change")
        return self._customer_write("customer.edit", customer_id, values, approval)

    def customer_consent(
        self,
        customer_id: str,
        consent_type: str,
        granted: bool,
        version: str,
        *,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Record a consent (``marketing_sms``, ``marketing_email``, ``profiling``, ``terms``)."""
        values = {"type": consent_type, "granted": granted, "version": version}
        return self._customer_write("customer.consent", customer_id, values, approval)

    def customer_link_card(
        self, customer_id: str, card_number: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Link a loyalty card to the customer."""
        self._series_of(card_number, (Kind.LOYALTYCARD,), None)  # a loyalty card of a known series
        values = {"card_number": self.catalogue.normalise(card_number)[0]}
        return self._customer_write("customer.link", customer_id, values, approval)

    def customer_block(
        self, customer_id: str, reason: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Block a customer. Sensitive."""
        return self._customer_write("customer.block", customer_id, {"reason": reason}, approval)


def _fields(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}
