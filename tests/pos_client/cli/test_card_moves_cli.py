"""``loyalty-pos points merge`` and ``giftcard|storecredit transfer`` (issue 19, item 1), over the real
reference server: a manager decides, the server is needed (never queued), numbers stay masked, the
slip shows both cards and what moved."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval


def _customer_with_two_cards(cli: Cli, server: RunningServer, index: int, phone: str) -> tuple[str, str]:
    first, second = (
        server.sample("loyaltycard_preissued", index),
        server.sample("loyaltycard_preissued", index + 1),
    )
    created = cli.ok("customer", "create", "--phone", phone, "--first-name", "Ola")
    customer = created["customer"]["customerId"]
    cli.ok("customer", "link", customer, "--card", first)
    cli.ok("customer", "link", customer, "--card", second)
    return first, second


def test_points_merge_moves_the_points_and_closes_the_card(cli: Cli, server: RunningServer) -> None:
    source, target = _customer_with_two_cards(cli, server, 0, "+48600700701")
    earned = cli.ok("points", "earn", source, "--amount", "42.00")["points"]
    cli.ok("points", "earn", target, "--amount", "10.00")
    before = cli.ok("balance", target)["points"] + cli.ok("balance", target)["pointsPending"]

    refused = cli("points", "merge", "--from", source, "--into", target)
    assert refused.code == 1 and refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    same = cli("points", "merge", "--from", source, "--into", source, *approval(server))
    assert same.code == 1 and same.data["error"]["code"] == "SAME_CARD"

    merged = cli.ok("points", "merge", "--from", source, "--into", target, *approval(server))
    assert (merged["state"], merged["type"], merged["points"]) == ("applied", "merge_in", earned)
    assert merged["instrument"]["number"].endswith(target[-4:])
    assert merged["source"]["status"] == "closed" and merged["source"]["number"].endswith(source[-4:])
    assert source not in json.dumps(merged) and target not in json.dumps(merged)
    after = cli.ok("balance", target)
    assert after["points"] + after["pointsPending"] == before + earned
    assert cli.ok("balance", source)["status"] == "closed"
    # each history names the other card, masked
    rows = cli.ok("history", source)["transactions"]
    out = next(r for r in rows if r["type"] == "merge_out")
    assert out["reference"].endswith(target[-4:]) and target not in json.dumps(rows)

    again = cli("points", "merge", "--from", source, "--into", target, *approval(server))
    assert again.code == 1 and again.data["error"]["code"] == "NOT_ACTIVE"


def test_points_merge_of_two_customers_cards_is_refused_in_words(cli: Cli, server: RunningServer) -> None:
    mine, _ = _customer_with_two_cards(cli, server, 2, "+48600700702")
    other = server.sample("loyaltycard_active", 2)
    refused = cli("points", "merge", "--from", mine, "--into", other, *approval(server), as_json=False)
    assert refused.code == 1 and "link both cards" in refused.err


def test_giftcard_transfer_moves_the_balance_and_prints_both_cards(
    cli: Cli, server: RunningServer, tmp_path: Path
) -> None:
    lost, new = server.sample("giftcard_active", 0), server.sample("giftcard_active", 1)  # 100.00 each
    refused = cli("giftcard", "transfer", lost, "--to", new)
    assert refused.code == 1 and refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    assert cli.ok("balance", lost)["available"] == "100.00"  # nothing moved

    slip = tmp_path / "slip.bin"
    done = cli(
        "giftcard", "transfer", lost, "--to", new, "--reason", "damaged", *approval(server),
        "--print", "--printer", f"file://{slip}", as_json=False,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "Balance transferred" in done.out and "From Gift card" in done.out and "Blocked" in done.out
    assert lost not in done.out and new not in done.out
    printed = slip.read_bytes()
    assert b"Balance transferred" in printed and b"From card" in printed and lost[-4:].encode() in printed
    assert lost.encode() not in printed and new.encode() not in printed
    assert b"200.00" in printed  # the new card's balance after

    shown = cli.ok("balance", lost)
    assert (shown["status"], shown["blockReason"], shown["available"]) == ("blocked", "damaged", "0.00")
    assert cli.ok("balance", new)["available"] == "200.00"
    empty = cli("giftcard", "transfer", lost, "--to", new, *approval(server))
    assert empty.code == 1 and empty.data["error"]["code"] == "NOTHING_TO_TRANSFER"
    wrong_kind = cli(
        "giftcard", "transfer", new, "--to", server.sample("storecredit_active", 0), *approval(server)
    )
    assert wrong_kind.code == 1 and wrong_kind.data["error"]["code"] == "WRONG_KIND"


def test_storecredit_transfer(cli: Cli, server: RunningServer) -> None:
    old, new = server.sample("storecredit_active", 0), server.sample("storecredit_active", 1)  # 50.00 each
    done = cli.ok("storecredit", "transfer", old, "--to", new, *approval(server))
    assert (done["type"], done["amount"], done["instrument"]["available"]) == (
        "transfer_in",
        "50.00",
        "100.00",
    )
    assert (done["source"]["status"], done["source"]["blockReason"]) == ("blocked", "lost")


def test_a_merge_and_a_transfer_never_wait_in_the_offline_queue(
    tmp_path: Path, server: RunningServer, capsys: object
) -> None:
    from tests.pos_client.cli.conftest import init_terminal

    config = init_terminal(tmp_path / "till", server)
    text = config.read_text(encoding="utf-8").replace(server.base_url, "http://127.0.0.1:9")
    config.write_text(text, encoding="utf-8")
    cli = Cli(config, capsys)  # type: ignore[arg-type]
    card, other = server.sample("giftcard_active", 6), server.sample("giftcard_active", 7)
    offline = cli("giftcard", "transfer", card, "--to", other, *approval(server))
    assert offline.code == 3 and offline.data["error"]["code"] == "OFFLINE"
    a, b = server.sample("loyaltycard_active", 0), server.sample("loyaltycard_active", 3)
    offline = cli("points", "merge", "--from", a, "--into", b, *approval(server))
    assert offline.code == 3 and offline.data["error"]["code"] == "OFFLINE"
    assert cli.ok("queue", "status")["pending"] == 0
