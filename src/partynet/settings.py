"""All configuration in one frozen value, built once by a driver (CLI, API) and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

DEFAULT_DB = "sqlite:///partynet.db"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db_url: str = DEFAULT_DB
    batch_size: int = 200  # documents per transaction: a killed run loses at most one batch
    max_document_bytes: int = 20_000_000  # larger inputs are recorded as unreadable
    max_decompressed_ratio: int = 200  # gzip bombs: decompressed size over compressed size
    minhash_permutations: int = 128
    # 21 bands of 6 rows: a pair at Jaccard 0.7 is a candidate 93% of the time, at 0.8 99.9%, at 0.4 8%
    minhash_bands: int = 21
    near_duplicate_threshold: float = 0.7  # estimated Jaccard of word 3-shingles (rewrites of one event stay below)
    workers: int = 0  # 0: one process per core once the input is over 5 MB; 1: no worker processes
    languages: tuple[str, ...] = ("en", "zh", "de", "fr", "es", "pt", "ru", "ar", "ja", "vi", "ko", "it")


SETTING_HELP: dict[str, str] = {
    "db_url": "SQLAlchemy URL of the store (env PARTYNET_DB)",
    "batch_size": "documents written per transaction (env PARTYNET_BATCH_SIZE)",
    "max_document_bytes": "inputs larger than this are recorded as unreadable (env PARTYNET_MAX_DOCUMENT_BYTES)",
    "max_decompressed_ratio": "gzip inputs expanding more than this are refused (env PARTYNET_MAX_DECOMPRESSED_RATIO)",
    "minhash_permutations": "MinHash signature length (env PARTYNET_MINHASH_PERMUTATIONS)",
    "minhash_bands": "LSH bands; permutations / bands rows each (env PARTYNET_MINHASH_BANDS)",
    "near_duplicate_threshold": "estimated Jaccard from which two texts are near duplicates "
    "(env PARTYNET_NEAR_DUPLICATE_THRESHOLD)",
    "workers": "processes that clean, detect language and sign documents; 0 = one per core for large inputs "
    "(env PARTYNET_WORKERS)",
    "languages": "languages the detector chooses among, comma-separated (env PARTYNET_LANGUAGES)",
}


def db_url_from(value: str) -> str:
    """Accept a SQLAlchemy URL, or a plain file path meaning a SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{value}"


def settings_from_env(env: dict[str, str] | None = None, **overrides: object) -> Settings:
    """Build settings from PARTYNET_* environment variables, then explicit overrides."""
    env = dict(os.environ) if env is None else env
    values: dict[str, object] = {}
    for f in fields(Settings):
        raw = env.get(f"PARTYNET_{f.name.upper()}")
        if f.name == "db_url":
            raw = env.get("PARTYNET_DB", raw)
        if raw is None:
            continue
        if f.name == "db_url":
            values[f.name] = db_url_from(raw)
        elif f.name == "languages":
            values[f.name] = tuple(x.strip() for x in raw.split(",") if x.strip())
        elif f.name == "near_duplicate_threshold":
            values[f.name] = float(raw)
        else:
            values[f.name] = int(raw)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
