"""Loyalty points: activate a card, quote, earn, spend, hold, buy, return."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pos_client import money
from pos_client.api import requests
from pos_client.declarations import declaration
from pos_client.domain import (
    BasketLine,
    OperationResult,
    PointsQuote,
    Series,
)
from pos_client.masking import mask_number
from pos_client.security import Approval
from pos_client.services.errors import (
    checked_amount,
)
from pos_client.services.pipeline import Pipeline


class PointsOperations(Pipeline):
    """Loyalty points: activate a card, quote, earn, spend, hold, buy, return."""

    # -- points ---------------------------------------------------------------------------------

    def _basket(
        self,
        series: Series,
        amount: Decimal | None,
        lines: Sequence[BasketLine],
        discount: Decimal | None,
        sales_mode: str | None,
    ) -> dict[str, Any]:
        """A basket's values (the fields of ``points.earn``), checked."""
        values: dict[str, Any] = {}
        if amount is not None:
            values["amount"] = checked_amount(amount, series.currency)
        if lines:
            values["lines"] = tuple(lines)
        if discount is not None:
            values["discount"] = checked_amount(discount, series.currency)
        if sales_mode:
            values["sales_mode"] = sales_mode
        if not values.get("amount") and not lines:
            raise money.MoneyError("give the basket amount or its lines", "NO_BASKET")
        return values

    def points_activate(self, card: str, *, approval: Approval | None = None) -> OperationResult:
        """Activate a pre-issued loyalty card (``_activate``), so it can earn; linking it to a
        customer does it too. ``ALREADY_ISSUED`` when it is active."""
        return self._instrument_write("points.activate", card, {}, issuing=True, approval=approval)

    def points_quote(
        self,
        card: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        discount: Decimal | None = None,
        sales_mode: str | None = None,
    ) -> PointsQuote:
        """What a basket would earn (no effect): the basket of ``points.earn``, previewed."""

        def call() -> PointsQuote:
            decl = declaration("points.earn")
            series = self._series_of(card, decl.kinds, None)
            values = self._basket(series, amount, lines, discount, sales_mode)
            body = requests.render(decl, kind=series.kind, currency=series.currency, values=values).body
            return self.client.quote(self.catalogue.normalise(card)[0], body)

        return self._run("points.quote", mask_number(self.catalogue.normalise(card)[0]), call)

    def points_earn(
        self,
        card: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        discount: Decimal | None = None,
        sales_mode: str | None = None,
        reference: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Earn points for a basket; ``rewards`` holds reward coupons crossed thresholds issued."""
        series = self._series_of(card, declaration("points.earn").kinds, None)
        values = self._basket(series, amount, lines, discount, sales_mode)
        values["reference"] = reference or None
        return self._instrument_write("points.earn", card, values, approval=approval)

    def points_redeem(
        self,
        card: str,
        points: int,
        *,
        reference: str | None = None,
        hold: bool = False,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Spend points at once (``_redeem``), or with ``hold`` place a hold (``_pay``) to commit or
        cancel later with :meth:`commit` / :meth:`cancel`."""
        if isinstance(points, bool) or points <= 0:
            raise money.MoneyError("points must be more than zero", "NOT_POSITIVE")
        values: dict[str, Any] = {"points": points, "reference": reference or None}
        name = "points.pay" if hold else "points.redeem"
        return self._instrument_write(name, card, values, points=points, approval=approval)

    def points_pay_amount(
        self,
        card: str,
        amount: Decimal,
        *,
        reference: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Pay ``amount`` of a sale with points (``_redeem`` with ``amount``): the server takes the
        whole points that pay it, rounded as the card's series says, and answers them in ``points``
        and the money to take off the sale in ``amount``; ``INSUFFICIENT_POINTS`` (saying what the
        card holds and its worth) when they are not enough."""
        values: dict[str, Any] = {"reference": reference or None}
        return self._instrument_write("points.redeem", card, values, amount=amount, approval=approval)

    def points_buy(
        self,
        card: str,
        product_code: str,
        quantity: int = 1,
        *,
        reference: str | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Buy ``quantity`` of a product priced in points (one of the card's ``points_products``)."""
        if isinstance(quantity, bool) or quantity <= 0:
            raise money.MoneyError("the quantity must be more than zero", "NOT_POSITIVE")
        values: dict[str, Any] = {
            "product_code": product_code,
            "quantity": quantity,
            "reference": reference or None,
        }
        return self._instrument_write("points.redeem", card, values, approval=approval)

    def points_return(
        self,
        card: str,
        original: str,
        *,
        amount: Decimal | None = None,
        lines: Sequence[BasketLine] = (),
        approval: Approval | None = None,
    ) -> OperationResult:
        """Take back the points operation ``original`` earned (all, or for ``amount`` / ``lines``)."""
        values: dict[str, Any] = {"original": original, "lines": tuple(lines) or None}
        return self._instrument_write("points.return", card, values, amount=amount, approval=approval)
