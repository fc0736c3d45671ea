"""Loyalty points and customers through the terminal core, against the real reference server (issue 8).

Earning with a preview first, partial redemption with the cash value, returns against the original
operation (partial by lines, the rest), products bought with points, and enrolment with consents.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_client.api.errors import Refused
from pos_client.assembly import Core, build_core
from pos_client.config import load, write_raw
from pos_client.domain import BasketLine, OperationState
from pos_client.security import Operator, Role
from tests.fixtures.server import RunningServer, start_server, stop_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("points-server"))
    yield s
    stop_server(s)


@pytest.fixture
def core(server: RunningServer, tmp_path: Path) -> Iterator[Core]:
    path = tmp_path / "terminal.toml"
    write_raw(
        path,
        {
            "server": {"url": server.base_url, "loyalty_group": server.loyalty_group},
            "data_dir": str(tmp_path / "data"),
        },
    )
    c = build_core(load(path), operator=Operator("anna", "Anna", Role.CASHIER), token=server.token())
    c.service.sync_series()
    yield c
    c.close()


def line(code: str, group: str | None, qty: int, price: str) -> BasketLine:
    return BasketLine(product_code=code, group=group, quantity=qty, unit_price=Decimal(price))


def test_earn_with_a_preview_first(server: RunningServer, core: Core) -> None:
    card = server.sample("loyaltycard_active", 3)
    basket = [line("COFFEE-BEANS-1KG", "coffee", 1, "45.00"), line("BREAD", "bakery", 2, "5.50")]
    preview = core.service.points_quote(card, lines=basket)
    assert preview.points == 20 + 45 + 56
    assert [b[0] for b in preview.breakdown] == ["per-product", "per-group", "per-amount"]
    before = core.service.balance(card).points
    assert before is not None
    assert core.service.balance(card).points == before  # the preview changed nothing
    earned = core.service.points_earn(card, lines=basket)
    assert earned.state is OperationState.APPLIED
    assert earned.points == preview.points
    after = earned.instrument.points if earned.instrument else None
    assert after is not None and after.balance == before.balance + preview.points


def test_partial_redemption_shows_the_cash_value(server: RunningServer, core: Core) -> None:
    card = server.sample("loyaltycard_active")  # 180 points at 0.10
    account = core.service.balance(card).points
    assert account is not None and account.value == Decimal("18.00")
    assert account.expiring_soon == 150 and account.pending == 20
    spent = core.service.points_redeem(card, 35)
    assert spent.instrument is not None and spent.instrument.points is not None
    assert spent.instrument.points.balance == 145
    assert spent.instrument.points.value == Decimal("14.50")
    with pytest.raises(Refused) as refused:
        core.service.points_redeem(card, 146)
    assert refused.value.code == "INSUFFICIENT_POINTS"


def test_returns_against_the_original_operation(server: RunningServer, core: Core) -> None:
    card = server.sample("loyaltycard_active", 4)
    basket = [line("MUG-LOGO", None, 2, "30.00"), line("TEA", None, 1, "12.00")]
    sale = core.service.points_earn(card, lines=basket)
    assert sale.points == 20 + 72
    one_mug = core.service.points_return(card, sale.operation_id, lines=[line("MUG-LOGO", None, 1, "30.00")])
    assert one_mug.points == 40
    rest = core.service.points_return(card, sale.operation_id)
    assert rest.points == 52
    with pytest.raises(Refused) as nothing:
        core.service.points_return(card, sale.operation_id)
    assert nothing.value.code == "NOTHING_TO_RETURN"
    by_amount = core.service.points_earn(card, amount=Decimal("40.00"))
    assert core.service.points_return(card, by_amount.operation_id, amount=Decimal("10.00")).points == 10


def test_buying_a_product_with_points(server: RunningServer, core: Core) -> None:
    card = server.sample("loyaltycard_active")
    products = {p.product_code: p.points for p in core.service.balance(card).points_products}
    assert products["COFFEE-FREE"] == 50
    before = core.service.balance(card).points
    bought = core.service.points_buy(card, "COFFEE-FREE")
    assert bought.state is OperationState.APPLIED and bought.points == 50
    after = core.service.balance(card).points
    assert before is not None and after is not None and after.balance == before.balance - 50


def test_enrol_with_phone_first_then_consents_and_card(server: RunningServer, core: Core) -> None:
    enrolled = core.service.customer_create("+48 605 000 111", first_name="Żaneta", country="PL")
    customer = enrolled.customer
    assert customer is not None and customer.phone == "+48605000111"
    found = core.service.customer_find(phone="+48605000111")
    assert [c.customer_id for c in found] == [customer.customer_id]
    consent = core.service.customer_consent(customer.customer_id, "marketing_sms", True, "2024-01")
    assert consent.customer is not None
    assert [(c.type, c.granted) for c in consent.customer.consents] == [("marketing_sms", True)]
    withdrawn = core.service.customer_consent(customer.customer_id, "marketing_sms", False, "2024-01")
    assert withdrawn.customer is not None and not withdrawn.customer.consents[0].granted
    card = server.manifest["samples"]["loyaltycard_preissued"][1]
    linked = core.service.customer_link_card(customer.customer_id, card)
    assert linked.customer is not None and card in linked.customer.cards
    with pytest.raises(Refused) as exists:
        core.service.customer_create("+48605000111")
    assert exists.value.code == "CUSTOMER_EXISTS"
