"""The last known state of a card (issue 14, point 5): kept when seen online, looked up offline marked
"as of", with what waits in the queue on it; queued operations carry it, so they print a PROVISIONAL
slip with the provisional balance; and "online" comes from one source, fed by every outcome."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from offline_queue.replayer import Backoff
from offline_queue.store import Outbox
from pos_client.card_cache import CardCache, provisional_view
from pos_client.domain import (
    CustomerRef,
    Instrument,
    Kind,
    OperationState,
    OpType,
    PointsAccount,
)
from pos_client.offline import QueuedGateway
from pos_client.offline_policy import KnownInstrument
from pos_client.reachability import Reachability
from pos_client.receipts.choose import slips_for
from pos_client.receipts.settings import SlipContext, SlipSettings
from tests.fixtures.server import RunningServer, stop_server
from tests.pos_client.cli.conftest import Cli, init_terminal
from tests.pos_client.test_offline_gateway import CARD, GIFT, LIMITS, FakeDirect, down, instrument, pay

SEEN = 1_767_225_600.0  # 2026-01-01 00:00 UTC


def owned(available: str) -> Instrument:
    return replace(instrument(available), customer=CustomerRef("C-1", "Zofia", "Wiśniewska"))


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CardCache]:
    made = CardCache(tmp_path / "instruments.db", clock=lambda: SEEN)
    yield made
    made.close()


def test_a_card_seen_online_comes_back_whole_marked_with_when_it_was_seen(cache: CardCache) -> None:
    card = owned("80.00")
    cache.remember(card)
    known = cache.last_known(CARD)
    assert known is not None
    assert known.as_of == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert replace(known, as_of=None) == card
    # the offline policy's view is kept too, in the same write
    assert cache.known(CARD) == KnownInstrument(status="active", available=Decimal("80.00"), points=None)
    assert cache.last_known("6033010000000025") is None


def test_a_last_known_view_is_never_stored_again(cache: CardCache, tmp_path: Path) -> None:
    cache.remember(owned("80.00"))
    later = CardCache(tmp_path / "instruments.db", clock=lambda: SEEN + 3600)
    try:
        seen = later.last_known(CARD)
        assert seen is not None
        later.remember(replace(seen, account=None))  # e.g. handed back by an offline look-up
        again = later.last_known(CARD)
        assert again is not None and again.as_of == seen.as_of and again.account is not None
    finally:
        later.close()


def test_isolating_terminals_keep_only_initials(tmp_path: Path) -> None:
    cache = CardCache(tmp_path / "instruments.db", isolate=True)
    try:
        cache.remember(owned("80.00"))
        known = cache.last_known(CARD)
        assert known is not None and known.customer is not None
        assert (known.customer.first_name, known.customer.last_name) == ("Z.", "W.")
        raw = (tmp_path / "instruments.db").read_bytes() + _wal(tmp_path)
        assert "Wiśniewska".encode() not in raw and b"Zofia" not in raw
    finally:
        cache.close()


def _wal(folder: Path) -> bytes:
    wal = folder / "instruments.db-wal"
    return wal.read_bytes() if wal.exists() else b""


def test_what_waits_in_the_queue_is_put_on_top() -> None:
    card = instrument("80.00")
    after = provisional_view(card, [pay("20.00"), pay("5.00", op_type=OpType.LOAD)])
    assert after.account is not None
    assert (after.account.available, after.account.net) == (Decimal("65.00"), Decimal("65.00"))
    loyalty = replace(
        card,
        kind=Kind.LOYALTYCARD,
        account=None,
        points=PointsAccount(300, 0, 0, None, Decimal("0.10"), Decimal("30.00")),
    )
    spend = replace(pay("0", op_type=OpType.SPEND), amount=None, points=120, kind=Kind.LOYALTYCARD)
    spent = provisional_view(loyalty, [spend])
    assert spent.points is not None and (spent.points.balance, spent.points.value) == (180, Decimal("18.00"))


@pytest.fixture
def gateway(tmp_path: Path, cache: CardCache) -> Iterator[tuple[QueuedGateway, FakeDirect]]:
    direct = FakeDirect()
    box = Outbox(tmp_path / "outbox.db")
    gw = QueuedGateway(
        box,
        direct,
        series={"GC-PLN": GIFT}.get,
        limits=lambda: LIMITS,
        cache=cache,
        backoff=Backoff(base=30, cap=60),
    )
    yield gw, direct
    gw.stop()
    box.close()


def test_a_queued_payment_carries_the_provisional_card_and_prints_provisional(
    gateway: tuple[QueuedGateway, FakeDirect], cache: CardCache
) -> None:
    gw, direct = gateway
    cache.remember(instrument("80.00"))
    direct.script.extend([down(), down()])
    first = gw.submit(pay("20.00"))
    second = gw.submit(pay("10.00"))
    assert (first.state, second.state) == (OperationState.QUEUED, OperationState.QUEUED)
    assert first.instrument is not None and first.instrument.account is not None
    assert first.instrument.account.available == Decimal("60.00")
    assert second.instrument is not None and second.instrument.account is not None
    assert second.instrument.account.available == Decimal("50.00")  # both queued payments counted
    looked_up = gw.last_known(CARD)
    assert looked_up is not None and looked_up.account is not None
    assert looked_up.account.available == Decimal("50.00") and looked_up.as_of is not None
    slips = slips_for(second, SlipContext(settings=SlipSettings()))
    assert len(slips) == 1
    text = slips[0].plain_text()
    assert "PROVISIONAL" in text and "50.00" in text


def test_a_card_never_seen_still_gets_its_provisional_slip(gateway: tuple[QueuedGateway, FakeDirect]) -> None:
    gw, direct = gateway
    direct.script.append(down())
    result = gw.submit(pay("20.00"))
    assert result.instrument is not None and result.instrument.number == CARD
    assert result.instrument.account is None and result.instrument.currency == "PLN"
    assert slips_for(result, SlipContext(settings=SlipSettings()))


def test_online_comes_from_one_source_fed_by_every_outcome(gateway: tuple[QueuedGateway, FakeDirect]) -> None:
    gw, direct = gateway
    seen: list[bool | None] = []
    gw._on_status = lambda status: seen.append(status.online)
    gw.reachability.record(True)  # e.g. a balance look-up answered
    direct.script.extend([down(), down()])
    gw.submit(pay("20.00"))
    assert gw.status().online is False
    gw.submit(pay("10.00"))  # held behind the first: no attempt of its own
    assert gw.status().online is False
    assert seen[seen.index(False) :].count(True) == 0, seen  # never "online" again while down


def test_a_stale_answer_is_probed_again(tmp_path: Path) -> None:
    now = [0.0]
    reach = Reachability(clock=lambda: now[0])
    answers = [False]
    box = Outbox(tmp_path / "outbox.db")
    gw = QueuedGateway(
        box,
        FakeDirect(),
        series={}.get,
        limits=lambda: LIMITS,
        probe=lambda: answers[0],
        reachability=reach,
    )
    try:
        reach.record(True)
        assert gw.status(probe=True).online is True  # heard a moment ago: no probe
        now[0] = 10.0
        assert gw.status(probe=True).online is False  # nothing heard for 10 s: asked, no answer
    finally:
        box.close()


# -- against the real server ---------------------------------------------------------------------------


def test_cli_prints_the_provisional_slip_of_a_queued_payment(
    fresh_server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = init_terminal(tmp_path / "till", fresh_server)
    cli = Cli(config, capsys)
    card = fresh_server.sample("giftcard_active", 0)
    before = cli.ok("balance", card)
    db = tmp_path / "till" / "data" / "instruments.db"
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    stop_server(fresh_server)
    out = tmp_path / "slip.bin"
    paid = cli.ok("giftcard", "pay", card, "--amount", "5.00", "--print", "--printer", f"file://{out}")
    assert paid["state"] == "queued"
    assert paid["print"]["slips"] == 1 and paid["print"]["state"] == "printed"
    assert b"PROVISIONAL" in out.read_bytes()
    assert Decimal(paid["instrument"]["available"]) == Decimal(before["available"]) - Decimal("5.00")
