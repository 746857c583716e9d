"""Print the Lambda zip's size (and its largest parts); fail above the 8 MiB budget."""

from __future__ import annotations

import collections
import sys
import zipfile
from pathlib import Path

BUDGET = 8 * 1024 * 1024


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "build/package/deployment.zip")
    size = path.stat().st_size
    parts: collections.Counter[str] = collections.Counter()
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            parts[info.filename.split("/")[0]] += info.compress_size
    print(f"Lambda deployment zip: {size / 1024 / 1024:.2f} MiB (budget 8 MiB)")
    for name, compressed in parts.most_common(6):
        print(f"  {compressed / 1024 / 1024:6.2f} MiB  {name}")
    if size > BUDGET:
        print("over budget: keep heavy optional libraries out of requirements.txt", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
