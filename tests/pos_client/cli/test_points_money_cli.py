"""``loyalty-pos points redeem CARD --amount 12.50`` and the money value of every points spend, against
the reference server (issue 19 item 3): text and ``--json``, English and Polish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_client.cli.main import main
from pos_client.i18n import set_language
from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, init_terminal


def test_a_spend_of_points_says_the_money_to_deduct(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 1)  # 40 points at 0.10
    spent = cli.ok("points", "redeem", card, "--points", "15")
    assert (spent["points"], spent["amount"]) == (15, "1.50")
    human = cli("points", "redeem", card, "--points", "5", as_json=False)
    assert human.code == 0 and "Deduct zł 0.50 from the bill" in human.out.replace("\xa0", " ")


def test_an_amount_is_paid_with_the_points_worth_it(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 0)  # 180 points at 0.10, rounded up
    paid = cli.ok("points", "redeem", card, "--amount", "12.55", "--reference", "S-7")
    assert paid["state"] == "applied" and (paid["points"], paid["amount"]) == (126, "12.55")
    assert cli.ok("balance", card)["points"] == 180 - 126
    back = cli.ok("points", "return", card, "--original", paid["operationId"])
    assert back["points"] == 126 and cli.ok("balance", card)["points"] == 180


def test_an_amount_the_points_cannot_pay_is_refused_with_what_the_card_holds(
    cli: Cli, server: RunningServer
) -> None:
    card = server.sample("loyaltycard_active", 2)  # 0 points
    refused = cli("points", "redeem", card, "--amount", "12.50")
    assert refused.code == 1 and refused.data["error"]["code"] == "INSUFFICIENT_POINTS"
    text = cli("points", "redeem", card, "--amount", "12.50", as_json=False)
    assert text.code == 1 and "0 available, worth zł 0.00" in text.err.replace("\xa0", " ")


@pytest.mark.parametrize(
    "extra", [["--amount", "1.00", "--points", "10"], ["--amount", "1.00", "--hold"], ["--amount", "1,2,3"]]
)
def test_an_amount_goes_alone_and_well_formed(cli: Cli, server: RunningServer, extra: list[str]) -> None:
    result = cli("points", "redeem", server.sample("loyaltycard_active", 3), *extra, as_json=False)
    assert result.code == 2 and "Traceback" not in result.err


@pytest.fixture
def polish_till(tmp_path: Path, server: RunningServer) -> Iterator[Path]:
    config = init_terminal(tmp_path / "pl", server)
    assert main(["--config", str(config), "config", "set", "terminal.locale", "pl_PL"]) == 0
    yield config
    set_language("en")


def test_a_polish_till_says_what_to_deduct_in_polish(
    cli: Cli, polish_till: Path, server: RunningServer
) -> None:
    card = server.sample("loyaltycard_active", 4)
    cli.ok("points", "earn", card, "--amount", "20.00")
    human = cli("points", "redeem", card, "--amount", "1.25", as_json=False, config=polish_till)
    assert human.code == 0 and "Odlicz 1,25 zł od rachunku" in human.out.replace("\xa0", " ")


def _wallet(server: RunningServer, i: int) -> str:
    return str(server.manifest["samples"]["loyaltymoney_active"][i])


def test_a_money_account_shows_earns_and_spends_money(cli: Cli, server: RunningServer) -> None:
    card = _wallet(server, 0)  # 45.60 credited
    balance = cli.ok("balance", card)
    assert balance["kind"] == "loyaltycard" and balance["loyaltyAccount"] == "money"
    assert balance["available"] == "45.60" and balance["currency"] == "PLN" and "points" not in balance
    text = cli("balance", card, as_json=False).out.replace("\xa0", " ")
    assert "Loyalty balance zł 45.60" in text and "points" not in text
    earned = cli.ok("points", "earn", card, "--amount", "100.00")
    assert (earned["amount"], earned["points"]) == ("7.00", None)  # 2.00 a visit + 5 %
    paid = cli("points", "redeem", card, "--amount", "50.00", as_json=False)
    out = paid.out.replace("\xa0", " ")
    assert paid.code == 0 and "Deduct zł 50.00 from the bill" in out and "Loyalty balance zł 2.60" in out
    refused = cli("points", "redeem", card, "--amount", "2.61")
    assert refused.code == 1 and refused.data["error"]["code"] == "INSUFFICIENT_FUNDS"
    assert cli.ok("balance", card)["available"] == "2.60"


def test_a_money_accounts_balance_in_polish(cli: Cli, polish_till: Path, server: RunningServer) -> None:
    human = cli("balance", _wallet(server, 1), as_json=False, config=polish_till)
    assert human.code == 0 and "Saldo lojalnościowe 0,00 zł" in human.out.replace("\xa0", " ")
