"""The byte-stream framer, driven with injected time and arbitrary byte streams."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.scanners.events import DiscardEvent, DiscardReason, ScanEvent
from drivers.scanners.framing import FramingSettings, ScanAssembler, Terminator
from drivers.scanners.normalise import Normaliser


def assembler(terminator: Terminator = Terminator.CR, prefix: str = "", suffix: str = "") -> ScanAssembler:
    return ScanAssembler(
        "test",
        FramingSettings(terminator=terminator, partial_timeout=0.5, inter_char_timeout=0.1, max_length=64),
        Normaliser(prefix=prefix, suffix=suffix),
    )


def texts(outputs: list[ScanEvent | DiscardEvent]) -> list[str]:
    return [output.text for output in outputs if isinstance(output, ScanEvent)]


def test_a_scan_split_across_reads_is_joined() -> None:
    framer = assembler(Terminator.CRLF)
    assert framer.feed(b"123\r", 0.0) == []  # a CR alone does not end a CRLF scan
    out = framer.feed(b"\n456\r\n", 0.01)
    assert texts(out) == ["123", "456"]
    assert out[0].timestamp == 0.01


def test_a_partial_scan_times_out_and_the_next_one_is_clean() -> None:
    framer = assembler()
    framer.feed(b"123", 0.0)
    assert framer.deadline() == 0.5
    assert framer.poll(0.4) == []
    [discarded] = framer.poll(0.5)
    assert isinstance(discarded, DiscardEvent)
    assert (discarded.reason, discarded.raw) == (DiscardReason.PARTIAL, b"123")
    assert texts(framer.feed(b"456\r", 0.6)) == ["456"]


def test_bytes_arriving_after_a_long_pause_do_not_join_an_old_fragment() -> None:
    framer = assembler()
    framer.feed(b"123", 0.0)
    out = framer.feed(b"456\r", 2.0)  # nobody polled in between
    assert [type(output) for output in out] == [DiscardEvent, ScanEvent]
    assert texts(out) == ["456"]


def test_no_terminator_scans_end_after_the_inter_character_timeout() -> None:
    framer = assembler(Terminator.NONE)
    assert framer.feed(b"12", 0.0) == []
    assert framer.feed(b"34", 0.05) == []
    assert texts(framer.poll(0.2)) == ["1234"]
    assert framer.deadline() is None


def test_overlong_input_is_discarded_as_overflow() -> None:
    framer = assembler()
    [overflow] = framer.feed(b"9" * 65, 0.0)
    assert isinstance(overflow, DiscardEvent) and overflow.reason is DiscardReason.OVERFLOW


def test_reset_reports_a_scan_cut_by_a_disconnection() -> None:
    framer = assembler()
    framer.feed(b"12", 0.0)
    [lost] = framer.reset(0.1)
    assert isinstance(lost, DiscardEvent) and lost.reason is DiscardReason.DISCONNECTED
    assert framer.reset(0.2) == []


# -- property tests: arbitrary byte streams -------------------------------------------------------


@dataclass(frozen=True)
class Stream:
    terminator: Terminator
    parts: list[bytes]  # the stream, in order
    expected: list[str]  # the well-formed scans it holds, in order
    cuts: list[int]  # where the stream is split into reads


PREFIX, SUFFIX = "PX", "SF"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@st.composite
def streams(draw: st.DrawFn) -> Stream:
    terminator = draw(st.sampled_from([Terminator.CR, Terminator.LF, Terminator.CRLF, Terminator.TAB]))
    end = terminator.value
    parts: list[bytes] = []
    expected: list[str] = []
    for index in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            # A well-formed scan; its number is unique, so "once" is checkable.
            payload = f"{index}W" + draw(st.text(_ALNUM, min_size=1, max_size=20))
            aim = draw(st.sampled_from(["", "]C0", "]E0", "]Q1"]))
            prefix = draw(st.sampled_from(["", PREFIX]))
            suffix = draw(st.sampled_from(["", SUFFIX]))
            if payload.endswith(SUFFIX) and not suffix:
                suffix = SUFFIX  # the scanner always sends its suffix when the data could look like one
            framing = draw(st.sampled_from([b"", b"\x02", b" "]))
            parts.append(framing + (prefix + aim + payload + suffix).encode() + end)
            expected.append(payload)
        else:
            # Garbage; the scanner (or the line) still ends it with the terminator.
            parts.append(draw(st.binary(max_size=100)) + end)
    stream = b"".join(parts)
    cuts = sorted(draw(st.lists(st.integers(0, len(stream)), max_size=10)))
    return Stream(terminator, parts, expected, cuts)


def run(stream: Stream) -> list[ScanEvent | DiscardEvent]:
    framer = ScanAssembler(
        "prop", FramingSettings(terminator=stream.terminator, max_length=64), Normaliser(PREFIX, SUFFIX)
    )
    data = b"".join(stream.parts)
    out: list[ScanEvent | DiscardEvent] = []
    start = 0
    for cut in [*stream.cuts, len(data)]:
        out += framer.feed(data[start:cut], 0.0)
        start = cut
    return out


@settings(max_examples=300, deadline=None)
@given(streams())
def test_every_well_formed_scan_comes_out_once_and_intact(stream: Stream) -> None:
    outputs = run(stream)  # never raises, whatever the bytes
    scanned = texts(outputs)
    found = [text for text in scanned if text in stream.expected]
    assert found == stream.expected


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=400),
    st.lists(st.integers(0, 400), max_size=20),
    st.sampled_from(list(Terminator)),
    st.lists(st.floats(0, 3), max_size=20),
)
def test_arbitrary_bytes_and_timings_never_raise(
    data: bytes, cuts: list[int], terminator: Terminator, gaps: list[float]
) -> None:
    framer = assembler(terminator, prefix="P", suffix="S")
    now, start = 0.0, 0
    for index, cut in enumerate(sorted(cuts)):
        now += gaps[index] if index < len(gaps) else 0.0
        for output in framer.feed(data[start:cut], now) + framer.poll(now):
            if isinstance(output, ScanEvent):
                assert output.text and output.raw
        start = cut
    framer.feed(data[start:], now)
    framer.poll(now + 10)
    framer.reset(now + 10)
    assert framer.pending == b""
