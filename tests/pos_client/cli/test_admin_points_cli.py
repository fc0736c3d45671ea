"""``loyalty-pos admin points-rules`` and ``admin coupon-offer`` over the real reference server: a rule
file set from the CLI changes what the till's earn gives; a bad rule is refused (exit 1, the reason)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.server import RunningServer
from tests.loyalty_server.helpers import Api
from tests.pos_client.cli.conftest import Cli, Result

RULES = {
    "pointValue": "0.10",
    "rules": [{"rule": "per-amount", "points": 4, "unit": "1.00"}],
    "reward": {"threshold": 5000, "rewardValue": "25.00", "couponSeries": "CP-REWARD"},
}


class AdminCli:
    """``loyalty-pos admin --server URL --user admin --password-file F …`` as the demo admin."""

    def __init__(self, cli: Cli, prefix: list[str]) -> None:
        self.cli, self.prefix = cli, prefix

    def __call__(self, *args: str, as_json: bool = True) -> Result:
        return self.cli(*self.prefix, *args, as_json=as_json)

    def ok(self, *args: str) -> Any:
        return self.cli.ok(*self.prefix, *args)


@pytest.fixture
def admin(server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> AdminCli:
    password = tmp_path / "admin.pw"
    password.write_text(server.manifest["admin"]["password"], encoding="utf-8")
    prefix = ["admin", "--server", server.base_url, "--user", "admin", "--password-file", str(password)]
    return AdminCli(Cli(tmp_path / "unused.toml", capsys), prefix)


def _earn(server: RunningServer, amount: str) -> int:
    api = Api(server)
    try:
        card = server.sample("loyaltycard_active")
        return int(api.ok("POST", f"/loyaltycards/{card}/_earn", {"amount": amount})["points"])
    finally:
        api.close()


def test_points_rules_set_from_a_file_change_what_the_till_earns(
    admin: AdminCli, server: RunningServer, tmp_path: Path
) -> None:
    assert _earn(server, "10.00") == 10  # the demo: 1 point per 1.00
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(RULES), encoding="utf-8")
    done = admin.ok("points-rules", "set", "LC", "--file", str(rules))
    assert done["rules"] == RULES["rules"]
    assert _earn(server, "10.00") == 40
    shown = admin("points-rules", "show", "LC", as_json=False)
    assert shown.code == 0
    assert "per-amount: points 4" in shown.out and "5000 points -> 25.00 (CP-REWARD)" in shown.out


def test_a_bad_rule_file_is_refused_with_the_reason(admin: AdminCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**RULES, "rules": [{"rule": "per-visit", "points": -3}]}), encoding="utf-8")
    refused = admin("points-rules", "set", "LC", "--file", str(bad))
    assert refused.code == 1
    assert refused.data["error"]["code"] == "INVALID_POINTS_RULES"
    assert "rules[0].points" in refused.err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert admin("points-rules", "set", "LC", "--file", str(broken)).code == 2


def test_a_coupon_offer_set_from_the_cli(admin: AdminCli) -> None:
    done = admin.ok(
        "coupon-offer", "set", "CP-MULTI", "--type", "amount", "--value", "7.50",
        "--description", "7.50 off", "--single-use",
    )  # fmt: skip
    assert (done["value"], done["singleUse"]) == ("7.50", True)
    refused = admin(
        "coupon-offer", "set", "CP-MULTI", "--type", "percent", "--value", "120", "--description", "x"
    )
    assert refused.code == 1 and "at most 100 percent" in refused.err
    assert (
        admin("coupon-offer", "set", "LC", "--type", "percent", "--value", "5", "--description", "x").code
        == 1
    )
