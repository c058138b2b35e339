"""/api/imports: an admin uploads report files (text, HTML, JSONL, feeds, WARC) and they are ingested
as `partynet ingest` would: cleaned, de-duplicated, stored, their exchanges extracted."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from partynet.api.auth import admin
from partynet.api.state import services
from partynet.extract.run import ingest_with_extraction
from partynet.ingest.pipeline import IngestOptions
from partynet.ingest.readers import ReadOptions
from partynet.store.users import User

router = APIRouter(prefix="/api", tags=["imports"])
MAX_FILES = 100
CHUNK = 1 << 20
_SUFFIX = re.compile(r"(\.(?:txt|html?|jsonl|json|xml|rss|atom|warc|gz))+$", re.IGNORECASE)


@router.post("/imports", status_code=201)
async def import_files(
    request: Request, files: list[UploadFile], user: Annotated[User, Depends(admin)]
) -> Any:
    """Ingest the uploaded files; each is stored under a name of our own (its suffix kept, so that its
    format can be told), never under the path the client sent. Larger files than the store accepts are
    refused whole (413)."""
    found = services(request)
    if len(files) > MAX_FILES:
        raise HTTPException(413, f"at most {MAX_FILES} files per import")
    limit = found.settings.max_document_bytes
    with tempfile.TemporaryDirectory(prefix="partynet-import-") as tmp:
        paths = [
            await _save(upload, Path(tmp) / f"upload-{i:03d}{_suffix(upload)}", limit)
            for i, upload in enumerate(files)
        ]
        read = ReadOptions(
            max_document_bytes=limit, max_decompressed_ratio=found.settings.max_decompressed_ratio
        )
        options = IngestOptions.from_settings(found.settings, read=read)
        summary, extracted = await run_in_threadpool(
            ingest_with_extraction, [str(p) for p in paths], found.store, options, found.linker
        )
    return {
        "by": user.name,
        "files": len(paths),
        "ingest": summary.as_dict(),
        "extracted": extracted.as_dict(),
    }


def _suffix(upload: UploadFile) -> str:
    match = _SUFFIX.search(Path(upload.filename or "").name)
    return match.group(0).lower() if match else ""


async def _save(upload: UploadFile, path: Path, limit: int) -> Path:
    written = 0
    with path.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise HTTPException(413, f"{upload.filename!r} is larger than {limit} bytes")
            out.write(chunk)
    return path
