"""``loyalty-pos coupon …`` and ``points …`` against the reference server."""

from __future__ import annotations

import pytest

from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval


def points(cli: Cli, card: str) -> int:
    value = cli.ok("balance", card)["points"]
    assert isinstance(value, int)
    return value


def test_check_then_redeem_a_single_use_coupon_once(cli: Cli, server: RunningServer) -> None:
    code = server.sample("coupon_active", 0)
    checked = cli.ok("coupon", "check", code)
    assert checked["kind"] == "coupon" and checked["usesLeft"] == 1 and checked["offer"]["description"]
    redeemed = cli.ok("coupon", "redeem", code, "--reference", "R-9")
    assert redeemed["state"] == "applied" and redeemed["type"] == "redeem" and redeemed["operationId"]
    again = cli("coupon", "redeem", code)
    assert again.code == 1
    assert again.data["state"] == "refused" and again.data["error"]["code"] == "COUPON_USED"
    used = cli("coupon", "check", code)
    assert used.code == 1 and used.data["error"]["code"] == "COUPON_USED" and used.data["usesLeft"] == 0


def test_unredeem_gives_the_use_back_with_a_manager(cli: Cli, server: RunningServer) -> None:
    code = server.sample("coupon_active", 1)
    redeemed = cli.ok("coupon", "redeem", code)
    refused = cli("coupon", "unredeem", code, "--original", redeemed["operationId"])
    assert refused.code == 1 and refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    back = cli.ok("coupon", "unredeem", code, "--original", redeemed["operationId"], *approval(server))
    assert back["type"] == "unredeem"
    assert cli.ok("coupon", "check", code)["usesLeft"] == 1


def test_a_used_coupon_from_the_demo_data_is_refused(cli: Cli, server: RunningServer) -> None:
    result = cli("coupon", "redeem", server.sample("coupon_used", 0), as_json=False)
    assert result.code == 1
    assert "COUPON_USED" in result.err
    assert server.sample("coupon_used", 0) not in result.err


def test_a_gift_card_is_not_a_coupon(cli: Cli, server: RunningServer) -> None:
    result = cli("coupon", "redeem", server.sample("giftcard_active", 0))
    assert result.code == 1 and result.data["error"]["code"] == "WRONG_KIND"


def test_quote_has_no_effect_and_earn_adds_what_it_quoted(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 1)
    before = points(cli, card)
    quote = cli.ok("points", "quote", card, "--amount", "45.50")
    assert quote["points"] > 0 and quote["balanceAfter"] == before + quote["points"]
    assert quote["breakdown"] and points(cli, card) == before
    earned = cli.ok("points", "earn", card, "--amount", "45.50", "--reference", "R-1")
    assert earned["state"] == "applied" and earned["points"] == quote["points"]
    assert points(cli, card) == before + quote["points"]


def test_earn_by_basket_lines_then_return_takes_the_points_back(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 2)
    before = points(cli, card)
    lines = ["--line", "SKU1:2:4.50:coffee", "--line", "SKU2:1:10.00"]
    quoted = cli.ok("points", "quote", card, *lines)["points"]
    earned = cli.ok("points", "earn", card, *lines)
    assert earned["points"] == quoted > 0
    returned = cli.ok("points", "return", card, "--original", earned["operationId"])
    assert returned["type"] == "return"
    assert points(cli, card) == before
    nothing = cli("points", "return", card, "--original", earned["operationId"])
    assert nothing.code == 1 and nothing.data["error"]["code"] == "NOTHING_TO_RETURN"


def test_a_threshold_issues_a_reward_coupon(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 3)
    balance = cli.ok("balance", card)
    to_go = balance["nextReward"]["pointsToGo"]
    earned = cli.ok("points", "earn", card, "--amount", f"{to_go + 5}.00")
    assert earned["rewards"], earned
    reward = earned["rewards"][0]
    assert reward["kind"] == "coupon" and "*" in reward["number"]


def test_redeem_points_at_once_and_with_a_hold(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 4)
    cli.ok("points", "earn", card, "--amount", "40.00")
    before = points(cli, card)
    assert before >= 15
    spent = cli.ok("points", "redeem", card, "--points", "10")
    assert spent["type"] == "spend" and spent["points"] == 10
    assert points(cli, card) == before - 10
    held = cli.ok("points", "redeem", card, "--points", "5", "--hold")
    assert held["authCode"]
    cli.ok("points", "cancel", card, held["authCode"])
    assert points(cli, card) == before - 10
    held = cli.ok("points", "redeem", card, "--points", "5", "--hold")
    cli.ok("points", "commit", card, held["authCode"])
    assert points(cli, card) == before - 15
    too_many = cli("points", "redeem", card, "--points", str(before * 10))
    assert too_many.code == 1 and too_many.data["error"]["code"] == "INSUFFICIENT_POINTS"


def test_buy_a_product_with_points(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active")  # Zofia: 180 points
    before = points(cli, card)
    bought = cli.ok("points", "redeem", card, "--product", "COFFEE-FREE", "--quantity", "2")
    assert bought["state"] == "applied" and bought["points"] == 100
    assert points(cli, card) == before - 100
    unknown = cli("points", "redeem", card, "--product", "CAVIAR")
    assert unknown.code == 1 and unknown.data["error"]["code"] == "UNKNOWN_PRODUCT"
    assert cli("points", "redeem", card, "--product", "COFFEE-FREE", "--hold").code == 2


@pytest.mark.parametrize(
    "args",
    [
        ("points", "redeem", "CARD", "--points", "0"),
        ("points", "redeem", "CARD", "--points", "ten"),
        ("points", "earn", "CARD"),
        ("points", "earn", "CARD", "--line", "SKU1:two:4.50"),
        ("points", "earn", "CARD", "--line", "SKU1:2"),
        ("points", "quote", "CARD", "--amount", "twelve"),
    ],
)
def test_malformed_points_input_is_a_usage_error(
    cli: Cli, server: RunningServer, args: tuple[str, ...]
) -> None:
    card = server.sample("loyaltycard_active", 5)
    before = points(cli, card)
    result = cli(*(card if a == "CARD" else a for a in args), as_json=False)
    assert result.code == 2, result.err
    assert result.err.startswith("loyalty-pos: ") and "Traceback" not in result.err
    assert points(cli, card) == before
