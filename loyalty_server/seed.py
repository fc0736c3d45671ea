"""Demo data: one loyalty group with stores, terminals, series of every kind, cards in every state.

``seed_demo(db)`` fills an empty database and returns the manifest (docs/ARCHITECTURE.md#cli) without
``baseUrl``, which only the running server knows. Tokens are random; the manifest (tokens included)
is kept in the ``demo_manifest`` table so that a restarted server on the same database can write it
again. Numbers are made by a seeded RNG, so every fresh demo database has the same cards.

The demo world (Polish stores, PLN):

- merchants M001 Warszawa and M002 Kraków in merchant group MG-PL; M900, a partner outlet, only in
  MG-PARTNER: its terminal is "outside the acceptor group" of the MG-PL series.
- customers C-0001..C-0003 in customer group "regular", which MG-PL's stores serve; the partner
  outlet serves customer group "partner" (its own enrolments) and cannot see the demo customers.
- series: gift cards (pre-issued manual 10–1000, live-printed, fixed 50.00), a partner gift card
  accepted only at MG-PARTNER, a euro gift card (GC-EUR, sold and accepted by MG-PL but refused for
  money there: the stores take PLN), store credit, single-use and multi-use coupons, reward coupons, and
  a loyalty card (1 point per 1.00, a point is worth 0.10, 250 points → a 25.00 reward coupon).
- the back office's demo admin (``admin``, role admin in the demo group, a random password in the
  manifest's ``admin``).
"""

from __future__ import annotations

import json
import random
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from loyalty_server.admin.auth import Role, create_account
from loyalty_server.auth import hash_token
from loyalty_server.context import Ctx, Settings, Terminal, iso
from loyalty_server.db import Conn, Database, Row
from loyalty_server.numbers import new_number
from loyalty_server.services import point_lots, sales
from loyalty_server.services.instruments import append_ledger, find_by_id
from loyalty_server.services.money_ops import insert_instrument
from loyalty_server.storage import schema

GROUP = "demo"
DEMO_ADMIN = "admin"
META_SQL = (
    "CREATE TABLE IF NOT EXISTS demo_manifest (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)"
)

MERCHANTS = [
    # id, name, store, store name, address, groups
    (
        "M001",
        "Demo Store Warszawa",
        1,
        "Demo Store Warszawa",
        "ul. Marszałkowska 1, 00-001 Warszawa",
        ["MG-PL"],
    ),
    ("M002", "Demo Store Kraków", 2, "Demo Store Kraków", "Rynek Główny 5, 31-042 Kraków", ["MG-PL"]),
    (
        "M900",
        "Partner Outlet Gdańsk",
        90,
        "Partner Outlet Gdańsk",
        "ul. Długa 10, 80-827 Gdańsk",
        ["MG-PARTNER"],
    ),
]
TERMINALS = [
    ("T-001-01", "M001", 1),
    ("T-001-02", "M001", 2),
    ("T-002-01", "M002", 1),
    ("T-900-01", "M900", 1),
]
OPERATORS = [
    {"id": "anna", "name": "Anna Nowak", "role": "cashier", "pin": "1111"},
    {"id": "piotr", "name": "Piotr Zieliński", "role": "cashier", "pin": "4444"},
    {"id": "marek", "name": "Marek Lewandowski", "role": "manager", "pin": "2222"},
    {"id": "tomasz", "name": "Tomasz Wiśniewski", "role": "technician", "pin": "3333"},
]

MONEY_OFFLINE = {
    "operations": ["load", "pay", "commit", "cancel", "refund"],
    "maxAmountPerOperationMinor": 10000,
}
POINTS_CONFIG = {
    "pointValue": "0.10",
    "amountRounding": "up",
    "vestingDays": 0,
    "validityDays": 365,
    "expiryWarningDays": 30,
    "rules": [
        {"rule": "per-product", "products": {"COFFEE-BEANS-1KG": 20, "MUG-LOGO": 10}},
        {
            "rule": "per-group",
            "groups": {"coffee": {"points": 1, "unit": "1.00"}},
            "pointsOfSale": ["M001", "M002"],
        },
        {"rule": "per-visit", "points": 10, "minAmount": "100.00"},
        {"rule": "per-visit", "points": 20, "salesModes": ["webshop"]},
        {"rule": "per-amount", "points": 1, "unit": "1.00", "excludeGroups": ["tobacco", "gift-cards"]},
    ],
    "reward": {"threshold": 250, "rewardValue": "25.00", "couponSeries": "CP-REWARD"},
    "pointsProducts": {
        "COFFEE-FREE": {"points": 50, "description": "A cup of coffee"},
        "TOTE-BAG": {"points": 120, "description": "Canvas tote bag"},
    },
}


