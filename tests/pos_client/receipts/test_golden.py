"""Golden bytes: each slip renders to exactly the ESC/POS bytes stored in ``golden/``.

Regenerate after an intended change (then look at the diff and at the PNGs of test_roundtrip):

    UPDATE_GOLDENS=1 .venv/bin/pytest tests/pos_client/receipts/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drivers.printers.profile import load_profile
from drivers.printers.render import render
from tests.pos_client.receipts.samples import all_slips

GOLDEN = Path(__file__).parent / "golden"
# An 80 mm Epson-compatible printer with the two code pages most Polish shops configure.
PROFILE = load_profile("default", paper_width_mm=80, code_pages=("CP858", "CP852"))
SLIPS = all_slips()


def _hexdump(data: bytes) -> list[str]:
    return [data[i : i + 16].hex(" ") for i in range(0, len(data), 16)]


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_slip_matches_golden_bytes(name: str) -> None:
    data = render(SLIPS[name], PROFILE)
    path = GOLDEN / f"{name}.bin"
    if os.environ.get("UPDATE_GOLDENS"):
        path.write_bytes(data)
    assert path.exists(), f"no golden for {name}: run with UPDATE_GOLDENS=1"
    expected = path.read_bytes()
    assert _hexdump(data) == _hexdump(expected)


def test_every_golden_belongs_to_a_slip() -> None:
    assert {p.stem for p in GOLDEN.glob("*.bin")} == set(SLIPS)
