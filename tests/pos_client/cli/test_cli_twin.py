"""The CLI does what the app does (issue 19, item 5; and item 2's ``balance`` side): block and
unblock a loyalty card, the audit log for a manager, the diagnostics bundle, and the products a card
can buy with points. Over the real reference server."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval


def test_a_loyalty_card_is_blocked_and_unblocked_by_a_manager(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 1)
    refused = cli("points", "block", card, "--reason", "lost")
    assert refused.code == 1 and refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    assert cli.ok("balance", card)["status"] == "active"

    blocked = cli.ok("points", "block", card, "--reason", "lost", *approval(server))
    assert blocked["state"] == "applied"
    shown = cli.ok("balance", card)
    assert (shown["status"], shown["blockReason"]) == ("blocked", "lost")
    assert cli("points", "earn", card, "--amount", "10").data["error"]["code"] == "BLOCKED"

    cli.ok("points", "unblock", card, *approval(server))
    assert cli.ok("balance", card)["status"] == "active"


def test_coupons_have_no_block_and_the_help_says_so(cli: Cli) -> None:
    help_text = cli("coupon", "--help", as_json=False)
    assert help_text.code == 0
    assert "cannot be blocked" in help_text.out and "admin instrument block" in help_text.out
    assert cli("coupon", "block", "SAVEX", as_json=False).code == 2


def test_audit_list_needs_a_manager_and_masks_card_numbers(cli: Cli, server: RunningServer) -> None:
    card = server.sample("giftcard_active", 5)
    cli.ok("giftcard", "block", card, "--reason", "stolen", *approval(server))

    refused = cli("audit", "list")
    assert refused.code == 1 and refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    wrong = cli("audit", "list", "--manager", approval(server)[1], "--pin", "9090")
    assert wrong.code == 1 and wrong.data["error"]["code"] == "BAD_PIN"

    listed = cli.ok("audit", "list", "--limit", "20", *approval(server))
    block = next(e for e in listed["entries"] if e["action"] == "giftcard.block")
    assert block["approvedBy"] == approval(server)[1] and block["operator"] == "cli"
    assert block["subject"].endswith(card[-4:]) and card not in json.dumps(listed)
    assert listed["count"] == len(listed["entries"]) <= 20
    # The reading itself is audited, and --limit is honoured.
    again = cli.ok("audit", "list", "--limit", "1", *approval(server))
    assert again["count"] == 1 and again["entries"][0]["action"] == "audit_view"

    text = cli("audit", "list", "--limit", "5", *approval(server), as_json=False)
    assert text.code == 0 and "giftcard.block" in text.out and card not in text.out
    assert cli("audit", "list", "--limit", "0", *approval(server)).code == 2


def test_diagnostics_export_writes_the_apps_bundle_masked(
    cli: Cli, server: RunningServer, tmp_path: Path
) -> None:
    card = server.sample("giftcard_active", 6)
    token = server.token(0)
    # What the app logged on this terminal (a line that slipped through unmasked, to be masked again).
    log = cli.config.parent / "data" / "logs" / "app.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(f"2026-11-30 07:41:02 INFO test: scanned {card}\n", encoding="utf-8")

    target = tmp_path / "bundle.zip"
    done = cli.ok("diagnostics", "export", str(target))
    assert Path(done["file"]) == target
    with zipfile.ZipFile(target) as bundle:
        names = set(bundle.namelist())
        texts = {name: bundle.read(name).decode("utf-8") for name in names}
    assert {"README.txt", "versions.json", "config.json", "log.txt", "queue.json", "terminal.json"} <= names
    assert "scanned ************" + card[-4:] in texts["log.txt"]
    assert json.loads(texts["terminal.json"])["loyaltyGroup"] == server.loyalty_group
    assert json.loads(texts["config.json"])["server"]["url"] == server.base_url
    everything = "".join(texts.values())
    assert card not in everything and token not in everything

    # A folder gets the bundle under its usual name; text output says where.
    folder = tmp_path / "out"
    folder.mkdir()
    shown = cli("diagnostics", "export", str(folder), as_json=False)
    assert shown.code == 0, shown.err
    (made,) = folder.glob("loyalty-pos-diagnostics-*.zip")
    assert str(made) in shown.out

    unwritable = cli("diagnostics", "export", str(tmp_path / "bundle.zip" / "x.zip"))
    assert unwritable.code == 2 and "cannot write" in unwritable.err


def test_balance_lists_the_products_a_card_can_buy_with_points(cli: Cli, server: RunningServer) -> None:
    card = server.sample("loyaltycard_active", 2)
    data = cli.ok("balance", card)
    products = {p["productCode"]: p for p in data["pointsProducts"]}
    assert products["COFFEE-FREE"]["points"] == 50
    assert products["COFFEE-FREE"]["description"] == "A cup of coffee"
    assert all(p["affordable"] == (0 < p["points"] <= data["points"]) for p in products.values())

    text = cli("balance", card, as_json=False)
    assert text.code == 0 and "COFFEE-FREE" in text.out and "A cup of coffee" in text.out

    # A money card has no such list.
    assert "pointsProducts" not in cli.ok("balance", server.sample("giftcard_active", 7))