#: Seed 002's second loyalty style: an amount of money credited on the card, spendable on anything.
#: Its units are grosze: 1 per full 0.20 spent is 5 % of the basket; 2.00 for a visit from 100.00.
MONEY_ACCOUNT_CONFIG = {
    "account": "money",
    "pointValue": "0.01",
    "vestingDays": 0,
    "validityDays": 365,
    "expiryWarningDays": 30,
    "rules": [
        {"rule": "per-visit", "points": 200, "minAmount": "100.00"},
        {"rule": "per-amount", "points": 1, "unit": "0.20", "excludeGroups": ["tobacco", "gift-cards"]},
    ],
}


def _series(
    number: str,
    kind: str,
    description: str,
    prefix: str,
    length: int,
    *,
    check: str = "luhn",
    alnum: bool = False,
    issue_mode: str = "preissued",
    amount_mode: str = "manual",
    fixed: int | None = None,
    min_amount: int | None = None,
    max_amount: int | None = None,
    validity: int | None = None,
    issuer: str = "MG-PL",
    acceptor: str = "MG-PL",
    single_use: bool | None = None,
    offline: dict[str, Any] | None = None,
    offer: dict[str, Any] | None = None,
    points: dict[str, Any] | None = None,
    currency: str = "PLN",
    limits: tuple[int, int, int] | None = None,
) -> dict[str, Any]:
    """One series row; ``limits`` = (max load, max balance, approval threshold) in minor units."""
    max_load, max_balance, approval = limits or (None, None, None)
    return {
        "loyalty_group": GROUP,
        "series_number": number,
        "kind": kind,
        "description": description,
        "prefix": prefix,
        "length": length,
        "check_digit": check,
        "alphanumeric": int(alnum),
        "currency": currency,
        "issue_mode": issue_mode,
        "amount_mode": amount_mode,
        "fixed_amount_minor": fixed,
        "min_amount_minor": min_amount,
        "max_amount_minor": max_amount,
        "validity_days": validity,
        "issuer_group": issuer,
        "acceptor_group": acceptor,
        "single_use": None if single_use is None else int(single_use),
        "offline_policy": json.dumps(offline or {"operations": []}),
        "offer": None if offer is None else json.dumps(offer),
        "points_config": None if points is None else json.dumps(points),
        "max_load_minor": max_load,
        "max_balance_minor": max_balance,
        "approval_threshold_minor": approval,
    }


# Money limits (services/limits.py): one load at most, a card's balance at most, and the amount above
# which an activation or a load needs a manager's approval. Minor units.
GIFT_CARD_LIMITS = (100000, 200000, 50000)  # 1000.00, 2000.00, 500.00
SMALL_GIFT_CARD_LIMITS = (50000, 100000, 30000)  # 500.00, 1000.00, 300.00
STORE_CREDIT_LIMITS = (100000, 500000, 100000)  # 1000.00, 5000.00, 1000.00
EUR_GIFT_CARD_LIMITS = (25000, 50000, 15000)  # €250.00, €500.00, €150.00
#: What one till may create a day in activations, loads and refunds (per merchant): 20,000.00.
DAILY_VALUE_CAP_MINOR = 2000000


