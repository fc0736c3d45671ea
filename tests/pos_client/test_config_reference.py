"""docs/configuration.md is generated from the typed configuration and must stay current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_configuration_reference_is_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "config_reference", ROOT / "scripts" / "config_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.reference()
    assert (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8") == expected, (
        "docs/configuration.md is stale: run `python scripts/config_reference.py > docs/configuration.md`"
    )
    assert "| `read_timeout` |" in expected and "## `[printer]`" in expected
