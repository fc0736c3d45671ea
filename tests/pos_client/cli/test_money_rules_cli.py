"""The server's money rules, as the CLI follows them (issue 13, items 1, 2 and 5), against the reference
server: a refund names its payment and says what is left to reverse, a manager's approval reaches the
server as ``approvedBy``, loads stay within the series' limits, the refusals are in plain words, and
``config init --role`` grants nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval, init_terminal, manager


def available(cli: Cli, number: str) -> Decimal:
    return Decimal(cli.ok("balance", number)["available"])


def history(cli: Cli, number: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = cli.ok("history", number)["transactions"]
    return rows


def test_a_refund_without_original_is_a_usage_error_and_nothing_moves(
    cli: Cli, server: RunningServer
) -> None:
    card = server.sample("giftcard_active", 4)
    before, rows = available(cli, card), len(history(cli, card))
    waiting = cli.ok("queue", "status")["pending"]
    result = cli("giftcard", "refund", card, "--amount", "5", *approval(server))
    assert result.code == 2
    assert result.data["state"] == "refused"
    assert result.data["error"]["code"] == "ORIGINAL_OPERATION_REQUIRED"
    assert "--original" in result.err and "storecredit issue" in result.err  # the way out, in words
    assert available(cli, card) == before and len(history(cli, card)) == rows
    assert cli.ok("queue", "status")["pending"] == waiting  # nothing waits to be refused later


def test_refund_and_void_say_what_is_left_of_the_sale(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 5)
    paid = cli.ok("giftcard", "pay", card, "--amount", "20.00")
    committed = cli.ok("giftcard", "commit", card, paid["authCode"])
    assert Decimal(committed["reversible"]) == Decimal("20.00")
    refunded = cli.ok(
        "giftcard", "refund", card, "--amount", "5", "--original", committed["operationId"], *approval(server)
    )
    assert Decimal(refunded["reversible"]) == Decimal("15.00")
    # The history shows it on the sale's rows, so the payment to refund can be chosen.
    row = next(r for r in history(cli, card) if r["operationId"] == committed["operationId"])
    assert Decimal(str(row["reversible"])) == Decimal("15.00")
    human = cli(
        "giftcard",
        "refund",
        card,
        "--amount",
        "5",
        "--original",
        paid["operationId"],
        *approval(server),
        as_json=False,
    )
    assert human.code == 0 and "Left to reverse of that sale" in human.out and "10.00" in human.out
    voided = cli.ok("giftcard", "void", card, "--original", paid["operationId"], *approval(server))
    assert Decimal(voided["reversible"]) == Decimal("0.00")
    nothing = cli(
        "giftcard", "refund", card, "--amount", "1", "--original", committed["operationId"], *approval(server)
    )
    assert nothing.code == 1 and nothing.data["error"]["code"] == "NOTHING_TO_RETURN"
    assert nothing.data["error"]["message"].startswith("nothing is left to reverse of that operation")
    again = cli("giftcard", "void", card, "--original", committed["operationId"], *approval(server))
    assert again.code == 1 and again.data["error"]["code"] == "ALREADY_REVERSED"
    assert again.data["error"]["message"] == "that operation has already been reversed"


def test_a_load_above_the_approval_threshold_needs_a_manager_who_is_named_to_the_server(
    cli: Cli, server: RunningServer
) -> None:
    card = server.sample("giftcard_active", 6)  # GC-PLN: approval above 500.00, at most 1000.00 a load
    before = available(cli, card)
    alone = cli("giftcard", "load", card, "--amount", "600")
    assert alone.code == 1 and alone.data["error"]["code"] == "APPROVAL_REQUIRED"
    assert "--manager" in alone.data["error"]["message"]
    assert available(cli, card) == before
    who, _pin = manager(server)
    loaded = cli.ok("giftcard", "load", card, "--amount", "600", *approval(server))
    assert loaded["state"] == "applied"
    row = next(r for r in history(cli, card) if r["operationId"] == loaded["operationId"])
    assert row["approvedBy"] == who  # the ledger names the manager
    small = cli.ok("giftcard", "load", card, "--amount", "10")  # under the threshold: a cashier alone
    row = next(r for r in history(cli, card) if r["operationId"] == small["operationId"])
    assert row["approvedBy"] is None


def test_a_refund_names_its_approving_manager(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 7)
    paid = cli.ok("giftcard", "pay", card, "--amount", "8.00")
    cli.ok("giftcard", "commit", card, paid["authCode"])
    refunded = cli.ok(
        "giftcard", "refund", card, "--amount", "3", "--original", paid["operationId"], *approval(server)
    )
    row = next(r for r in history(cli, card) if r["operationId"] == refunded["operationId"])
    assert row["approvedBy"] == manager(server)[0]


def test_a_load_past_the_series_limits_is_refused_in_words(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 0)  # GC-PLN: at most 1000.00 a load, 2000.00 on a card
    over = cli("giftcard", "load", card, "--amount", "1000.01", *approval(server))
    assert over.code == 1 and over.data["error"]["code"] == "LOAD_LIMIT_EXCEEDED"
    assert over.data["error"]["message"] == "one load on this card may add at most zł 1,000.00"
    human = cli("giftcard", "load", card, "--amount", "1000.01", *approval(server), as_json=False)
    assert human.code == 1 and "one load on this card may add at most" in human.err
    net = Decimal(cli.ok("balance", card)["account"]["amountNet"])
    cli.ok("giftcard", "load", card, "--amount", "1000.00", *approval(server))
    past = cli("giftcard", "load", card, "--amount", "1000.00", *approval(server))
    assert past.code == 1 and past.data["error"]["code"] == "BALANCE_LIMIT_EXCEEDED"
    room = Decimal("2000.00") - net - Decimal("1000.00")
    assert past.data["error"]["message"] == (
        f"this card may hold at most zł 2,000.00; it holds zł {net + 1000:,.2f},"
        f" so at most zł {room:,.2f} more can be added"
    )
    assert Decimal(cli.ok("balance", card)["account"]["amountNet"]) == net + 1000


def test_series_list_shows_the_limits(cli: Cli) -> None:
    series = {s["seriesNumber"]: s for s in cli.ok("series", "list")["series"]}
    assert series["GC-PLN"]["limits"] == {
        "maxLoad": "1000.00",
        "maxBalance": "2000.00",
        "approvalThreshold": "500.00",
    }
    coupons = [s for s in series.values() if s["kind"] == "coupon"]
    assert coupons and all(s["limits"] is None for s in coupons)


def test_another_stores_hold_is_refused_in_words(
    cli: Cli, server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = server.sample("giftcard_active", 1)
    paid = cli.ok("giftcard", "pay", card, "--amount", "2.00")
    krakow = Cli(init_terminal(tmp_path / "krakow", server, terminal=2), capsys)  # M002, same group
    refused = krakow("giftcard", "commit", card, paid["authCode"])
    assert refused.code == 1 and refused.data["error"]["code"] == "FORBIDDEN"
    assert refused.data["error"]["message"] == (
        "this payment hold was placed by another store; only that store can commit or cancel it"
    )
    cli.ok("giftcard", "cancel", card, paid["authCode"])  # its own store still can


def test_config_init_role_is_ignored_with_a_warning(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_client.cli.main import main

    token = tmp_path / "token.txt"
    token.write_text(server.token(0), encoding="utf-8")
    config = tmp_path / "terminal.toml"
    args = ["--config", str(config), "--json", "config", "init", "--server", server.base_url]
    args += ["--loyalty-group", server.loyalty_group, "--token-file", str(token), "--role", "manager"]
    args += ["--data-dir", str(tmp_path / "data")]
    capsys.readouterr()
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "--role is ignored" in err and "cashier" in err
    assert '"role"' not in out
    assert "operator_role" not in config.read_text(encoding="utf-8")
    shown = Cli(config, capsys)("config", "show")
    assert shown.code == 0 and "operator_role" not in shown.out and "warning" not in shown.err
