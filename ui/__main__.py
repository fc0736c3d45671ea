"""``python -m ui``: the app (see :mod:`ui.app`)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
