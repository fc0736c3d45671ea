"""Code pages per text run: every character lands in a page that encodes it, or is flagged."""

from __future__ import annotations

from drivers.printers.codepages import covered, split_runs
from drivers.printers.profile import load_profile

POLISH_POUND_EURO = "Zażółć gęślą jaźń £ €"


def test_python_escpos_profiles_have_the_pages_we_rely_on() -> None:
    names = {p.name for p in load_profile("default").code_pages}
    assert {"CP852", "CP858", "CP1250", "CP1252"} <= names
    assert "CP932" not in names  # multi-byte: never a single-byte ESC t page


def test_polish_pound_and_euro_split_into_cp852_and_cp858_runs() -> None:
    pages = load_profile("default", code_pages=("CP858", "CP852")).code_pages
    runs = split_runs(POLISH_POUND_EURO, pages)
    assert "".join(r.text for r in runs) == POLISH_POUND_EURO
    assert [r.page.name for r in runs if r.page] == ["CP852", "CP858"]
    assert runs[0].text == "Zażółć gęślą jaźń "
    assert runs[1].encode() == "£ €".encode("cp858")


def test_current_page_is_kept_while_it_encodes() -> None:
    pages = load_profile("default", code_pages=("CP858", "CP852")).code_pages
    cp852 = next(p for p in pages if p.name == "CP852")
    runs = split_runs("abc ą", pages, current=cp852)
    assert len(runs) == 1 and runs[0].page == cp852


def test_characters_no_page_has_are_flagged_for_the_image_fallback() -> None:
    pages = load_profile("default", code_pages=("CP858", "CP852")).code_pages
    runs = split_runs("a → b", pages)
    assert [r.page is None for r in runs] == [False, True, False]
    assert not covered("→", pages)
    assert covered(POLISH_POUND_EURO, pages)
