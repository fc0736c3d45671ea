"""Operators, scrypt PINs, lockout after repeated failures, and the append-only audit log."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.security import (
    AuditLog,
    BadPin,
    LockedOut,
    Operator,
    OperatorStore,
    Role,
    hash_pin,
    verify_pin,
)


class Clock:
    """Epoch seconds that only move when the test says so."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


ANNA = Operator("anna", "Anna Kowalska", Role.CASHIER)
MAREK = Operator("marek", "Marek Nowak", Role.MANAGER)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> OperatorStore:
    operators = OperatorStore(tmp_path / "operators.db", max_failures=3, lockout_seconds=300, clock=clock)
    operators.add(ANNA, "1234")
    operators.add(MAREK, "9876")
    return operators


# -- PIN hashes -----------------------------------------------------------------------------------


def test_pin_hash_is_salted_scrypt() -> None:
    first = hash_pin("1234")
    second = hash_pin("1234")
    assert first.startswith("scrypt$")
    assert first != second  # a fresh salt each time
    assert "1234" not in first.split("$")  # no field is the PIN (a hex digest may contain "1234")
    assert verify_pin("1234", first)
    assert verify_pin("1234", second)
    assert not verify_pin("1235", first)
    assert not verify_pin("", first)


def test_the_same_salt_gives_the_same_hash() -> None:
    assert hash_pin("0000", b"\x01" * 16) == hash_pin("0000", b"\x01" * 16)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "a$b",
        "bcrypt$16384$8$1$00$00",
        "scrypt$16384$8$1$zz$00",
        "scrypt$x$8$1$00$00",
        "scrypt$-1$8$1$00$00",
        "scrypt$3$8$1$00$00",  # n not a power of two
        "scrypt$16384$8$99999999999999999999$00$00",
        "scrypt$99999999999999999999999$8$1$00$00",
        "scrypt$1073741824$8$1$00$00",  # would need gigabytes
    ],
)
def test_a_malformed_hash_never_verifies_and_never_raises(stored: str) -> None:
    assert verify_pin("1234", stored) is False


# -- operators and lockout ------------------------------------------------------------------------


def test_authenticate(store: OperatorStore) -> None:
    assert store.authenticate("anna", "1234") == ANNA
    assert store.authenticate("marek", "9876").role is Role.MANAGER


def test_unknown_operator_and_wrong_pin_are_the_same_error(store: OperatorStore) -> None:
    with pytest.raises(BadPin) as wrong:
        store.authenticate("anna", "0000")
    with pytest.raises(BadPin) as unknown:
        store.authenticate("nobody", "0000")
    assert str(wrong.value) == str(unknown.value)


def test_lockout_after_repeated_failures(store: OperatorStore, clock: Clock) -> None:
    for _ in range(2):
        with pytest.raises(BadPin):
            store.authenticate("anna", "0000")
    with pytest.raises(LockedOut) as locked:
        store.authenticate("anna", "0000")
    assert locked.value.until == clock.now + 300
    clock.now += 299
    with pytest.raises(LockedOut, match="locked out"):
        store.authenticate("anna", "1234")  # even the right PIN, while locked
    clock.now += 2
    assert store.authenticate("anna", "1234") == ANNA
    # Other operators are not affected by Anna's lockout.
    assert store.authenticate("marek", "9876") == MAREK


def test_a_success_resets_the_failure_count(store: OperatorStore) -> None:
    for _ in range(2):
        with pytest.raises(BadPin):
            store.authenticate("anna", "0000")
    store.authenticate("anna", "1234")
    for _ in range(2):
        with pytest.raises(BadPin):  # two more: still not locked, the count started again
            store.authenticate("anna", "0000")
    assert store.authenticate("anna", "1234") == ANNA


def test_lockout_survives_a_restart(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "operators.db"
    first = OperatorStore(path, max_failures=2, lockout_seconds=60, clock=clock)
    first.add(ANNA, "1234")
    for error in (BadPin, LockedOut):
        with pytest.raises(error):
            first.authenticate("anna", "9999")
    first.close()
    second = OperatorStore(path, max_failures=2, lockout_seconds=60, clock=clock)
    with pytest.raises(LockedOut):
        second.authenticate("anna", "1234")


def test_pins_are_not_stored_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "operators.db"
    operators = OperatorStore(path)
    operators.add(ANNA, "482917")
    operators.close()
    assert b"482917" not in path.read_bytes()
    with sqlite3.connect(path) as conn:
        (pin_hash,) = conn.execute("SELECT pin_hash FROM operators").fetchone()
    assert verify_pin("482917", pin_hash)


def test_seed_adds_new_operators_and_keeps_changed_pins(tmp_path: Path) -> None:
    operators = OperatorStore(tmp_path / "operators.db")
    demo = [
        {"name": "anna", "role": "cashier", "pin": "1111"},
        {"id": "m1", "name": "Marek", "role": "manager", "pin": "2222"},
    ]
    assert operators.seed(demo) == 2
    assert [o.operator_id for o in operators.all()] == ["anna", "m1"]
    assert operators.get("m1") == Operator("m1", "Marek", Role.MANAGER)
    operators.add(Operator("anna", "anna", Role.CASHIER), "5555")  # Anna changed her PIN
    assert operators.seed(demo) == 0
    assert operators.authenticate("anna", "5555").operator_id == "anna"
    assert operators.get("nobody") is None


# -- audit log ------------------------------------------------------------------------------------


def test_audit_entries_newest_first(tmp_path: Path, clock: Clock) -> None:
    audit = AuditLog(tmp_path / "audit.db", clock=clock)
    audit.record(
        "giftcard.block", "anna", subject="************0017", approved_by="marek", details={"reason": "lost"}
    )
    clock.now += 5
    audit.record("storecredit.issue", "marek", subject="SC-PLN", details={"amount": Decimal("25.00")})
    newest, oldest = audit.entries()
    assert newest.action == "storecredit.issue"
    assert newest.approved_by is None
    assert newest.details == {"amount": "25.00"}
    assert oldest.action == "giftcard.block"
    assert (oldest.operator_id, oldest.approved_by, oldest.subject) == ("anna", "marek", "************0017")
    assert oldest.details == {"reason": "lost"}
    assert oldest.time == dt.datetime.fromtimestamp(clock.now - 5, dt.UTC)
    assert newest.seq > oldest.seq
    assert len(audit.entries(limit=1)) == 1


def test_the_audit_log_is_append_only(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    audit = AuditLog(path)
    audit.record("giftcard.refund", "anna", approved_by="marek")
    with sqlite3.connect(path) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit SET approved_by = 'nobody'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit")
    (entry,) = AuditLog(path).entries()
    assert entry.approved_by == "marek"
