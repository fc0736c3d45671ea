"""Placeholder replaced by the reference server work (issue 2)."""

import sys

print("server args:", sys.argv[1:])
