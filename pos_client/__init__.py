"""The Qt-free terminal core: configuration, money, domain, series catalogue, API client, services,
receipts, security and the ``loyalty-pos`` CLI."""

import sys

# WORKAROUND: httpx imports its optional command-line client (click, rich, pygments: ~0.15 s, a third
# of httpx's import time) whenever those packages happen to be installed; nothing here uses it. A
# ``None`` entry makes that import fail, which httpx's ``__init__`` expects and handles.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
