"""Gift cards and store credit: activate, issue, load, pay, commit, cancel, refund, void, block."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from pos_client.api.errors import ApiError
from pos_client.catalogue import Identification, Reason
from pos_client.declarations import declaration
from pos_client.domain import (
    Kind,
    OperationResult,
)
from pos_client.security import Approval
from pos_client.services.errors import (
    BLOCK_REASONS,
    IdentificationError,
    OriginalOperationRequired,
    WrongKind,
)
from pos_client.services.pipeline import Pipeline

log = logging.getLogger("pos_client.service")
_MONEY = (Kind.GIFTCARD, Kind.STORECREDIT)


class MoneyOperations(Pipeline):
    """Gift cards and store credit: activate, issue, load, pay, commit, cancel, refund, void, block."""

    # -- gift cards and store credit ------------------------------------------------------------

    def activate(
        self,
        number: str,
        amount: Decimal | None = None,
        *,
        kind: Kind | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Activate a pre-issued card (``_issue`` on the number); ``amount`` None for a fixed series.
        Above the series' approval threshold a cashier needs a manager's ``approval``.

        Raises:
            LimitExceeded: past the series' maximum balance (nothing sent).
            ApprovalRequired: above the approval threshold without a manager.
        """
        return self._instrument_write(
            "activate", number, {}, expect=kind, amount=amount, issuing=True, approval=approval
        )

    def issue(
        self,
        series_number: str,
        amount: Decimal | None = None,
        *,
        customer_id: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Issue a new live-printed gift card or a store-credit note from a series (the result's
        instrument holds the new number). Store credit needs a manager (or a manager's approval)."""
        series = self.catalogue.get(series_number)
        if series is None:
            try:
                self.catalogue.sync(self.client)
            except ApiError:
                log.info("series sync before issue failed; using the cached catalogue")
            series = self.catalogue.get(series_number)
        if series is None:
            raise IdentificationError(Identification("", None, Reason.UNKNOWN_PREFIX))
        if series.kind not in _MONEY:
            raise WrongKind(Kind.GIFTCARD, series.kind)
        if not series.issuable_here:
            raise IdentificationError(Identification("", series, Reason.NOT_ISSUABLE_HERE))
        decl = declaration(f"{series.kind.value}.issue")
        values: dict[str, Any] = {}
        if customer_id and series.kind is Kind.STORECREDIT:
            values["customer_id"] = customer_id
        return self._declared_write(decl, series, values, amount=amount, approval=approval)

    def load(
        self, number: str, amount: Decimal, *, kind: Kind | None = None, approval: Approval | None = None
    ) -> OperationResult:
        """Top up a gift card or store credit, within its series' limits; above the series' approval
        threshold a cashier needs a manager's ``approval``.

        Raises:
            LimitExceeded: over the maximum load, or past the maximum balance (nothing sent).
            ApprovalRequired: above the approval threshold without a manager.
        """
        return self._instrument_write("load", number, {}, expect=kind, amount=amount, approval=approval)

    def pay(
        self,
        number: str,
        amount: Decimal,
        *,
        reference: str | None = None,
        kind: Kind | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Hold ``amount`` for a payment; the result has the ``auth_code`` to commit or cancel. A
        manager's ``approval`` given (e.g. past an offline limit) is named to the server."""
        return self._instrument_write(
            "pay", number, {"reference": reference or None}, expect=kind, amount=amount, approval=approval
        )

    def commit(
        self,
        number: str,
        auth_code: str,
        amount: Decimal | None = None,
        *,
        kind: Kind | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Capture a hold (money or points); ``amount`` below the held amount releases the rest."""
        return self._instrument_write(
            "commit", number, {}, expect=kind, amount=amount, auth_code=auth_code, approval=approval
        )

    def cancel(
        self, number: str, auth_code: str, *, kind: Kind | None = None, approval: Approval | None = None
    ) -> OperationResult:
        """Release a hold (money or points)."""
        decl = declaration("cancel")
        series = self._series_of(number, decl.kinds, kind)
        normalised = self.catalogue.normalise(number)[0]
        instrument_id = ""
        if series.kind is Kind.LOYALTYCARD:
            # Points holds are cancelled at the generic path, which needs the instrument id.
            decl = declaration("hold.cancel")
            instrument_id = self.client.instrument(Kind.LOYALTYCARD, normalised).instrument_id
        return self._declared_write(
            decl,
            series,
            {},
            number=normalised,
            auth_code=auth_code,
            instrument_id=instrument_id,
            approval=approval,
        )

    def refund(
        self,
        number: str,
        amount: Decimal,
        *,
        original: str | None = None,
        approval: Approval | None = None,
        kind: Kind | None = None,
    ) -> OperationResult:
        """Put money back on the card for a payment made with it: ``original`` is that payment's
        operation id (its ``pay`` or its ``commit``); at most what is left of it (the server keeps
        that, ``reversible`` in the history). Sensitive: a cashier needs a manager's approval.

        Raises:
            OriginalOperationRequired: no payment named (nothing stored or sent; goods paid
                otherwise are returned as store credit, :meth:`issue`).
        """
        if not original or not original.strip():
            raise OriginalOperationRequired()
        return self._instrument_write(
            "refund", number, {"original": original.strip()}, expect=kind, approval=approval, amount=amount
        )

    def void(
        self, number: str, original: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Reverse what is left of one earlier load, payment or refund of this terminal. Sensitive."""
        return self._instrument_write("void", number, {"original": original}, expect=kind, approval=approval)

    def unissue(
        self, number: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Undo an issue while no money has moved besides it. Sensitive."""
        return self._instrument_write("unissue", number, {}, expect=kind, approval=approval)

    def block(
        self, number: str, reason: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Block any instrument (``reason``: lost, stolen, damaged, fraud_suspected, customer_request,
        other). Sensitive."""
        if reason not in BLOCK_REASONS:
            raise ValueError(f"block reason must be one of {', '.join(BLOCK_REASONS)}")
        return self._instrument_write("block", number, {"reason": reason}, expect=kind, approval=approval)

    def unblock(
        self, number: str, *, approval: Approval | None = None, kind: Kind | None = None
    ) -> OperationResult:
        """Unblock an instrument. Sensitive."""
        return self._instrument_write("unblock", number, {}, expect=kind, approval=approval)
