"""The back office's CLI twin end to end, over the real reference server: an admin sets up a store, its
POS and a gift-card series, pre-issues 5 cards to a CSV and makes a pairing code; a fresh terminal is
configured with nothing but that code (``config pair``), identifies one of the new cards and activates
it; the admin then sees the card active with its balance, and the liability report includes it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.pos_client.cli.conftest import Cli, mode


@pytest.fixture
def admin(server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``loyalty-pos admin --server URL --user admin --password-file F …`` as the demo admin."""
    password = tmp_path / "admin.pw"
    password.write_text(server.manifest["admin"]["password"], encoding="utf-8")
    prefix = ["admin", "--server", server.base_url, "--user", "admin", "--password-file", str(password)]
    cli = Cli(tmp_path / "unused.toml", capsys)
    return _Prefixed(cli, prefix)  # type: ignore[return-value]


class _Prefixed:
    def __init__(self, cli: Cli, prefix: list[str]) -> None:
        self.cli, self.prefix = cli, prefix

    def __call__(self, *args: str, as_json: bool = True) -> object:
        return self.cli(*self.prefix, *args, as_json=as_json)

    def ok(self, *args: str) -> object:
        return self.cli.ok(*self.prefix, *args)


SERIES = [
    "series", "add", "--number", "GC-E2E", "--kind", "giftcard", "--description", "E2E gift card",
    "--prefix", "6088", "--length", "16", "--check-digit", "luhn", "--currency", "PLN",
    "--issuer-group", "MG-PL", "--acceptor-group", "MG-PL", "--min", "10", "--max", "500",
    "--validity-days", "365",
]  # fmt: skip


