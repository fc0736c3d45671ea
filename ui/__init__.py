"""The PySide6 app (see :mod:`ui.launch` and :mod:`ui.app`).

One start-up fix lives here because it must run before the app's own modules are imported.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6  # noqa: F401  (loads shiboken and its import hook, patched below)


def _read_source_quickly() -> None:
    # WORKAROUND: PySide6's import hook (shibokensupport.feature, PYSIDE-2029) asks of every module
    # imported after it whether its source mentions "PySide6", with inspect.getsource, which reads
    # and splits the file through linecache: ~0.2 ms a module, ~13 ms for the 64 modules the sign-on
    # form needs and more for the hundreds loaded behind it (measured). The same question answered
    # from the file's bytes costs ~0.05 ms. Anything unusual goes to PySide's own function.
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "quick", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_read_source_quickly()
