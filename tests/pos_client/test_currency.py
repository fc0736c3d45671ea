"""The till's currency (issue 13, item 3): every money request carries it, a card of another currency
is refused at the terminal before any request, and the server's CURRENCY_MISMATCH gets the same words.

Unit tests of the service over a recording gateway (no request may leave for a refused card), and one
CLI test against the reference server's euro gift card (sample ``giftcard_foreign_currency``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import Refused
from pos_client.catalogue import Catalogue, luhn_digit
from pos_client.domain import IssueMode, Kind, OperationResult, OperationState
from pos_client.operations import Override, Waiting, WriteOperation
from pos_client.security import Operator, Role
from pos_client.service import CurrencyMismatch, LoyaltyService
from tests.fixtures.server import RunningServer
from tests.pos_client.cli.conftest import Cli, init_terminal
from tests.pos_client.test_catalogue import make_series

PLN_CARDS = make_series("GC-PLN", "6033", 16)
EUR_CARDS = replace(make_series("GC-EUR", "6034", 16), currency="EUR")
EUR_LIVE = replace(make_series("GC-EUR-LIVE", "6035", 16), currency="EUR", issue_mode=IssueMode.LIVE)
PLN_CREDIT = make_series("SC-PLN", "7011", 12, kind=Kind.STORECREDIT)


def number(prefix: str, length: int = 16) -> str:
    body = prefix + "0" * (length - len(prefix) - 2) + "1"
    return body + luhn_digit(body)


PLN_CARD = number("6033")
EUR_CARD = number("6034")


class RecordingGateway:
    """Records each write; answers it applied (or raises ``refusal`` when set)."""

    def __init__(self) -> None:
        self.sent: list[WriteOperation] = []
        self.refusal: Refused | None = None

    def pending(self) -> Waiting:
        return Waiting()

    def submit(self, operation: WriteOperation, *, override: Override | None = None) -> OperationResult:
        self.sent.append(operation)
        if self.refusal is not None:
            raise self.refusal
        return OperationResult(operation.operation_id, operation.type, OperationState.APPLIED)


def _no_network(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request expected: {request.method} {request.url}")


@pytest.fixture
def gateway() -> RecordingGateway:
    return RecordingGateway()


@pytest.fixture
def service(tmp_path: Path, gateway: RecordingGateway) -> Iterator[LoyaltyService]:
    """A manager's service on a PLN till (remembered from an earlier GET /terminal)."""
    catalogue = Catalogue(tmp_path / "series.db")
    catalogue.replace([PLN_CARDS, EUR_CARDS, EUR_LIVE, PLN_CREDIT])
    client = LoyaltyClient("http://loyalty.test", "demo", "tok", transport=httpx.MockTransport(_no_network))
    yield LoyaltyService(
        client,
        catalogue,
        gateway,
        Operator("m", "Manager", Role.MANAGER),
        currency=lambda: "PLN",
        default_currency="PLN",
    )
    client.close()
    catalogue.close()


def test_every_money_write_carries_the_tills_currency(
    service: LoyaltyService, gateway: RecordingGateway
) -> None:
    service.activate(PLN_CARD, Decimal("50.00"))
    service.issue("GC-PLN", Decimal("20.00"))
    service.issue("SC-PLN", Decimal("20.00"))
    service.load(PLN_CARD, Decimal("10.00"))
    service.pay(PLN_CARD, Decimal("5.00"))
    service.commit(PLN_CARD, "A1B2C3", Decimal("5.00"))
    service.commit(PLN_CARD, "A1B2C3")
    service.refund(PLN_CARD, Decimal("5.00"), original="op-pay-1")
    assert [op.body.get("currency") for op in gateway.sent] == ["PLN"] * 8
    # Writes that move no money of their own carry no currency (the server's bodies forbid extras).
    service.cancel(PLN_CARD, "A1B2C3")
    service.block(PLN_CARD, "lost")
    assert "currency" not in gateway.sent[-1].body and "currency" not in gateway.sent[-2].body


