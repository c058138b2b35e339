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
    time_budget_seconds: float = 30.0  # one document's cleaning; slower ones are recorded as unreadable
    minhash_permutations: int = 128
    # 21 bands of 6 rows: a pair at Jaccard 0.7 is a candidate 93% of the time, at 0.8 99.9%, at 0.4 8%
    minhash_bands: int = 21
    near_duplicate_threshold: float = (
        0.7  # estimated Jaccard of word 3-shingles (rewrites of one event stay below)
    )
    workers: int = 0  # 0: one process per core once the input holds over 5 MB unpacked; 1: no workers
    languages: tuple[str, ...] = ("en", "zh", "de", "fr", "es", "pt", "ru", "ar", "ja", "vi", "ko", "it")
    # the API: request bodies, imports, failed logins per client address and minute
    max_request_bytes: int = 1_000_000
    max_import_bytes: int = 200_000_000
    auth_failures_per_minute: int = 10
    # the analysis: which reviewed exchanges count, and when contact is "regular" (analysis/relations.py)
    relation_statuses: tuple[str, ...] = ("extracted", "accepted", "edited")
    regular_min_exchanges: int = 2
    regular_min_years: int = 2
    regular_window_years: int = 5


SETTING_HELP: dict[str, str] = {
    "db_url": "SQLAlchemy URL of the store (env PARTYNET_DB)",
    "batch_size": "documents written per transaction (env PARTYNET_BATCH_SIZE)",
    "max_document_bytes": "larger inputs are recorded as unreadable (env PARTYNET_MAX_DOCUMENT_BYTES)",
    "max_decompressed_ratio": "gzip inputs expanding more are refused (env PARTYNET_MAX_DECOMPRESSED_RATIO)",
    "time_budget_seconds": "cleaning one document may take this long; slower documents are recorded as "
    "unreadable (env PARTYNET_TIME_BUDGET_SECONDS)",
    "minhash_permutations": "MinHash signature length (env PARTYNET_MINHASH_PERMUTATIONS)",
    "minhash_bands": "LSH bands; permutations / bands rows each (env PARTYNET_MINHASH_BANDS)",
    "near_duplicate_threshold": "estimated Jaccard from which two texts are near duplicates "
    "(env PARTYNET_NEAR_DUPLICATE_THRESHOLD)",
    "workers": "processes that clean, detect language and sign documents; 0 = one per core for large inputs "
    "(env PARTYNET_WORKERS)",
    "languages": "languages the detector chooses among, comma-separated (env PARTYNET_LANGUAGES)",
    "max_request_bytes": "larger API request bodies are refused with 413 (env PARTYNET_MAX_REQUEST_BYTES)",
    "max_import_bytes": "larger uploads to /api/imports are refused with 413 (env PARTYNET_MAX_IMPORT_BYTES)",
    "auth_failures_per_minute": "failed logins or unknown tokens from one address before 429 "
    "(env PARTYNET_AUTH_FAILURES_PER_MINUTE)",
    "relation_statuses": "review statuses of the exchanges the analysis counts, comma-separated "
    "(env PARTYNET_RELATION_STATUSES)",
    "regular_min_exchanges": "regular contact: at least this many exchanges "
    "(env PARTYNET_REGULAR_MIN_EXCHANGES)",
    "regular_min_years": "regular contact: in at least this many calendar years "
    "(env PARTYNET_REGULAR_MIN_YEARS)",
    "regular_window_years": "regular contact: the last within this many years of the latest year in the "
    "store (env PARTYNET_REGULAR_WINDOW_YEARS)",
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
        elif f.name in ("languages", "relation_statuses"):
            values[f.name] = tuple(x.strip() for x in raw.split(",") if x.strip())
        elif f.name in ("near_duplicate_threshold", "time_budget_seconds"):
            values[f.name] = float(raw)
        else:
            values[f.name] = int(raw)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]


def render_settings_doc() -> str:
    """docs/settings.md, generated from the fields above (a test keeps the file in step)."""
    lines = [
        "# Settings",
        "",
        "Every command reads these from the environment; `--db` overrides `PARTYNET_DB`.",
        "Generated by `python -m partynet.settings`; do not edit by hand.",
        "",
        "| setting | default | what it does |",
        "|---|---|---|",
    ]
    defaults = Settings()
    for f in fields(Settings):
        value = getattr(defaults, f.name)
        shown = ",".join(value) if isinstance(value, tuple) else value
        lines.append(f"| `{f.name}` | `{shown}` | {SETTING_HELP[f.name]} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_settings_doc(), end="")  # noqa: T201 - the command prints the document
