"""Build the letters function's own zip (issue 20, point 7): `build/package/letters.zip`.

The API's zip (8 MiB) leaves out the PDF and signing libraries; the letters function
(`chalicelib/letters_function.handler`, infra/resources.yaml `LettersFunction`) carries them:
requirements-letters.txt as manylinux2014 wheels for the python3.11 runtime (pip, `--no-deps`:
the file pins everything they pull in), the chalicelib modules the handler imports, and the
letter fonts. boto3 comes from the Lambda runtime (the KMS signer's client).

Left out, because rendering and signing never import them (the letters zip test renders and
signs with only this zip on sys.path, tests/integration/test_package_files.py):

- aiohttp and what only it needs (aiohappyeyeballs, aiosignal, attrs, frozenlist, multidict,
  propcache, yarl, idna): pyHanko loads them only to fetch revocation data or time stamps
  over the network (`pyhanko_certvalidator.fetchers`, deferred import), which signing B-B
  does not do; certifi for the same reason; oscrypto (pyhanko_certvalidator's optional
  legacy backend) and pycparser (cffi's build-time parser).
- lxml: pyHanko parses XMP with it only when reading metadata (`try: import` in its writer);
  fontTools only to subset SVG tables, which Liberation Sans has not.
- Pillow is not installed at all: fpdf2 imports it inside `try` and needs it only for raster
  images; the letter's QR code is drawn as vectors.
- fontTools' packages the subsetter never loads (ufoLib, feaLib's parser and builder,
  cu2qu/qu2cu, t1/afm/tfm/mtiLib/voltLib/ttx, merge, the font builder, diff), and its
  Cython accelerators (`*.so`: each has the pure-Python module beside it, fontTools' own
  fallback).
- pyHanko's command line and the parts for validation and qualified-trust lists, never used to
  sign; tests, type stubs (`*.pyi`) and `py.typed` everywhere; no `.pyc` (as chalice's zip).
- The remaining shared objects (cryptography's Rust core, cffi) lose their debug sections
  (`strip --strip-debug`, as dev/slim_package.py does), when binutils is there.

Run by `make package`; prints the size against BUDGET and fails above it.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 12 * 1024 * 1024  # issue 20, point 7

# The handler's own modules (what `chalicelib.letters_function` imports, transitively).
MODULES = (
    "chalicelib/__init__.py",
    "chalicelib/letters_function.py",
    "chalicelib/domain/__init__.py",
    "chalicelib/domain/errors.py",
    "chalicelib/domain/letter.py",
    "chalicelib/domain/receipt.py",
    "chalicelib/domain/timeutil.py",
    "chalicelib/domain/tracking.py",
    "chalicelib/adapters/__init__.py",
    "chalicelib/adapters/aws_client.py",
    "chalicelib/adapters/letter_builder.py",
    "chalicelib/adapters/letter_pdf.py",
    "chalicelib/adapters/letter_sign.py",
    "chalicelib/adapters/receipt_pdf.py",
    "chalicelib/data/fonts/LiberationSans-Regular.ttf",
    "chalicelib/data/fonts/LiberationSans-Bold.ttf",
    "chalicelib/data/fonts/LiberationMono-Bold.ttf",
    "chalicelib/data/fonts/LICENSE",
)

_FONTTOOLS_UNUSED = (
    "afmLib|agl|cu2qu|qu2cu|fontBuilder|merge|mtiLib|voltLib|ufoLib|t1Lib|tfmLib|ttx|help"
    "|annotations|__main__|diff|feaLib/(?:builder|lexer|parser|__main__)"
)
DROP = re.compile(
    r"^(?:"
    r"(?:oscrypto|pycparser|lxml|bin)(?:[-_.][^/]*)?/.*"
    r"|fontTools/(?:" + _FONTTOOLS_UNUSED + r")(?:/.*|\.py)?"
    r"|fontTools/.*\.(?:so|c|pyx)"
    r"|pyhanko/(?:cli|sign/validation/qualified/eutl_[a-z]+\.py|sign/timestamps/requests_client\.py)(?:/.*)?"
    r"|pyhanko_certvalidator/fetchers/requests_fetchers/.*"
    r"|.*/tests?/.*|.*\.pyi|.*/py\.typed|.*\.pyc"
    r")$"
)
STRIP = re.compile(r".*\.so(\.[0-9.]+)?$")


def _install(target: Path) -> None:
    cmd = [
        sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--no-compile", "--target", str(target),
        "--platform", "manylinux2014_x86_64", "--implementation", "cp",
        "--python-version", "3.11", "--only-binary=:all:",
        "-r", str(ROOT / "requirements-letters.txt"),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, env={**os.environ})


def _stripped(path: Path) -> bytes:
    tool = shutil.which("strip")
    if tool is None:
        return path.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        subprocess.run([tool, "--strip-debug", str(copy)], check=True)
        return copy.read_bytes()


def build(out: Path) -> None:
    """Install, filter and zip (deflate level 9) into `out`."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "pkg"
        _install(target)
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for path in sorted(target.rglob("*")):
                name = path.relative_to(target).as_posix()
                if not path.is_file() or "__pycache__" in path.parts or DROP.match(name):
                    continue
                data = _stripped(path) if STRIP.match(name) else path.read_bytes()
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16
                z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            for name in MODULES:
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16
                z.writestr(info, (ROOT / name).read_bytes(), compress_type=zipfile.ZIP_DEFLATED)


def report(path: Path) -> bool:
    """Print the zip's size and largest parts; True within BUDGET."""
    size = path.stat().st_size
    parts: collections.Counter[str] = collections.Counter()
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            parts[info.filename.split("/")[0]] += info.compress_size
    print(f"Letters function zip: {size / 2**20:.2f} MiB (budget {BUDGET / 2**20:.0f} MiB)")
    for name, compressed in parts.most_common(6):
        print(f"  {compressed / 2**20:6.2f} MiB  {name}")
    return size <= BUDGET


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "build/package/letters.zip")
    build(out)
    if not report(out):
        print("over budget: see dev/letters_package.py for what is left out", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
