"""HTTP client of the Loyalty API (placeholder; filled in by the next commit)."""

from __future__ import annotations


class LoyaltyClient:
    """Placeholder; filled in by the next commit."""
