"""Points rules, the threshold reward and coupon offers of a series, typed and validated with reasons.

A loyalty card series keeps its points configuration as the JSON the points engine reads
(:mod:`loyalty_server.services.earning` and :mod:`loyalty_server.services.points`): ``pointValue``,
``account`` (points, or money: an amount credited on the card; its rules' numbers are minor units),
``amountRounding`` (up|down: an amount paid with points in whole points),
``vestingDays``, ``validityDays``, ``expiryWarningDays``, ``rules`` (``per-product``, ``per-group``,
``per-visit``, ``per-amount``, each optionally limited to ``salesModes`` and ``pointsOfSale``),
``reward`` (``threshold`` points → a coupon of ``couponSeries`` worth ``rewardValue``) and
``pointsProducts`` (products bought with points). The engine trusts what it reads, so everything is
checked here before it is stored: a rule the engine would skip or misread (an unknown rule name, a
negative or fractional number of points, a product group the till cannot send, a reward coupon
series that does not exist or is worth another amount) is refused with the field and the reason.

A coupon series' offer (``description``, ``discountType`` percent|amount, ``value``) and whether a
coupon is single-use are set the same way. Both changes are audited (before → after) in the change's
transaction. The wire form is plain dictionaries, so the JSON routes and the web pages share these
functions.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from loyalty_server.admin import audit
from loyalty_server.admin.auth import Action, AdminCtx, authorize
from loyalty_server.admin.services.common import invalid, not_found
from loyalty_server.db import Row
from loyalty_server.errors import ApiError
from loyalty_server.money import format_minor, parse_amount
from loyalty_server.services.points_config import ACCOUNTS, AMOUNT_ROUNDINGS

RULE_KINDS = ("per-product", "per-group", "per-visit", "per-amount")
DISCOUNT_TYPES = ("percent", "amount")
#: Product codes, product groups (sections) and sales modes as a till sends them on basket lines.
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
#: A point of sale: a merchant (``M001``) or one POS of it (``M001/2``).
POINT_OF_SALE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_-]{0,63})(?:/([1-9][0-9]{0,2}))?$")
MAX_POINTS = 1_000_000
MAX_DAYS = 36500
MAX_RULES = 50
MAX_ENTRIES = 1000  # products or groups in one rule, products bought with points
MAX_DESCRIPTION = 200
_RULE_KEYS = {
    "per-product": {"products"},
    "per-group": {"groups"},
    "per-visit": {"points", "minAmount"},
    "per-amount": {"points", "unit", "excludeGroups"},
}
_SCOPE_KEYS = {"rule", "salesModes", "pointsOfSale"}


def _bad(field: str, message: str) -> ApiError:
    return invalid("INVALID_POINTS_RULES", f"{field}: {message}", field=field)


def _points(value: object, field: str, *, allow_zero: bool = False) -> int:
    """A whole, non-negative number of points (positive unless ``allow_zero``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(field, f"a whole number of points, not {json.dumps(value)[:40]}.")
    low = 0 if allow_zero else 1
    if not low <= value <= MAX_POINTS:
        what = "0 or more" if allow_zero else "at least 1"
        raise _bad(field, f"points are {what} and at most {MAX_POINTS}, not {value}.")
    return value


def _days(value: object, field: str, *, allow_zero: bool) -> int | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (0 if allow_zero else 1) <= value <= MAX_DAYS
    ):
        low = 0 if allow_zero else 1
        raise _bad(field, f"a whole number of days from {low} to {MAX_DAYS}, or none.")
    return value


def _money(value: object, currency: str, field: str) -> str:
    """A positive amount in the series' currency, normalised (``"1"`` → ``"1.00"``)."""
    try:
        return format_minor(parse_amount(value, currency), currency)
    except ApiError as exc:
        raise invalid("INVALID_AMOUNT", f"{field}: {exc.message}", field=field) from exc