SERIES = [
    _series(
        "GC-PLN",
        "giftcard",
        "Gift card",
        "603301",
        16,
        min_amount=1000,
        max_amount=100000,
        validity=730,
        offline=MONEY_OFFLINE,
        limits=GIFT_CARD_LIMITS,
    ),
    _series(
        "GC-LIVE",
        "giftcard",
        "Gift card (printed at the till)",
        "603302",
        16,
        issue_mode="live",
        min_amount=2000,
        max_amount=50000,
        validity=365,
        offline=MONEY_OFFLINE,
        limits=SMALL_GIFT_CARD_LIMITS,
    ),
    _series(
        "GC-50",
        "giftcard",
        "Gift card 50 zł",
        "603303",
        16,
        amount_mode="fixed",
        fixed=5000,
        validity=730,
        offline=MONEY_OFFLINE,
        limits=SMALL_GIFT_CARD_LIMITS,
    ),
    _series(
        "GC-EUR",
        "giftcard",
        "Gift card in euro",
        "603304",
        16,
        min_amount=500,
        max_amount=50000,
        validity=730,
        offline=MONEY_OFFLINE,
        currency="EUR",
        limits=EUR_GIFT_CARD_LIMITS,
    ),
    _series(
        "GC-PARTNER",
        "giftcard",
        "Partner gift card",
        "603399",
        16,
        min_amount=1000,
        max_amount=50000,
        validity=730,
        issuer="MG-PARTNER",
        acceptor="MG-PARTNER",
        offline=MONEY_OFFLINE,
        limits=SMALL_GIFT_CARD_LIMITS,
    ),
    _series(
        "SC-PLN",
        "storecredit",
        "Store credit",
        "7770",
        12,
        issue_mode="live",
        min_amount=1,
        max_amount=500000,
        validity=365,
        offline={"operations": ["pay", "commit", "cancel"], "maxAmountPerOperationMinor": 5000},
        limits=STORE_CREDIT_LIMITS,
    ),
    _series(
        "CP-SAVE",
        "coupon",
        "10% off the basket",
        "SAVE",
        10,
        check="none",
        alnum=True,
        issue_mode="preissued",
        amount_mode="fixed",
        validity=365,
        single_use=True,
        offer={"description": "10% off the basket", "discountType": "percent", "value": "10"},
    ),
    _series(
        "CP-MULTI",
        "coupon",
        "5 zł off, any number of times",
        "MULTI",
        10,
        check="none",
        alnum=True,
        amount_mode="fixed",
        validity=365,
        single_use=False,
        offline={"operations": ["redeem"]},
        offer={"description": "5.00 zł off", "discountType": "amount", "value": "5.00"},
    ),
    _series(
        "CP-REWARD",
        "coupon",
        "Reward coupon 25 zł",
        "RWD",
        12,
        check="none",
        alnum=True,
        issue_mode="live",
        amount_mode="fixed",
        validity=90,
        single_use=True,
        offer={"description": "25.00 zł reward", "discountType": "amount", "value": "25.00"},
    ),
    _series(
        "LC",
        "loyaltycard",
        "Demo loyalty card",
        "29",
        13,
        validity=None,
        offline={"operations": ["earn", "return", "enrol"], "maxPointsPerOperation": 1000},
        points=POINTS_CONFIG,
    ),
    _series(
        "LM",
        "loyaltycard",
        "Demo loyalty wallet (money)",
        "28",
        13,
        validity=None,
        offline={"operations": ["earn", "return", "enrol"]},
        points=MONEY_ACCOUNT_CONFIG,
    ),
]

# code, name, merchant group whose stores may read and change the customers (docs/API.md, Customers)
CUSTOMER_GROUPS = [
    ("regular", "Demo stores' customers", "MG-PL"),
    ("partner", "Partner outlet's customers", "MG-PARTNER"),
]
CUSTOMERS = [
    ("C-0001", "Zofia", "Wójcik", "+48600100200", "zofia@example.pl", "PL"),
    ("C-0002", "Jan", "Kowalski", "+48600100300", "jan.kowalski@example.pl", "PL"),
    ("C-0003", "Emma", "Clarke", "+447700900123", "emma@example.co.uk", "GB"),
]


