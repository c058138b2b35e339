"""partynet: a queryable network of party-to-party diplomacy, built from news reports."""

from __future__ import annotations

import logging

from partynet.domain import Document, IngestSummary, RawDocument, Status
from partynet.settings import Settings

__version__ = "0.1.0"
__all__ = ["Document", "IngestSummary", "RawDocument", "Settings", "Status", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
