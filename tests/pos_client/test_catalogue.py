"""The series catalogue: ETag sync into SQLite, offline identification at the edges
(docs/ARCHITECTURE.md#domain)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from drivers.scanners.normalise import Normaliser
from pos_client.api import parse
from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import ProtocolError, Unauthorized, Unavailable
from pos_client.api.retry import RetryPolicy
from pos_client.catalogue import Catalogue, Reason, SeriesIndex, luhn_digit, luhn_ok, series_to_json
from pos_client.domain import AmountMode, CheckDigit, IssueMode, Kind, OfflinePolicy, Series


def make_series(
    series_number: str,
    prefix: str,
    length: int,
    *,
    kind: Kind = Kind.GIFTCARD,
    check_digit: CheckDigit = CheckDigit.LUHN,
    alphanumeric: bool = False,
    issuable: bool = True,
    acceptable: bool = True,
) -> Series:
    """A series as the server would describe it, with only what identification looks at varied."""
    return Series(
        series_number=series_number,
        kind=kind,
        description=f"{kind.value} {series_number}",
        prefix=prefix,
        length=length,
        check_digit=check_digit,
        alphanumeric=alphanumeric,
        currency="PLN",
        issue_mode=IssueMode.PREISSUED,
        amount_mode=AmountMode.MANUAL,
        fixed_amount=None,
        min_amount=Decimal("10.00"),
        max_amount=Decimal("1000.00"),
        validity_days=730,
        issuer_merchant_group="MG-PL",
        acceptor_merchant_group="MG-PL",
        issuable_here=issuable,
        acceptable_here=acceptable,
        single_use=True if kind is Kind.COUPON else None,
        offline_policy=OfflinePolicy(frozenset({"load", "pay"}), Decimal("100.00"), None),
    )


def luhn_number(prefix: str, length: int, fill: str = "0") -> str:
    """A number of ``length`` starting with ``prefix`` whose last digit is a correct Luhn digit."""
    body = prefix + fill * (length - len(prefix) - 2) + "1"
    return body + luhn_digit(body)


def bad_luhn(number: str) -> str:
    """``number`` with its check digit made wrong."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


GIFT = make_series("GC-PLN", "6033", 16)
GIFT_PREMIUM = make_series("GC-PREMIUM", "603301", 16)
GIFT_LONG = make_series("GC-LONG", "60330199", 19)
STORE_CREDIT = make_series("SC-PLN", "7788", 14, kind=Kind.STORECREDIT, issuable=False)
COUPON = make_series("CP-SAVE", "SAVE", 10, kind=Kind.COUPON, check_digit=CheckDigit.NONE, alphanumeric=True)
LOYALTY = make_series("LC", "29", 13, kind=Kind.LOYALTYCARD, check_digit=CheckDigit.NONE)
FOREIGN = make_series("GC-EUR", "5011", 16, acceptable=False, issuable=False)
ALL_SERIES = (GIFT, GIFT_PREMIUM, GIFT_LONG, STORE_CREDIT, COUPON, LOYALTY, FOREIGN)


@pytest.fixture
def catalogue() -> Catalogue:
    cat = Catalogue(":memory:")
    cat.replace(ALL_SERIES)
    return cat


# -- Luhn -----------------------------------------------------------------------------------------


def test_luhn_known_numbers() -> None:
    assert luhn_ok("79927398713")
    assert not luhn_ok("79927398710")
    assert luhn_digit("7992739871") == "3"
    assert not luhn_ok("")
    assert not luhn_ok("12a4")
    assert not luhn_ok("٣٣")  # non-ASCII digits are not digits here


# -- identification -------------------------------------------------------------------------------


def test_longest_prefix_wins(catalogue: Catalogue) -> None:
    premium = luhn_number("603301", 16)
    plain = luhn_number("603302", 16)
    assert catalogue.identify(premium).series == GIFT_PREMIUM
    assert catalogue.identify(plain).series == GIFT
    assert catalogue.identify(luhn_number("60330199", 19)).series == GIFT_LONG


def test_a_longer_prefix_that_does_not_fit_gives_way_to_a_shorter_one_that_does(catalogue: Catalogue) -> None:
    # 60330199… with 16 digits: GC-LONG wants 19, GC-PREMIUM (603301, 16) fits.
    number = luhn_number("60330199", 16)
    found = catalogue.identify(number)
    assert found.ok
    assert found.series == GIFT_PREMIUM


