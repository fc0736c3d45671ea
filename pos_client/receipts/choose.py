"""Which slips an operation prints: the one place that maps (operation, kind) to builders."""

from __future__ import annotations

from drivers.printers.document import Document
from pos_client.domain import DayReport, Instrument, Kind, OperationResult, OperationState, OpType
from pos_client.receipts import slips
from pos_client.receipts.settings import SlipContext


def slips_for(
    subject: OperationResult | Instrument | DayReport, ctx: SlipContext, live_printed: bool = False
) -> list[Document]:
    """The slips for a result, an instrument (balance) or a day report; empty when nothing prints.

    A result that unlocked rewards prints one reward coupon per reward after its own slip.

    Args:
        live_printed: an issue from a live-printed series (the slip is the card: whole number).
    """
    if isinstance(subject, DayReport):
        return [slips.day_summary(subject, ctx)]
    if isinstance(subject, Instrument):
        return [slips.balance_slip(subject, ctx)]
    result = subject
    if result.state is OperationState.REFUSED or result.instrument is None:
        return []
    main = _main_slip(result, ctx, live_printed)
    rewards = [slips.reward_coupon(reward, ctx, result) for reward in result.rewards]
    return [main, *rewards]


def _main_slip(result: OperationResult, ctx: SlipContext, live_printed: bool) -> Document:
    assert result.instrument is not None
    kind = result.instrument.kind
    if result.type in (OpType.MERGE_IN, OpType.TRANSFER_IN):
        return slips.card_move_slip(result, ctx)
    if kind is Kind.LOYALTYCARD:
        return slips.points_statement(result, ctx)
    if kind is Kind.STORECREDIT and result.type is OpType.ISSUE:
        return slips.store_credit_note(result, ctx)
    if kind is Kind.COUPON and result.type in (OpType.REDEEM, OpType.UNREDEEM):
        return slips.coupon_slip(result, ctx)
    if kind is Kind.COUPON:
        return slips.balance_slip(result.instrument, ctx)
    if result.type is OpType.ISSUE:
        return slips.sale_slip(result, ctx, live_printed=live_printed)
    if result.type in (OpType.PAY, OpType.COMMIT):
        return slips.payment_slip(result, ctx)
    if result.type in (OpType.LOAD, OpType.REFUND, OpType.VOID, OpType.CANCEL):
        return slips.movement_slip(result, ctx)
    return slips.balance_slip(result.instrument, ctx)
