"""``loyalty-pos customer show ID --history``: every consent answer, against the reference server."""

from __future__ import annotations

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api
from tests.pos_client.cli.conftest import Cli


def _reward_number(api: Api, card: str) -> str:
    """The number of the card's latest reward coupon (the ledger's ``reward <number>`` reference)."""
    info = api.ok("GET", f"/loyaltycards/{card}")
    ledger = api.ok("GET", f"/instruments/{info['instrumentId']}/transactions")["transactions"]
    return next(str(t["reference"]).split()[1] for t in ledger if str(t["reference"]).startswith("reward "))


def test_show_history_lists_every_consent_answer_with_who_recorded_it(
    cli: Cli, server: RunningServer
) -> None:
    created = cli.ok("customer", "create", "--phone", "+48600777901", "--first-name", "Ewa")
    customer_id = created["customer"]["customerId"]
    for flag, version in (("--granted", "2024-01"), ("--withdrawn", "2024-01"), ("--granted", "2025-06")):
        cli.ok("customer", "consent", customer_id, "--type", "marketing_email", flag, "--version", version)

    plain = cli.ok("customer", "show", customer_id)
    assert "consentHistory" not in plain  # only on request
    assert [(k["type"], k["granted"], k["version"]) for k in plain["consents"]] == [
        ("marketing_email", True, "2025-06")
    ]

    shown = cli.ok("customer", "show", customer_id, "--history")
    till = server.manifest["terminals"][0]
    assert [
        (k["granted"], k["version"], k["terminalId"], k["merchantId"]) for k in shown["consentHistory"]
    ] == [
        (True, "2024-01", till["terminalId"], till["merchant"]),
        (False, "2024-01", till["terminalId"], till["merchant"]),
        (True, "2025-06", till["terminalId"], till["merchant"]),
    ]
    assert shown["consents"] == plain["consents"]

    human = cli("customer", "show", customer_id, "--history", as_json=False)
    assert human.code == 0, human.err
    lines = [ln for ln in human.out.splitlines() if "marketing_email" in ln and "version" in ln]
    assert len(lines) == 3
    assert "withdrawn" in lines[1] and "granted" in lines[2] and "2025-06" in lines[2]
    assert all(till["terminalId"] in ln for ln in lines)


def test_show_history_of_an_unknown_customer_is_refused(cli: Cli) -> None:
    result = cli("customer", "show", "C-9999", "--history")
    assert result.code == 1 and result.data["error"]["code"] == "UNKNOWN_CUSTOMER"


def test_a_card_that_owes_points_says_so_and_cannot_spend(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 5)
    sale = cli.ok("points", "earn", card, "--amount", "250.00")  # 260 points: a 250-point reward coupon
    # the CLI masks the coupon's number; the customer has it on the printed coupon: use it as they would
    api = Api(server)
    try:
        ledger = api.ok("GET", f"/instruments/{sale['rewards'][0]['instrumentId']}/transactions")
        coupon = _reward_number(api, card)
    finally:
        api.close()
    assert ledger["transactions"] == []  # unused so far
    assert cli.ok("coupon", "redeem", coupon)["state"] == "applied"
    cli.ok("points", "return", card, "--original", sale["operationId"])  # the used reward stays used
    assert cli.ok("balance", card)["points"] == -250
    shown = cli("balance", card, as_json=False)
    assert shown.code == 0 and "owes 250 points" in shown.out
    refused = cli("points", "redeem", card, "--points", "1")
    assert refused.code == 1 and refused.data["error"]["code"] == "INSUFFICIENT_POINTS"
