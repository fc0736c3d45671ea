"""Series: lookup, the issuer/acceptor merchant-group rules, and the catalogue's JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from loyalty_server.context import Ctx, Terminal
from loyalty_server.db import Conn, Row
from loyalty_server.errors import ApiError
from loyalty_server.money import format_optional

KIND_PATHS = {"giftcard": "giftcards", "storecredit": "storecredits"}


def load_series(conn: Conn, loyalty_group: str, series_number: str) -> Row:
    """The series row, or ``404 UNKNOWN_SERIES``."""
    row: Row | None = conn.execute(
        "SELECT * FROM series WHERE loyalty_group = :loyalty_group AND series_number = :series_number",
        {"loyalty_group": loyalty_group, "series_number": series_number},
    ).fetchone()
    if row is None:
        raise ApiError(404, "UNKNOWN_SERIES", "No such series.", {"seriesNumber": series_number[:64]})
    return row


def acceptable_here(series: Row, terminal: Terminal) -> bool:
    """True when the terminal's merchant is in the series' acceptor group."""
    return str(series["acceptor_group"]) in terminal.merchant_groups


def issuable_here(series: Row, terminal: Terminal) -> bool:
    """True when the terminal's merchant is in the series' issuer group."""
    return str(series["issuer_group"]) in terminal.merchant_groups


def require_acceptor(ctx: Ctx, series: Row) -> None:
    """``403 NOT_ACCEPTED_HERE`` unless this merchant may accept the series."""
    if not acceptable_here(series, ctx.terminal):
        raise ApiError(
            403,
            "NOT_ACCEPTED_HERE",
            "This store does not accept this card.",
            {"seriesNumber": series["series_number"], "acceptorMerchantGroup": series["acceptor_group"]},
        )


def require_issuer(ctx: Ctx, series: Row) -> None:
    """``403 NOT_ISSUABLE_HERE`` unless this merchant may issue the series."""
    if not issuable_here(series, ctx.terminal):
        raise ApiError(
            403,
            "NOT_ISSUABLE_HERE",
            "This store may not issue cards of this series.",
            {"seriesNumber": series["series_number"], "issuerMerchantGroup": series["issuer_group"]},
        )


def series_fields(series: Row | Mapping[str, Any]) -> dict[str, Any]:
    """The fields a series has on every wire (``GET /series`` and the back office's), number to validity."""
    cur = str(series["currency"])
    return {
        "seriesNumber": series["series_number"],
        "kind": series["kind"],
        "description": series["description"],
        "prefix": series["prefix"],
        "length": series["length"],
        "checkDigit": series["check_digit"],
        "alphanumeric": bool(series["alphanumeric"]),
        "currency": cur,
        "issueMode": series["issue_mode"],
        "amountMode": series["amount_mode"],
        "fixedAmount": format_optional(series["fixed_amount_minor"], cur),
        "minAmount": format_optional(series["min_amount_minor"], cur),
        "maxAmount": format_optional(series["max_amount_minor"], cur),
        "validityDays": series["validity_days"],
    }


def offline_policy_json(series: Row | Mapping[str, Any]) -> dict[str, Any]:
    """A series' ``offlinePolicy`` on the wire (the stored one keeps its amount in minor units)."""
    policy = json.loads(series["offline_policy"])
    return {
        "operations": list(policy.get("operations", [])),
        "maxAmountPerOperation": format_optional(
            policy.get("maxAmountPerOperationMinor"), str(series["currency"])
        ),
        "maxPointsPerOperation": policy.get("maxPointsPerOperation"),
    }


def series_json(series: Row, terminal: Terminal) -> dict[str, Any]:
    """One entry of ``GET /series``."""
    single = series["single_use"]
    return {
        **series_fields(series),
        "issuerMerchantGroup": series["issuer_group"],
        "acceptorMerchantGroup": series["acceptor_group"],
        "issuableHere": issuable_here(series, terminal),
        "acceptableHere": acceptable_here(series, terminal),
        "singleUse": None if single is None else bool(single),
        "offlinePolicy": offline_policy_json(series),
        "limits": series_limits(series),
    }


def series_limits(series: Row) -> dict[str, str | None] | None:
    """The money limits the server enforces (services/limits.py); ``None`` for non-money series."""
    if series["kind"] not in KIND_PATHS:
        return None
    cur = str(series["currency"])
    return {
        "maxLoad": format_optional(series["max_load_minor"], cur),
        "maxBalance": format_optional(series["max_balance_minor"], cur),
        "approvalThreshold": format_optional(series["approval_threshold_minor"], cur),
    }


def list_series(ctx: Ctx) -> list[dict[str, Any]]:
    """The whole catalogue of the terminal's loyalty group, by series number."""
    rows = ctx.conn.execute(
        "SELECT * FROM series WHERE loyalty_group = :loyalty_group ORDER BY series_number",
        {"loyalty_group": ctx.terminal.loyalty_group},
    ).fetchall()
    return [series_json(r, ctx.terminal) for r in rows]