def _code(value: object, field: str, what: str) -> str:
    if not isinstance(value, str) or not CODE.match(value):
        raise _bad(
            field,
            f"{json.dumps(value)[:40]} is not a {what} code as the till sends it "
            "(1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit).",
        )
    return value


def _mapping(value: object, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(field, "an object keyed by code.")
    if len(value) > MAX_ENTRIES:
        raise _bad(field, f"at most {MAX_ENTRIES} entries.")
    return value


def _codes(value: object, field: str, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_ENTRIES:
        raise _bad(field, f"a list of {what} codes.")
    codes = [_code(v, f"{field}[{i}]", what) for i, v in enumerate(value)]
    if len(set(codes)) != len(codes):
        raise _bad(field, f"a {what} is listed twice.")
    return codes


def _points_of_sale(ctx: AdminCtx, value: object, field: str) -> list[str]:
    """Merchants (``M001``) or POS (``M001/2``) of this loyalty group."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_ENTRIES:
        raise _bad(field, "a list of merchants (M001) or POS (M001/2).")
    found: list[str] = []
    for i, raw in enumerate(value):
        m = POINT_OF_SALE.match(raw) if isinstance(raw, str) else None
        if m is None:
            raise _bad(
                f"{field}[{i}]", f"{json.dumps(raw)[:40]} is neither a merchant (M001) nor a POS (M001/2)."
            )
        merchant = ctx.conn.execute(
            "SELECT store FROM merchants WHERE loyalty_group = :loyalty_group AND merchant_id = :merchant_id",
            {"loyalty_group": ctx.loyalty_group, "merchant_id": m.group(1)},
        ).fetchone()
        if merchant is None:
            raise invalid(
                "UNKNOWN_MERCHANT",
                f"{field}[{i}]: no merchant {m.group(1)} in this loyalty group.",
                field=f"{field}[{i}]",
                merchantId=m.group(1),
            )
        found.append(raw)
    return found


def _rule(ctx: AdminCtx, raw: object, currency: str, field: str) -> dict[str, Any]:
    """One earning rule in the engine's form, every value checked."""
    if not isinstance(raw, dict):
        raise _bad(field, "a rule is an object with a 'rule' name.")
    kind = raw.get("rule")
    if kind not in RULE_KINDS:
        raise _bad(f"{field}.rule", f"one of {', '.join(RULE_KINDS)}, not {json.dumps(kind)[:40]}.")
    extra = sorted(set(raw) - _RULE_KEYS[kind] - _SCOPE_KEYS)
    if extra:
        raise _bad(field, f"a {kind} rule has no {', '.join(extra)}.")
    rule: dict[str, Any] = {"rule": kind}
    if kind == "per-product":
        products = _mapping(raw.get("products"), f"{field}.products")
        if not products:
            raise _bad(f"{field}.products", "name at least one product and its points.")
        rule["products"] = {
            _code(code, f"{field}.products", "product"): _points(p, f"{field}.products.{code}")
            for code, p in products.items()
        }
    elif kind == "per-group":
        groups = _mapping(raw.get("groups"), f"{field}.groups")
        if not groups:
            raise _bad(f"{field}.groups", "name at least one product group and its rate.")
        rule["groups"] = {
            _code(group, f"{field}.groups", "product group"): _group_rate(
                rate, currency, f"{field}.groups.{group}"
            )
            for group, rate in groups.items()
        }
    elif kind == "per-visit":
        rule["points"] = _points(raw.get("points"), f"{field}.points")
        if raw.get("minAmount") is not None:
            rule["minAmount"] = _money(raw["minAmount"], currency, f"{field}.minAmount")
    else:
        rule["points"] = _points(raw.get("points", 1), f"{field}.points")
        rule["unit"] = _money(raw.get("unit", "1.00"), currency, f"{field}.unit")
        excluded = _codes(raw.get("excludeGroups"), f"{field}.excludeGroups", "product group")
        if excluded:
            rule["excludeGroups"] = excluded
    modes = _codes(raw.get("salesModes"), f"{field}.salesModes", "sales mode")
    if modes:
        rule["salesModes"] = modes
    places = _points_of_sale(ctx, raw.get("pointsOfSale"), f"{field}.pointsOfSale")
    if places:
        rule["pointsOfSale"] = places
    return rule


def _group_rate(raw: object, currency: str, field: str) -> dict[str, Any]:
    """``{points, unit}`` per amount spent in the group and/or ``perItem`` points per item."""
    if not isinstance(raw, dict) or set(raw) - {"points", "unit", "perItem"}:
        raise _bad(field, "a rate {points, unit} per amount spent and/or {perItem} per item.")
    points = _points(raw.get("points", 0), f"{field}.points", allow_zero=True)
    per_item = _points(raw.get("perItem", 0), f"{field}.perItem", allow_zero=True)
    if not points and not per_item:
        raise _bad(
            field, "give points per amount (points, unit) or per item (perItem): this rate gives nothing."
        )
    rate: dict[str, Any] = {}
    if points:
        rate["points"] = points
        rate["unit"] = _money(raw.get("unit", "1.00"), currency, f"{field}.unit")
    if per_item:
        rate["perItem"] = per_item
    return rate


def _reward(ctx: AdminCtx, raw: object, currency: str) -> dict[str, Any] | None:
    """The threshold reward: the coupon series must exist, be a coupon worth ``rewardValue``."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"threshold", "rewardValue", "couponSeries"}:
        raise _bad("reward", "{threshold, rewardValue, couponSeries}, or null for no reward.")
    threshold = _points(raw.get("threshold"), "reward.threshold")
    value = _money(raw.get("rewardValue"), currency, "reward.rewardValue")
    number = raw.get("couponSeries")
    coupon = ctx.conn.execute(
        "SELECT * FROM series WHERE loyalty_group = :loyalty_group AND series_number = :series_number",
        {"loyalty_group": ctx.loyalty_group, "series_number": str(number)},
    ).fetchone()
    if coupon is None or coupon["kind"] != "coupon":
        raise invalid(
            "UNKNOWN_SERIES",
            f"reward.couponSeries: no coupon series {number} in this loyalty group (add it first).",
            field="reward.couponSeries",
            seriesNumber=str(number),
        )
    offer = json.loads(coupon["offer"] or "{}")
    gives = offer.get("value") if offer.get("discountType") == "amount" else None
    if (
        coupon["currency"] != currency
        or gives is None
        or parse_amount(str(gives), currency) != parse_amount(value, currency)
    ):
        what = f"{gives} {coupon['currency']}" if gives is not None else f"{offer.get('value')}% off"
        raise invalid(
            "REWARD_MISMATCH",
            f"reward.rewardValue: the coupon series {number} gives {what}, not {value} {currency}; "
            "set its offer first (coupon-offer) or name another series.",
            field="reward.rewardValue",
            seriesNumber=str(number),
        )
    return {"threshold": threshold, "rewardValue": value, "couponSeries": str(number)}


def _points_products(raw: object) -> dict[str, Any]:
    if raw is None:
        return {}
    products = _mapping(raw, "pointsProducts")
    result: dict[str, Any] = {}
    for code, p in products.items():
        field = f"pointsProducts.{code}"
        _code(code, "pointsProducts", "product")
        if not isinstance(p, dict) or set(p) - {"points", "description"}:
            raise _bad(field, "{points, description}.")
        description = p.get("description", code)
        if not isinstance(description, str) or not description.strip() or len(description) > MAX_DESCRIPTION:
            raise _bad(
                f"{field}.description", f"the product's name at the till, 1 to {MAX_DESCRIPTION} characters."
            )
        result[code] = {
            "points": _points(p.get("points"), f"{field}.points"),
            "description": description.strip(),
        }
    return result


def _rounding(value: Any) -> str:
    if value not in AMOUNT_ROUNDINGS:
        raise _bad(
            "amountRounding",
            "how an amount paid with points becomes whole points: up (the points that cover it) or "
            "down (the whole points it holds; the customer pays the rest).",
        )
    return str(value)


def validate_points_config(ctx: AdminCtx, wire: dict[str, Any], currency: str) -> dict[str, Any]:
    """The points configuration the engine will read, from its wire form (``400`` with the reason)."""
    known = {
        "account",
        "pointValue",
        "amountRounding",
        "vestingDays",
        "validityDays",
        "expiryWarningDays",
        "rules",
        "reward",
        "pointsProducts",
    }
    extra = sorted(set(wire) - known)
    if extra:
        raise _bad(extra[0], f"not a points setting (known: {', '.join(sorted(known))}).")
    rules = wire.get("rules") or []
    if not isinstance(rules, list) or len(rules) > MAX_RULES:
        raise _bad("rules", f"a list of at most {MAX_RULES} rules.")
    account = wire.get("account", "points")
    if account not in ACCOUNTS:
        raise _bad("account", "what the cards keep: points, or money (an amount credited on the card).")
    money = account == "money"
    config: dict[str, Any] = {
        # a money account's unit is one minor unit of the currency: it has no point value to set
        "pointValue": format_minor(1, currency)
        if money
        else _money(wire.get("pointValue"), currency, "pointValue"),
        "amountRounding": _rounding(wire.get("amountRounding", "up")),
        "vestingDays": _days(wire.get("vestingDays", 0), "vestingDays", allow_zero=True) or 0,
        "rules": [_rule(ctx, r, currency, f"rules[{i}]") for i, r in enumerate(rules)],
        "pointsProducts": _points_products(wire.get("pointsProducts")),
    }
    validity = _days(wire.get("validityDays"), "validityDays", allow_zero=False)
    if validity is not None:
        config["validityDays"] = validity
    warning = _days(wire.get("expiryWarningDays", 30), "expiryWarningDays", allow_zero=True)
    config["expiryWarningDays"] = 30 if warning is None else warning
    if validity is not None and config["vestingDays"] >= validity:
        raise _bad(
            "vestingDays",
            f"points would expire ({validity} days) before they vest ({config['vestingDays']}).",
        )
    reward = _reward(ctx, wire.get("reward"), currency)
    if reward is not None:
        config["reward"] = reward
    if money:
        config["account"] = "money"
        if reward is not None:
            raise _bad("reward", "a money account is spent on anything: it has no points threshold.")
        if config["pointsProducts"]:
            raise _bad(
                "pointsProducts", "a money account is spent on anything: no products priced in points."
            )
    return config


def _series(ctx: AdminCtx, number: str, kind: str) -> Row:
    row: Row | None = ctx.conn.execute(
        "SELECT * FROM series WHERE loyalty_group = :loyalty_group AND series_number = :series_number",
        {"loyalty_group": ctx.loyalty_group, "series_number": number},
    ).fetchone()
    if row is None:
        raise not_found("UNKNOWN_SERIES", f"No series {number}.", seriesNumber=number)
    if row["kind"] != kind:
        raise invalid(
            "WRONG_SERIES_KIND",
            f"Series {number} is a {row['kind']} series; this setting is for {kind} series.",
            seriesNumber=number,
            kind=row["kind"],
        )
    return row


def _rules_json(row: Row) -> dict[str, Any]:
    config = json.loads(row["points_config"] or "{}")
    return {
        "seriesNumber": row["series_number"],
        "currency": row["currency"],
        "account": config.get("account", "points"),
        "pointValue": config.get("pointValue"),
        "amountRounding": config.get("amountRounding", "up"),
        "vestingDays": config.get("vestingDays", 0),
        "validityDays": config.get("validityDays"),
        "expiryWarningDays": config.get("expiryWarningDays", 30),
        "rules": list(config.get("rules", [])),
        "reward": config.get("reward"),
        "pointsProducts": dict(config.get("pointsProducts", {})),
    }


def show_points_rules(ctx: AdminCtx, number: str) -> dict[str, Any]:
    """The points configuration of a loyalty card series."""
    authorize(ctx, Action.READ)
    return _rules_json(_series(ctx, number, "loyaltycard"))


def set_points_rules(ctx: AdminCtx, number: str, wire: dict[str, Any]) -> dict[str, Any]:
    """Replace a loyalty card series' points configuration (validated whole; audited)."""
    authorize(ctx, Action.CHANGE)
    row = _series(ctx, number, "loyaltycard")
    config = validate_points_config(ctx, wire, str(row["currency"]))
    before = _rules_json(row)
    ctx.conn.execute(
        "UPDATE series SET points_config = :points_config WHERE loyalty_group = :loyalty_group AND "
        "series_number = :series_number",
        {
            "points_config": json.dumps(config, sort_keys=True),
            "loyalty_group": ctx.loyalty_group,
            "series_number": number,
        },
    )
    after = _rules_json(_series(ctx, number, "loyaltycard"))
    audit.record(ctx, "series.points-rules", f"series:{number}", before, after)
    return after


def _offer_json(row: Row) -> dict[str, Any]:
    offer = json.loads(row["offer"] or "{}")
    return {
        "seriesNumber": row["series_number"],
        "currency": row["currency"],
        "description": offer.get("description"),
        "discountType": offer.get("discountType"),
        "value": offer.get("value"),
        "singleUse": None if row["single_use"] is None else bool(row["single_use"]),
    }


def show_coupon_offer(ctx: AdminCtx, number: str) -> dict[str, Any]:
    """The offer of a coupon series."""
    authorize(ctx, Action.READ)
    return _offer_json(_series(ctx, number, "coupon"))


def validate_offer(wire: dict[str, Any], currency: str) -> dict[str, Any]:
    """An offer ``{description, discountType, value}`` (percent: above 0, at most 100)."""
    description = wire.get("description")
    if not isinstance(description, str) or not description.strip() or len(description) > MAX_DESCRIPTION:
        raise invalid(
            "INVALID_OFFER",
            f"description: what the coupon gives, as the till shows it (1 to {MAX_DESCRIPTION} characters).",
            field="description",
        )
    kind = wire.get("discountType")
    if kind not in DISCOUNT_TYPES:
        raise invalid(
            "INVALID_OFFER",
            f"discountType: percent or amount, not {json.dumps(kind)[:40]}.",
            field="discountType",
        )
    raw = wire.get("value")
    if kind == "amount":
        value = _money(raw, currency, "value")
    else:
        try:
            percent = Decimal(parse_amount(raw, "PLN")) / 100  # a positive decimal, at most 2 places
        except ApiError as exc:
            raise invalid(
                "INVALID_OFFER", 'value: a percentage above 0, such as "10" or "12.5".', field="value"
            ) from exc
        if percent > 100:
            raise invalid(
                "INVALID_OFFER", f"value: a discount of at most 100 percent, not {raw}.", field="value"
            )
        value = str(raw)
    return {"description": description.strip(), "discountType": kind, "value": value}


def set_coupon_offer(ctx: AdminCtx, number: str, wire: dict[str, Any]) -> dict[str, Any]:
    """Replace a coupon series' offer and, when given, whether its coupons are single-use (audited)."""
    authorize(ctx, Action.CHANGE)
    row = _series(ctx, number, "coupon")
    offer = validate_offer(wire, str(row["currency"]))
    single = wire.get("singleUse")
    if single is not None and not isinstance(single, bool):
        raise invalid("INVALID_OFFER", "singleUse: true or false.", field="singleUse")
    before = _offer_json(row)
    ctx.conn.execute(
        "UPDATE series SET offer = :offer, single_use = COALESCE(:single_use, single_use) "
        "WHERE loyalty_group = :loyalty_group AND series_number = :series_number",
        {
            "offer": json.dumps(offer, sort_keys=True),
            "single_use": None if single is None else int(single),
            "loyalty_group": ctx.loyalty_group,
            "series_number": number,
        },
    )
    after = _offer_json(_series(ctx, number, "coupon"))
    audit.record(ctx, "series.coupon-offer", f"series:{number}", before, after)
    return after
