"""The app's log file never holds a whole card number (docs/ARCHITECTURE.md#security), even from libraries'
own logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_client.config import from_mapping
from ui.launch import setup_logging


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        root.removeHandler(h)
        h.close()
    for h in handlers:
        root.addHandler(h)
    root.setLevel(level)


def test_request_urls_are_masked_in_the_log_file(tmp_path: Path, restore_root: None) -> None:
    config = from_mapping({"data_dir": str(tmp_path)})
    path = setup_logging(config)
    assert path is not None
    url = "http://127.0.0.1:8765/api/v1/pos/loyaltyGroups/demo/giftcards/6033010578308626"
    logging.getLogger("httpx").info('HTTP Request: GET %s "HTTP/1.1 200 OK"', url)
    logging.getLogger("pos_client.service").warning("token=secret-abc for card 6033 0105 7830 8626")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "giftcards/************8626" in text
    assert "6033010578308626" not in text and "6033 0105 7830 8626" not in text
    assert "secret-abc" not in text
