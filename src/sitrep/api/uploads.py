"""``POST /api/v1/ingest``: the one write endpoint, off unless the server has a token.

1. refuse unless a token is configured (403) and the request carries it as a Bearer token (401);
2. read the body, refusing more than ``max_upload_bytes`` (413) before and while reading;
3. turn it into files: the parts of a multipart form, or the raw body (``text/plain``,
   ``text/html``, ``application/x-ndjson``);
4. ingest them with :func:`sitrep.jobs.ingest_paths`, one upload at a time (the spaCy pipeline
   is shared), and answer with the summary, one line per error.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from sitrep import jobs
from sitrep.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from sitrep.api.schemas import DateText, IngestResult
from sitrep.ingest import SUFFIXES
from sitrep.settings import Settings, as_store_location

router = APIRouter(prefix="/api/v1")
bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")

MAX_FILES = 50
RAW_TYPES = {
    "text/plain": ".txt",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/jsonlines": ".jsonl",
}
ENABLE_HINT = (
    "uploads are disabled on this server: start it with a token (`sitrep serve --token TOKEN`, or "
    "$SITREP_TOKEN) and send it as `Authorization: Bearer <token>`"
)


def authorize(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """403 when uploads are off, 401 without the right Bearer token."""
    token: str | None = request.app.state.token
    if not token:
        raise ApiError(403, ENABLE_HINT, code="ingest_disabled")
    if credentials is None:
        raise ApiError(
            401, "this endpoint needs the server's token: send `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip
    if not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
        raise ApiError(
            401, "wrong token: send the token the server was started with as `Authorization: Bearer <token>`",
            code="invalid_token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )  # fmt: skip


def _too_large(size: int, limit: int) -> ApiError:
    return ApiError(413, f"the upload is {size:,} bytes or more, over this server's {limit:,}-byte limit: "
                         "split it into smaller uploads")  # fmt: skip


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, f"Content-Length {declared!r} is not a number of bytes")
        if int(declared) > limit:
            raise _too_large(int(declared), limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _replay(body: bytes) -> Callable[[], Awaitable[dict[str, Any]]]:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _suffix(name: str | None, content_type: str | None) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix in SUFFIXES:
        return suffix
    return RAW_TYPES.get((content_type or "").split(";")[0].strip().lower(), ".txt")


def _safe_name(name: str | None, suffix: str, taken: set[str]) -> str:
    """A file name of the upload's own (so error messages name it), safe on any file system."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "upload").stem)[:80].strip("._") or "upload"
    candidate, n = f"{stem}{suffix}", 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    taken.add(candidate)
    return candidate


async def uploaded_files(request: Request, body: bytes, filename: str | None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each uploaded document."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    taken: set[str] = set()
    if content_type == "multipart/form-data":
        form = await Request(request.scope, _replay(body)).form(max_files=MAX_FILES, max_fields=MAX_FILES)
        files = []
        try:
            for _, value in form.multi_items():
                if isinstance(value, UploadFile):
                    name = _safe_name(value.filename, _suffix(value.filename, value.content_type), taken)
                    files.append((name, await value.read()))
        finally:
            await form.close()
        if not files:
            raise ApiError(400, "the form has no file: send each article as a file field, e.g. `-F file=@article.txt`")
        return files
    if content_type in RAW_TYPES:
        return [(_safe_name(filename, _suffix(filename, content_type), taken), body)]
    raise ApiError(
        415, f"cannot ingest a body of type {content_type or 'unknown'!r}: send text/plain, text/html or "
             "application/x-ndjson, or a multipart/form-data form with the files",
    )  # fmt: skip


def run_ingest(files: list[tuple[str, bytes]], settings: Settings, lock: threading.Lock) -> dict[str, Any]:
    """Write the uploads to a private temporary directory and ingest them there."""
    with lock, tempfile.TemporaryDirectory(prefix="sitrep-upload-") as tmp:
        paths = []
        for name, data in files:
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(str(path))
        summary = jobs.ingest_paths(paths, settings)

    def local(message: object) -> str:
        """A message that names the upload as it was sent, not the temporary file."""
        return str(message).replace(tmp + os.sep, "")

    return {
        "added": summary.added, "unchanged": summary.unchanged, "figures": summary.figures,
        "quotes": summary.quotes, "errors": [local(e) for e in summary.errors],
        "warnings": [local(w) for w in summary.warnings],
    }  # fmt: skip


@router.post(
    "/ingest",
    response_model=IngestResult,
    dependencies=[Depends(authorize)],
    summary="Upload articles (text, HTML or JSONL); needs the server's token",
    description=(
        "Send one article as the raw body (`text/plain`, `text/html`, `application/x-ndjson` for one JSON "
        "object per line with a `text` or `html` field), or several as `multipart/form-data` file fields. "
        "The same article twice is stored once. Disabled (403) unless the server was started with a token."
    ),
    responses={
        **ERROR_RESPONSES,
        401: {"model": ErrorBody, "description": "Missing or wrong token"},
        403: {"model": ErrorBody, "description": "Uploads are disabled on this server"},
        413: {"model": ErrorBody, "description": "Upload too large"},
        415: {"model": ErrorBody, "description": "Unsupported body type"},
    },
    openapi_extra={"requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                           "properties": {"file": {"type": "string", "format": "binary"}}}},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "application/x-ndjson": {"schema": {"type": "string"}},
    }}},
)  # fmt: skip
async def ingest(
    request: Request,
    published: Annotated[DateText | None, Query(description="Publication date of every uploaded article.")] = None,
    filename: Annotated[str | None, Query(max_length=200, description="Name of a raw-body upload.")] = None,
) -> dict[str, Any]:
    state = request.app.state
    body = await read_body(request, state.max_upload_bytes)
    if not body.strip():
        raise ApiError(400, "the body is empty: send the article's text, HTML or JSONL")
    files = await uploaded_files(request, body, filename)
    settings = Settings(db=as_store_location(state.db), published=published, max_bytes=state.max_upload_bytes)
    return await run_in_threadpool(run_ingest, files, settings, state.ingest_lock)
