"""Styling by dynamic property: the .qss themes colour widgets by ``level`` or ``state``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Set the property ``name`` the themes select on, and re-apply the theme if it changed.

    Qt styles (polishes) a widget when its window is first shown and never looks at the properties
    again, so a widget in a shown window is polished anew. Before that, setting the property is
    enough: the first show styles the widget with it. Not calling ``widget.style()`` that early
    also keeps PySide6 from building QStyle's hundred-odd enums (~100 ms, measured) before the
    sign-on form is on screen (:mod:`ui.launch`).
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if widget.window().isVisible():
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
