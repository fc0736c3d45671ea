"""Masking of log text and the diagnostics bundle (plain Python, no Qt)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import zipfile
from pathlib import Path

import pytest

from pos_client.config import Config, ServerConfig, load, set_option
from pos_client.diagnostics import BundleContents, RecentLog, masked_config, read_log_tail, write_bundle
from pos_client.masking import mask_text

CARD = "6033010000000017"
TOKEN = "tok_Zq8vW2kLm9xR4tY7uP0aB3cD"
OPERATION = "3f2b1c4d-1234-4abc-8def-0123456789ab"


@pytest.mark.parametrize(
    ("line", "hidden", "kept"),
    [
        (f"balance {CARD} ok", CARD, "0017"),
        ("card 6033 0100 0000 0017 scanned", "6033 0100", "0017"),
        (f"Authorization: Bearer {TOKEN}", TOKEN, "Bearer ***"),
        (f"GET /x?token={TOKEN}&a=1", TOKEN, "&a=1"),
        ('{"pin": "1234", "name": "anna"}', '"1234"', '"anna"'),
        ("coupon CPN7X2K9Q redeemed", "CPN7X2K9Q", "2K9Q"),
        ("server https://user:hunter2@loyalty.example.com/api", "hunter2", "loyalty.example.com"),
        ('HTTP Request: GET http://h/api/coupons/SAVEFDXPAQ "200 OK"', "SAVEFDXPAQ", "/coupons/******XPAQ"),
        ("GET /customers?card=6033010000000017&x=1", "6033010000", "card=************0017"),
        ("GET /customers?phone=%2B48600100200", "600100200", "phone=***"),
    ],
)
def test_mask_text_hides_numbers_and_secrets(line: str, hidden: str, kept: str) -> None:
    masked = mask_text(line)
    assert hidden not in masked
    assert kept in masked


def test_mask_text_keeps_what_support_needs() -> None:
    line = f"2026-11-30 07:41:02,123 INFO op {OPERATION} on 127.0.0.1:8765 took 12.5 ms"
    assert mask_text(line) == line


def test_recent_log_masks_as_lines_arrive() -> None:
    buffer = RecentLog(capacity=2)
    logger = logging.getLogger("tests.ui.recent")
    logger.addHandler(buffer)
    logger.setLevel(logging.INFO)
    heard: list[str] = []
    buffer.add_listener(heard.append)
    try:
        logger.info("first")
        logger.info("paid with %s", CARD)
        logger.info("third")
    finally:
        logger.removeHandler(buffer)
    lines = buffer.lines()
    assert len(lines) == 2 and "first" not in lines[0]
    assert CARD not in "".join(lines) and "************0017" in lines[0]
    assert len(heard) == 3 and CARD not in "".join(heard)


def test_read_log_tail_masks_and_drops_a_cut_first_line(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("x" * 50 + "\n" + f"scan {CARD}\n" + "last line\n", encoding="utf-8")
    lines = read_log_tail(log, max_bytes=40)
    assert lines == ["scan ************0017", "last line"]
    assert read_log_tail(tmp_path / "missing.log") == []


def test_masked_config_hides_url_credentials() -> None:
    config = Config(server=ServerConfig(url="https://user:secret@loyalty.example.com", loyalty_group="g"))
    data = masked_config(config)
    assert data["server"]["url"] == "https://***@loyalty.example.com"
    assert data["server"]["loyalty_group"] == "g"


def test_bundle_holds_every_part_masked(tmp_path: Path) -> None:
    config_path = tmp_path / "terminal.toml"
    set_option(config_path, "server.url", "https://user:secret@loyalty.example.com")
    config = load(config_path)
    contents = BundleContents(
        created=dt.datetime(2026, 11, 30, 7, 41, tzinfo=dt.UTC),
        config=config,
        log_lines=[f"paid {CARD} with Bearer {TOKEN}"],
        queue_status={"online": False, "pending": 2},
        queue_rows=[{"operationId": OPERATION, "note": f"card {CARD}"}],
        extra={"Terminal Info": {"terminalId": "T-0001"}},
    )
    path = tmp_path / "out" / "bundle.zip"
    names = write_bundle(path, contents)
    with zipfile.ZipFile(path) as bundle:
        assert sorted(bundle.namelist()) == sorted(names)
        assert set(names) >= {"README.txt", "versions.json", "config.json", "log.txt", "queue.json"}
        everything = "".join(bundle.read(n).decode("utf-8") for n in names)
        versions = json.loads(bundle.read("versions.json"))
        queue = json.loads(bundle.read("queue.json"))
        terminal = json.loads(bundle.read("terminal_info.json"))
    assert CARD not in everything and TOKEN not in everything and "secret" not in everything
    assert "************0017" in everything
    assert versions["python"] and "httpx" in versions
    assert queue["status"]["pending"] == 2 and queue["operations"][0]["operationId"] == OPERATION
    assert terminal == {"terminalId": "T-0001"}


def test_bundle_says_why_there_is_no_configuration(tmp_path: Path) -> None:
    contents = BundleContents(created=dt.datetime.now(dt.UTC), config_error="terminal.toml: not valid TOML")
    write_bundle(tmp_path / "b.zip", contents)
    with zipfile.ZipFile(tmp_path / "b.zip") as bundle:
        assert json.loads(bundle.read("config.json")) == {"error": "terminal.toml: not valid TOML"}


def test_config_dataclass_is_frozen() -> None:
    # masked_config must not change the configuration object it is given.
    config = Config(server=ServerConfig(url="https://u:p@h.example"))
    masked_config(config)
    assert config.server.url == "https://u:p@h.example"
