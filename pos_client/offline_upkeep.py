"""The queued gateway's upkeep: delivery in the background, retention, tidying, and the follow-ups
of payments (the commit of one taken offline, the release of one the cashier was told failed)."""

from __future__ import annotations

import json
import logging
import threading
import uuid

from offline_queue.replayer import PassReport
from offline_queue.store import (
    DuplicateOperationError,
    Entry,
    Reported,
    State,
)
from pos_client.api import requests
from pos_client.declarations import declaration
from pos_client.domain import (
    OperationResult,
    OpType,
)
from pos_client.offline_base import QueueBase
from pos_client.offline_status import (
    ALL,
    RELEASE_NAMESPACE,
    RETENTION_DAYS,
    SETTLE_NAMESPACE,
    Tidied,
)
from pos_client.operations import (
    WriteOperation,
)

log = logging.getLogger("pos_client.offline")


class Upkeep(QueueBase):
    """Delivery, retention and the follow-ups of payment holds."""

    def flush(self, timeout: float = 0.0) -> PassReport:
        """Deliver what can be delivered now (see ``Replayer.flush``)."""
        return self.replayer.flush(timeout)

    def start(self) -> None:
        """Deliver in the background (the app); the CLI flushes on demand instead.

        Beside delivery, on a thread of its own, the delivered operations are looked after once:
        those older than :data:`RETENTION_DAYS` are dropped (the server forgets idempotency keys after
        30 days too, and customer details must not stay on the terminal; nothing undelivered, refused
        or needing attention is ever dropped), then :meth:`tidy_delivered`. It reads every delivered
        operation (~0.2 s for 5,000, measured), which is no work for the caller's thread (the app's
        GUI thread). Delivery does not wait for it: it touches only delivered rows.
        """
        self.replayer.start()
        if self._upkeep is None:
            upkeep = threading.Thread(target=self._look_after_delivered, name="outbox-upkeep", daemon=True)
            self._upkeep = upkeep
            upkeep.start()

    def _look_after_delivered(self) -> None:
        try:
            dropped = self.outbox.prune_done(RETENTION_DAYS)
            if dropped:
                log.info("dropped %d delivered operation(s) older than %d days", dropped, RETENTION_DAYS)
            self.tidy_delivered()
        except Exception:  # upkeep must never stop delivery; the next start tries again
            log.warning("could not look after the delivered operations", exc_info=True)

    def tidy_delivered(self) -> Tidied:
        """One pass over the finished operations at start (see :meth:`start`).

        - Customer operations that will never be sent again keep no personal data (names, phones,
          e-mail addresses). Whoever delivers one blanks it as the delivery is recorded (the
          replayer's ``redact``), and a refused one is blanked when a manager resolves it; this pass
          catches what an older version, or a crash between two steps, left whole: delivered, not
          sent, parked after a refusal, or refused with nobody to resolve it.
        - A payment taken offline whose commit is not in the outbox yet (the terminal stopped right
          after delivering it) gets its commit (see :meth:`_settle`).
        """
        blanked = settled = 0
        finished = [State.DONE, State.NOT_SENT, State.PARKED, State.REFUSED]
        for entry in self.outbox.entries(finished, limit=ALL):  # retention keeps this bounded
            if not entry.redacted and self._blank(entry).redacted:
                blanked += 1
            elif entry.state is State.DONE and entry.reported is Reported.QUEUED and entry.response:
                op = WriteOperation.from_json(entry.payload)
                auth_code = json.loads(entry.response).get("authCode") if op.type is OpType.PAY else None
                if auth_code and self._settle(op, str(auth_code), entry.terminal):
                    settled += 1
        return Tidied(blanked, settled)

    def stop(self) -> None:
        """Stop delivery, once the upkeep started by :meth:`start` is done (the outbox may close)."""
        if self._upkeep is not None:
            self._upkeep.join()
            self._upkeep = None
        self.replayer.stop()

    def _seen(self, result: OperationResult) -> None:
        super()._seen(result)
        if result.type is OpType.PAY and result.auth_code:
            entry = self.outbox.get(result.operation_id)
            if entry is not None and entry.reported is Reported.QUEUED:
                self._settle(WriteOperation.from_json(entry.payload), result.auth_code, entry.terminal)
            elif entry is not None and entry.reported is Reported.UNAVAILABLE:
                self._release(WriteOperation.from_json(entry.payload), result.auth_code, entry.terminal)

    # -- payments taken offline -----------------------------------------------------------------
    #
    # Offline, the till cannot hold an amount and commit it when the sale ends: the cashier finishes
    # the sale on a provisional payment. When that payment reaches the server it becomes a hold, so
    # the terminal commits it at once with a follow-up operation. Its id is derived from the
    # payment's (uuid5), so it is made once however often this runs: on delivery, and again at start
    # for any payment delivered just before a crash.

    def _settle(self, pay: WriteOperation, auth_code: str, terminal: str) -> bool:
        """Queue the commit of a payment taken offline, under the terminal identity the payment was
        made under (``terminal``); False when it is already in the outbox."""
        queued = self._follow_up(
            pay,
            auth_code,
            terminal,
            OpType.COMMIT,
            SETTLE_NAMESPACE,
            f"commit of payment {pay.operation_id} taken offline",
        )
        if queued:
            log.info("payment %s taken offline is on the server; committing it", pay.operation_id)
        return queued

    def _follow_up(
        self,
        pay: WriteOperation,
        auth_code: str,
        terminal: str,
        op_type: OpType,
        namespace: uuid.UUID,
        note: str,
    ) -> bool:
        """Queue the commit or cancel of ``pay``'s hold (its id derived from the payment's, so it is made
        once however often this runs); False when it is already in the outbox."""
        decl = declaration("commit" if op_type is OpType.COMMIT else "cancel")
        request = requests.render(decl, kind=pay.kind, number=pay.instrument_key, auth_code=auth_code)
        follow = WriteOperation(
            operation_id=str(uuid.uuid5(namespace, pay.operation_id)),
            type=op_type,
            path=request.path,
            body=request.body,
            name=decl.name,
            instrument_key=pay.instrument_key,
            kind=pay.kind,
            series_number=pay.series_number,
        )
        try:
            seq = self.outbox.enqueue(
                follow.operation_id, follow.to_json(), instrument_key=follow.instrument_key, terminal=terminal
            )
        except DuplicateOperationError:
            return False
        self.outbox.set_reported(seq, Reported.QUEUED, note=note)
        self.replayer.wake()
        return True

    # -- holds the cashier was told failed ---------------------------------------------------------
    #
    # A payment hold whose answer was lost and that the cashier was told is not paid (see
    # _check_hold) may still reach the server, now or on a later replay under its key. The customer
    # did not pay with it, so the terminal cancels the hold at once: the card's available balance
    # matches what the cashier said. The payment stays on the needs-attention list (applied after the
    # cashier was told it failed) with the release noted, for the manager to see.

    def _release_delivered(self, entry: Entry) -> None:
        auth_code = json.loads(entry.response).get("authCode") if entry.response else None
        if auth_code:
            self._release(WriteOperation.from_json(entry.payload), str(auth_code), entry.terminal)

    def _release(self, pay: WriteOperation, auth_code: str, terminal: str) -> bool:
        """Queue the cancel of a hold the cashier did not go on with; False when already queued."""
        queued = self._follow_up(
            pay,
            auth_code,
            terminal,
            OpType.CANCEL,
            RELEASE_NAMESPACE,
            f"releases the hold of payment {pay.operation_id} (not confirmed in time)",
        )
        if queued:
            log.info(
                "payment %s was not confirmed in time but reached the server; releasing its hold",
                pay.operation_id,
            )
        return queued
