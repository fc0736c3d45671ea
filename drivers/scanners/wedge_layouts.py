"""A keyboard-wedge scanner set to a US layout, on a till whose keyboard layout is not US.

A wedge scanner sends *key positions* (USB HID usages), chosen as if the computer had a US layout:
for "Z" it presses the key that is Z on a US keyboard. The computer turns positions into characters
with its own layout, so on a German (QWERTZ) till that key types "Y", and on a French (AZERTY) till the
digit keys type ``&é"'(-è_çà``. The detector sees the characters the till's layout produced; this
module maps them back to the characters the scanner meant: for each layout, the character each US key
(unshifted and with Shift) produces there, inverted.

Only a scan is mapped — the characters of a burst the detector took for a scan — never what a person
types. Keys that are dead keys on a layout (``^`` and ``´`` on German, ``^``/``¨`` on French: the US
keys `````, ``=``, ``[``) type nothing by themselves, so a code using those characters cannot be
read through that layout; card numbers and coupon codes (letters, digits, ``-``) never need them.
The tables are checked against the system's XKB keyboard data by the tests.
"""

from __future__ import annotations

from collections.abc import Mapping

# The US keys in order: the row of digits, the three rows of letters (with their punctuation).
US_KEYS = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./"
US_SHIFTED = '~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?'

# What each of those keys types on the layout, unshifted then with Shift, in the same order; a space
# marks a dead key (it types nothing by itself).
_LAYOUTS: dict[str, tuple[str, str]] = {
    "us": (US_KEYS, US_SHIFTED),
    # Polish (programmer's), the layout Polish tills use: US keys, Polish letters with AltGr.
    "pl": (US_KEYS, US_SHIFTED),
    "gb": (
        "`1234567890-=qwertyuiop[]#asdfghjkl;'zxcvbnm,./",
        '¬!"£$%^&*()_+QWERTYUIOP{}~ASDFGHJKL:@ZXCVBNM<>?',
    ),
    "de": (
        " 1234567890ß qwertzuiopü+#asdfghjklöäyxcvbnm,.-",
        "°!\"§$%&/()=? QWERTZUIOPÜ*'ASDFGHJKLÖÄYXCVBNM;:_",
    ),
    "fr": (
        "²&é\"'(-è_çà)=azertyuiop $*qsdfghjklmùwxcvbn,;:!",
        "~1234567890°+AZERTYUIOP £µQSDFGHJKLM%WXCVBN?./§",
    ),
    "it": (
        "\\1234567890'ìqwertyuiopè+ùasdfghjklòàzxcvbnm,.-",
        '|!"£$%&/()=?^QWERTYUIOPé*§ASDFGHJKLç°ZXCVBNM;:_',
    ),
    "es": (
        "º1234567890'¡qwertyuiop +çasdfghjklñ zxcvbnm,.-",
        'ª!"·$%&/()=?¿QWERTYUIOP *ÇASDFGHJKLÑ ZXCVBNM;:_',
    ),
}

LAYOUTS: tuple[str, ...] = tuple(_LAYOUTS)
AUTO = "auto"
# Locales whose usual keyboard layout is one of the above (language_TERRITORY, or language alone).
_BY_LOCALE = {"en_GB": "gb", "en_IE": "gb", "de": "de", "fr_FR": "fr", "it": "it", "es_ES": "es", "pl": "pl"}


def _inverse(layout: str) -> Mapping[str, str]:
    plain, shifted = _LAYOUTS[layout]
    typed = plain + shifted
    meant = US_KEYS + US_SHIFTED
    return {t: m for t, m in zip(typed, meant, strict=True) if t != " " and t != m}


_DECODE: dict[str, Mapping[str, str]] = {name: _inverse(name) for name in _LAYOUTS}


def check_layout(value: str) -> str:
    """``value`` as a layout name (or ``auto``), lower case.

    Raises:
        ValueError: not a layout this module knows, with the known ones in the message.
    """
    name = value.strip().lower()
    if name == AUTO or name in _LAYOUTS:
        return name
    raise ValueError(f"unknown keyboard layout {value!r}: use auto or one of {', '.join(LAYOUTS)}")


def layout_for_locale(locale: str) -> str:
    """The usual keyboard layout of a locale name like ``de_AT`` or ``fr_FR`` (``us`` when unknown).

    Swiss, Belgian and Canadian French and German keyboards differ from these tables: ``us`` for them.
    """
    name = locale.replace("-", "_").split(".")[0]
    language, _, territory = name.partition("_")
    if territory in {"CH", "BE", "CA", "LU"}:
        return _BY_LOCALE.get(name, "us")
    return _BY_LOCALE.get(name) or _BY_LOCALE.get(language, "us")


def decode(text: str, layout: str) -> str:
    """What a US-layout scanner meant by the characters ``text`` typed through ``layout``."""
    table = _DECODE[layout]
    return "".join(table.get(char, char) for char in text)
