"""Gift cards and store credit (the Centara paths, plus ours in the same style)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from loyalty_server.context import Ctx
from loyalty_server.deps import ReaderDep, WriterDep, json_response
from loyalty_server.money import check_currency, parse_amount
from loyalty_server.requests import (
    BlockRequest,
    CommitRequest,
    EmptyRequest,
    IssueRequest,
    LoadRequest,
    PayRequest,
    RefundRequest,
    SeriesIssueRequest,
    VoidRequest,
)
from loyalty_server.responses import MONEY_INSTRUMENT, OPERATION
from loyalty_server.services import authorizations, instruments, money_ops

Number = Annotated[str, Path(max_length=64, description="The full card number")]
AuthCode = Annotated[str, Path(max_length=64)]
SeriesNumber = Annotated[str, Path(max_length=64)]


def build_router(kind: str, segment: str, series_segment: str) -> APIRouter:
    """The routes of one money kind (``giftcard`` at ``/giftcards``, ``storecredit`` at ``/storecredits``)."""
    router = APIRouter(tags=[segment])

    @router.get(f"/{segment}/{{number}}", responses=MONEY_INSTRUMENT, operation_id=f"get_{kind}")
    def get_instrument(number: Number, r: ReaderDep) -> Response:
        return json_response(
            r.run(lambda c: instruments.money_json(c, instruments.find_by_number(c, number, kind)))
        )

    if kind == "giftcard":

        @router.post(f"/{segment}/{{number}}/_issue", responses=OPERATION, operation_id=f"issue_{kind}")
        def issue(number: Number, w: WriterDep, body: IssueRequest | None = None) -> Response:
            b = body or IssueRequest()
            return w.run(
                body,
                lambda c: money_ops.issue_preissued(c, number, kind, b.amount, b.currency, b.approvedBy),
            )

    @router.post(
        f"/{series_segment}/{{seriesNumber}}/{segment}/_issue",
        responses=OPERATION,
        operation_id=f"issue_{kind}_from_series",
    )
    def issue_from_series(
        seriesNumber: SeriesNumber,  # noqa: N803
        w: WriterDep,
        body: SeriesIssueRequest | None = None,
    ) -> Response:
        b = body or SeriesIssueRequest()
        return w.run(
            body,
            lambda c: money_ops.issue_from_series(
                c, seriesNumber, kind, b.amount, b.currency, b.customerId, b.approvedBy
            ),
        )

    @router.post(f"/{segment}/{{number}}/_unissue", responses=OPERATION, operation_id=f"unissue_{kind}")
    def unissue(number: Number, w: WriterDep, body: EmptyRequest | None = None) -> Response:
        return w.run(body, lambda c: money_ops.unissue(c, number, kind))

    @router.post(f"/{segment}/{{number}}/_load", responses=OPERATION, operation_id=f"load_{kind}")
    def load(number: Number, body: LoadRequest, w: WriterDep) -> Response:
        return w.run(
            body, lambda c: money_ops.load(c, number, kind, body.amount, body.currency, body.approvedBy)
        )

    @router.post(f"/{segment}/{{number}}/_pay", responses=OPERATION, operation_id=f"pay_{kind}")
    def pay(number: Number, body: PayRequest, w: WriterDep) -> Response:
        return w.run(
            body,
            lambda c: money_ops.pay(
                c, number, kind, body.amount, body.currency, body.reference, body.approvedBy
            ),
        )

    @router.post(
        f"/{segment}/{{number}}/authorizations/{{authCode}}/_commit",
        responses=OPERATION,
        operation_id=f"commit_{kind}",
    )
    def commit(
        number: Number,
        authCode: AuthCode,  # noqa: N803
        w: WriterDep,
        body: CommitRequest | None = None,
    ) -> Response:
        b = body or CommitRequest()

        def work(c: Ctx) -> dict[str, Any]:
            row = instruments.find_by_number(c, number, kind)
            amount = None
            if b.amount is not None:
                amount = parse_amount(b.amount, str(row["currency"]))
            check_currency(b.currency, str(row["currency"]), c.terminal.currency)
            return authorizations.commit_hold(c, row, authCode, amount_minor=amount, points=None)

        return w.run(body, work)

    @router.post(
        f"/{segment}/{{number}}/authorizations/{{authCode}}/_cancel",
        responses=OPERATION,
        operation_id=f"cancel_{kind}",
    )
    def cancel(
        number: Number,
        authCode: AuthCode,  # noqa: N803
        w: WriterDep,
        body: EmptyRequest | None = None,
    ) -> Response:
        return w.run(
            body,
            lambda c: authorizations.cancel_hold(c, instruments.find_by_number(c, number, kind), authCode),
        )

    @router.post(f"/{segment}/{{number}}/_refund", responses=OPERATION, operation_id=f"refund_{kind}")
    def refund(number: Number, body: RefundRequest, w: WriterDep) -> Response:
        return w.run(
            body,
            lambda c: money_ops.refund(
                c, number, kind, body.amount, body.currency, body.originalOperationId, body.approvedBy
            ),
        )

    @router.post(f"/{segment}/{{number}}/_void", responses=OPERATION, operation_id=f"void_{kind}")
    def void(number: Number, body: VoidRequest, w: WriterDep) -> Response:
        return w.run(
            body, lambda c: money_ops.void(c, number, kind, body.originalOperationId, body.approvedBy)
        )

    @router.post(f"/{segment}/{{number}}/_block", responses=OPERATION, operation_id=f"block_{kind}")
    def block(number: Number, body: BlockRequest, w: WriterDep) -> Response:
        return w.run(body, lambda c: instruments.block_number(c, number, kind, body.reason))

    @router.post(f"/{segment}/{{number}}/_unblock", responses=OPERATION, operation_id=f"unblock_{kind}")
    def unblock(number: Number, w: WriterDep, body: EmptyRequest | None = None) -> Response:
        return w.run(body, lambda c: instruments.unblock_number(c, number, kind))

    return router


giftcards = build_router("giftcard", "giftcards", "giftCardSeries")
storecredits = build_router("storecredit", "storecredits", "storeCreditSeries")