def test_wrong_length(catalogue: Catalogue) -> None:
    found = catalogue.identify(luhn_number("6033", 15))
    assert found.series is None
    assert found.reason is Reason.WRONG_LENGTH
    assert not found.ok


def test_bad_check_digit(catalogue: Catalogue) -> None:
    found = catalogue.identify(bad_luhn(luhn_number("603302", 16)))
    assert (found.series, found.reason) == (None, Reason.BAD_CHECK_DIGIT)


def test_the_reason_is_the_one_that_got_furthest(catalogue: Catalogue) -> None:
    # 16 digits under 60330199: GC-LONG (longest prefix) wants 19 digits, GC-PREMIUM has the right
    # length but the check digit is wrong. A typo in the check digit is what the cashier must hear.
    number = bad_luhn(luhn_number("60330199", 16))
    assert catalogue.identify(number).reason is Reason.BAD_CHECK_DIGIT
    # Nothing fits the length anywhere: wrong length.
    assert catalogue.identify(luhn_number("60330199", 17)).reason is Reason.WRONG_LENGTH


def test_unknown_prefix(catalogue: Catalogue) -> None:
    found = catalogue.identify(luhn_number("4111", 16))
    assert (found.series, found.reason) == (None, Reason.UNKNOWN_PREFIX)


def test_not_accepted_here_names_the_series(catalogue: Catalogue) -> None:
    found = catalogue.identify(luhn_number("5011", 16))
    assert found.series == FOREIGN
    assert found.reason is Reason.NOT_ACCEPTED_HERE
    assert not found.ok


def test_not_issuable_here_only_when_issuing(catalogue: Catalogue) -> None:
    number = luhn_number("7788", 14)
    assert catalogue.identify(number).ok  # acceptable here
    issuing = catalogue.identify(number, issuing=True)
    assert issuing.series == STORE_CREDIT
    assert issuing.reason is Reason.NOT_ISSUABLE_HERE
    assert catalogue.identify(luhn_number("603302", 16), issuing=True).ok


def test_issuing_checks_the_issuer_group_not_the_acceptor_group() -> None:
    sell_only = make_series("GC-SELL", "8800", 16, acceptable=False, issuable=True)
    cat = Catalogue(":memory:")
    cat.replace([sell_only])
    number = luhn_number("8800", 16)
    assert cat.identify(number, issuing=True).ok
    assert cat.identify(number).reason is Reason.NOT_ACCEPTED_HERE


@pytest.mark.parametrize("aim", ["]C0", "]E0", "]Q1", "]d2", "]e0", "]A0"])
def test_aim_symbology_identifiers_are_removed(catalogue: Catalogue, aim: str) -> None:
    number = luhn_number("603302", 16)
    found = catalogue.identify(aim + number)
    assert found.ok
    assert found.number == number
    assert catalogue.identify((aim + number).encode()).ok


@pytest.mark.parametrize(
    "noise",
    ["\r\n", "\t", "\x00", "\x1d", "\x04", "\u200b", "\ufeff", " ", "\u00a0", "\x7f", "\x1b"],
)
def test_control_characters_and_whitespace_are_removed_anywhere(catalogue: Catalogue, noise: str) -> None:
    number = luhn_number("603302", 16)
    scan = noise + number[:8] + noise + number[8:] + noise
    found = catalogue.identify(scan)
    assert found.ok, found
    assert found.number == number


def test_configured_scanner_prefix_and_suffix_are_removed() -> None:
    cat = Catalogue(":memory:", Normaliser(prefix="#S", suffix="#E"))
    cat.replace(ALL_SERIES)
    number = luhn_number("603302", 16)
    for scan in (f"#S{number}#E", f"#S]E0{number}#E", f"]E0#S{number}#E\r\n", f"\x02#S{number}#E\x03"):
        found = cat.identify(scan)
        assert found.ok, scan
        assert found.number == number
    assert cat.identify(f"#S{number}#E".encode()).ok
    # Without the configuration the same scan is garbage, not a card.
    plain = Catalogue(":memory:")
    plain.replace(ALL_SERIES)
    assert plain.identify(f"#S{number}#E").reason is Reason.INVALID_CHARACTERS