def _customer_groups(conn: Conn) -> None:
    """The demo's customer groups and the merchant group that may read and change each one's customers.

    Run on every start too (``ON CONFLICT DO NOTHING``): a demo database made before customer groups had a
    merchant group gets them, so its customers stay visible to the demo stores.
    """
    for code, name, merchant_group in CUSTOMER_GROUPS:
        conn.execute(
            "INSERT INTO customer_groups (loyalty_group, code, name, merchant_group) "
            "VALUES (:loyalty_group, :code, :name, :merchant_group) ON CONFLICT DO NOTHING",
            {"loyalty_group": GROUP, "code": code, "name": name, "merchant_group": merchant_group},
        )


class _Seeder:
    def __init__(self, conn: Conn, now: datetime) -> None:
        self.conn = conn
        self.now = now
        self.rng = random.Random(20261125)
        self.series = {s["series_number"]: s for s in SERIES}
        self.ops = 0
        self.terminal = Terminal(
            "T-001-01", GROUP, "M001", "Demo Store Warszawa", 1, 1, "", "", "PLN", ("MG-PL",)
        )

    def _ctx(self) -> Ctx:
        self.ops += 1
        return Ctx(self.conn, self.terminal, self.now, Settings(), operation_id=f"seed-{self.ops:05d}")

    def _row(self, series_number: str) -> Row:
        row: Row = self.conn.execute(
            "SELECT * FROM series WHERE loyalty_group = :loyalty_group AND series_number = :series_number",
            {"loyalty_group": GROUP, "series_number": series_number},
        ).fetchone()
        return row

    def instrument(
        self,
        series_number: str,
        status: str,
        *,
        amount: int = 0,
        points: int = 0,
        days_left: int | None = None,
        customer: str | None = None,
        uses_left: int | None = None,
        block_reason: str | None = None,
        lots: list[tuple[int, int, int]] | None = None,
    ) -> str:
        """A new instrument; ``lots`` are points as (points, earned days ago, vesting days)."""
        s = self.series[series_number]
        number = new_number(
            self.conn, GROUP, s["prefix"], s["length"], s["check_digit"], bool(s["alphanumeric"]), self.rng
        )
        instrument_id = insert_instrument(self.conn, self._row(series_number), number, status, iso(self.now))
        today = self.now.date()
        validity = s["validity_days"]
        expiry = None
        if days_left is not None:
            expiry = (today + timedelta(days=days_left)).isoformat()
        elif validity is not None:
            expiry = (today + timedelta(days=int(validity))).isoformat()
        started = status != "preissued"
        self.conn.execute(
            "UPDATE instruments SET original_minor = :original_minor, net_minor = :net_minor, points = "
            ":points, "
            "start_date = :start_date, expiry_date = :expiry_date, "
            "customer_id = :customer_id, uses_left = :uses_left, block_reason = :block_reason, "
            "status_before_block "
            "= :status_before_block WHERE instrument_id = :instrument_id",
            {
                "original_minor": amount,
                "net_minor": amount,
                "points": 0,
                "start_date": (today - timedelta(days=30)).isoformat() if started else None,
                "expiry_date": expiry if started else None,
                "customer_id": customer,
                "uses_left": uses_left,
                "block_reason": block_reason,
                "status_before_block": "active" if status == "blocked" else None,
                "instrument_id": instrument_id,
            },
        )
        row = find_by_id(self._ctx(), instrument_id)
        if amount:
            ctx = self._ctx()
            sale_id = sales.open_sale(ctx, instrument_id, "issue", amount)
            append_ledger(ctx, row, "issue", amount_minor=amount, sale_id=sale_id)
        for lot_points, days_ago, vesting in lots or ([(points, 30, 0)] if points else []):
            ctx = self._ctx()
            earned_on = today - timedelta(days=days_ago)
            point_lots.add(
                ctx, instrument_id, lot_points, vesting_days=vesting, validity_days=365, earned_on=earned_on
            )
            append_ledger(ctx, row, "earn", points=lot_points, reference="earlier purchases")
        return number

    def run(self) -> dict[str, Any]:
        c = self.conn
        c.execute(
            "INSERT INTO loyalty_groups (code, name) VALUES (:code, :name)",
            {"code": GROUP, "name": "Demo loyalty programme"},
        )
        groups = sorted({g for *_, gs in MERCHANTS for g in gs})
        for g in groups:
            c.execute(
                "INSERT INTO merchant_groups (code, loyalty_group, name) VALUES (:code, :loyalty_group, "
                ":name)",
                {"code": g, "loyalty_group": GROUP, "name": g},
            )
        for mid, name, store, store_name, address, member_of in MERCHANTS:
            c.execute(
                "INSERT INTO merchants (merchant_id, loyalty_group, name, store, "
                "store_name, store_address, currency, "
                "max_outstanding_minor, max_queue_age_seconds, override_hard_cap_minor, "
                "daily_value_cap_minor) VALUES (:merchant_id, :loyalty_group, :name, :store, :store_name, "
                ":store_address, 'PLN', 50000, 86400, 100000, :daily_value_cap_minor)",
                {
                    "merchant_id": mid,
                    "loyalty_group": GROUP,
                    "name": name,
                    "store": store,
                    "store_name": store_name,
                    "store_address": address,
                    "daily_value_cap_minor": DAILY_VALUE_CAP_MINOR,
                },
            )
            for g in member_of:
                c.execute(
                    "INSERT INTO merchant_group_members (group_code, merchant_id) VALUES (:group_code, "
                    ":merchant_id)",
                    {"group_code": g, "merchant_id": mid},
                )
            c.execute(
                "INSERT INTO stores (loyalty_group, store, name, address) VALUES (:loyalty_group, :store, "
                ":name, :address)",
                {"loyalty_group": GROUP, "store": store, "name": store_name, "address": address},
            )
        terminals = []
        for tid, mid, pos in TERMINALS:
            token = secrets.token_urlsafe(32)
            c.execute(
                "INSERT INTO terminals (terminal_id, loyalty_group, merchant_id, pos, "
                "token_hash) VALUES (:terminal_id, :loyalty_group, :merchant_id, :pos, :token_hash)",
                {
                    "terminal_id": tid,
                    "loyalty_group": GROUP,
                    "merchant_id": mid,
                    "pos": pos,
                    "token_hash": hash_token(token),
                },
            )
            store = next(m[2] for m in MERCHANTS if m[0] == mid)
            terminals.append({"terminalId": tid, "token": token, "merchant": mid, "store": store, "pos": pos})
        _customer_groups(c)
        for s in SERIES:
            c.execute(insert(schema.series).values(s))
        for cid, first, last, phone, email, country in CUSTOMERS:
            c.execute(
                "INSERT INTO customers (customer_id, loyalty_group, first_name, "
                "last_name, phone, email, country, "
                "groups_json, created) VALUES (:customer_id, :loyalty_group, :first_name, :last_name, "
                ":phone, :email, :country, '[\"regular\"]', :created)",
                {
                    "customer_id": cid,
                    "loyalty_group": GROUP,
                    "first_name": first,
                    "last_name": last,
                    "phone": phone,
                    "email": email,
                    "country": country,
                    "created": iso(self.now),
                },
            )
            c.execute(
                "INSERT INTO consent_history (customer_id, type, granted, version, time, terminal_id, "
                "merchant_id) VALUES (:customer_id, 'terms', 1, '2024-01', :time, 'T-001-01', 'M001')",
                {"customer_id": cid, "time": iso(self.now)},
            )
        c.execute(
            "INSERT INTO consent_history (customer_id, type, granted, version, time, terminal_id, "
            "merchant_id) VALUES ('C-0001', 'marketing_sms', 1, '2024-01', :time, 'T-001-01', 'M001')",
            {"time": iso(self.now)},
        )
        samples: dict[str, list[str]] = {
            "giftcard_active": [self.instrument("GC-PLN", "active", amount=10000) for _ in range(8)],
            "giftcard_preissued": [self.instrument("GC-PLN", "preissued") for _ in range(8)]
            + [self.instrument("GC-50", "preissued") for _ in range(3)],
            "giftcard_blocked": [
                self.instrument("GC-PLN", "blocked", amount=5000, block_reason="lost") for _ in range(3)
            ],
            "giftcard_expired": [
                self.instrument("GC-PLN", "active", amount=2500, days_left=-10) for _ in range(3)
            ],
            "storecredit_active": [self.instrument("SC-PLN", "active", amount=5000) for _ in range(5)],
            "coupon_active": [self.instrument("CP-SAVE", "active", uses_left=1) for _ in range(8)]
            + [self.instrument("CP-MULTI", "active")],
            "coupon_used": [self.instrument("CP-SAVE", "used", uses_left=0) for _ in range(3)],
            "loyaltycard_active": [
                # 180 available (150 of them expire within 30 days) and 20 pending
                self.instrument(
                    "LC", "active", customer="C-0001", lots=[(150, 350, 0), (30, 30, 0), (20, 2, 14)]
                ),
                self.instrument("LC", "active", points=40, customer="C-0002"),
                self.instrument("LC", "active", points=0, customer="C-0003"),
            ]
            + [self.instrument("LC", "active") for _ in range(5)],
            "loyaltycard_preissued": [self.instrument("LC", "preissued") for _ in range(5)],
            "not_accepted_here": [self.instrument("GC-PARTNER", "active", amount=10000) for _ in range(3)],
            "giftcard_low_balance": [self.instrument("GC-PLN", "active", amount=1000) for _ in range(3)],
            "giftcard_foreign_currency": [self.instrument("GC-EUR", "active", amount=5000) for _ in range(2)],
            # last, so the numbers above stay as they were: a money account holding 45.60 zł credited
            # by earlier purchases, then two empty ones
            "loyaltymoney_active": [
                self.instrument("LM", "active", points=4560, customer="C-0002"),
                self.instrument("LM", "active"),
                self.instrument("LM", "active"),
            ],
        }
        manifest = {
            "loyaltyGroup": GROUP,
            "currency": "PLN",
            "terminals": terminals,
            "operators": OPERATORS,
            "samples": samples,
            "seriesNumbers": {s["kind"]: s["series_number"] for s in reversed(SERIES)},
            "outsideAcceptorTerminal": 3,
            "admin": _demo_admin(c, self.now),
        }
        c.execute(
            "INSERT INTO demo_manifest (id, body) VALUES (1, :body)",
            {"body": json.dumps(manifest, ensure_ascii=False)},
        )
        return manifest


