"""What the store raises when it cannot do what it was asked."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened, is not at the schema this version expects, or holds data this
    setting cannot read."""
