"""Coverage-guided fuzzing of every reader and the cleaner (atheris, which drives libFuzzer).

    python fuzz/readers.py fuzz/corpus/readers -runs=1000000 -max_len=65536 -timeout=10
    python fuzz/readers.py WORKDIR fuzz/corpus/readers -runs=3000     # the short version CI runs

The first byte of an input picks the route: a file on disk (format, gzip and WARC recognised by
content, as `partynet ingest` reads it) or the bytes forced through one reader (text, HTML, JSONL,
RSS/Atom, WARC, ARC, zip, MHTML, JSON); the rest is the input. Every document a reader yields is
then cleaned. Any exception is a crash; libFuzzer's -timeout reports an input that takes too long
and -rss_limit_mb one that eats memory. The per-document time budget is off here (it shares SIGALRM
with libFuzzer's timer), so slow inputs surface as timeouts instead of being recorded as unreadable.

fuzz/corpus/readers holds the saved corpus: the seeds fuzz/seeds.py writes, the input of every crash
found and fixed (regression-*), and the inputs the documented 1,000,000-input run added for new
coverage (named by their SHA-1, copied from its work directories). Give a scratch directory first, as
above, to keep it unchanged.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["partynet"]):
    from partynet.domain import SourceFormat
    from partynet.ingest.clean import CleanOptions, clean
    from partynet.ingest.readers import Input, ReadOptions, read_bytes, read_file

READ = ReadOptions(max_document_bytes=2_000_000, max_decompressed_ratio=50)
CLEAN = CleanOptions(max_document_bytes=2_000_000, time_budget_seconds=0)
FORCED = [None, *SourceFormat]  # None: through a file, recognised by content
SCRATCH = Path(tempfile.mkdtemp(prefix="partynet-fuzz-")) / "input"


def target(data: bytes) -> None:
    if not data:
        return
    route, body = FORCED[data[0] % len(FORCED)], data[1:]
    if route is None:
        SCRATCH.write_bytes(body)
        records = read_file(Input(SCRATCH, "input"), READ)
    else:
        records = read_bytes(body, route, "input", "input", READ)
    for raw in records:
        doc = clean(raw, CLEAN)
        if doc.status.value == "kept" and not doc.text:
            raise AssertionError("a kept document without text")


def main() -> None:
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
