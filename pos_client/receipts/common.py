"""The parts every slip shares: store header, title, PROVISIONAL banner, instrument lines, footer.

Design: small functions returning tuples of blocks, composed by the builders in
:mod:`pos_client.receipts.slips`. Card numbers go through :func:`number_line`, which masks them
(docs/ARCHITECTURE.md#security) unless the slip *is* the instrument (a live-printed card or store-credit
note).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, cast

from drivers.printers import document as d
from pos_client.domain import Instrument, OperationResult
from pos_client.i18n import gettext as _
from pos_client.i18n import use_language
from pos_client.masking import mask_number, person_name
from pos_client.money import format_money
from pos_client.receipts.dates import format_date, format_time
from pos_client.receipts.settings import SlipContext
from pos_client.words import kind_name

BIG_CENTERED = d.Style(bold=True, double_width=True, double_height=True, align=d.Align.CENTER)
TITLE = d.Style(bold=True, double_height=True, align=d.Align.CENTER)
BOLD_CENTERED = d.Style(bold=True, align=d.Align.CENTER)

Builder = TypeVar("Builder", bound=Callable[..., d.Document])


def in_slip_language(builder: Builder) -> Builder:
    """Build the slip in the language of its locale (``SlipSettings.language``): the words follow
    the same locale as the money and dates, so a slip is never half one language, half another."""

    @functools.wraps(builder)
    def build(*args: Any, **kwargs: Any) -> d.Document:
        ctx = kwargs.get("ctx") or next(a for a in args if isinstance(a, SlipContext))
        with use_language(ctx.settings.language):
            return builder(*args, **kwargs)

    return cast(Builder, build)


def header(ctx: SlipContext, title: str) -> tuple[d.Block, ...]:
    """Store name and address, then the slip's title."""
    s = ctx.settings
    blocks: list[d.Block] = []
    if s.store_name:
        blocks.append(d.Text(s.store_name, BIG_CENTERED))
    blocks += [d.Text(line, d.CENTERED) for line in (*s.address, *s.header)]
    blocks += [d.Rule("="), d.Text(title, TITLE), d.Feed(1)]
    return tuple(blocks)


def provisional(result: OperationResult | None) -> tuple[d.Block, ...]:
    """The PROVISIONAL banner for an operation queued offline (docs/ARCHITECTURE.md#offline)."""
    if result is None or not result.provisional:
        return ()
    return (
        d.Rule("*"),
        d.Text(_("PROVISIONAL"), BIG_CENTERED),
        d.Text(_("Saved offline; confirmed when the terminal is back online."), d.CENTERED),
        d.Rule("*"),
    )


def money(ctx: SlipContext, amount: Decimal, currency: str) -> str:
    """An amount in the store's locale."""
    return format_money(amount, currency, ctx.settings.locale)


def date(ctx: SlipContext, day: dt.date) -> str:
    """A date in the store's locale."""
    return format_date(day, ctx.settings.locale)


def number_line(instrument: Instrument, whole: bool = False) -> d.KeyValue:
    """The instrument number, masked to its last 4 characters unless ``whole``."""
    number = instrument.number if whole else mask_number(instrument.number)
    return d.KeyValue(_("Number"), number)


def instrument_lines(
    ctx: SlipContext, instrument: Instrument, whole_number: bool = False
) -> tuple[d.Block, ...]:
    """Kind, number and validity of an instrument."""
    blocks: list[d.Block] = [
        d.KeyValue(_("Card"), kind_name(instrument.kind)),
        number_line(instrument, whole_number),
    ]
    if instrument.customer is not None:
        customer = instrument.customer
        name = person_name(
            customer.first_name, customer.last_name, isolate=ctx.settings.isolate_personal_data
        )
        if name:
            blocks.append(d.KeyValue(_("Customer"), name))
    if instrument.expiry_date is not None:
        blocks.append(d.KeyValue(_("Valid until"), date(ctx, instrument.expiry_date)))
    return tuple(blocks)


def account_lines(ctx: SlipContext, instrument: Instrument) -> tuple[d.Block, ...]:
    """Balance lines of a money instrument (available in bold; held amount when there is one)."""
    account = instrument.account
    if account is None:
        return ()
    cur = instrument.currency
    blocks: list[d.Block] = []
    if account.authorized:
        blocks.append(d.KeyValue(_("Balance"), money(ctx, account.net, cur)))
        blocks.append(d.KeyValue(_("Held for payment"), money(ctx, account.authorized, cur)))
    blocks.append(d.KeyValue(_("Available"), money(ctx, account.available, cur), bold=True))
    return tuple(blocks)


def footer(ctx: SlipContext, result: OperationResult | None) -> tuple[d.Block, ...]:
    """Operation id, operator, terminal, time, the store's footer lines, and the cut."""
    s = ctx.settings
    blocks: list[d.Block] = [d.Feed(1), d.Rule()]
    if result is not None:
        blocks.append(d.KeyValue(_("Operation"), result.operation_id))
        if result.auth_code:
            blocks.append(d.KeyValue(_("Authorisation"), result.auth_code))
    if ctx.operator:
        blocks.append(d.KeyValue(_("Operator"), ctx.operator))
    if s.terminal:
        blocks.append(d.KeyValue(_("Terminal"), s.terminal))
    blocks.append(d.KeyValue(_("Time"), format_time(ctx.local(ctx.now), s.locale)))
    if s.footer:
        blocks.append(d.Feed(1))
        blocks += [d.Text(line, d.CENTERED) for line in s.footer]
    blocks.append(d.Cut())
    return tuple(blocks)
