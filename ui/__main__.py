"""``python -m ui``: the app (see :mod:`ui.launch`)."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
