"""The web adapter of sitrep: a JSON API and a dashboard (needs the ``api`` extra: FastAPI, uvicorn).

``create_app(db, token=None)`` builds the app; ``serve(db, host="127.0.0.1", port=8000, token=None)``
runs it. See :mod:`sitrep.api.app`.
"""

from sitrep.api.app import create_app, serve

__all__ = ["create_app", "serve"]
