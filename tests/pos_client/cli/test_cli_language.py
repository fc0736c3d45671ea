"""The CLI speaks the terminal's language: that of ``[terminal] locale`` (issue 14, point 7), in its
answers, its refusals and the slips it prints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_client.cli.main import main
from pos_client.i18n import set_language
from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, init_terminal


@pytest.fixture
def polish_till(tmp_path: Path, server: RunningServer) -> Iterator[Path]:
    config = init_terminal(tmp_path / "pl", server)
    assert main(["--config", str(config), "config", "set", "terminal.locale", "pl_PL"]) == 0
    yield config
    set_language("en")  # the process's language: other in-process tests start in English


def test_a_polish_terminal_answers_in_polish(cli: Cli, polish_till: Path, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 0)
    human = cli("balance", card, as_json=False, config=polish_till)
    assert human.code == 0
    assert "Karta podarunkowa" in human.out and "Aktywna" in human.out and "Dostępne" in human.out
    assert "Gift card" not in human.out and "Available" not in human.out
    mistyped = card[:-1] + str((int(card[-1]) + 1) % 10)
    refused = cli("balance", mistyped, as_json=False, config=polish_till)
    assert refused.code == 1 and "błędna cyfra kontrolna" in refused.err
    # The JSON stays the same in every language: tools rely on its codes.
    assert cli("balance", card, config=polish_till).data["status"] == "active"


def test_a_polish_terminals_slip_is_in_polish(
    cli: Cli, polish_till: Path, server: RunningServer, tmp_path: Path
) -> None:
    card = server.sample("giftcard_active", 0)
    out = tmp_path / "slip.bin"
    result = cli("balance", card, "--printer", f"file://{out}", config=polish_till)
    assert result.code == 0, result.err
    data = out.read_bytes()
    assert b"Saldo" in data and b"Balance" not in data and b"Available" not in data


def test_an_english_terminal_stays_english(cli: Cli, server: RunningServer) -> None:
    human = cli("balance", server.sample("giftcard_active", 0), as_json=False)
    assert "Gift card" in human.out and "Available" in human.out
