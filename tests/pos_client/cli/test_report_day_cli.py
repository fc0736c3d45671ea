"""``loyalty-pos report day`` against the real server (issue 14, point 9): totals net of voids, lines
and slip in readable words with points, in the terminal's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.cli.main import main
from pos_client.i18n import set_language
from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval, init_terminal

CODES = re.compile(rb"\b(giftcard|storecredit|loyaltycard|commit|load|void|earn)\b")  # internal codes


def _load_void_and_earn(cli: Cli, server: RunningServer, config: Path | None = None) -> None:
    card = server.sample("giftcard_active", 2)
    loaded = cli("giftcard", "load", card, "--amount", "50.00", config=config)
    assert loaded.code == 0, loaded.err
    voided = cli(
        "giftcard", "void", card, "--original", loaded.data["operationId"], *approval(server), config=config
    )
    assert voided.code == 0, voided.err
    earned = cli("points", "earn", server.sample("loyaltycard_active", 3), "--amount", "30.00", config=config)
    assert earned.code == 0, earned.err


def test_a_voided_top_up_is_its_own_line_and_adds_no_money_in(
    cli: Cli, server: RunningServer, tmp_path: Path
) -> None:
    before = cli.ok("report", "day")["totals"]
    _load_void_and_earn(cli, server)
    after = cli.ok("report", "day")
    assert Decimal(after["totals"]["amountIn"]) == Decimal(before["amountIn"])  # net: 50 - 50
    assert after["totals"]["pointsEarned"] == before["pointsEarned"] + 30
    voids = [ln for ln in after["lines"] if ln["type"] == "void" and ln["reverses"] == "load"]
    assert voids and Decimal(voids[0]["amount"]) >= 50

    human = cli("report", "day", as_json=False)
    assert "Gift card top-ups voided" in human.out and "Gift card top-ups" in human.out
    assert "Points earned" in human.out and "Points (net): earned" in human.out
    assert "giftcard" not in human.out and " load " not in human.out

    slip = tmp_path / "day.bin"
    printed = cli("report", "day", "--printer", f"file://{slip}")
    assert printed.code == 0, printed.err
    data = slip.read_bytes()
    assert b"x Gift card top-ups voided" in data and b"x Points earned" in data
    assert b"Put on cards" in data and b"Paid with cards" in data and b"Points returned" in data
    assert re.search(rb"x Points earned +[0-9]+ pt", data)  # the points, not 0.00 of money
    assert not CODES.search(data)


@pytest.fixture
def polish_till(tmp_path: Path, server: RunningServer) -> Iterator[Path]:
    config = init_terminal(tmp_path / "pl", server)
    assert main(["--config", str(config), "config", "set", "terminal.locale", "pl_PL"]) == 0
    yield config
    set_language("en")  # the process's language: other in-process tests start in English


def test_a_polish_terminals_day_summary_is_in_polish(
    cli: Cli, polish_till: Path, server: RunningServer, tmp_path: Path
) -> None:
    _load_void_and_earn(cli, server, polish_till)
    human = cli("report", "day", as_json=False, config=polish_till)
    assert human.code == 0, human.err
    assert "Anulowane doładowania kart podarunkowych" in human.out
    assert "Punkty naliczone" in human.out and "Punkty (netto): naliczone" in human.out
    assert "Gift card" not in human.out and "Points" not in human.out

    slip = tmp_path / "day-pl.bin"
    printed = cli("report", "day", "--printer", f"file://{slip}", config=polish_till)
    assert printed.code == 0, printed.err
    data = slip.read_bytes()
    assert b"kart podarunkowych" in data and b"pkt" in data and b"Sumy po odj" in data
    assert b"Gift card" not in data and b"Points" not in data and b"Put on cards" not in data