def _demo_admin(conn: Conn, now: datetime) -> dict[str, str]:
    """The demo's back-office admin (role admin in the demo group) with a fresh random password."""
    password = secrets.token_urlsafe(12)
    create_account(conn, DEMO_ADMIN, password, Role.ADMIN, GROUP, now)
    return {"user": DEMO_ADMIN, "password": password}


def seed_demo(db: Database, now: datetime | None = None) -> dict[str, Any]:
    """Fill an empty database with the demo world (or read back the manifest of an earlier seed)."""

    def seed(conn: Conn) -> dict[str, Any]:
        conn.execute(META_SQL)
        row = conn.execute("SELECT body FROM demo_manifest WHERE id = 1").fetchone()
        if row is not None:
            _customer_groups(conn)
            # enrolled before customers had groups: every store saw them, so the demo stores keep them
            conn.execute(
                "UPDATE customers SET groups_json = :groups_json "
                "WHERE loyalty_group = :loyalty_group AND groups_json = '[]'",
                {"groups_json": json.dumps(["regular"]), "loyalty_group": GROUP},
            )
            manifest: dict[str, Any] = json.loads(row["body"])
            if "admin" not in manifest:  # a demo database made before the back office
                manifest["admin"] = _demo_admin(conn, datetime.now(UTC).replace(microsecond=0))
                body = json.dumps(manifest, ensure_ascii=False)
                conn.execute("UPDATE demo_manifest SET body = :body WHERE id = 1", {"body": body})
            return manifest
        if conn.execute("SELECT 1 FROM loyalty_groups LIMIT 1").fetchone() is not None:
            raise ValueError("the database already holds data that is not the demo seed")
        return _Seeder(conn, (now or datetime.now(UTC)).replace(microsecond=0)).run()

    return db.transact(seed)
