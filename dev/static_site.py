"""The built web app (`web/dist`) served beside the API by `make run`, as CloudFront serves it
in AWS: the portal at `/`, the staff console at `/staff/`, each with a single-page fallback;
`/v1/*`, `/health` and `/openapi.json` stay the API's.

Hashed assets (`/assets/…`) are cached for a year (immutable), HTML never without
revalidation; text is gzipped when the browser asks; the same security headers as the
template's response headers policy (a strict Content-Security-Policy that allows uploads to the
embedded storage's origin). Hooked into `dev/chalice_local.py` as one of its LOCAL_ROUTES.
"""

from __future__ import annotations

import gzip
import os
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from dev.localenv import ROOT

DIST = ROOT / "web" / "dist"
API_PREFIXES = ("/v1/", "/v1?")
API_PATHS = frozenset({"/v1", "/health", "/openapi.json"})
# Entry points: the longest prefix wins; each falls back to its own index.html.
ENTRIES = (("/staff/", "staff/index.html"), ("/", "index.html"))

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".webmanifest", ".txt", ".map"}


def storage_origins() -> str:
    """Where the browser posts uploads locally (the presigned POST's URL)."""
    origins = []
    for name in ("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"):
        value = os.environ.get(name)
        if value:
            parts = urlsplit(value)
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return " ".join(dict.fromkeys(origins))


def security_headers() -> dict[str, str]:
    """The headers of infra/resources.yaml's response headers policy, for the local origin."""
    csp = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        f"font-src 'self'; connect-src 'self' {storage_origins()}; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; manifest-src 'self'"
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def is_api_path(path: str) -> bool:
    return path in API_PATHS or path.startswith(API_PREFIXES)


def resolve(path: str, dist: Path = DIST) -> tuple[Path, bool] | None:
    """URL path -> (file under dist, is_fallback), or None for a 404 (a missing file with an
    extension, or a path escaping dist). Extensionless misses fall back to their entry's
    index.html (client-side routes like /lacak or /staff/antrian)."""
    root = dist.resolve()
    rel = unquote(path).lstrip("/")
    candidate = (root / rel).resolve()
    if not candidate.is_relative_to(root):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate, False
    if "." in rel.rsplit("/", 1)[-1]:
        return None
    for prefix, index in ENTRIES:
        if path == prefix.rstrip("/") or path.startswith(prefix):
            fallback = root / index
            return (fallback, True) if fallback.is_file() else None
    return None


def cache_control(path: Path, dist: Path = DIST) -> str:
    rel = path.relative_to(dist.resolve()).as_posix()
    if rel.startswith("assets/"):
        return "public, max-age=31536000, immutable"  # content-hashed names
    if rel.endswith(".html"):
        return "no-cache"
    return "public, max-age=3600"


_gzipped: dict[tuple[Path, float], bytes] = {}
_lock = threading.Lock()


def _gzip(path: Path, body: bytes) -> bytes:
    key = (path, path.stat().st_mtime)
    with _lock:
        if key not in _gzipped:
            _gzipped[key] = gzip.compress(body, compresslevel=9, mtime=0)
        return _gzipped[key]


def serve(handler: Any, dist: Path = DIST) -> bool:
    """Answer GET/HEAD for the web app; False leaves the request to the API (its paths, and
    any other method). One of dev/chalice_local.py's LOCAL_ROUTES."""
    path = urlsplit(handler.path).path or "/"
    if handler.command not in ("GET", "HEAD") or is_api_path(path):
        return False
    head = handler.command == "HEAD"
    found = resolve(path, dist) if dist.is_dir() else None
    if found is None:
        if not dist.is_dir():
            body = b"web/dist is missing: run `make run` (it builds the web app) or `make web`.\n"
            status = 503
        else:
            body = b"Not found\n"
            status = 404
        _send(handler, status, {"Content-Type": "text/plain; charset=utf-8"}, body, head)
        return True
    file, _fallback = found
    body = file.read_bytes()
    headers = {
        "Content-Type": CONTENT_TYPES.get(file.suffix, "application/octet-stream"),
        "Cache-Control": cache_control(file, dist),
        "Vary": "Accept-Encoding",
        **security_headers(),
    }
    if file.suffix in COMPRESSIBLE and "gzip" in handler.headers.get("Accept-Encoding", ""):
        body = _gzip(file, body)
        headers["Content-Encoding"] = "gzip"
    _send(handler, 200, headers, body, head)
    return True


def _send(handler: Any, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
    handler.send_response(status)
    for name, value in {**headers, "Content-Length": str(len(body))}.items():
        handler.send_header(name, value)
    handler.end_headers()
    if not head:
        handler.wfile.write(body)
