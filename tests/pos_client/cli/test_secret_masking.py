"""Secrets and whole numbers (issue 13, item 9), against the reference server where one is needed.

- A password inside the server URL is never shown: ``config set`` echo, ``config show``, ``terminal``.
- The log masks the very values of the POS token and of every PIN checked, not only their patterns.
- Reprinting a slip that carries a whole card number (a live-printed gift card) needs a manager;
  an ordinary slip reprints as before.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_client.api.client import LoyaltyClient
from pos_client.assembly import AUDIT_DB
from pos_client.masking import KNOWN_SECRETS, MaskingFormatter, mask_text
from pos_client.secrets import load_token
from pos_client.security import AuditLog, BadPin, OperatorStore
from pos_client.service import LoyaltyService
from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, approval, init_terminal, manager

PASSWORD = "pa55-w0rd-9f2"


@pytest.fixture(autouse=True)
def _forget_secrets() -> Iterator[None]:
    KNOWN_SECRETS.clear()
    yield
    KNOWN_SECRETS.clear()


@pytest.fixture
def till(tmp_path: Path, server: RunningServer, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(init_terminal(tmp_path / "till", server), capsys)


def test_a_password_in_the_server_url_is_never_shown(
    till: Cli, server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.base_url.replace("http://", f"http://admin:{PASSWORD}@")
    for as_json in (True, False):
        echoed = till("config", "set", "server.url", url, as_json=as_json)
        assert echoed.code == 0, echoed.err
        assert PASSWORD not in echoed.out + echoed.err and "***@127.0.0.1" in echoed.out
        shown = till("config", "show", as_json=as_json)
        assert shown.code == 0 and PASSWORD not in shown.out + shown.err and "***@127.0.0.1" in shown.out
    assert PASSWORD in till.config.read_text(encoding="utf-8")  # the file keeps what was set

    # ``terminal`` names the server it asked. With credentials in the URL httpx would send them as
    # Basic auth instead of the bearer token (the server refuses that), so the server's real answer is
    # fetched with the plain URL and handed to the command: what is tested is what it shows.
    with LoyaltyClient(server.base_url, server.loyalty_group, server.token(0)) as client:
        answer = client.terminal()
    monkeypatch.setattr(LoyaltyService, "terminal", lambda self: answer)
    for as_json in (True, False):
        answered = till("terminal", as_json=as_json)
        assert answered.code == 0, answered.err
        assert PASSWORD not in answered.out + answered.err and "***@127.0.0.1" in answered.out


def test_the_log_masks_the_tokens_and_the_pins_values(
    till: Cli, server: RunningServer, tmp_path: Path
) -> None:
    token = load_token(till.config)  # as the core does at every start
    store = OperatorStore(tmp_path / "operators.db")
    try:
        with pytest.raises(BadPin):
            store.authenticate(manager(server)[0], "864209")
    finally:
        store.close()
    record = logging.LogRecord(
        "test",
        logging.WARNING,
        __file__,
        1,
        "sent %s; manager typed %s (2026-12-03 864209.50)",
        (token, "864209"),
        None,
    )
    line = MaskingFormatter("%(message)s").format(record)
    assert token not in line and "864209 " not in line
    assert line == "sent ***; manager typed *** (2026-12-03 864209.50)"  # numbers that only contain it stay
    assert token[:12] not in mask_text(f"Authorization: {token}")


# -- reprints ----------------------------------------------------------------------------------------


def _audit(till: Cli) -> list[str]:
    log = AuditLog(till.config.parent / "data" / AUDIT_DB)
    try:
        return [e.action for e in log.entries(100)]
    finally:
        log.close()


def test_reprinting_a_live_printed_gift_card_needs_a_manager(
    till: Cli, tmp_path: Path, server: RunningServer
) -> None:
    out = tmp_path / "slips.bin"
    printer = ["--printer", f"file://{out}"]
    issued = till.ok("giftcard", "issue", "GC-LIVE", "--amount", "50.00", *printer)  # a cashier may sell
    assert issued["print"]["state"] == "printed"
    printed = out.read_bytes()
    assert issued["number"].encode() in printed  # the slip is the card: whole number (and its barcode)

    refused = till("printer", "reprint", *printer)
    assert refused.code == 1, refused.err
    assert refused.data["error"]["code"] == "APPROVAL_REQUIRED"
    assert out.read_bytes() == printed  # nothing was sent
    wrong = till("printer", "reprint", *printer, "--manager", manager(server)[0], "--pin", "0000")
    assert wrong.code == 1 and wrong.data["error"]["code"] == "BAD_PIN"
    assert out.read_bytes() == printed

    again = till("printer", "reprint", *printer, *approval(server))
    assert again.code == 0, again.err
    reprinted = out.read_bytes()  # the file printer holds the last job
    assert b"REPRINT" in reprinted and issued["number"].encode() in reprinted
    assert "reprint_whole_number" in _audit(till)

    # An ordinary slip (numbers masked, no barcode) reprints without anyone's approval.
    till.ok("balance", server.sample("giftcard_active"), *printer)
    assert till("printer", "reprint", *printer).code == 0


def test_json_of_a_refused_reprint_names_the_way_out(till: Cli, tmp_path: Path) -> None:
    printer = ["--printer", f"file://{tmp_path / 'slips.bin'}"]
    till.ok("giftcard", "issue", "GC-LIVE", "--amount", "25.00", *printer)
    refused = till("printer", "reprint", *printer, as_json=False)
    assert refused.code == 1 and "--manager" in refused.err
    assert json.dumps(refused.data) == "null"  # no JSON without --json
