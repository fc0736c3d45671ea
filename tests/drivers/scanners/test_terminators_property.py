"""A scanner out of the box: whatever a serial scanner ends its codes with, each code comes out once.

The default terminator is "auto" (issue 16): CR, LF, CR LF and TAB each end a scan, a control character
never glues two codes into one, and an AIM identifier counts only at the start of a code. A terminator
the technician configures still works exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.scanners.events import DiscardEvent, ScanEvent
from drivers.scanners.framing import FramingSettings, ScanAssembler, Terminator
from drivers.scanners.normalise import Normaliser
from drivers.scanners.settings import ScannerSettings, parse_device_url

Output = ScanEvent | DiscardEvent


def default_assembler() -> ScanAssembler:
    """The framer a scanner URL without options gets: nothing configured at all."""
    device = parse_device_url("loop://")
    return ScanAssembler("default", device.settings.framing(), device.settings.normaliser())


def scans(outputs: list[Output]) -> list[ScanEvent]:
    return [output for output in outputs if isinstance(output, ScanEvent)]


def texts(outputs: list[Output]) -> list[str]:
    return [scan.text for scan in scans(outputs)]


def test_the_default_terminator_is_auto() -> None:
    assert ScannerSettings().terminator is Terminator.AUTO
    assert FramingSettings().terminator is Terminator.AUTO
    assert Terminator.parse("auto") is Terminator.AUTO


def test_an_lf_scanner_never_joins_two_codes_and_the_aim_identifier_stays_at_the_start() -> None:
    # The report of issue 16: an LF-terminated scanner on a terminal left at its defaults.
    out = default_assembler().feed(b"4006381333931\n]E05901234123457\n", 0.0)
    assert texts(out) == ["4006381333931", "5901234123457"]
    assert [scan.symbology for scan in scans(out)] == [None, "E0"]


def test_a_tab_terminated_scan_is_a_scan_not_a_partial() -> None:
    framer = default_assembler()
    assert texts(framer.feed(b"2900000000017\t", 0.0)) == ["2900000000017"]
    assert framer.poll(5.0) == []  # nothing left over to be thrown away


def test_cr_lf_gives_one_scan_and_cr_alone_ends_it_at_once() -> None:
    framer = default_assembler()
    assert texts(framer.feed(b"123\r", 0.0)) == ["123"]  # no waiting for an LF that may never come
    assert framer.feed(b"\n", 0.01) == []  # the LF of CR LF is not a second (empty) scan
    assert texts(framer.feed(b"456\r\n789\n", 0.02)) == ["456", "789"]


def test_stx_etx_framing_and_other_control_characters_end_codes_too() -> None:
    out = default_assembler().feed(b"\x02111\x03\x02222\x03\r333\x00444\x1b", 0.0)
    assert texts(out) == ["111", "222", "333", "444"]


def test_gs_inside_a_gs1_code_does_not_cut_it() -> None:
    # GS (FNC1) separates the fields of one GS1 code: it is removed as before, not a terminator.
    assert texts(default_assembler().feed(b"]C10109501101530003\x1d10ABC\r", 0.0)) == [
        "010950110153000310ABC"
    ]


def test_an_aim_identifier_in_the_middle_of_a_code_is_data() -> None:
    assert texts(default_assembler().feed(b"12]E034\r", 0.0)) == ["12]E034"]


def test_a_configured_terminator_still_works_as_before() -> None:
    framer = ScanAssembler("cr", FramingSettings(terminator=Terminator.CRLF), Normaliser())
    assert framer.feed(b"123\r", 0.0) == []  # configured CR LF: a CR alone does not end the scan
    assert texts(framer.feed(b"\n", 0.01)) == ["123"]
    tab = ScanAssembler("tab", FramingSettings(terminator=Terminator.TAB), Normaliser())
    assert texts(tab.feed(b"12\r34\t", 0.0)) == ["1234"]  # only TAB ends a scan, as configured
    device = parse_device_url("loop://?terminator=LF")
    assert device.settings.terminator is Terminator.LF


# -- the property: arbitrary mixes of terminators and noise ---------------------------------------

# Every code holds exactly one "W" (after its index) and nothing else does, so anything that comes out
# with a "W" in it must be one whole code: a code glued to another, or to garbage, would show.
_MARK = "W"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVXYZ"
_ENDINGS = [b"\r", b"\n", b"\r\n", b"\t"]
# Noise that can touch a code without a terminator in between: whitespace, control characters (every
# one of them, GS and RS included), and bytes that can never be part of valid UTF-8.
_SILENT_NOISE = st.sampled_from(
    [b" ", b"\x00", b"\x02", b"\x03", b"\x04", b"\x1b", b"\x1d", b"\x1e", b"\x7f", b"\x80", b"\xbf", b"\xff"]
)


@dataclass(frozen=True)
class Stream:
    data: bytes
    expected: list[tuple[str, str | None]]  # (code, symbology) in order
    cuts: list[int]  # where the stream is split into reads
    gaps: list[float]  # pauses before each read, each shorter than the partial timeout


@st.composite
def streams(draw: st.DrawFn) -> Stream:
    parts: list[bytes] = []
    expected: list[tuple[str, str | None]] = []
    for index in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(["code", "code", "code", "noise", "garbage line"]))
        if kind == "code":
            # Unique (its index leads), never starts with "]", may hold "]" and AIM look-alikes inside.
            code = f"{index}{_MARK}" + draw(st.text(_ALNUM + "]", max_size=20))
            aim = draw(st.sampled_from([None, "C0", "E0", "Q1", "d2"]))
            before = b"".join(draw(st.lists(_SILENT_NOISE, max_size=3)))
            after = b"".join(draw(st.lists(_SILENT_NOISE, max_size=3)))
            ending = draw(st.sampled_from(_ENDINGS))
            parts.append(before + (f"]{aim}" if aim else "").encode() + code.encode() + after + ending)
            expected.append((code, aim))
        elif kind == "noise":
            parts.append(
                b"".join(draw(st.lists(st.sampled_from([*_ENDINGS, b" ", b"\x00", b"\xff"]), max_size=6)))
            )
        else:
            # Line noise that the line (or a confused scanner) still ends with a terminator.
            garbage = draw(st.binary(max_size=60)).replace(_MARK.encode(), b"")
            parts.append(garbage + draw(st.sampled_from(_ENDINGS)))
    data = b"".join(parts)
    # Every read holds at least one byte, so no two bytes are ever further apart than one gap.
    cuts = sorted(set(draw(st.lists(st.integers(1, max(1, len(data) - 1)), max_size=12))) - {len(data)})
    gaps = draw(st.lists(st.floats(0, 0.45), min_size=len(cuts) + 1, max_size=len(cuts) + 1))
    return Stream(data, expected, cuts, gaps)


@settings(max_examples=400, deadline=None)
@given(streams())
def test_every_well_formed_code_comes_out_once_and_intact_with_default_settings(stream: Stream) -> None:
    framer = default_assembler()
    outputs: list[Output] = []
    now, start = 0.0, 0
    for cut, gap in zip([*stream.cuts, len(stream.data)], stream.gaps, strict=True):
        now += gap
        outputs += framer.poll(now)
        outputs += framer.feed(stream.data[start:cut], now)
        start = cut
    outputs += framer.poll(now + 10)

    found = [(scan.text, scan.symbology) for scan in scans(outputs) if _MARK in scan.text]
    assert found == stream.expected  # each code once, whole, in order, with its symbology
    assert framer.pending == b""
