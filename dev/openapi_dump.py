"""Write the app's OpenAPI document to a file, in-process (no server): the web client's types
are generated from it (`make web-api`), and `make test` checks they are not stale.

Usage: python -m dev.openapi_dump build/openapi.json
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "build/openapi.json")
    # Importing the app reads settings once; the document does not depend on their values.
    for name in ("CURSOR_SECRET", "TOKEN_SECRET", "LOCAL_JWT_SECRET"):
        os.environ.setdefault(name, "openapi-dump-" + "x" * 32)
    os.environ.setdefault("APP_ENV", "local")
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    import app  # noqa: F401 - registers every blueprint's endpoints
    from chalicelib.api.openapi import build_openapi

    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(build_openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
