"""A US-layout wedge scanner on a German, French, British, Italian, Spanish or Polish till (issue 19,
item 6): the tables are checked against the system's XKB keyboard data (libxkbcommon, the library Qt
itself uses for key events on Linux), and the detector turns each layout's characters back into the
code the scanner read."""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path

import pytest

from drivers.scanners.wedge import WedgeDetector, WedgeSettings
from drivers.scanners.wedge_layouts import (
    LAYOUTS,
    US_KEYS,
    US_SHIFTED,
    check_layout,
    decode,
    layout_for_locale,
)
from pos_client.config import ConfigError, from_mapping

SCANNER_GAP = 0.004
# Evdev key codes (+8, as XKB counts them) of the US keys, in the order of US_KEYS.
_XKB_KEYCODES = [49, *range(10, 22), *range(24, 36), 51, *range(38, 49), *range(52, 62)]


class _RuleNames(ctypes.Structure):
    _fields_ = [(name, ctypes.c_char_p) for name in ("rules", "model", "layout", "variant", "options")]


def _xkb_typed(layout: str) -> tuple[str, str]:
    """What each US key types on ``layout``, unshifted and with Shift, as XKB says (dead key: space)."""
    name = ctypes.util.find_library("xkbcommon")
    if name is None or not Path("/usr/share/X11/xkb/symbols").is_dir():
        pytest.skip("libxkbcommon or xkb-data is not installed (scripts/setup.sh installs both)")
    lib = ctypes.CDLL(name)
    lib.xkb_context_new.restype = ctypes.c_void_p
    lib.xkb_context_unref.argtypes = [ctypes.c_void_p]
    lib.xkb_keymap_new_from_names.restype = ctypes.c_void_p
    lib.xkb_keymap_new_from_names.argtypes = [ctypes.c_void_p, ctypes.POINTER(_RuleNames), ctypes.c_int]
    lib.xkb_keymap_unref.argtypes = [ctypes.c_void_p]
    lib.xkb_keymap_mod_get_index.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.xkb_state_new.restype = ctypes.c_void_p
    lib.xkb_state_new.argtypes = [ctypes.c_void_p]
    lib.xkb_state_unref.argtypes = [ctypes.c_void_p]
    lib.xkb_state_update_mask.argtypes = [ctypes.c_void_p] + [ctypes.c_uint32] * 6
    lib.xkb_state_key_get_utf8.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t]
    context = lib.xkb_context_new(0)
    names = _RuleNames(b"evdev", b"pc105", layout.encode(), b"", b"")
    keymap = lib.xkb_keymap_new_from_names(context, ctypes.byref(names), 0)
    assert keymap, f"XKB has no layout {layout!r}"
    state = lib.xkb_state_new(keymap)
    rows = []
    for mods in (0, 1 << lib.xkb_keymap_mod_get_index(keymap, b"Shift")):
        lib.xkb_state_update_mask(state, mods, 0, 0, 0, 0, 0)
        row = ""
        for keycode in _XKB_KEYCODES:
            buffer = ctypes.create_string_buffer(16)
            lib.xkb_state_key_get_utf8(state, keycode, buffer, 16)
            row += buffer.value.decode("utf-8") or " "
        rows.append(row)
    lib.xkb_state_unref(state)
    lib.xkb_keymap_unref(keymap)
    lib.xkb_context_unref(context)
    return rows[0], rows[1]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_decodes_what_xkb_says_its_keys_type(layout: str) -> None:
    plain, shifted = _xkb_typed(layout)
    typed = plain + shifted
    meant = US_KEYS + US_SHIFTED
    usable = [(t, m) for t, m in zip(typed, meant, strict=True) if t != " "]  # dead keys type nothing
    assert len({t for t, _ in usable}) == len(usable), "two keys type the same character"
    assert decode("".join(t for t, _ in usable), layout) == "".join(m for _, m in usable)


def scan_through(layout: str, typed: str) -> list[str]:
    """The scans a detector for ``layout`` reports for a burst of ``typed`` + Enter."""
    detector = WedgeDetector(WedgeSettings(layout=layout))
    scans, now = [], 0.0
    for char in typed + "\r":
        now += SCANNER_GAP
        decision = detector.feed(char, now)
        if decision.scan is not None:
            scans.append(decision.scan.text)
    return scans


# What a US-layout scanner reading "ZYAQW-0123456789" makes each layout type (written out by hand).
CODE = "ZYAQW-0123456789"
TYPED = {
    "us": "ZYAQW-0123456789",
    "pl": "ZYAQW-0123456789",
    "gb": "ZYAQW-0123456789",
    "de": "YZAQWß0123456789",
    "fr": "WYQAZ)à&é\"'(-è_ç",
    "it": "ZYAQW'0123456789",
    "es": "ZYAQW'0123456789",
}


@pytest.mark.parametrize("layout", sorted(TYPED))
def test_a_burst_is_decoded_to_the_code_the_scanner_read(layout: str) -> None:
    assert scan_through(layout, TYPED[layout]) == [CODE]


def test_without_the_layout_the_scan_is_what_the_keyboard_typed() -> None:
    assert scan_through("us", TYPED["de"]) == ["YZAQWß0123456789"]  # the bug the setting fixes
    assert scan_through("de", "GIFT/0042") == ["GIFT&0042"]  # US "&" is Shift+7, "/" on German


def test_british_symbols_and_prefixes_are_decoded_before_the_prefix_is_removed() -> None:
    scans, now = [], 0.0
    detector = WedgeDetector(WedgeSettings(layout="gb", prefix="#", min_length=3))
    for char in '£A"1\r':  # the scanner sent "#A@1": Shift+3 and Shift+2 type £ and " on a UK layout
        now += SCANNER_GAP
        decision = detector.feed(char, now)
        if decision.scan is not None:
            scans.append(decision.scan.text)
    assert scans == ["A@1"]


def test_typing_is_never_remapped() -> None:
    detector = WedgeDetector(WedgeSettings(layout="de"))
    given_back = ""
    now = 0.0
    for char in "zy&":
        now += 0.2  # a person
        given_back += detector.feed(char, now).release
    given_back += detector.poll(now + 1).release
    assert given_back == "zy&"


@pytest.mark.parametrize(
    ("locale", "layout"),
    [
        ("de_DE", "de"),
        ("de_AT", "de"),
        ("de_CH", "us"),
        ("fr_FR", "fr"),
        ("fr_BE", "us"),
        ("fr_CA", "us"),
        ("pl_PL", "pl"),
        ("en_GB", "gb"),
        ("en_US", "us"),
        ("it_IT", "it"),
        ("es_ES", "es"),
        ("es_MX", "us"),
        ("de_DE.UTF-8", "de"),
        ("C", "us"),
        ("", "us"),
    ],
)
def test_the_layout_of_a_locale(locale: str, layout: str) -> None:
    assert layout_for_locale(locale) == layout


def test_the_setting_is_checked_with_a_clear_message() -> None:
    assert check_layout(" DE ") == "de"
    assert check_layout("auto") == "auto"
    assert from_mapping({"scanner": {"wedge_layout": "fr"}}).scanner.wedge_layout == "fr"
    assert from_mapping({}).scanner.wedge_layout == "auto"
    with pytest.raises(ConfigError, match=r"scanner\.wedge_layout: unknown keyboard layout 'azerty'.*us, pl"):
        from_mapping({"scanner": {"wedge_layout": "azerty"}}, "terminal.toml")
    with pytest.raises(ValueError, match="unknown keyboard layout"):
        WedgeSettings(layout="xx")
