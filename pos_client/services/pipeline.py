"""The one path of every write: identify, check the money rules, authorise, render, submit, audit;
and the reads, currency and catalogue calls the operations share."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection
from decimal import Decimal
from typing import Any

from pos_client.api import requests
from pos_client.api.errors import ApiError, Refused
from pos_client.catalogue import Identification, Reason, SyncResult
from pos_client.declarations import MONEY, Declaration, Manager, Order, declaration
from pos_client.domain import (
    DayReport,
    Instrument,
    Kind,
    OperationResult,
    OperationState,
    OpType,
    Series,
    SeriesLimits,
    Terminal,
    Transaction,
)
from pos_client.masking import mask_number
from pos_client.operations import (
    Override,
    WriteOperation,
    new_operation_id,
)
from pos_client.security import Approval
from pos_client.services.errors import (
    BALANCE_LIMIT_EXCEEDED,
    CURRENCY_MISMATCH,
    LOAD_LIMIT_EXCEEDED,
    CurrencyMismatch,
    IdentificationError,
    LimitExceeded,
    WrongKind,
    checked_amount,
)
from pos_client.services.session import Session

log = logging.getLogger("pos_client.service")
_MONEY = (Kind.GIFTCARD, Kind.STORECREDIT)


class Pipeline(Session):
    """Identification, money rules and the write path every operation goes through."""

    def _write(
        self,
        decl: Declaration,
        kind: Kind | None,
        subject: str,
        build: Callable[[str | None], WriteOperation],
        approval: Approval | None = None,
        *,
        needs_manager: bool = False,
    ) -> OperationResult:
        """Authorise (role and PIN, once), build the operation (naming the approving manager to the
        server when ``decl`` says so), submit it through the gateway with the manager's offline
        override when an approval was given, audit when a manager approved."""
        action = decl.event(kind)

        def call() -> OperationResult:
            approved_by = self._authorise(decl, action, approval, needs_manager=needs_manager)
            operation = build(approved_by if decl.approved_by else None)
            override = (
                Override(approved_by, self._operator.operator_id)
                if approval is not None and approved_by is not None
                else None
            )
            try:
                result = self._submit(operation, override)
            except Exception as exc:
                if approved_by is not None:
                    outcome = f"refused:{exc.code}" if isinstance(exc, Refused) else type(exc).__name__
                    self._record(
                        action,
                        subject,
                        approved_by,
                        {"operationId": operation.operation_id, "outcome": outcome},
                    )
                raise
            if approved_by is not None:
                self._record(
                    action,
                    subject,
                    approved_by,
                    {"operationId": operation.operation_id, "outcome": result.state.value},
                )
            return result

        return self._run(action, subject, call)

    def _submit(self, operation: WriteOperation, override: Override | None) -> OperationResult:
        """``gateway.submit``, with the server's CURRENCY_MISMATCH put in the till's plain words."""
        try:
            return self.gateway.submit(operation, override=override)
        except CurrencyMismatch:
            raise
        except Refused as exc:
            if exc.code != CURRENCY_MISMATCH:
                raise
            details = exc.details
            card = str(details.get("cardCurrency") or details.get("expected") or "another currency")
            till = str(
                details.get("storeCurrency")
                or operation.body.get("currency")
                or self.till_currency(ask_server=False)
            )
            raise CurrencyMismatch(card, till, status=exc.status) from exc

    # -- currency -------------------------------------------------------------------------------

    def till_currency(self, *, ask_server: bool = True) -> str:
        """The currency this till takes: what the server said (``GET /terminal``) in this process,
        else what it said before (remembered), else, with ``ask_server``, asked now; when the server
        cannot be reached, the configured currency."""
        if self._terminal is not None:
            return self._terminal.currency.upper()
        remembered = self._remembered_currency()
        if remembered:
            return remembered.upper()
        if ask_server:
            try:
                return self.terminal().currency.upper()
            except ApiError:
                log.info("the server did not say the till's currency; using the configured one")
        return self._default_currency

    def check_currency(self, series: Series) -> str:
        """The till's currency, when ``series`` (a money series) is in it.

        Raises:
            CurrencyMismatch: the series is in another currency (refused before any request).
        """
        till = self.till_currency()
        if series.kind in _MONEY and series.currency.upper() != till:
            raise CurrencyMismatch(series.currency.upper(), till)
        return till

    def ensure_currency(self, *, number: str | None = None, series_number: str | None = None) -> None:
        """Refuse a money card (or series) of another currency than the till's, before anything else
        (the CLI calls this before it parses an amount). Unknown numbers pass: the operation itself
        says what is wrong with them."""
        series = self.catalogue.get(series_number) if series_number else None
        if series is None and number:
            series = self.catalogue.identify(number).series
        if series is not None and series.kind in _MONEY:
            self.check_currency(series)

    # -- identification -------------------------------------------------------------------------

    def _identify(
        self, number: str, *, issuing: bool = False, allow_not_here: bool = False
    ) -> Identification:
        """Identify locally, syncing the catalogue once when the number is of no known series.

        Raises:
            IdentificationError: not usable here.
        """
        found = self.catalogue.identify(number, issuing=issuing)
        if found.reason is Reason.UNKNOWN_PREFIX or (found.series is None and not self.catalogue.all()):
            try:
                self.catalogue.sync(self.client)
            except ApiError:
                log.info("series sync before identification failed; using the cached catalogue")
            else:
                found = self.catalogue.identify(number, issuing=issuing)
        if found.series is None or (found.reason is not None and not allow_not_here):
            raise IdentificationError(found)
        return found

    def _series_of(
        self, number: str, kinds: Collection[Kind], expect: Kind | None, issuing: bool = False
    ) -> Series:
        series = self._identify(number, issuing=issuing).series
        assert series is not None  # _identify raises otherwise
        if expect is not None and series.kind is not expect:
            raise WrongKind(expect, series.kind)
        if series.kind not in kinds:
            raise WrongKind(next(k for k in Kind if k in kinds), series.kind)
        return series

    def _operation(
        self,
        decl: Declaration,
        request: requests.Request,
        *,
        key: str,
        series: Series | None,
        amount: Decimal | None = None,
        points: int | None = None,
    ) -> WriteOperation:
        return WriteOperation(
            operation_id=new_operation_id(),
            type=decl.op_type,
            path=request.path,
            body=request.body,
            instrument_key=key,
            kind=series.kind if series else None,
            series_number=series.series_number if series else None,
            amount=amount,
            points=points,
            created=self._clock(),
            name=decl.name,
        )

    def write(
        self,
        name: str,
        number: str,
        values: dict[str, Any],
        *,
        approval: Approval | None = None,
        amount: Decimal | None = None,
        points: int | None = None,
    ) -> OperationResult:
        """Run the declared operation ``name`` (``pos_client.declarations``) on the card ``number``:
        ``values`` by the declaration's body field names; ``amount`` / ``points``: what it moves.
        The named methods (:meth:`pay`, :meth:`refund`, ...) check their own arguments first.

        Raises:
            KeyError: no such operation, or a value it has no field for.
            as the named methods.
        """
        return self._instrument_write(name, number, values, approval=approval, amount=amount, points=points)

    def _instrument_write(
        self,
        name: str,
        number: str,
        values: dict[str, Any],
        *,
        expect: Kind | None = None,
        approval: Approval | None = None,
        amount: Decimal | None = None,
        points: int | None = None,
        issuing: bool = False,
        auth_code: str = "",
    ) -> OperationResult:
        """Run the declared operation ``name`` on the instrument ``number`` (identified locally)."""
        decl = declaration(name)
        series = self._series_of(number, decl.kinds, expect, issuing)
        normalised = self.catalogue.normalise(number)[0]
        return self._declared_write(
            decl,
            series,
            values,
            number=normalised,
            approval=approval,
            amount=amount,
            points=points,
            auth_code=auth_code,
        )

    def _declared_write(
        self,
        decl: Declaration,
        series: Series,
        values: dict[str, Any],
        *,
        number: str = "",
        approval: Approval | None = None,
        amount: Decimal | None = None,
        points: int | None = None,
        auth_code: str = "",
        instrument_id: str = "",
    ) -> OperationResult:
        """Check the money rules the declaration names (currency, amount, series limits), then
        authorise, render the request from the declaration and submit it."""
        values = dict(values)
        if series.kind in MONEY and decl.currency:
            values["currency"] = self.check_currency(series)
        if amount is not None:
            values["amount"] = checked_amount(amount, series.currency)
        needs_manager = False
        if series.kind in MONEY and decl.series_limits:
            over = self._check_limits(series, decl.op_type, amount, number or None)
            needs_manager = over and decl.manager is Manager.ABOVE_THRESHOLD
        key = number if decl.order is Order.INSTRUMENT else ""

        def build(approved_by: str | None) -> WriteOperation:
            request = requests.render(
                decl,
                kind=series.kind,
                currency=series.currency,
                number=number,
                series=series.series_number,
                auth_code=auth_code,
                instrument_id=instrument_id,
                values={**values, "approved_by": approved_by} if approved_by else values,
            )
            return self._operation(decl, request, key=key, series=series, amount=amount, points=points)

        subject = mask_number(number) if number else series.series_number
        try:
            result = self._write(decl, series.kind, subject, build, approval, needs_manager=needs_manager)
        except Refused:
            if decl.op_type in (OpType.COMMIT, OpType.CANCEL):  # the server says it is not open
                self._holds.pop(auth_code, None)
            raise
        self._follow_holds(decl, result, subject, auth_code)
        return result

    def _follow_holds(self, decl: Declaration, result: OperationResult, subject: str, auth_code: str) -> None:
        """Keep the open payment holds placed here (sign-off is refused while one is open)."""
        if decl.op_type is OpType.PAY and result.auth_code and result.state is OperationState.APPLIED:
            self._holds[result.auth_code] = subject
        elif decl.op_type in (OpType.COMMIT, OpType.CANCEL) and auth_code:
            self._holds.pop(auth_code, None)

    # -- series limits ----------------------------------------------------------------------------

    def _check_limits(
        self, series: Series, op_type: OpType, amount: Decimal | None, number: str | None
    ) -> bool:
        """Refuse a load or an activation past ``series``' limits, before anything is stored or sent;
        True when its amount needs a manager (above the approval threshold).

        The balance limit of a load is checked against the card's balance read now; when the server
        cannot be reached the check is left to it (the load may then wait in the offline queue).

        Raises:
            LimitExceeded: over the series' maximum load, or past its maximum balance.
        """
        limits = series.limits or SeriesLimits()
        value = amount if amount is not None else series.fixed_amount
        if value is None:
            return False
        cur = series.currency
        if op_type is OpType.LOAD and limits.max_load is not None and value > limits.max_load:
            raise LimitExceeded(
                LOAD_LIMIT_EXCEEDED,
                f"One load on this card may add at most {limits.max_load} {cur}.",
                {"maxLoad": str(limits.max_load), "amountRequested": str(value)},
            )
        if limits.max_balance is not None:
            net = Decimal(0)
            if op_type is OpType.LOAD and number is not None and value <= limits.max_balance:
                net = self._known_net(series.kind, number)
            if net + value > limits.max_balance:
                room = max(Decimal(0), limits.max_balance - net)
                raise LimitExceeded(
                    BALANCE_LIMIT_EXCEEDED,
                    f"This card may hold at most {limits.max_balance} {cur}; it holds {net} {cur}, so "
                    f"at most {room} {cur} more can be added.",
                    {
                        "maxBalance": str(limits.max_balance),
                        "amountNet": str(net),
                        "amountAllowed": str(room),
                    },
                )
        return limits.approval_threshold is not None and value > limits.approval_threshold

    def _known_net(self, kind: Kind, number: str) -> Decimal:
        """The card's balance as the server has it now; 0 when it cannot be read (the server checks)."""
        try:
            account = self.client.instrument(kind, number).account
        except ApiError:
            log.info("balance before a load not readable; the server checks the balance limit")
            return Decimal(0)
        return account.net if account is not None else Decimal(0)

    # -- terminal and catalogue -----------------------------------------------------------------

    def terminal(self) -> Terminal:
        """Who this terminal is for the server (``GET /terminal``); also remembered for offline limits."""

        def call() -> Terminal:
            self._terminal = self.client.terminal()
            return self._terminal

        return self._run("terminal", "", call)

    def sync_series(self) -> SyncResult:
        """Refresh the local series catalogue from the server (ETag: unchanged → no download)."""
        return self._run("series.sync", "", lambda: self.catalogue.sync(self.client))

    def identify(self, raw: str | bytes, *, issuing: bool = False) -> Identification:
        """Identify a scanned or typed number locally (never raises, never goes online)."""
        return self.catalogue.identify(raw, issuing=issuing)

    # -- reads ----------------------------------------------------------------------------------

    def balance(self, number: str) -> Instrument:
        """The instrument behind ``number`` (any kind) with its balance, as the server has it now.

        A number of a series not accepted here is still looked up (a manager may look); its
        ``acceptable_here`` is False.

        Raises:
            IdentificationError: the number is not of a known series.
        """

        def call() -> Instrument:
            found = self._identify(number, allow_not_here=True)
            assert found.series is not None
            return self.client.instrument(found.series.kind, found.number)

        return self._run("balance", mask_number(self.catalogue.normalise(number)[0]), call)

    def history(self, number: str) -> tuple[Transaction, ...]:
        """The instrument's transactions, newest first."""
        instrument = self.balance(number)
        return self._run(
            "history",
            mask_number(instrument.number),
            lambda: self.client.transactions(instrument.instrument_id),
        )

    def day_report(self, date: dt.date | None = None) -> DayReport:
        """This terminal's totals for ``date`` (default: today, UTC)."""
        day = date or self._clock().astimezone(dt.UTC).date()
        return self._run("report.day", "", lambda: self.client.day_report(day))
