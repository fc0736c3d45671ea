"""``loyalty-pos terminal``: who this terminal is for the server, how far away it is, how wrong its clock.

Latency is the round trip of ``GET /terminal``; the clock skew is the server's time minus this
machine's at the middle of that round trip (positive: our clock is behind). The answer's offline
limits are remembered for offline decisions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from pos_client.cli.context import CliContext
from pos_client.cli.output import ExitCode
from pos_client.i18n import gettext as _
from pos_client.masking import mask_url


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("terminal", help="who am I for the server, latency, clock skew")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    service = ctx.service()
    config = ctx.config()
    before_wall = dt.datetime.now(dt.UTC)
    start = time.perf_counter()
    terminal = service.terminal()
    elapsed = time.perf_counter() - start
    middle = before_wall + dt.timedelta(seconds=elapsed / 2)
    skew = (terminal.server_time - middle).total_seconds()
    limits = terminal.offline_limits
    data = {
        "server": mask_url(config.server.url),  # never a password that sits in the URL
        "loyaltyGroup": terminal.loyalty_group,
        "terminalId": terminal.terminal_id,
        "merchant": {"merchantId": terminal.merchant_id, "name": terminal.merchant_name},
        "store": terminal.store,
        "pos": terminal.pos,
        "storeName": terminal.store_name,
        "storeAddress": terminal.store_address,
        "merchantGroups": list(terminal.merchant_groups),
        "currency": terminal.currency,
        "serverTime": terminal.server_time,
        "latencyMs": round(elapsed * 1000, 1),
        "clockSkewSeconds": round(skew, 1),
        "offlineLimits": {
            "maxOutstandingValue": limits.max_outstanding_value,
            "maxQueueAgeSeconds": limits.max_queue_age_seconds,
            "overrideHardCap": limits.override_hard_cap,
        },
        "operator": {"id": service.operator.operator_id, "role": service.operator.role.value},
    }
    lines = [
        _("Terminal {id}: {merchant} ({merchant_id}), store {store}, POS {pos}").format(
            id=terminal.terminal_id,
            merchant=terminal.merchant_name,
            merchant_id=terminal.merchant_id,
            store=terminal.store,
            pos=terminal.pos,
        ),
        _("Loyalty group {group} at {url}; merchant groups {groups}; currency {currency}").format(
            group=terminal.loyalty_group,
            url=mask_url(config.server.url),
            groups=", ".join(terminal.merchant_groups) or "-",
            currency=terminal.currency,
        ),
        _("Latency {ms:.0f} ms; clock skew {skew:+.1f} s").format(ms=elapsed * 1000, skew=skew),
        _("Signed on as {id} ({role})").format(
            id=service.operator.operator_id, role=service.operator.role.value
        ),
    ]
    if abs(skew) > 60:
        lines.append(_("Warning: this machine's clock is off by more than a minute; fix its time sync."))
    ctx.out.result(data, "\n".join(lines))
    return int(ExitCode.OK)
