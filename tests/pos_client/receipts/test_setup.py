"""Configuration → printer and slip settings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from pos_client.config import Config, PrinterConfig, StoreConfig, TerminalConfig
from pos_client.domain import OfflineLimits, Terminal
from pos_client.receipts import setup

TERMINAL = Terminal(
    loyalty_group="demo",
    terminal_id="t-1",
    merchant_id="m-1",
    merchant_name="Demo",
    store=12,
    pos=3,
    store_name="Sklep Centrum",
    store_address="ul. Długa 1, 00-001 Warszawa",
    merchant_groups=("all",),
    currency="PLN",
    server_time=dt.datetime(2026, 11, 25, tzinfo=dt.UTC),
    offline_limits=OfflineLimits(Decimal("500"), 3600, Decimal("1000")),
)


def test_no_printer_url_means_no_printer() -> None:
    assert setup.printer_settings(Config()) is None


def test_printer_section_maps_to_settings() -> None:
    config = Config(printer=PrinterConfig(url="tcp://10.0.0.9", profile="TM-T88V", code_pages=("cp852",)))
    settings = setup.printer_settings(config)
    assert settings is not None
    assert (settings.url, settings.profile, settings.paper_width_mm, settings.code_pages) == (
        "tcp://10.0.0.9",
        "TM-T88V",
        80,
        ("CP852",),
    )
    assert [p.name for p in settings.load_profile().code_pages] == ["CP852"]


def test_store_header_comes_from_configuration_else_from_the_server() -> None:
    config = Config(
        store=StoreConfig(name="Sklep Łódź", address=("ul. Żółta 5",)),
        printer=PrinterConfig(header=("NIP 123-456-78-90",), footer=("Dziękujemy!",)),
        terminal=TerminalConfig(locale="pl_PL"),
    )
    slip = setup.slip_settings(config, TERMINAL)
    assert (slip.store_name, slip.address, slip.header, slip.footer, slip.locale) == (
        "Sklep Łódź",
        ("ul. Żółta 5",),
        ("NIP 123-456-78-90",),
        ("Dziękujemy!",),
        "pl_PL",
    )
    assert slip.terminal == "Store 12 / POS 3"
    from_server = setup.slip_settings(Config(), TERMINAL)
    assert from_server.store_name == "Sklep Centrum"
    assert from_server.address == ("ul. Długa 1", "00-001 Warszawa")


def test_last_slip_lives_in_the_data_directory(tmp_path: Path) -> None:
    config = dataclasses.replace(Config(), data_dir=tmp_path)
    assert setup.last_slip_dir(config) == tmp_path / "printing"
