"""Coupons: check, redeem, give back a use."""

from __future__ import annotations

from pos_client.domain import (
    Instrument,
    Kind,
    OperationResult,
)
from pos_client.masking import mask_number
from pos_client.security import Approval
from pos_client.services.errors import (
    WrongKind,
)
from pos_client.services.pipeline import Pipeline


class CouponOperations(Pipeline):
    """Coupons: check, redeem, give back a use."""

    # -- coupons --------------------------------------------------------------------------------

    def coupon_check(self, code: str) -> Instrument:
        """The coupon, its offer and uses left (no effect)."""

        def call() -> Instrument:
            found = self._identify(code, allow_not_here=True)
            assert found.series is not None
            if found.series.kind is not Kind.COUPON:
                raise WrongKind(Kind.COUPON, found.series.kind)
            return self.client.instrument(Kind.COUPON, found.number)

        return self._run("coupon.check", mask_number(self.catalogue.normalise(code)[0]), call)

    def coupon_redeem(
        self, code: str, *, reference: str | None = None, approval: Approval | None = None
    ) -> OperationResult:
        """Use the coupon once."""
        return self._instrument_write(
            "coupon.redeem", code, {"reference": reference or None}, approval=approval
        )

    def coupon_unredeem(
        self, code: str, original: str, *, approval: Approval | None = None
    ) -> OperationResult:
        """Give back the use made by operation ``original``. Sensitive."""
        return self._instrument_write("coupon.unredeem", code, {"original": original}, approval=approval)
