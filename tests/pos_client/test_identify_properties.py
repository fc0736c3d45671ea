"""Property tests: whatever a scanner or a person sends, identification answers a series or a typed reason.

Never another exception, never a series the number does not fit, and the prefix index gives the same
answer as scanning every series.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.scanners.normalise import Normaliser
from pos_client.catalogue import Catalogue, Identification, Reason, SeriesIndex, luhn_digit, luhn_ok
from pos_client.domain import CheckDigit, Kind, Series
from tests.pos_client.test_catalogue import ALL_SERIES, luhn_number, make_series

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NOISE = st.sampled_from(
    ["", " ", "\r", "\n", "\t", "\x00", "\x02", "\x03", "\x1d", "\u200b", "\ufeff", "\x7f"]
)
AIM = st.sampled_from(["", "]C0", "]E0", "]Q1", "]d2", "]e0", "]I0"])


def _fits(found: Identification) -> None:
    """The invariants of every answer."""
    assert isinstance(found, Identification)
    assert isinstance(found.number, str)
    if found.series is None:
        assert isinstance(found.reason, Reason)
        assert found.reason not in (Reason.NOT_ACCEPTED_HERE, Reason.NOT_ISSUABLE_HERE)
        return
    series = found.series
    assert found.reason in (None, Reason.NOT_ACCEPTED_HERE, Reason.NOT_ISSUABLE_HERE)
    assert found.number.startswith(series.prefix)
    assert len(found.number) == series.length
    if not series.alphanumeric:
        assert found.number.isdigit()
    if series.check_digit is CheckDigit.LUHN:
        assert luhn_ok(found.number)


def _catalogue(prefix: str = "", suffix: str = "") -> Catalogue:
    cat = Catalogue(":memory:", Normaliser(prefix=prefix, suffix=suffix))
    cat.replace(ALL_SERIES)
    return cat


CATALOGUE = _catalogue()
FRAMED = _catalogue("#S", "#E")


@PROPERTY
@given(raw=st.one_of(st.text(), st.binary()), issuing=st.booleans())
def test_any_text_or_bytes_gives_a_series_or_a_reason(raw: str | bytes, issuing: bool) -> None:
    found = CATALOGUE.identify(raw, issuing=issuing)
    _fits(found)
    assert FRAMED.identify(raw, issuing=issuing) is not None


@PROPERTY
@given(
    series=st.sampled_from(ALL_SERIES),
    tail=st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz", max_size=20),
    noise=st.lists(st.tuples(st.integers(min_value=0, max_value=40), NOISE), max_size=4),
    aim=AIM,
    as_bytes=st.booleans(),
    issuing=st.booleans(),
)
def test_scans_near_real_numbers(
    series: Series,
    tail: str,
    noise: list[tuple[int, str]],
    aim: str,
    as_bytes: bool,
    issuing: bool,
) -> None:
    """Numbers that start like a real series, with noise and AIM identifiers: still only typed answers."""
    text = series.prefix + tail
    for position, char in noise:
        text = text[:position] + char + text[position:]
    raw: str | bytes = (aim + text).encode() if as_bytes else aim + text
    found = CATALOGUE.identify(raw, issuing=issuing)
    _fits(found)
    # Whatever the framing, the answer is the answer for the clean number.
    assert found == CATALOGUE.identify(found.number, issuing=issuing)


@PROPERTY
@given(
    series=st.sampled_from([s for s in ALL_SERIES if not s.alphanumeric]),
    fill=st.sampled_from("0123456789"),
    noise=NOISE,
    aim=AIM,
    framed=st.booleans(),
)
def test_valid_numbers_are_found_through_any_framing(
    series: Series, fill: str, noise: str, aim: str, framed: bool
) -> None:
    if series.check_digit is CheckDigit.LUHN:
        number = luhn_number(series.prefix, series.length, fill)
    else:
        number = series.prefix + fill * (series.length - len(series.prefix))
    scan = f"{noise}{aim}#S{number}#E{noise}" if framed else f"{noise}{aim}{number}{noise}"
    found = (FRAMED if framed else CATALOGUE).identify(scan)
    assert found.number == number
    assert found.series is not None
    _fits(found)
    # The longest prefix of the catalogue that fits wins; the chosen series' prefix is at least as long.
    assert len(found.series.prefix) >= len(series.prefix)


@st.composite
def catalogues(draw: st.DrawFn) -> list[Series]:
    """Random catalogues with overlapping prefixes, mixed lengths and check-digit schemes."""
    count = draw(st.integers(min_value=1, max_value=12))
    result = []
    for i in range(count):
        alphanumeric = draw(st.booleans())
        prefix = draw(st.text(alphabet="0123AB" if alphanumeric else "0123", min_size=0, max_size=5))
        length = draw(st.integers(min_value=max(1, len(prefix)), max_value=10))
        luhn = not alphanumeric and draw(st.booleans())
        result.append(
            make_series(
                f"S{i}",
                prefix,
                length,
                kind=Kind.COUPON if alphanumeric else Kind.GIFTCARD,
                check_digit=CheckDigit.LUHN if luhn else CheckDigit.NONE,
                alphanumeric=alphanumeric,
                issuable=draw(st.booleans()),
                acceptable=draw(st.booleans()),
            )
        )
    return result


@PROPERTY
@given(
    series=catalogues(),
    numbers=st.lists(st.text(alphabet="0123ABZ", max_size=11), min_size=1, max_size=10),
    issuing=st.booleans(),
)
def test_the_prefix_index_answers_like_a_scan_of_every_series(
    series: list[Series], numbers: list[str], issuing: bool
) -> None:
    index = SeriesIndex(series)
    for number in numbers:
        found = index.identify(number, issuing=issuing)
        _fits(found)
        assert found == index.linear_identify(number, issuing=issuing)


@PROPERTY
@given(prefix=st.text(max_size=5), suffix=st.text(max_size=5), raw=st.one_of(st.text(), st.binary()))
def test_any_scanner_framing_configuration_never_breaks_identification(
    prefix: str, suffix: str, raw: str | bytes
) -> None:
    cat = Catalogue(":memory:", Normaliser(prefix=prefix, suffix=suffix))
    cat.replace(ALL_SERIES)
    _fits(cat.identify(raw))
    cat.close()


def _reference_luhn(number: str) -> bool:
    """Luhn as the textbook writes it, to check the fast one against."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


@PROPERTY
@given(digits=st.text(alphabet="0123456789", min_size=1, max_size=25))
def test_luhn_matches_the_textbook(digits: str) -> None:
    assert luhn_ok(digits) is _reference_luhn(digits)
    assert luhn_ok(digits + luhn_digit(digits))


@PROPERTY
@given(text=st.text(max_size=20))
def test_luhn_of_anything_else_is_false_not_an_error(text: str) -> None:
    if not (text.isascii() and text.isdigit()):
        assert luhn_ok(text) is False