def test_alphanumeric_coupons_any_case(catalogue: Catalogue) -> None:
    for code in ("SAVE10ABCD", "save10abcd", "]Q1Save10AbCd", " SAVE 10AB CD "):
        found = catalogue.identify(code)
        assert found.ok, code
        assert found.series == COUPON
        assert found.number == "SAVE10ABCD"


def test_alphanumeric_coupon_edges(catalogue: Catalogue) -> None:
    assert catalogue.identify("SAVE10ABC").reason is Reason.WRONG_LENGTH
    assert catalogue.identify("SAVE10ÄBCD").reason is Reason.INVALID_CHARACTERS
    assert catalogue.identify("SAVE-0ABCD").reason is Reason.INVALID_CHARACTERS
    assert catalogue.identify("FREE10ABCD").reason is Reason.UNKNOWN_PREFIX


def test_letters_in_a_numeric_series(catalogue: Catalogue) -> None:
    # Right prefix and length, but GC-PLN numbers are digits only.
    found = catalogue.identify("6033ABCDEFGHIJKL")
    assert (found.series, found.reason) == (None, Reason.INVALID_CHARACTERS)


def test_series_without_check_digit(catalogue: Catalogue) -> None:
    found = catalogue.identify("2900000000018")
    assert found.ok
    assert found.series == LOYALTY
    assert catalogue.identify("2900000000019").series == LOYALTY  # no check digit to fail


@pytest.mark.parametrize("scan", ["", "   ", "\r\n", "]E0", b"", b"\r\n", "\x00\x00"])
def test_empty_scans(catalogue: Catalogue, scan: str | bytes) -> None:
    assert catalogue.identify(scan).reason is Reason.EMPTY


@pytest.mark.parametrize("scan", ["６０３３０２", "603302٣", "6033/0000", "€6033"])
def test_lookalike_characters_are_invalid(catalogue: Catalogue, scan: str) -> None:
    assert catalogue.identify(scan).reason is Reason.INVALID_CHARACTERS


def test_undecodable_bytes_are_invalid_characters(catalogue: Catalogue) -> None:
    number = luhn_number("603302", 16)
    found = catalogue.identify(b"\xff" + number.encode())
    assert found.series is None
    assert found.reason is Reason.INVALID_CHARACTERS
    assert catalogue.identify(number.encode("ascii")).ok


def test_index_and_linear_scan_agree(catalogue: Catalogue) -> None:
    index = SeriesIndex(ALL_SERIES)
    numbers = [
        luhn_number("603301", 16),
        luhn_number("603302", 16),
        luhn_number("60330199", 19),
        luhn_number("60330199", 16),
        bad_luhn(luhn_number("603302", 16)),
        luhn_number("6033", 15),
        luhn_number("4111", 16),
        luhn_number("5011", 16),
        "SAVE10ABCD",
        "2900000000018",
        "",
        "AB-1",
    ]
    for number in numbers:
        for issuing in (False, True):
            assert index.identify(number, issuing=issuing) == index.linear_identify(number, issuing=issuing)


# -- cache and sync -------------------------------------------------------------------------------

Handler = Callable[[httpx.Request], httpx.Response]


def series_answer(series: tuple[Series, ...] | list[Series], etag: str | None) -> httpx.Response:
    headers = {"ETag": etag} if etag else {}
    return httpx.Response(200, json={"series": [series_to_json(s) for s in series]}, headers=headers)


def client_for(handler: Handler) -> LoyaltyClient:
    # One try: a transient answer would be retried for the default 6 s deadline (test_retry tests that).
    return LoyaltyClient(
        "http://loyalty.test",
        "demo",
        "tok",
        transport=httpx.MockTransport(handler),
        retry_policy=RetryPolicy(deadline=0),
    )


def test_series_json_round_trip() -> None:
    for item in ALL_SERIES:
        assert parse.series(parse.Obj(json.loads(json.dumps(series_to_json(item))))) == item


