"""The core's words in Polish: every marked text of ``pos_client`` has a translation, the compiled
catalogue is the current one, and a language chosen for one slip never leaks into another thread."""

from __future__ import annotations

import ast
import gettext
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from pos_client import i18n
from pos_client.i18n import current_language, language_of, use_language

ROOT = Path(__file__).resolve().parents[2]
PO = i18n.TRANSLATIONS / f"{i18n.CATALOGUE}_pl.po"
MO = i18n.TRANSLATIONS / f"{i18n.CATALOGUE}_pl.mo"
# Texts that are the same words in Polish.
SAME_IN_POLISH = {"Operator", "Terminal", "{count} x {kind}: {operation}"}


def marked_texts() -> set[str]:
    """Every literal passed to ``_()`` / ``N_()`` in the core (what xgettext extracts)."""
    texts: set[str] = set()
    for path in sorted((ROOT / "pos_client").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "N_"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                texts.add(node.args[0].value)
    return texts


def test_every_marked_text_of_the_core_is_in_polish() -> None:
    texts = marked_texts()
    assert len(texts) > 100  # slips and the CLI
    with MO.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    untranslated = sorted(
        t for t in texts if catalogue.gettext(t) == t and t not in SAME_IN_POLISH and t.strip()
    )
    assert untranslated == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_the_compiled_catalogue_is_the_current_one(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], check=True)
    with fresh.open("rb") as a, MO.open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("locale", "language"), [("pl_PL", "pl"), ("en_GB", "en"), ("en_US", "en"), ("de_DE", "en"), ("pl", "pl")]
)
def test_the_language_of_a_locale(locale: str, language: str) -> None:
    assert language_of(locale) == language


def test_a_language_for_one_block_stays_in_it() -> None:
    seen: list[str] = []
    with use_language("pl"):
        assert i18n.gettext("Balance") == "Saldo"
        thread = threading.Thread(target=lambda: seen.append(i18n.gettext("Balance")))
        thread.start()
        thread.join()
    assert seen == ["Balance"]  # another thread: the process's language
    assert current_language() == "en" and i18n.gettext("Balance") == "Balance"