@pytest.mark.parametrize(
    "write",
    [
        lambda s: s.activate(EUR_CARD, Decimal("50.00")),
        lambda s: s.issue("GC-EUR-LIVE", Decimal("20.00")),
        lambda s: s.load(EUR_CARD, Decimal("10.00")),
        lambda s: s.pay(EUR_CARD, Decimal("10.00")),
        lambda s: s.commit(EUR_CARD, "A1B2C3"),
        lambda s: s.refund(EUR_CARD, Decimal("5.00"), original="op-pay-1"),
    ],
    ids=["activate", "issue", "load", "pay", "commit", "refund"],
)
def test_a_card_of_another_currency_is_refused_before_any_request(
    service: LoyaltyService, gateway: RecordingGateway, write: object
) -> None:
    with pytest.raises(CurrencyMismatch) as info:
        write(service)  # type: ignore[operator]
    assert gateway.sent == []  # nothing stored, nothing sent
    refusal = info.value
    assert isinstance(refusal, Refused) and refusal.code == "CURRENCY_MISMATCH"
    assert refusal.message == "This card is in EUR; this till takes PLN."
    assert refusal.status is None  # the terminal said it, not the server


def test_the_servers_currency_mismatch_gets_the_same_plain_words(
    service: LoyaltyService, gateway: RecordingGateway
) -> None:
    gateway.refusal = Refused(
        "CURRENCY_MISMATCH",
        "This card is in EUR and this store takes PLN: it cannot be used for money here.",
        {"expected": "PLN", "cardCurrency": "EUR", "storeCurrency": "PLN"},
        400,
    )
    with pytest.raises(CurrencyMismatch) as info:
        service.pay(PLN_CARD, Decimal("5.00"))  # the terminal's series list was stale: the server knows
    assert info.value.message == "This card is in EUR; this till takes PLN."
    assert info.value.status == 400


def test_the_till_currency_comes_from_the_server_before_the_configuration(
    tmp_path: Path, gateway: RecordingGateway
) -> None:
    catalogue = Catalogue(tmp_path / "series.db")
    catalogue.replace([PLN_CARDS, EUR_CARDS])
    asked: list[str] = []
    remembered: list[str | None] = [None]

    def server(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        raise httpx.ConnectError("down", request=request)

    client = LoyaltyClient("http://loyalty.test", "demo", "tok", transport=httpx.MockTransport(server))
    service = LoyaltyService(
        client,
        catalogue,
        gateway,
        Operator("m", "M", Role.MANAGER),
        currency=lambda: remembered[0],
        default_currency="EUR",
    )
    try:
        # Never told, server away: the configured currency (and the server was asked once).
        assert service.till_currency() == "EUR" and asked == ["/api/v1/pos/loyaltyGroups/demo/terminal"]
        service.pay(EUR_CARD, Decimal("1.00"))
        assert gateway.sent[-1].body["currency"] == "EUR"
        # What the server said before (remembered from GET /terminal) wins over the configuration.
        remembered[0] = "PLN"
        with pytest.raises(CurrencyMismatch, match="This card is in EUR; this till takes PLN"):
            service.pay(EUR_CARD, Decimal("1.00"))
        assert len(gateway.sent) == 1
    finally:
        client.close()
        catalogue.close()


# -- the CLI against the reference server ----------------------------------------------------------


def test_cli_refuses_a_foreign_currency_card_with_plain_words(
    tmp_path: Path, server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    samples = server.manifest["samples"]
    assert samples.get("giftcard_foreign_currency"), "the demo seed must hold a euro gift card"
    cli = Cli(init_terminal(tmp_path / "till", server), capsys)
    euro = server.sample("giftcard_foreign_currency")
    before = cli.ok("balance", euro)
    for args in (("pay", euro, "--amount", "10.00"), ("load", euro, "--amount", "10 zł")):
        result = cli("giftcard", *args)
        assert result.code == 1, (args, result.err)
        assert result.data["state"] == "refused"
        assert result.data["error"]["code"] == "CURRENCY_MISMATCH"
        assert "This card is in EUR; this till takes PLN." in result.err
    assert cli.ok("balance", euro)["available"] == before["available"]  # nothing moved
    # A card in the till's currency still pays.
    assert (
        cli.ok("giftcard", "pay", server.sample("giftcard_active"), "--amount", "1.00")["state"] == "applied"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    from tests.fixtures.server import start_server, stop_server

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
        mp.delenv("LOYALTY_POS_CONFIG", raising=False)
        running = start_server(tmp_path_factory.mktemp("currency-server"))
        yield running
        stop_server(running)
