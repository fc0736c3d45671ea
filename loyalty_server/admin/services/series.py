"""Series: create, change and list, with every attribute of the design brief, validated with reasons.

A series is given as its wire form (camelCase keys, money as decimal strings in the series' currency;
``resources``-style names: ``seriesNumber``, ``kind``, ``prefix``, ``length``, ``checkDigit``, …), the
same dictionary a JSON request or a web form produces. It becomes database columns (minor units) and
one validator checks the whole, both for a new series and for one changed (:func:`change_series`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import insert, update

from loyalty_server.admin import audit
from loyalty_server.admin.auth import Action, AdminCtx, authorize
from loyalty_server.admin.services.common import conflict, invalid, not_found
from loyalty_server.admin.services.merchants import require_currency
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import format_optional, parse_amount
from loyalty_server.services import catalogue
from loyalty_server.services.points_config import ACCOUNTS
from loyalty_server.storage import schema

KINDS = ("giftcard", "storecredit", "coupon", "loyaltycard")
MONEY_KINDS = ("giftcard", "storecredit")
CHECK_DIGITS = ("luhn", "none")
ISSUE_MODES = ("preissued", "live")
AMOUNT_MODES = ("fixed", "manual")
OFFLINE_OPERATIONS = ("load", "pay", "commit", "cancel", "refund", "redeem", "earn", "return", "enrol")
DISCOUNT_TYPES = ("percent", "amount")
#: Free characters a number needs besides its prefix and check digit, so a series can hold many cards.
MIN_FREE_CHARACTERS = 4
MIN_LENGTH, MAX_LENGTH = 4, 32
SERIES_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
PREFIX = re.compile(r"^[A-Z0-9]{1,16}$")

#: What :func:`change_series` may change; the number's shape (prefix, length, check digit,
#: alphanumeric), kind, currency and issue mode are fixed once cards may exist.
CHANGEABLE = frozenset(
    {
        "description",
        "amountMode",
        "fixedAmount",
        "minAmount",
        "maxAmount",
        "validityDays",
        "issuerGroup",
        "acceptorGroup",
        "singleUse",
        "offlinePolicy",
        "offer",
        "pointsConfig",
        "limits",
    }
)


def _money(raw: object, currency: str, field: str) -> int | None:
    if raw is None:
        return None
    try:
        return parse_amount(raw, currency)
    except ApiError as exc:
        raise invalid("INVALID_AMOUNT", f"{field}: {exc.message}", field=field) from exc


def _choice(value: object, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise invalid("INVALID_SERIES", f"{field} must be one of {', '.join(allowed)}.", field=field)
    return str(value)


def _columns(wire: dict[str, Any], loyalty_group: str) -> dict[str, Any]:
    """The database columns of a wire-form series (shape errors refused with the field)."""
    currency = str(wire.get("currency") or "")
    require_currency(currency)
    kind = _choice(wire.get("kind"), KINDS, "kind")
    offline = dict(wire.get("offlinePolicy") or {})
    ops = list(offline.get("operations") or [])
    unknown = [op for op in ops if op not in OFFLINE_OPERATIONS]
    if unknown:
        raise invalid(
            "INVALID_SERIES",
            f"offlinePolicy.operations: unknown {', '.join(map(str, unknown))} "
            f"(known: {', '.join(OFFLINE_OPERATIONS)}).",
            field="offlinePolicy.operations",
        )
    policy: dict[str, Any] = {"operations": ops}
    max_offline = _money(
        offline.get("maxAmountPerOperation"), currency, "offlinePolicy.maxAmountPerOperation"
    )
    if max_offline is not None:
        policy["maxAmountPerOperationMinor"] = max_offline
    if offline.get("maxPointsPerOperation") is not None:
        policy["maxPointsPerOperation"] = int(offline["maxPointsPerOperation"])
    limits = dict(wire.get("limits") or {})
    single = wire.get("singleUse")
    return {
        "loyalty_group": loyalty_group,
        "series_number": str(wire.get("seriesNumber") or ""),
        "kind": kind,
        "description": str(wire.get("description") or ""),
        "prefix": str(wire.get("prefix") or ""),
        "length": int(wire.get("length") or 0),
        "check_digit": _choice(wire.get("checkDigit", "luhn"), CHECK_DIGITS, "checkDigit"),
        "alphanumeric": int(bool(wire.get("alphanumeric", False))),
        "currency": currency,
        "issue_mode": _choice(wire.get("issueMode", "preissued"), ISSUE_MODES, "issueMode"),
        "amount_mode": _choice(wire.get("amountMode", "manual"), AMOUNT_MODES, "amountMode"),
        "fixed_amount_minor": _money(wire.get("fixedAmount"), currency, "fixedAmount"),
        "min_amount_minor": _money(wire.get("minAmount"), currency, "minAmount"),
        "max_amount_minor": _money(wire.get("maxAmount"), currency, "maxAmount"),
        "validity_days": wire.get("validityDays"),
        "issuer_group": str(wire.get("issuerGroup") or ""),
        "acceptor_group": str(wire.get("acceptorGroup") or ""),
        "single_use": None if single is None else int(bool(single)),
        "offline_policy": json.dumps(policy),
        "offer": None if wire.get("offer") is None else json.dumps(wire["offer"], sort_keys=True),
        "points_config": None
        if wire.get("pointsConfig") is None
        else json.dumps(wire["pointsConfig"], sort_keys=True),
        "max_load_minor": _money(limits.get("maxLoad"), currency, "limits.maxLoad"),
        "max_balance_minor": _money(limits.get("maxBalance"), currency, "limits.maxBalance"),
        "approval_threshold_minor": _money(
            limits.get("approvalThreshold"), currency, "limits.approvalThreshold"
        ),
    }


def series_json(row: Row | dict[str, Any]) -> dict[str, Any]:
    """The wire form of a stored series (what :func:`create_series` takes, plus nothing secret)."""
    cur = str(row["currency"])
    single = row["single_use"]
    return {
        **catalogue.series_fields(row),
        "issuerGroup": row["issuer_group"],
        "acceptorGroup": row["acceptor_group"],
        "singleUse": None if single is None else bool(single),
        "offlinePolicy": catalogue.offline_policy_json(row),
        "offer": None if row["offer"] is None else json.loads(row["offer"]),
        "pointsConfig": None if row["points_config"] is None else json.loads(row["points_config"]),
        "limits": {
            "maxLoad": format_optional(row["max_load_minor"], cur),
            "maxBalance": format_optional(row["max_balance_minor"], cur),
            "approvalThreshold": format_optional(row["approval_threshold_minor"], cur),
        },
    }


def _validate(ctx: AdminCtx, s: dict[str, Any]) -> None:
    """Every rule a series must keep, each refused with its reason (``400``, ``404``, ``409``)."""
    number, kind, prefix, length = s["series_number"], s["kind"], s["prefix"], s["length"]
    if not SERIES_NUMBER.match(number):
        raise invalid(
            "INVALID_SERIES", "seriesNumber: 1 to 32 letters, digits, '-' or '_'.", field="seriesNumber"
        )
    if not s["description"].strip():
        raise invalid(
            "INVALID_SERIES", "description: say what the series is (shown at the till).", field="description"
        )
    if not PREFIX.match(prefix):
        raise invalid("INVALID_PREFIX", "prefix: 1 to 16 capital letters or digits.", field="prefix")
    if not s["alphanumeric"] and not prefix.isdigit():
        raise invalid("INVALID_PREFIX", "prefix: a numeric series has a numeric prefix.", field="prefix")
    if s["check_digit"] == "luhn" and s["alphanumeric"]:
        raise invalid(
            "INVALID_CHECK_DIGIT",
            "checkDigit: the Luhn check digit needs numeric numbers (alphanumeric off).",
            field="checkDigit",
        )
    check = 1 if s["check_digit"] == "luhn" else 0
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        raise invalid("INVALID_LENGTH", f"length: {MIN_LENGTH} to {MAX_LENGTH} characters.", field="length")
    if len(prefix) + check + MIN_FREE_CHARACTERS > length:
        raise invalid(
            "PREFIX_DOES_NOT_FIT",
            f"length {length} leaves no room: the prefix ({len(prefix)}), the check digit ({check}) and at "
            f"least {MIN_FREE_CHARACTERS} free characters need {len(prefix) + check + MIN_FREE_CHARACTERS}.",
            field="length",
        )
    for field, code in (("issuer_group", "issuerGroup"), ("acceptor_group", "acceptorGroup")):
        if not ctx.conn.execute(
            "SELECT 1 FROM merchant_groups WHERE loyalty_group = :loyalty_group AND code = :code",
            {"loyalty_group": ctx.loyalty_group, "code": s[field]},
        ).fetchone():
            raise invalid(
                "UNKNOWN_MERCHANT_GROUP",
                f"{code}: no merchant group {s[field] or '(none)'} in this loyalty group.",
                field=code,
                merchantGroup=s[field],
            )
    for other in ctx.conn.execute(
        "SELECT series_number, prefix FROM series WHERE loyalty_group = :loyalty_group AND series_number "
        "!= :series_number",
        {"loyalty_group": ctx.loyalty_group, "series_number": number},
    ):
        if other["prefix"].startswith(prefix) or prefix.startswith(other["prefix"]):
            raise conflict(
                "PREFIX_OVERLAP",
                f"prefix {prefix} overlaps series {other['series_number']} (prefix {other['prefix']}): "
                "a number must tell its series.",
                field="prefix",
                seriesNumber=other["series_number"],
                prefix=other["prefix"],
            )
    _validate_amounts(s)
    if s["validity_days"] is not None and not 1 <= int(s["validity_days"]) <= 36500:
        raise invalid("INVALID_SERIES", "validityDays: 1 to 36500 days, or none.", field="validityDays")
    if kind == "storecredit" and s["issue_mode"] != "live":
        raise invalid(
            "INVALID_SERIES", "issueMode: store credit is issued at the till (live).", field="issueMode"
        )
    if kind == "coupon":
        _validate_offer(s["offer"])
    if kind == "loyaltycard":
        _validate_points(s["points_config"], s["currency"])


def _validate_amounts(s: dict[str, Any]) -> None:
    money = s["kind"] in MONEY_KINDS
    fixed, lo, hi = s["fixed_amount_minor"], s["min_amount_minor"], s["max_amount_minor"]
    if not money:
        if any(v is not None for v in (fixed, lo, hi, s["max_load_minor"], s["max_balance_minor"])):
            raise invalid(
                "INVALID_SERIES", "amounts and limits are for gift cards and store credit only.", field="kind"
            )
        return
    if s["amount_mode"] == "fixed":
        if fixed is None:
            raise invalid(
                "INVALID_SERIES", "fixedAmount: a fixed-amount series names its amount.", field="fixedAmount"
            )
        if lo is not None or hi is not None:
            raise invalid(
                "INVALID_SERIES", "minAmount/maxAmount: not with a fixed amount.", field="minAmount"
            )
    else:
        if fixed is not None:
            raise invalid("INVALID_SERIES", "fixedAmount: only with amountMode fixed.", field="fixedAmount")
        if lo is not None and hi is not None and lo > hi:
            raise invalid("INVALID_SERIES", "minAmount is above maxAmount.", field="minAmount")
    top = fixed if fixed is not None else hi
    balance = s["max_balance_minor"]
    if balance is not None and top is not None and top > balance:
        raise invalid(
            "INVALID_SERIES",
            "limits.maxBalance is below the largest amount a card is issued with.",
            field="limits.maxBalance",
        )


def _validate_offer(offer: str | None) -> None:
    data = json.loads(offer) if offer else None
    if (
        not isinstance(data, dict)
        or data.get("discountType") not in DISCOUNT_TYPES
        or not data.get("description")
    ):
        raise invalid(
            "INVALID_SERIES",
            "offer: a coupon series has an offer {description, discountType percent|amount, value}.",
            field="offer",
        )
    value = str(data.get("value", ""))
    try:
        parse_amount(value, "PLN")
    except ApiError as exc:
        raise invalid(
            "INVALID_SERIES", 'offer.value: a positive decimal string such as "10".', field="offer.value"
        ) from exc


def _validate_points(config: str | None, currency: str) -> None:
    data = json.loads(config) if config else None
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise invalid(
            "INVALID_SERIES",
            "pointsConfig: a loyalty card series has {pointValue, rules[], reward?}.",
            field="pointsConfig",
        )
    account = data.get("account", "points")
    if account not in ACCOUNTS:
        raise invalid(
            "INVALID_SERIES",
            "pointsConfig.account: what the cards keep: points, or money.",
            field="pointsConfig.account",
        )
    if account == "money":
        if data.get("reward") or data.get("pointsProducts"):
            raise invalid(
                "INVALID_SERIES",
                "pointsConfig: a money account has no reward threshold and no products priced in points.",
                field="pointsConfig",
            )
        return
    try:
        parse_amount(str(data.get("pointValue", "")), currency)
    except ApiError as exc:
        raise invalid(
            "INVALID_SERIES",
            "pointsConfig.pointValue: the money value of one point.",
            field="pointsConfig.pointValue",
        ) from exc


def series_row(ctx: AdminCtx, number: str) -> Row:
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM series WHERE loyalty_group = :loyalty_group AND series_number = :series_number",
        {"loyalty_group": ctx.loyalty_group, "series_number": number},
    ).fetchone()
    if row is None:
        raise not_found("UNKNOWN_SERIES", f"No series {number}.", seriesNumber=number)
    return row


def create_series(ctx: AdminCtx, wire: dict[str, Any]) -> dict[str, Any]:
    """A new series (``409 ALREADY_EXISTS`` for a number in use)."""
    authorize(ctx, Action.CHANGE)
    cols = _columns(wire, ctx.loyalty_group)
    if cols["kind"] == "coupon" and cols["single_use"] is None:
        cols["single_use"] = 1
    if ctx.conn.execute(
        "SELECT 1 FROM series WHERE loyalty_group = :loyalty_group AND series_number = :series_number",
        {"loyalty_group": ctx.loyalty_group, "series_number": cols["series_number"]},
    ).fetchone():
        raise conflict(
            "ALREADY_EXISTS", f"Series {cols['series_number']} exists.", seriesNumber=cols["series_number"]
        )
    _validate(ctx, cols)
    ctx.conn.execute(insert(schema.series).values(cols))
    after = series_json(series_row(ctx, cols["series_number"]))
    audit.record(ctx, "series.add", f"series:{cols['series_number']}", None, after)
    return after


def change_series(ctx: AdminCtx, number: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change what may change of a series (:data:`CHANGEABLE`), validated as a whole again."""
    authorize(ctx, Action.CHANGE)
    fixed = sorted(set(changes) - CHANGEABLE)
    if fixed:
        raise invalid(
            "NOT_CHANGEABLE",
            f"{', '.join(fixed)} cannot change once a series exists (cards may carry it): make a new series.",
            fields=fixed,
        )
    before = series_json(series_row(ctx, number))
    cols = _columns({**before, **changes}, ctx.loyalty_group)
    _validate(ctx, cols)
    table = schema.series
    ctx.conn.execute(
        update(table)
        .where(table.c.loyalty_group == ctx.loyalty_group, table.c.series_number == number)
        .values({k: v for k, v in cols.items() if k not in ("loyalty_group", "series_number")})
    )
    after = series_json(series_row(ctx, number))
    audit.record(ctx, "series.change", f"series:{number}", before, after)
    return after


def list_series(ctx: AdminCtx) -> dict[str, Any]:
    authorize(ctx, Action.READ)
    rows = ctx.conn.execute(
        "SELECT * FROM series WHERE loyalty_group = :loyalty_group ORDER BY series_number",
        {"loyalty_group": ctx.loyalty_group},
    ).fetchall()
    return {"series": [series_json(r) for r in rows]}
