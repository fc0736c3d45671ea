"""``loyalty-pos points activate CARD`` against the reference server."""

from __future__ import annotations

from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli


def test_activate_a_preissued_loyalty_card_then_it_earns(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_preissued", 0)
    assert cli.ok("balance", card)["status"] == "preissued"
    refused = cli("points", "earn", card, "--amount", "20.00")
    assert refused.code == 1 and refused.data["error"]["code"] == "NOT_ACTIVE"

    activated = cli.ok("points", "activate", card)
    assert activated["state"] == "applied" and activated["type"] == "issue"
    assert cli.ok("balance", card)["status"] == "active"
    assert cli.ok("points", "earn", card, "--amount", "20.00")["points"] > 0

    again = cli("points", "activate", card)
    assert again.code == 1 and again.data["error"]["code"] == "ALREADY_ISSUED"


def test_activate_in_words_and_refusals_in_words(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_preissued", 1)
    text = cli("points", "activate", card, as_json=False)
    assert text.code == 0, text.err
    assert card not in text.out  # masked
    gift = cli("points", "activate", server.sample("giftcard_preissued", 0), as_json=False)
    assert gift.code == 1 and "Traceback" not in gift.err
