"""Merging two loyalty cards of one customer; moving a gift card's or store credit's balance to another
card of its series (issue 19, docs/API.md "Merging and transferring cards")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from loyalty_server.deps import WriterDep
from loyalty_server.requests import MergeRequest, TransferRequest
from loyalty_server.responses import CARD_MOVE
from loyalty_server.services import card_moves

router = APIRouter()
Number = Annotated[str, Path(max_length=64, description="The source card's number")]


@router.post(
    "/loyaltycards/{number}/_merge",
    responses=CARD_MOVE,
    operation_id="merge_loyaltycard",
    tags=["loyaltycards"],
)
def merge(number: Number, body: MergeRequest, w: WriterDep) -> Response:
    """Move the card's points (vested, pending, with their dates) to the target card; close this one."""
    return w.run(body, lambda c: card_moves.merge_loyaltycards(c, number, body.targetNumber, body.approvedBy))


def _transfer_route(kind: str, segment: str) -> None:
    @router.post(
        f"/{segment}/{{number}}/_transfer",
        responses=CARD_MOVE,
        operation_id=f"transfer_{kind}",
        tags=[segment],
    )
    def transfer(number: Number, body: TransferRequest, w: WriterDep) -> Response:
        """Move the card's whole available balance to the target card; block this one with the reason."""
        return w.run(
            body,
            lambda c: card_moves.transfer_balance(
                c, number, kind, body.targetNumber, body.reason, body.approvedBy
            ),
        )


_transfer_route("giftcard", "giftcards")
_transfer_route("storecredit", "storecredits")
