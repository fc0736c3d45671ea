"""What every slip needs besides the operation: the store header, footer, who and when.

Design: builders take a :class:`SlipContext` value, not the terminal configuration, so they stay pure
and testable; :func:`slip_settings_from_config` (``pos_client.receipts.config_map``) maps the
``[store]`` section once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from pos_client.i18n import language_of


@dataclass(frozen=True)
class SlipSettings:
    """Store-level slip configuration.

    Attributes:
        store_name: printed large at the top.
        address: address lines under the name.
        header: extra lines under the address (tax number, opening hours).
        footer: closing lines (returns policy, web address, thanks).
        terminal: how this till is named on slips, e.g. ``Store 12 / POS 3``.
        locale: money and date formatting, and the language of the words (``pl_PL``: Polish;
            ``en_GB``, ``en_US``: English; others: English words), e.g. ``pl_PL``, ``en_GB``, ``de_DE``.
        timezone: IANA zone for printed times; None uses the machine's local zone.
        isolate_personal_data: print customers' names as initials only.
    """

    store_name: str = ""
    address: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    terminal: str = ""
    locale: str = "en_GB"
    timezone: str | None = None
    isolate_personal_data: bool = False

    @property
    def language(self) -> str:
        """The language of the slip's words: the locale's (``pl_PL`` → ``pl``; see
        :mod:`pos_client.i18n`)."""
        return language_of(self.locale)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class SlipContext:
    """One slip's surroundings: settings, the operator signed on and the time it is printed."""

    settings: SlipSettings = field(default_factory=SlipSettings)
    operator: str | None = None
    now: dt.datetime = field(default_factory=_utcnow)

    def local(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` in the store's time zone."""
        zone = ZoneInfo(self.settings.timezone) if self.settings.timezone else None
        return moment.astimezone(zone)
