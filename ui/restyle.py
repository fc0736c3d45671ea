"""Styling by dynamic property: the .qss themes colour widgets by ``level`` or ``state``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_style_property(widget: QWidget, name: str, value: str, *, restyle: bool = True) -> None:
    """Set the property ``name`` the themes select on, and re-apply the theme if it changed.

    Qt styles (polishes) a widget once, when it is first laid out or shown, and never looks at the
    properties again, so a changed value needs the widget polished anew. ``restyle=False`` is for a
    widget not styled yet (being built, not yet in a layout): the first polish will use the value.
    The first window uses it so as not to touch ``widget.style()`` before it is on screen: that
    makes PySide6 build QStyle's hundred-odd enums (~100 ms, measured; :mod:`ui.launch`).
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if restyle:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