def test_a_till_paired_by_code_activates_a_card_of_a_fresh_batch(
    admin: Cli, server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin.ok("store", "add", "--store", "20", "--name", "Sopot", "--address", "ul. Monte Cassino 1")
    merchant = admin.ok("merchant", "add", "--store", "20", "--name", "Sopot shop", "--currency", "PLN")
    admin.ok("merchant-group", "join", "MG-PL", merchant["merchantId"])
    admin.ok("pos", "add", "--store", "20", "--pos", "1")
    admin.ok(*SERIES)
    batch = tmp_path / "batch.csv"
    issued = admin.ok("instruments", "issue", "GC-E2E", "--count", "5", "--csv", str(batch))
    assert issued["count"] == 5
    rows = list(csv.DictReader(batch.open(encoding="utf-8")))
    assert len(rows) == 5 and all(r["number"].startswith("6088") for r in rows)
    assert mode(batch) == 0o600  # whole card numbers: owner only
    code = admin.ok("pos", "pair-code", "--store", "20", "--pos", "1")
    assert code["expiresAt"] and len(code["code"]) == 9

    till = Cli(tmp_path / "till" / "terminal.toml", capsys)
    paired = till("config", "pair", "--server", server.base_url, "--code", code["code"],
                  "--data-dir", str(tmp_path / "till" / "data"))  # fmt: skip
    assert paired.code == 0, paired.err
    assert (paired.data["store"], paired.data["pos"]) == (20, 1)
    assert paired.data["seriesSynced"] >= 1
    token_file = Path(paired.data["tokenFile"])
    assert mode(token_file) == 0o600
    assert token_file.read_text().strip() not in paired.out + paired.err  # never shown

    number = rows[2]["number"]
    identified = till.ok("identify", number, "--issuing")  # from the synced catalogue, sellable here
    assert identified["seriesNumber"] == "GC-E2E"
    activated = till.ok("giftcard", "activate", number, "--amount", "40")
    assert activated["state"] == "applied"

    shown = admin.ok("instrument", "show", number)
    assert shown["instrument"]["status"] == "active"
    assert shown["instrument"]["account"]["amountNet"] == "40.00"
    assert shown["history"][0]["store"] == 20
    liability = admin.ok("report", "liability")
    mine = next(s for s in liability["series"] if s["seriesNumber"] == "GC-E2E")
    assert (mine["cards"], mine["outstanding"], mine["currency"]) == (1, "40.00", "PLN")
    text = admin("instrument", "show", number, as_json=False)
    assert number not in text.out and number[-4:] in text.out  # masked in the human text

    # The code is single use; a revoked POS stops at once and the till says so.
    assert till("config", "pair", "--server", server.base_url, "--code", code["code"]).code == 1
    # Pairing again while a payment hold is open is refused before the new code is spent.
    hold = tmp_path / "till" / "data" / "open-hold.json"
    hold.write_text("{}", encoding="utf-8")
    again = admin.ok("pos", "pair-code", "--store", "20", "--pos", "1")["code"]
    busy = till("config", "pair", "--server", server.base_url, "--code", again)
    assert busy.code == 1 and busy.data["error"]["code"] == "TERMINAL_BUSY"
    hold.unlink()
    assert till("config", "pair", "--server", server.base_url, "--code", again).code == 0  # not burnt
    admin.ok("pos", "revoke", "--store", "20", "--pos", "1")
    revoked = till("balance", number, as_json=False)
    assert revoked.code != 0 and "config pair" in revoked.err, revoked.err  # the way back: a new code
    actions = [e["action"] for e in admin.ok("audit", "list")["entries"]]
    assert {
        "store.add",
        "merchant.add",
        "pos.add",
        "series.add",
        "instruments.issue",
        "pos.pair",
        "pos.revoke",
    } <= set(actions)


def test_refusals_and_bad_credentials_exit_with_the_usual_codes(
    admin: Cli, server: RunningServer, tmp_path: Path
) -> None:
    overlap = admin(*[{"6088": "60330", "GC-E2E": "GC-E2F"}.get(a, a) for a in SERIES])
    assert overlap.code == 1 and overlap.data["error"]["code"] == "PREFIX_OVERLAP"
    assert "GC-50" in overlap.err
    wrong = tmp_path / "wrong.pw"
    wrong.write_text("not-the-password")
    bad = admin.cli(
        "admin",
        "--server",
        server.base_url,
        "--user",
        "admin",
        "--password-file",
        str(wrong),
        "series",
        "list",
    )
    assert bad.code == 1 and bad.data["error"]["code"] == "INVALID_CREDENTIALS"
    away = admin.cli(
        "admin",
        "--server",
        "http://127.0.0.1:9",
        "--user",
        "admin",
        "--password-file",
        str(wrong),
        "series",
        "list",
    )
    assert away.code == 3
    usage = admin.cli("admin", "--server", server.base_url, "--user", "admin", "series", "list")
    assert usage.code == 2  # no password given (and no terminal to ask on)


def test_the_demo_announces_the_back_office_and_its_admin(
    server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from pos_client.cli.commands.demo import _announce

    _announce(server.manifest)
    err = capsys.readouterr().err
    assert server.manifest["adminUrl"] == f"{server.base_url}/admin"
    assert server.manifest["adminUrl"] in err
    assert server.manifest["admin"]["user"] in err and server.manifest["admin"]["password"] in err


def test_a_fresh_chain_is_set_up_from_its_first_superuser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The superuser made on the server's command line adds, from the CLI, the chain's loyalty group
    and an admin of it, who then sets the chain up (README, Back office). Before, no command made a
    loyalty group or an account: a new chain could not be set up without curl."""
    root_pw, admin_pw = tmp_path / "root.pw", tmp_path / "admin.pw"
    root_pw.write_text("root-password-123\n")
    admin_pw.write_text("chain-admin-pass-1\n")
    chain = start_server(
        tmp_path / "chain",
        extra_args=["--admin-user", "root", "--admin-password-file", str(root_pw)],
    )
    try:
        cli = Cli(tmp_path / "unused.toml", capsys)
        root = ["admin", "--server", chain.base_url, "--user", "root", "--password-file", str(root_pw)]
        assert cli(*root, "store", "list").code == 2  # a superuser names its group
        group = cli.ok(*root, "loyalty-group", "add", "SOPOT", "--name", "Sopot chain")
        assert group == {"code": "SOPOT", "name": "Sopot chain"}
        no_group = cli(*root, "account", "add", "chainadmin", "--role", "admin",
                       "--new-password-file", str(admin_pw))  # fmt: skip
        assert no_group.code == 2 and "--loyalty-group" in no_group.err
        made = cli.ok(*root, "--loyalty-group", "SOPOT", "account", "add", "chainadmin", "--role",
                      "admin", "--new-password-file", str(admin_pw))  # fmt: skip
        assert made == {"user": "chainadmin", "role": "admin", "loyaltyGroup": "SOPOT"}
        admin = ["admin", "--server", chain.base_url, "--user", "chainadmin", "--password-file",
                 str(admin_pw)]  # fmt: skip
        assert cli.ok(*admin, "organisation", "add", "ORG", "--name", "Chain Ltd")["code"] == "ORG"
        site = cli.ok(*admin, "site", "add", "SOPOT-1", "--organisation", "ORG", "--name", "Sopot")
        assert site["organisation"] == "ORG"
        store = cli.ok(*admin, "store", "add", "--store", "1", "--name", "Sopot", "--site", "SOPOT-1")
        assert store["store"] == 1 and store["site"] == "SOPOT-1"
        support = cli.ok(*admin, "account", "add", "helpdesk", "--role", "support",
                         "--new-password-file", str(admin_pw))  # fmt: skip
        assert support["loyaltyGroup"] == "SOPOT"
        refused = cli(*admin, "loyalty-group", "add", "OTHER", "--name", "Other")
        assert refused.code == 1 and refused.data["error"]["code"] == "FORBIDDEN"
    finally:
        stop_server(chain)
