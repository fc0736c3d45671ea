"""``loyalty-pos queue status | list | flush | retry ID | park ID | ack ID``: the offline outbox
(docs/offline.md).

Every command works on the terminal's outbox through the queued gateway of the CLI context, so it sees
exactly what the cashier's operations stored. ``status`` probes the server once to say online or
offline. ``flush`` exits 0 when nothing deliverable is left (empty, or only operations needing a
manager's attention), 3 when operations still wait because the server cannot be reached.

``retry``, ``park`` and ``ack`` are a manager's decisions: the CLI runs as a cashier, so each needs
``--manager ID`` with ``--pin PIN`` or ``$LOYALTY_POS_MANAGER_PIN``. The service checks the PIN and
the role (as for the app's manager screen) and the audit log records the operator and the manager.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from offline_queue.store import Entry, InvalidTransitionError, State, UnknownOperationError, short_id
from pos_client.cli.commands.money import add_approval
from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode
from pos_client.offline import QueuedGateway, QueueStatus
from pos_client.queue_view import queue_row

# What ``queue list`` shows by default: what still matters (``--all`` adds done / not-sent rows).
_OPEN_STATES = (State.PENDING, State.SENDING, State.REFUSED, State.PARKED)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("queue", help="the offline queue: status, list, flush, retry, park")
    qsub = p.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    s = qsub.add_parser("status", help="online/offline, pending count, oldest age, needs attention")
    s.set_defaults(handler=status)
    ls = qsub.add_parser("list", help="waiting operations and those needing attention")
    ls.add_argument("--all", action="store_true", help="also delivered and not-sent operations")
    ls.add_argument("--limit", type=int, default=200, help="at most this many rows (default 200)")
    ls.set_defaults(handler=list_)
    f = qsub.add_parser("flush", help="deliver now")
    f.add_argument(
        "--timeout", type=float, default=10.0, help="keep retrying for up to this many seconds (default 10)"
    )
    f.set_defaults(handler=flush)
    r = qsub.add_parser("retry", help="send a refused or parked operation again (manager)")
    r.add_argument("id", help="operation id, or its last 8 characters as `queue list` shows them")
    add_approval(r)
    r.set_defaults(handler=retry)
    k = qsub.add_parser("park", help="take an operation out of delivery (it is kept; manager)")
    k.add_argument("id", help="operation id, or its last 8 characters as `queue list` shows them")
    add_approval(k)
    k.set_defaults(handler=park)
    a = qsub.add_parser(
        "ack", help="clear 'needs attention' of an operation applied after all (dealt with; manager)"
    )
    a.add_argument("id", help="operation id, or its last 8 characters as `queue list` shows them")
    add_approval(a)
    a.set_defaults(handler=ack)


# -- rendering ------------------------------------------------------------------------------------


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{int(seconds)} s"
    if seconds < 7200:
        return f"{int(seconds // 60)} min"
    return f"{seconds / 3600:.1f} h"


def _status_text(st: QueueStatus) -> str:
    online = {True: "online", False: "OFFLINE", None: "online: unknown"}[st.online]
    parts = [online, f"{st.pending} pending"]
    if st.pending:
        parts.append(f"oldest {_age(st.oldest_age_seconds)}")
        parts.append(f"offline value {st.outstanding_value}")
    parts.append(f"{st.needs_attention} need attention")
    if st.parked:
        parts.append(f"{st.parked} parked")
    return " · ".join(parts)


def _when(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _entry_json(e: Entry) -> dict[str, Any]:
    row = queue_row(e)
    return {
        "operationId": row.operation_id,
        "state": row.state.value,
        "needsAttention": row.needs_attention,
        "type": row.type,
        "instrument": row.instrument or None,
        "amount": str(row.amount) if row.amount is not None else None,
        "points": row.points,
        "attempts": row.attempts,
        "lastError": e.last_error,
        "reason": row.reason or None,
        "created": _when(e.created_at),
        "nextAttempt": _when(e.next_attempt_at) if e.state is State.PENDING else None,
        "told": e.reported.value if e.reported else None,
        "note": e.note,
        "previousIds": list(e.previous_keys),
    }


def _entry_line(e: Entry) -> str:
    j = _entry_json(e)
    flag = "!" if e.attention else " "
    what = j["amount"] or (f"{j['points']} pts" if j["points"] is not None else "")
    tail = f"  {e.last_error}" if e.last_error and e.state is not State.DONE else ""
    note = f"  ({e.note})" if e.note and e.attention else ""
    return (
        f"{flag} {short_id(e.operation_id)}  {e.state.value:<8} {j['type']:<8} {j['instrument'] or '-':<20} "
        f"{what:>9}  tries {e.attempts}{tail}{note}"
    )


# -- handlers -------------------------------------------------------------------------------------


def _gateway(ctx: CliContext) -> QueuedGateway:
    return ctx.offline_gateway()


def status(args: argparse.Namespace, ctx: CliContext) -> int:
    st = _gateway(ctx).status(probe=True)
    ctx.out.result(st.to_json(), _status_text(st))
    return int(ExitCode.OK)


def list_(args: argparse.Namespace, ctx: CliContext) -> int:
    outbox = _gateway(ctx).outbox
    if args.all:
        rows = outbox.entries(limit=args.limit)
    else:
        open_rows = outbox.entries(_OPEN_STATES, limit=args.limit)
        flagged = [
            e for e in outbox.entries(attention_only=True, limit=args.limit) if e.state not in _OPEN_STATES
        ]
        rows = sorted(open_rows + flagged, key=lambda e: e.seq)
    data = {"operations": [_entry_json(e) for e in rows]}
    human = "\n".join(_entry_line(e) for e in rows) if rows else "the queue is empty"
    ctx.out.result(data, human)
    return int(ExitCode.OK)


def flush(args: argparse.Namespace, ctx: CliContext) -> int:
    gw = _gateway(ctx)
    report = gw.flush(timeout=max(0.0, args.timeout))
    st = gw.status()
    waiting = st.waiting
    data = {
        **st.to_json(),
        "delivered": report.delivered,
        "refused": report.refused,
        "waiting": waiting,
    }
    human = f"delivered {report.delivered}, refused {report.refused}; " + _status_text(st)
    if waiting:
        ctx.out.result(data, human)
        ctx.out.error(f"{waiting} operation(s) still wait for the server")
        return int(ExitCode.UNAVAILABLE)
    ctx.out.result(data, human)
    return int(ExitCode.OK)


def retry(args: argparse.Namespace, ctx: CliContext) -> int:
    gw = _gateway(ctx)
    approval = ctx.approval(args)
    try:
        entry = ctx.service().queue_retry(args.id, approval=approval)
    except UnknownOperationError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    except InvalidTransitionError as exc:
        raise CliError(str(exc), ExitCode.REFUSED) from exc
    gw.flush(timeout=0.0)  # try it now; it stays queued if the server is away
    entry = gw.outbox.resolve(entry.operation_id)
    ctx.out.result(_entry_json(entry), _entry_line(entry))
    return int(ExitCode.OK)


def _manager_action(ctx: CliContext, action: Callable[[str], Entry], ref: str) -> int:
    try:
        entry = action(ref)
    except UnknownOperationError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    except InvalidTransitionError as exc:
        raise CliError(str(exc), ExitCode.REFUSED) from exc
    ctx.out.result(_entry_json(entry), _entry_line(entry))
    return int(ExitCode.OK)


def park(args: argparse.Namespace, ctx: CliContext) -> int:
    approval = ctx.approval(args)
    return _manager_action(ctx, lambda ref: ctx.service().queue_park(ref, approval=approval), args.id)


def ack(args: argparse.Namespace, ctx: CliContext) -> int:
    approval = ctx.approval(args)
    return _manager_action(ctx, lambda ref: ctx.service().queue_acknowledge(ref, approval=approval), args.id)
