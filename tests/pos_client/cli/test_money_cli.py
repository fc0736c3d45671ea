"""``loyalty-pos giftcard …`` / ``storecredit …`` / ``balance`` / ``history`` against the reference
server: every operation, the refusals with their codes and exit codes, manager approval, slips."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval, init_terminal


def available(cli: Cli, number: str) -> Decimal:
    return Decimal(cli.ok("balance", number)["available"])


def test_pay_then_commit_part_takes_only_the_committed_amount(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 0)
    before = available(cli, card)
    paid = cli.ok("giftcard", "pay", card, "--amount", "12.50", "--reference", "R-1")  # no operator options
    assert paid["state"] == "applied"
    assert paid["operationId"] and paid["authCode"]
    assert Decimal(paid["instrument"]["available"]) == before - Decimal("12.50")
    committed = cli.ok("giftcard", "commit", card, paid["authCode"], "--amount", "10,00")
    assert committed["state"] == "applied" and committed["type"] == "commit"
    assert available(cli, card) == before - Decimal("10.00")
    again = cli("giftcard", "cancel", card, paid["authCode"])
    assert again.code == 1
    assert again.data["state"] == "refused" and again.data["error"]["code"] == "AUTH_FINAL"
    assert again.data["operationId"]  # the refused operation is named too


def test_pay_then_cancel_releases_the_hold(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 1)
    before = available(cli, card)
    paid = cli.ok("giftcard", "pay", card, "--amount", "5")
    cancelled = cli.ok("giftcard", "cancel", card, paid["authCode"])
    assert cancelled["state"] == "applied"
    assert available(cli, card) == before
    again = cli.ok("giftcard", "pay", card, "--amount", "3")
    said = cli("giftcard", "cancel", card, again["authCode"], as_json=False)
    assert said.code == 0 and "Payment cancelled" in said.out and "Void" not in said.out, said.out


@pytest.mark.parametrize(
    ("sample", "amount", "code"),
    [
        ("giftcard_blocked", "1.00", "BLOCKED"),
        ("giftcard_expired", "1.00", "EXPIRED"),
        ("giftcard_low_balance", "999.00", "INSUFFICIENT_FUNDS"),
        ("not_accepted_here", "1.00", "NOT_ACCEPTED_HERE"),
    ],
)
def test_refusals_exit_1_with_the_code(
    cli: Cli, server: RunningServer, sample: str, amount: str, code: str
) -> None:
    result = cli("giftcard", "pay", server.sample(sample, 0), "--amount", amount)
    assert result.code == 1
    assert result.data["state"] == "refused"
    assert result.data["error"]["code"] == code
    assert result.data["error"]["message"]
    human = cli("giftcard", "pay", server.sample(sample, 0), "--amount", amount, as_json=False)
    assert human.code == 1
    assert code in human.err and human.out == ""
    assert server.sample(sample, 0) not in human.err


@pytest.mark.parametrize("amount", ["twelve", "12.505", "-5", "0", "12,50 EUR"])
def test_a_malformed_amount_is_a_usage_error_and_nothing_is_sent(
    cli: Cli, server: RunningServer, amount: str
) -> None:
    card = server.sample("giftcard_active", 2)
    before = available(cli, card)
    result = cli("giftcard", "pay", card, "--amount", amount, as_json=False)
    assert result.code == 2
    assert "--amount" in result.err
    assert available(cli, card) == before


def test_load_and_refund_need_a_manager_for_a_cashier(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 3)
    before = available(cli, card)
    assert cli.ok("giftcard", "load", card, "--amount", "20")["state"] == "applied"
    paid = cli.ok("giftcard", "pay", card, "--amount", "15")
    cli.ok("giftcard", "commit", card, paid["authCode"])
    refused = cli("giftcard", "refund", card, "--amount", "15", "--original", paid["operationId"])
    assert refused.code == 1 and refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    wrong = cli(
        "giftcard",
        "refund",
        card,
        "--amount",
        "15",
        "--original",
        paid["operationId"],
        "--manager",
        approval(server)[1],
        "--pin",
        "0000",
    )
    assert wrong.code == 1 and wrong.data["error"]["code"] == "BAD_PIN"
    refunded = cli.ok(
        "giftcard", "refund", card, "--amount", "15", "--original", paid["operationId"], *approval(server)
    )
    assert refunded["type"] == "refund"
    assert available(cli, card) == before + Decimal("20")


def test_the_manager_pin_may_come_from_the_environment(
    cli: Cli, server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = server.sample("giftcard_active", 4)
    who, pin = approval(server)[1], approval(server)[3]
    assert cli("giftcard", "block", card, "--manager", who).code == 2  # no PIN anywhere
    monkeypatch.setenv("LOYALTY_POS_MANAGER_PIN", pin)
    blocked = cli.ok("giftcard", "block", card, "--reason", "lost", "--manager", who)
    assert blocked["instrument"]["status"] == "blocked"
    assert cli("giftcard", "pay", card, "--amount", "1").data["error"]["code"] == "BLOCKED"
    assert cli.ok("giftcard", "unblock", card, "--manager", who)["instrument"]["status"] == "active"
    assert cli.ok("giftcard", "pay", card, "--amount", "1")["state"] == "applied"


def test_void_reverses_one_operation_exactly(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 5)
    before = available(cli, card)
    loaded = cli.ok("giftcard", "load", card, "--amount", "30")
    voided = cli.ok("giftcard", "void", card, "--original", loaded["operationId"], *approval(server))
    assert voided["type"] == "void"
    assert available(cli, card) == before
    twice = cli("giftcard", "void", card, "--original", loaded["operationId"], *approval(server))
    assert twice.code == 1 and twice.data["error"]["code"] == "ALREADY_REVERSED"


def test_activate_and_unissue_a_preissued_card(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_preissued", 0)
    assert cli.ok("balance", card)["status"] == "preissued"
    activated = cli.ok("giftcard", "activate", card, "--amount", "40")
    assert activated["instrument"]["status"] == "active"
    assert Decimal(activated["instrument"]["available"]) == Decimal("40.00")
    assert cli("giftcard", "activate", card, "--amount", "40").data["error"]["code"] == "ALREADY_ISSUED"
    undone = cli.ok("giftcard", "unissue", card, *approval(server))
    assert undone["type"] == "unissue"
    assert cli.ok("balance", card)["status"] == "preissued"


def test_issue_a_live_printed_card_gives_its_new_number(cli: Cli, server: RunningServer) -> None:
    issued = cli.ok("giftcard", "issue", "GC-LIVE", "--amount", "25")
    number = issued["number"]
    assert number.isdigit() and len(number) == 16
    assert issued["instrument"]["number"].endswith(number[-4:]) and "*" in issued["instrument"]["number"]
    assert cli.ok("identify", number)["seriesNumber"] == "GC-LIVE"
    cli.ok("giftcard", "load", number, "--amount", "5")
    assert available(cli, number) == Decimal("30.00")
    assert cli("giftcard", "unissue", number, *approval(server)).data["error"]["code"] == "HAS_TRANSACTIONS"
    human = cli("giftcard", "issue", "GC-LIVE", "--amount", "25", as_json=False)
    assert human.code == 0 and "Operation " in human.out


def test_store_credit_issue_pay_commit_refund(cli: Cli, server: RunningServer) -> None:
    assert (
        cli("storecredit", "issue", "SC-PLN", "--amount", "60").data["error"]["code"] == "APPROVAL_REQUIRED"
    )
    issued = cli.ok("storecredit", "issue", "SC-PLN", "--amount", "60", *approval(server))
    number = issued["number"]
    assert issued["instrument"]["kind"] == "storecredit"
    paid = cli.ok("storecredit", "pay", number, "--amount", "25")
    cli.ok("storecredit", "commit", number, paid["authCode"])
    assert available(cli, number) == Decimal("35.00")
    cli.ok(
        "storecredit", "refund", number, "--amount", "5", "--original", paid["operationId"], *approval(server)
    )
    assert available(cli, number) == Decimal("40.00")
    held = cli.ok("storecredit", "pay", number, "--amount", "10")
    cli.ok("storecredit", "cancel", number, held["authCode"])
    assert available(cli, number) == Decimal("40.00")
    cli.ok("storecredit", "load", number, "--amount", "1", *approval(server))
    # A gift card number given to a store-credit command is refused before anything is sent.
    wrong = cli("storecredit", "pay", server.sample("giftcard_active", 6), "--amount", "1")
    assert (
        wrong.code == 1 and wrong.data["error"]["code"] == "WRONG_KIND" and wrong.data["operationId"] is None
    )


def test_balance_of_every_kind(cli: Cli, server: RunningServer) -> None:
    money = cli.ok("balance", server.sample("storecredit_active", 0))
    assert money["kind"] == "storecredit" and money["currency"] == "PLN" and "available" in money
    card = cli.ok("balance", server.sample("loyaltycard_active", 0))
    assert card["kind"] == "loyaltycard" and isinstance(card["points"], int) and "available" not in card
    coupon = cli.ok("balance", server.sample("coupon_active", 0))
    assert coupon["kind"] == "coupon" and coupon["status"] == "active"
    elsewhere = cli.ok("balance", server.sample("not_accepted_here", 0))
    assert elsewhere["acceptableHere"] is False
    unknown = cli("balance", "123")
    assert unknown.code == 1 and unknown.data["error"]["code"] == "UNKNOWN_PREFIX"


def test_human_output_masks_numbers_and_formats_money(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 7)
    shown = cli("balance", card, as_json=False)
    assert shown.code == 0
    assert card not in shown.out
    assert f"************{card[-4:]}" in shown.out
    assert "zł" in shown.out and "Available" in shown.out
    paid = cli("giftcard", "pay", card, "--amount", "2,5", as_json=False)
    assert paid.code == 0, paid.err
    assert "zł 2.50" in paid.out and card not in paid.out


def test_history_lists_the_operations_newest_first(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 6)
    loaded = cli.ok("giftcard", "load", card, "--amount", "11")
    history = cli.ok("history", card)
    assert history["number"].endswith(card[-4:]) and card not in str(history)
    first = history["transactions"][0]
    assert first["operationId"] == loaded["operationId"]
    assert first["type"] == "load" and Decimal(first["amount"]) == Decimal("11.00")
    human = cli("history", card, as_json=False)
    assert loaded["operationId"] in human.out and card not in human.out


def test_print_writes_the_slip_to_the_given_printer(cli: Cli, server: RunningServer, tmp_path: Path) -> None:
    card = server.sample("storecredit_active", 1)
    out = tmp_path / "slip.bin"
    paid = cli.ok("storecredit", "pay", card, "--amount", "1", "--print", "--printer", f"file://{out}")
    assert paid["print"]["state"] == "printed"
    data = out.read_bytes()
    assert data.startswith(b"\x1b@")
    assert card[-4:].encode() in data and card.encode() not in data
    balance = cli.ok("balance", card, "--printer", f"file://{out}")
    assert balance["print"]["slips"] == 1


def test_a_printer_failure_never_fails_the_operation(cli: Cli, server: RunningServer, tmp_path: Path) -> None:
    card = server.sample("storecredit_active", 2)
    result = cli("storecredit", "pay", card, "--amount", "1", "--printer", "tcp://127.0.0.1:9")
    assert result.code == 0
    assert result.data["state"] == "applied"
    assert result.data["print"]["state"] == "failed"
    assert "reprint" in result.err


def test_a_polish_till_reads_and_writes_polish_amounts(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    till = Cli(init_terminal(tmp_path, server), capsys)
    assert till.ok("config", "set", "terminal.locale", "pl_PL")["value"] == "pl_PL"
    card = server.sample("giftcard_active", 7)
    before = available(till, card)
    paid = till("giftcard", "pay", card, "--amount", "1 234,5", as_json=False)
    assert paid.code == 1 and "INSUFFICIENT_FUNDS" in paid.err  # read as 1234.50, not refused as garbage
    paid = till("giftcard", "pay", card, "--amount", "3,25 zł", as_json=False)
    assert paid.code == 0, paid.err
    assert "3,25 zł" in paid.out
    assert f"{money_text(before - Decimal('3.25'))} zł" in paid.out


def money_text(amount: Decimal) -> str:
    whole, _, fraction = f"{amount:.2f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join([whole, *groups]) + "," + fraction


def test_print_without_a_printer_is_refused_before_anything_happens(cli: Cli, server: RunningServer) -> None:
    card = server.sample("storecredit_active", 3)
    before = available(cli, card)
    result = cli("storecredit", "pay", card, "--amount", "1", "--print", as_json=False)
    assert result.code == 2 and "--printer" in result.err
    assert available(cli, card) == before
    bad_url = cli("storecredit", "pay", card, "--amount", "1", "--printer", "nonsense://x")
    assert bad_url.code == 0 and bad_url.data["state"] == "applied"  # the operation stands
    assert bad_url.data["print"]["state"] == "failed" and bad_url.err
