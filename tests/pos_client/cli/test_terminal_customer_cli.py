"""``loyalty-pos terminal``, ``series``, ``identify``, ``customer …`` and ``report day`` against the
reference server."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval, init_terminal


def test_terminal_says_who_we_are(cli: Cli, server: RunningServer) -> None:
    data = cli.ok("terminal")
    assert data["terminalId"] == server.manifest["terminals"][0]["terminalId"]
    assert data["merchant"]["merchantId"] == server.manifest["terminals"][0]["merchant"]
    assert data["loyaltyGroup"] == server.loyalty_group
    assert isinstance(data["latencyMs"], float) and data["latencyMs"] >= 0
    assert isinstance(data["clockSkewSeconds"], float)
    assert data["operator"] == {"id": "cli", "role": "cashier"}
    human = cli("terminal", as_json=False)
    assert "Latency" in human.out and "clock skew" in human.out


def test_series_list_is_local_and_complete(cli: Cli) -> None:
    listed = cli.ok("series", "list")
    numbers = {s["seriesNumber"]: s for s in listed["series"]}
    assert {"GC-PLN", "SC-PLN", "LC", "CP-SAVE"} <= set(numbers)
    assert numbers["GC-PARTNER"]["acceptableHere"] is False
    assert "pay" in numbers["GC-PLN"]["offlinePolicy"]["operations"]
    again = cli.ok("series", "sync")
    assert again["changed"] is False and again["count"] == len(numbers)  # ETag: nothing downloaded


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("###", "INVALID_CHARACTERS"),
        ("", "EMPTY"),
        ("999999", "UNKNOWN_PREFIX"),
        ("60330100", "WRONG_LENGTH"),
    ],
)
def test_identify_gives_the_precise_reason(cli: Cli, number: str, reason: str) -> None:
    result = cli("identify", number)
    assert result.code == 1
    assert result.data["reason"] == reason
    human = cli("identify", number, as_json=False)
    assert human.code == 1 and reason in human.err


def test_identify_a_good_number_and_a_bad_check_digit(cli: Cli, server: RunningServer) -> None:
    number = server.sample("giftcard_active", 0)
    found = cli.ok("identify", f"]C0{number}\r\n")  # as a scanner sends it
    assert found == {
        "number": f"************{number[-4:]}",
        "kind": "giftcard",
        "seriesNumber": "GC-PLN",
        "description": found["description"],
        "currency": "PLN",
    }
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert cli("identify", wrong).data["reason"] == "BAD_CHECK_DIGIT"
    elsewhere = cli("identify", server.sample("not_accepted_here", 0))
    assert elsewhere.code == 1
    assert elsewhere.data["reason"] == "NOT_ACCEPTED_HERE" and elsewhere.data["seriesNumber"] == "GC-PARTNER"


def test_a_terminal_outside_the_acceptor_group_refuses_locally(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = next(i for i, t in enumerate(server.manifest["terminals"]) if t["merchant"] == "M900")
    cli = Cli(init_terminal(tmp_path, server, terminal=outside), capsys)
    card = server.sample("giftcard_active", 0)
    assert cli("identify", card).data["reason"] == "NOT_ACCEPTED_HERE"
    paid = cli("giftcard", "pay", card, "--amount", "1")
    assert paid.code == 1
    assert paid.data["error"]["code"] == "NOT_ACCEPTED_HERE" and paid.data["operationId"] is None


def test_a_token_the_server_rejects_is_a_configuration_error(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = tmp_path / "token"
    token.write_text("not-a-real-token", encoding="utf-8")
    cli = Cli(tmp_path / "t.toml", capsys)
    cli.ok(
        "config", "init", "--server", server.base_url, "--loyalty-group", server.loyalty_group,
        "--token-file", str(token), "--data-dir", str(tmp_path / "data"),
    )  # fmt: skip
    result = cli("terminal")
    assert result.code == 2
    assert result.data["error"]["code"] == "UNAUTHORIZED"
    assert "not-a-real-token" not in result.out + result.err


def test_customer_create_find_edit_consent_link_block(cli: Cli, server: RunningServer) -> None:
    created = cli.ok(
        "customer", "create", "--phone", "+48600777001", "--first-name", "Jan", "--last-name", "Kowalski",
        "--email", "Jan.K@example.pl", "--country", "PL",
    )  # fmt: skip
    assert created["state"] == "applied" and created["type"] == "enrol" and created["operationId"]
    customer_id = created["customer"]["customerId"]
    found = cli.ok("customer", "find", "--email", "jan.k@example.pl")["customers"]
    assert [c["customerId"] for c in found] == [customer_id]
    assert cli.ok("customer", "find", "--phone", "+48600777001")["customers"][0]["lastName"] == "Kowalski"
    exists = cli("customer", "create", "--phone", "+48600777001")
    assert exists.code == 1 and exists.data["error"]["code"] == "CUSTOMER_EXISTS"

    edited = cli.ok("customer", "edit", customer_id, "--last-name", "Nowak")
    assert edited["customer"]["lastName"] == "Nowak"
    assert cli("customer", "edit", customer_id).code == 2  # nothing to change

    consent = cli.ok(
        "customer", "consent", customer_id, "--type", "marketing_sms", "--granted", "--version", "2024-01"
    )
    assert {"type": "marketing_sms", "granted": True}.items() <= consent["customer"]["consents"][0].items()

    card = server.sample("loyaltycard_preissued", 0)
    linked = cli.ok("customer", "link", customer_id, "--card", card)
    assert linked["customer"]["cards"] == [f"{'*' * (len(card) - 4)}{card[-4:]}"]
    by_card = cli.ok("customer", "find", "--card", card)["customers"]
    assert [c["customerId"] for c in by_card] == [customer_id]

    refused = cli("customer", "block", customer_id, "--reason", "fraud")
    assert refused.code == 1 and refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    blocked = cli.ok("customer", "block", customer_id, "--reason", "fraud", *approval(server))
    assert blocked["customer"]["blocked"] is True
    shown = cli("customer", "show", customer_id, as_json=False)
    assert "BLOCKED" in shown.out and card not in shown.out


def test_customer_find_needs_exactly_one_key(cli: Cli) -> None:
    assert cli("customer", "find", as_json=False).code == 2
    assert cli("customer", "find", "--phone", "1", "--email", "a@b.c", as_json=False).code == 2
    assert cli.ok("customer", "find", "--phone", "+48000000000")["customers"] == []


def test_report_day_counts_this_terminals_operations(cli: Cli, server: RunningServer, tmp_path: Path) -> None:
    card = server.sample("giftcard_active", 1)
    before = cli.ok("report", "day")
    cli.ok("giftcard", "load", card, "--amount", "7.00")
    after = cli.ok("report", "day", "--date", dt.datetime.now(dt.UTC).date().isoformat())
    assert after["totals"]["count"] == before["totals"]["count"] + 1
    loads = [line for line in after["lines"] if line["kind"] == "giftcard" and line["type"] == "load"]
    assert loads and loads[0]["count"] >= 1
    out = tmp_path / "day.csv"
    written = cli.ok("report", "day", "--csv", str(out))
    assert written["csv"] == str(out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"kind": "giftcard", "type": "load"}.items() <= rows[
        [r["type"] for r in rows].index("load")
    ].items()
    empty = cli.ok("report", "day", "--date", "2000-01-01")
    assert empty["lines"] == [] and empty["totals"]["count"] == 0
    assert cli("report", "day", "--date", "yesterday", as_json=False).code == 2
    human = cli("report", "day", as_json=False)
    assert "Day report" in human.out and "zł" in human.out
