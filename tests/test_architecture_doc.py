"""docs/ARCHITECTURE.md is where code and docs point for the design: every such pointer names a
section that exists, and nothing points to the old design brief outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "ARCHITECTURE.md"
SOURCES = ("pos_client", "offline_queue", "drivers", "ui", "loyalty_server", "tests", "bench", "docs")
POINTER = re.compile(r"ARCHITECTURE\.md#([\w-]+)")


def _slug(heading: str) -> str:
    """GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _files() -> list[Path]:
    found = [REPO / "README.md", REPO / "pyproject.toml"]
    for top in SOURCES:
        found += [p for p in (REPO / top).rglob("*") if p.suffix in {".py", ".md", ".toml"}]
    return found


def test_every_pointer_names_a_section_of_the_doc() -> None:
    anchors = {
        _slug(line.lstrip("#"))
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }
    broken = [
        f"{path.relative_to(REPO)}: #{anchor}"
        for path in _files()
        for anchor in POINTER.findall(path.read_text(encoding="utf-8"))
        if anchor not in anchors
    ]
    assert broken == [], f"pointers to sections docs/ARCHITECTURE.md does not have: {broken}"


def test_nothing_points_to_the_design_brief_outside_the_repository() -> None:
    stale = [
        str(path.relative_to(REPO))
        for path in _files()
        if path != Path(__file__) and "DESIGN.md" in path.read_text(encoding="utf-8")
    ]
    assert stale == [], f"re-point these to docs/ARCHITECTURE.md or docs/API.md: {stale}"


def test_the_readme_links_the_doc() -> None:
    assert "(docs/ARCHITECTURE.md)" in (REPO / "README.md").read_text(encoding="utf-8")
