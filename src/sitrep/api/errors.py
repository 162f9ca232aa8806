"""One error shape for every failure the web app answers with.

Every error, whatever raised it, leaves the app as::

    {"error": {"code": "not_found", "message": "no article 'abc': list them at /api/v1/articles", "status": 404}}

with the HTTP status repeated in ``status``. Four handlers produce it:

- :class:`ApiError` and Starlette's ``HTTPException`` (unknown route, wrong method, bad multipart);
- ``RequestValidationError``: every invalid parameter, folded into one message;
- :class:`~sitrep.errors.SitrepError`: the library's own errors, translated (a bad option is the
  client's fault, a store that cannot be opened is the server's);
- a last catch-all for anything else, which logs the traceback and says nothing about it.

Dashboard pages (paths outside ``/api``) asked for by a browser get the same code, message and
status as an HTML page instead.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.errors import ConfigError, InputError, SitrepError, StoreError

log = logging.getLogger("sitrep.api")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
}


class ErrorDetail(BaseModel):
    code: str
    message: str
    status: int


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(StarletteHTTPException):
    """An HTTP error with a machine-readable ``code`` and a message saying what to do next."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or CODES.get(status, "error")


def error_response(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The error as JSON, or as an HTML page for a browser on a dashboard page."""
    body = {"error": {"code": code, "message": message, "status": status}}
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"error": body["error"]}, status_code=status, headers=headers
        )
    return JSONResponse(body, status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path == "/api" or path.startswith("/api/")) and "text/html" in request.headers.get("accept", "")


def _http_message(request: Request, exc: StarletteHTTPException) -> str:
    """Starlette's bare "Not Found" and "Method Not Allowed" made useful."""
    if isinstance(exc, ApiError):
        return str(exc.detail)
    if exc.status_code == 404:
        return f"no page or endpoint at {request.url.path}: the endpoints are listed at /api/docs"
    if exc.status_code == 405:
        return f"{request.method} is not allowed on {request.url.path}: the endpoints are listed at /api/docs"
    return str(exc.detail)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = exc.code if isinstance(exc, ApiError) else CODES.get(exc.status_code, "error")
    return error_response(request, exc.status_code, code, _http_message(request, exc), dict(exc.headers or {}) or None)


def _where(loc: tuple[Any, ...]) -> str:
    kinds = {"query": "query parameter", "path": "path parameter", "header": "header", "body": "body"}
    if not loc:
        return "request"
    kind = kinds.get(str(loc[0]), str(loc[0]))
    name = ".".join(str(part) for part in loc[1:])
    return f"{kind} '{name}'" if name else kind


async def _on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [f"{_where(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
    message = "; ".join(problems) + " (the parameters are described at /api/docs)"
    return error_response(request, 422, CODES[422], message)


async def _on_sitrep_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, StoreError):
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(request, 500, "store_error", str(exc))
    if isinstance(exc, ConfigError | InputError):
        return error_response(request, 400, "bad_request", str(exc))
    return error_response(request, 400, "sitrep_error", str(exc))


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        request, 500, CODES[500], "the server failed on this request; the traceback is in the server log"
    )


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through :func:`error_response`."""
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(SitrepError, _on_sitrep_error)
    app.add_exception_handler(Exception, _on_unexpected)


# documented on every API operation, so clients and schema-driven tests know the shape
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "Bad request"),
        (404, "Not found"),
        (422, "Invalid parameter"),
        (500, "Server error"),
    )
}
