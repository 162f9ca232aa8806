"""``/api/docs``: the API reference, rendered on the server from the app's own OpenAPI document.

Interactive doc viewers load their scripts from a CDN; this page needs no network and no
script, and cannot drift from the spec because it is drawn from it. The machine-readable
spec is at ``/api/openapi.json``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

router = APIRouter(include_in_schema=False)


def code_spans(text: str) -> Markup:
    """Text with its Markdown `code spans` as <code>, everything escaped first."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text)))  # escaped above


def describe(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A JSON schema in a few words: "one of csv, json", "integer 1–1000", "string or null"."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = components.get(name, {})
        return describe(target, components) if "enum" in target else name
    if "anyOf" in schema:
        parts = [describe(s, components) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(parts) or "null"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"list of {describe(schema.get('items', {}), components)}"
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None or high is not None:
        kind += f" {'' if low is None else low}–{'' if high is None else high}"
    if "pattern" in schema:
        kind += f" matching {schema['pattern']}"
    if "maxLength" in schema:
        kind += f" (at most {schema['maxLength']} characters)"
    return kind


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of ``spec`` with its parameters, request body types and responses."""
    components = spec.get("components", {}).get("schemas", {})
    out = []
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            params = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False),
                 "type": describe(p.get("schema", {}), components), "default": p.get("schema", {}).get("default"),
                 "description": p.get("description") or p.get("schema", {}).get("description", "")}
                for p in op.get("parameters", [])
            ]  # fmt: skip
            responses, errors = [], []
            for code, response in op.get("responses", {}).items():
                content = response.get("content", {})
                schema = next(iter(content.values()), {}).get("schema", {}) if content else {}
                if code.startswith(("4", "5")):
                    errors.append(code)
                    continue
                responses.append({"code": code, "description": response.get("description", ""),
                                  "types": list(content), "schema": describe(schema, components) if schema else ""})  # fmt: skip
            out.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "params": params, "responses": responses, "errors": errors,
                "body": list(op.get("requestBody", {}).get("content", {})), "secured": bool(op.get("security")),
                "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "").replace(".", "-"),
            })  # fmt: skip
    return out


@router.api_route("/api/docs", methods=["GET", "HEAD"], response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return request.app.state.templates.TemplateResponse(
        request, "api_docs.html", {"spec": spec, "operations": operations(spec)}
    )
