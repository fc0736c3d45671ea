"""Moving what a card holds onto another card: merging two loyalty cards of one customer, and moving a
lost or damaged gift card's (or store credit's) balance to a new card (docs/API.md, *Merging and
transferring cards*).

Both are sensitive (a manager decides: ``Manager.ALWAYS``, the manager named to the server as
``approvedBy``) and online only (``Offline.NEVER``: two cards change at once, so nothing waits in the
outbox); both answer with the target card and, in ``source``, the card they started from.
"""

from __future__ import annotations

from typing import Any

from pos_client.declarations import declaration
from pos_client.domain import Kind, OperationResult
from pos_client.security import Approval
from pos_client.services.errors import BLOCK_REASONS, SameCard
from pos_client.services.pipeline import Pipeline


class CardMoves(Pipeline):
    """Merge loyalty cards; transfer a money card's balance."""

    def _target(self, number: str, target: str, kind: Kind) -> str:
        """The target card's number, normalised, once it is known to be another card of ``kind``.

        Raises:
            IdentificationError: the target is not usable here.
            WrongKind: the target is another kind of card.
            SameCard: the target is the source card.
        """
        self._series_of(target, (kind,), kind)
        normalised = self.catalogue.normalise(target)[0]
        if normalised == self.catalogue.normalise(number)[0]:
            raise SameCard()
        return normalised

    def points_merge(self, card: str, into: str, *, approval: Approval | None = None) -> OperationResult:
        """Merge the loyalty card ``card`` into ``into`` (both the same customer's): its points,
        pending points and expiry lots move with their dates, ``card`` is closed with a pointer to
        ``into``. The result's ``instrument`` is ``into`` after the merge, ``source`` is ``card``.

        Raises:
            SameCard: ``into`` is ``card`` (nothing sent).
            ApprovalRequired: a cashier without a manager's approval.
            OfflineRefused: the server cannot be reached (a merge never waits in the queue).
        """
        decl = declaration("points.merge")
        self._series_of(card, decl.kinds, Kind.LOYALTYCARD)
        values: dict[str, Any] = {"target_number": self._target(card, into, Kind.LOYALTYCARD)}
        return self._instrument_write(decl.name, card, values, expect=Kind.LOYALTYCARD, approval=approval)

    def transfer(
        self,
        number: str,
        to: str,
        reason: str,
        *,
        kind: Kind | None = None,
        approval: Approval | None = None,
    ) -> OperationResult:
        """Move the whole available balance of the gift card or store credit ``number`` to ``to`` (a
        card of the same series and currency); ``number`` is blocked with ``reason`` (lost, stolen,
        damaged, fraud_suspected, customer_request, other). The result's ``instrument`` is ``to``,
        ``source`` is ``number`` (blocked, 0.00) and ``amount`` what moved.

        Raises:
            ValueError: ``reason`` is not a block reason.
            CurrencyMismatch: the card is in another currency than the till's (nothing sent).
            SameCard: ``to`` is ``number`` (nothing sent).
            ApprovalRequired: a cashier without a manager's approval.
            OfflineRefused: the server cannot be reached (a transfer never waits in the queue).
        """
        if reason not in BLOCK_REASONS:
            raise ValueError(f"the reason must be one of {', '.join(BLOCK_REASONS)}")
        decl = declaration("transfer")
        series = self._series_of(number, decl.kinds, kind)
        self.check_currency(series)
        values: dict[str, Any] = {"target_number": self._target(number, to, series.kind), "reason": reason}
        return self._instrument_write(decl.name, number, values, expect=series.kind, approval=approval)