def test_sync_uses_the_etag_and_keeps_the_cache_on_304(tmp_path: Path) -> None:
    seen: list[str | None] = []
    answers = [series_answer(ALL_SERIES, '"v1"'), httpx.Response(304, headers={"ETag": '"v1"'})]

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v1/pos/loyaltyGroups/demo/series"
        seen.append(request.headers.get("If-None-Match"))
        return answers.pop(0)

    cat = Catalogue(tmp_path / "data" / "series.db")
    client = client_for(handler)
    assert cat.synced_at is None
    first = cat.sync(client)
    assert (first.changed, first.count) == (True, len(ALL_SERIES))
    assert cat.etag == '"v1"'
    synced = cat.synced_at
    assert synced is not None
    second = cat.sync(client)
    assert (second.changed, second.count) == (False, len(ALL_SERIES))
    assert seen == [None, '"v1"']
    assert cat.all() == tuple(sorted(ALL_SERIES, key=lambda s: s.series_number))
    assert cat.synced_at is not None and cat.synced_at >= synced


def test_sync_replaces_the_list_and_the_index(tmp_path: Path) -> None:
    answers = [series_answer(ALL_SERIES, '"v1"'), series_answer([GIFT, COUPON], '"v2"')]
    cat = Catalogue(tmp_path / "series.db")
    client = client_for(lambda request: answers.pop(0))
    cat.sync(client)
    assert cat.identify(luhn_number("603301", 16)).series == GIFT_PREMIUM
    result = cat.sync(client)
    assert (result.changed, result.count) == (True, 2)
    assert cat.etag == '"v2"'
    assert cat.identify(luhn_number("603301", 16)).series == GIFT  # the premium series is gone
    assert cat.get("GC-PREMIUM") is None
    assert cat.get("CP-SAVE") == COUPON


def test_no_etag_is_sent_when_the_cache_is_empty(tmp_path: Path) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("If-None-Match"))
        return series_answer([], '"empty"')

    cat = Catalogue(tmp_path / "series.db")
    cat.sync(client_for(handler))
    cat.sync(client_for(handler))
    assert seen == [None, None]  # an empty cache must not be "confirmed" by a 304


def test_the_cache_identifies_offline_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "series.db"
    cat = Catalogue(path)
    cat.sync(client_for(lambda request: series_answer(ALL_SERIES, '"v1"')))
    cat.close()

    reopened = Catalogue(path)  # no client at all: offline
    assert reopened.etag == '"v1"'
    assert reopened.identify(luhn_number("603301", 16)).series == GIFT_PREMIUM
    assert reopened.identify("save10abcd").series == COUPON
    assert reopened.get("LC") == LOYALTY


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (httpx.Response(503), Unavailable),
        (httpx.Response(401), Unauthorized),
    ],
)
def test_a_failed_sync_keeps_the_cache(
    tmp_path: Path, answer: httpx.Response, error: type[Exception]
) -> None:
    cat = Catalogue(tmp_path / "series.db")
    cat.replace(ALL_SERIES, etag='"v1"')
    with pytest.raises(error):
        cat.sync(client_for(lambda request: answer))
    assert len(cat.all()) == len(ALL_SERIES)
    assert cat.etag == '"v1"'
    assert cat.identify(luhn_number("603301", 16)).ok


def test_a_contract_breaking_series_list_keeps_the_cache(tmp_path: Path) -> None:
    broken = series_to_json(GIFT)
    del broken["length"]
    cat = Catalogue(tmp_path / "series.db")
    cat.replace(ALL_SERIES, etag='"v1"')
    with pytest.raises(ProtocolError, match="length"):
        cat.sync(client_for(lambda request: httpx.Response(200, json={"series": [broken]})))
    assert len(cat.all()) == len(ALL_SERIES)


def test_unreadable_cached_rows_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "series.db"
    cat = Catalogue(path)
    cat.replace([GIFT, COUPON])
    cat.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE series SET data = '{not json' WHERE series_number = 'GC-PLN'")
    reopened = Catalogue(path)
    assert reopened.all() == (COUPON,)
    assert reopened.identify("SAVE10ABCD").ok


def test_replace_clears_a_stale_etag() -> None:
    cat = Catalogue(":memory:")
    cat.replace([GIFT], etag='"v1"')
    cat.replace([replace(GIFT, description="renamed")])
    assert cat.etag is None
    renamed = cat.get("GC-PLN")
    assert renamed is not None
    assert renamed.description == "renamed"
