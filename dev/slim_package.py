"""Leave out of the Lambda zip what the code never loads, so Pillow fits the 8 MiB budget.

Pillow's wheel (8 MiB) bundles codecs and tools this service never opens: AVIF, WebP, fonts
(FreeType, HarfBuzz, Brotli, libpng for fonts), colour management (LittleCMS; the ICC profile
is copied as bytes, never converted), Tk. The file inspector opens JPEG and PNG only, through
`PIL._imaging` and the libraries it links (libjpeg, zlib, libtiff with zstd and lzma,
OpenJPEG, xcb). `PIL._imaging` also ships its debug information (0.7 MiB zipped): `strip
--strip-debug` removes it when binutils is there. `holidays` ships every country's
translations; the service asks for Indonesia's names only (`ID.mo` of each language is kept).
Powertools ships the Swagger UI's script and style for its own event handler, which this
Chalice app does not use. `phonenumbers` (domain/phone.py: parse, validate, format E.164) never
loads its short-number metadata (emergency and service codes: `shortdata/region_*.py`, each
loaded only when asked for) or its type stubs. icalendar ships its own test suite (0.24 MiB
zipped). The letters' fonts, the letters function's handler and the modules that render and
sign (letter_pdf, letter_sign) are for the letters function (its own zip,
dev/letters_package.py): the API never renders or signs a letter in AWS, it invokes that
function (LETTER_FUNCTION_NAME).

Run by `make package` on `build/package/deployment.zip`, in place;
tests/integration/test_package_files.py loads the result and runs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DROP = re.compile(
    r"^(PIL/_(avif|webp|imagingft|imagingcms|imagingtk)\.[^/]*\.so"
    r"|pillow\.libs/lib(avif|webp|sharpyuv|freetype|harfbuzz|brotli|png16|lcms2)[^/]*"
    r"|holidays/locale/.*/(?!ID\.mo$)[^/]+\.mo"
    r"|aws_lambda_powertools/event_handler/openapi/swagger_ui/[^/]+\.(js|css)"
    r"|phonenumbers/(shortdata/region_[^/]+\.py|.*\.pyi)"
    r"|icalendar/tests/.*"
    r"|chalicelib/(?:letters_function|adapters/letter_pdf|adapters/letter_sign|adapters/receipt_pdf)\.py"
    r"|chalicelib/data/fonts/[^/]+)$"
)
STRIP = re.compile(r"^PIL/_imaging[a-z]*\.[^/]*\.so$")


def _stripped(data: bytes) -> bytes:
    """The shared object without its debug sections, or unchanged without binutils."""
    tool = shutil.which("strip")
    if tool is None:
        return data
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lib.so"
        path.write_bytes(data)
        subprocess.run([tool, "--strip-debug", str(path)], check=True)
        return path.read_bytes()


def slim(path: Path) -> tuple[int, int]:
    """Rewrite the zip at `path` without DROP's entries and with STRIP's stripped; returns
    (bytes before, bytes after) of the zip file."""
    before = path.stat().st_size
    out = path.with_suffix(".slim.zip")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if DROP.match(info.filename):
                continue
            data = src.read(info)
            if STRIP.match(info.filename):
                data = _stripped(data)
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    out.replace(path)
    return before, path.stat().st_size


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "build/package/deployment.zip")
    before, after = slim(path)
    mib = 1024 * 1024
    print(f"slimmed {path}: {before / mib:.2f} MiB -> {after / mib:.2f} MiB")
    if shutil.which("strip") is None:
        print("binutils' strip not found: PIL._imaging keeps its debug information")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
