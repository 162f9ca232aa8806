"""The sitrep web app: a JSON API under ``/api/v1`` and a dashboard at ``/``, over one store.

Start it from Python with :func:`serve`, or with uvicorn's factory mode::

    SITREP_DB=crisis.db uvicorn --factory sitrep.api.app:app_from_env --host 127.0.0.1 --port 8000

It binds to 127.0.0.1 by default and should stay there: the dashboard shows third-party article
text and the API has no users, only an optional upload token. Expose it to a network only behind
a proxy that adds TLS and access control.

- The API is a thin layer: it parses parameters, calls library functions (:class:`Store`,
  :func:`build_series`, :func:`latest_picture`, :func:`find_flags`, :func:`build_actors`,
  :mod:`sitrep.export`, :func:`sitrep.jobs.ingest_paths`) and formats what they return.
- Every request that reads the store opens its own connection (SQLite connections are not shared
  between threads).
- Every error has one JSON shape (see :mod:`sitrep.api.errors`).
- ``POST /api/v1/ingest`` is off (403) unless a token is given, and then needs
  ``Authorization: Bearer <token>``; uploads over ``max_upload_bytes`` get 413.
- The spec is at ``/api/openapi.json``, its readable form at ``/api/docs``.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from pathlib import Path

from fastapi import FastAPI
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep import __version__
from sitrep.api import dashboard, docs, uploads, v1
from sitrep.api.errors import install_error_handlers
from sitrep.errors import ConfigError
from sitrep.settings import default_db_path

log = logging.getLogger("sitrep.api")

DESCRIPTION = """\
The situation picture of a sitrep store: figures with their sources and dates, quotes, events,
time series, contradictions and actors, each traceable to the sentence it came from.

Collections are paged with `limit` and `offset` and answer `{"total", "limit", "offset", "items"}`.
Every error answers `{"error": {"code", "message", "status"}}`.
"""

# Article text is third-party input. Templates escape it; this policy is the second line:
# no script runs at all, styles and images come only from this server (charts use inline styles).
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", b"default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
]  # fmt: skip


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in SECURITY_HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    env = Environment(loader=PackageLoader("sitrep.api", "templates"), autoescape=True, undefined=StrictUndefined)
    env.globals.update(dashboard.template_globals())
    env.filters["code_spans"] = docs.code_spans
    return Jinja2Templates(env=env, context_processors=[lambda request: {"root": request.scope.get("root_path", "")}])


def create_app(db: Path | str, token: str | None = None, max_upload_bytes: int = 5_000_000) -> FastAPI:
    """The API and the dashboard over the store at ``db``.

    ``token`` enables ``POST /api/v1/ingest`` for clients that send it as a Bearer token;
    without one, uploads are refused. ``max_upload_bytes`` caps the size of an upload request.
    """
    if max_upload_bytes <= 0:
        raise ConfigError(f"max_upload_bytes must be positive, got {max_upload_bytes}")
    if token is not None and len(token) < 8:
        raise ConfigError("the upload token is too short: use at least 8 characters, e.g. from `openssl rand -hex 16`")
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # served by sitrep.api.docs without a CDN
        redoc_url=None,
    )
    app.state.db = str(db)
    app.state.token = token or None
    app.state.max_upload_bytes = max_upload_bytes
    app.state.ingest_lock = threading.Lock()
    app.state.templates = _templates()
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.include_router(v1.router)
    app.include_router(uploads.router)
    app.include_router(docs.router)
    app.include_router(dashboard.router)
    app.mount("/static", StaticFiles(packages=[("sitrep.api", "static")]), name="static")
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory``: the store of ``$SITREP_DB`` (or the default), the token of ``$SITREP_TOKEN``."""
    return create_app(default_db_path(), token=os.environ.get("SITREP_TOKEN") or None)


def serve(db: Path | str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted; ``host`` stays on loopback unless you mean otherwise."""
    import uvicorn

    if not _is_loopback(host):
        log.warning("sitrep is listening on %s, beyond this machine: put it behind TLS and access control", host)
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = ["app_from_env", "create_app", "serve"]
