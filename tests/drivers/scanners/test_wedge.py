"""Keyboard-wedge burst detection with injected timings (no test sleeps)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.scanners.wedge import WedgeDecision, WedgeDetector, WedgeSettings

SCANNER_GAP = 0.004  # a wedge scanner types a character every few milliseconds
HUMAN_GAP = 0.12  # a fast typist


@dataclass
class Screen:
    """What a focused text field would show, and the scans reported, replaying decisions like the UI."""

    detector: WedgeDetector
    typed: str = ""
    scans: list[str] = field(default_factory=list)
    now: float = 0.0

    poll_between_keys: bool = True  # the UI's timer; False: it never fires in time (a busy GUI thread)

    def key(self, char: str, gap: float) -> None:
        previous, self.now = self.now, self.now + gap
        if self.poll_between_keys and gap > self.detector.settings.max_gap:
            self._apply(self.detector.poll(previous + self.detector.settings.max_gap + 0.001))
        decision = self.detector.feed(char, self.now)
        self._apply(decision)
        if not decision.swallow:
            self.typed += char

    def idle(self, seconds: float = 1.0) -> None:
        self.now += seconds
        self._apply(self.detector.poll(self.now))

    def _apply(self, decision: WedgeDecision) -> None:
        self.typed += decision.release
        if decision.scan is not None:
            self.scans.append(decision.scan.text)

    def type(self, text: str, gap: float) -> None:
        for char in text:
            self.key(char, gap)


def screen(**overrides: object) -> Screen:
    return Screen(WedgeDetector(WedgeSettings(**overrides)))  # type: ignore[arg-type]


def test_a_fast_burst_ending_in_enter_is_a_scan_and_never_typed() -> None:
    s = screen()
    s.type("2900000000017\r", SCANNER_GAP)
    s.idle()
    assert (s.scans, s.typed) == (["2900000000017"], "")


def test_typing_at_human_speed_is_never_a_scan() -> None:
    s = screen()
    s.type("2900000000017\r", HUMAN_GAP)
    s.idle()
    assert (s.scans, s.typed) == ([], "2900000000017\r")


def test_a_scan_inside_typing_is_separated() -> None:
    s = screen()
    s.type("note ", HUMAN_GAP)
    s.key("2", 0.3)  # the cashier pauses, then scans
    s.type("900000000017\r", SCANNER_GAP)
    s.type("ok", HUMAN_GAP)
    s.idle()
    assert s.scans == ["2900000000017"]
    assert s.typed == "note ok"


def test_a_late_timer_changes_nothing() -> None:
    s = screen()
    s.poll_between_keys = False
    s.type("ab", HUMAN_GAP)
    s.key("1", 0.3)
    s.type("2345678\r", SCANNER_GAP)
    s.type("c", HUMAN_GAP)
    s.idle()
    assert (s.scans, s.typed) == (["12345678"], "abc")


def test_text_of_several_characters_at_once_is_a_person() -> None:
    detector = WedgeDetector()
    detector.feed("1", 0.0)
    decision = detector.feed("ab", 0.001)  # an input method committing a word
    assert (decision.release, decision.swallow, decision.scan) == ("1", False, None)


def test_two_scans_back_to_back() -> None:
    s = screen()
    s.type("11111111\r", SCANNER_GAP)
    s.key("2", 0.2)
    s.type("2222222\r", SCANNER_GAP)
    assert s.scans == ["11111111", "22222222"]


@pytest.mark.parametrize(
    "code",
    ["ABCDEF123", "zażółć-gęślą", "ÄÖÜßäöü99", "КОД12345", "ΑΒΓΔ-0001"],
)
def test_letters_of_any_keyboard_layout(code: str) -> None:
    s = screen()
    s.type(code + "\r", SCANNER_GAP)
    assert s.scans == [code]


def test_a_quick_short_burst_with_enter_is_typing() -> None:
    # Two keys rolled together then Enter: faster than the gap, but too short for a barcode.
    s = screen(min_length=6)
    s.type("12\r", 0.01)
    assert (s.scans, s.typed) == ([], "12\r")


def test_a_fast_burst_without_enter_is_given_back_as_typing() -> None:
    s = screen()
    s.type("12345678", SCANNER_GAP)
    assert s.typed == ""  # held while it might still become a scan…
    s.idle()
    assert (s.scans, s.typed) == ([], "12345678")  # …and given back once it cannot


def test_a_scanner_without_terminator_ends_its_scan_with_a_pause() -> None:
    s = screen(terminators="")
    s.type("12345678", SCANNER_GAP)
    s.idle()
    s.type("abc", HUMAN_GAP)
    s.idle()
    assert (s.scans, s.typed) == (["12345678"], "abc")


def test_tab_terminator_and_prefix_suffix_and_aim() -> None:
    s = screen(terminators="\t", prefix="#", suffix="!")
    s.type("#]E05901234123457!\t", SCANNER_GAP)
    assert s.scans == ["5901234123457"]


def test_the_scan_event_carries_what_was_typed() -> None:
    detector = WedgeDetector(WedgeSettings(), source="wedge")
    now = 0.0
    decision = None
    for char in "]C0ABC12345\r":
        now += SCANNER_GAP
        decision = detector.feed(char, now)
    assert decision is not None and decision.scan is not None
    scan = decision.scan
    assert (scan.text, scan.symbology, scan.raw, scan.source) == ("ABC12345", "C0", b"]C0ABC12345", "wedge")
    assert scan.timestamp == pytest.approx(now)


def test_held_characters_are_given_back_on_interrupt() -> None:
    detector = WedgeDetector()
    detector.feed("1", 0.0)
    detector.feed("2", 0.001)
    assert detector.holding == "12"
    assert detector.deadline() == pytest.approx(0.051)
    assert detector.interrupt() == "12"
    assert detector.deadline() is None


def test_a_key_held_down_is_given_back_when_too_long() -> None:
    s = screen(max_length=10)
    s.type("a" * 30, 0.03)  # auto-repeat is fast, but has no Enter and no end
    s.idle()
    assert (s.scans, s.typed) == ([], "a" * 30)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30),
    st.lists(st.floats(0.08, 2.0), min_size=30, max_size=30),
)
def test_property_human_typing_is_never_a_scan_and_never_lost(text: str, gaps: list[float]) -> None:
    s = screen()
    for char, gap in zip(text + "\r", [*gaps, 0.1], strict=False):
        s.key(char, gap)
    s.idle()
    assert s.scans == []
    assert s.typed == (text + "\r")[: len(gaps) + 1]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=6, max_size=40),
    st.text(alphabet="abc xyz", max_size=10),
    st.text(alphabet="abc xyz", max_size=10),
)
def test_property_a_scan_between_typing_comes_out_once_and_the_typing_intact(
    code: str, before: str, after: str
) -> None:
    s = screen()
    s.type(before, HUMAN_GAP)
    s.key(code[0], 0.2)
    s.type(code[1:] + "\r", SCANNER_GAP)
    s.type(after, HUMAN_GAP)
    s.idle()
    assert s.scans == [code]
    assert s.typed == before + after
