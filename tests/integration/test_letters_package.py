"""The letters function's zip as `make package` builds it (dev/letters_package.py) still does
its work alone: unpacked, with only the zip on sys.path (no site-packages), its handler renders
a letter and signs it with a local key, and pyHanko's validator (the dev environment's) finds
the signature valid; a draft comes back unsigned."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

BUILT = ROOT / "build" / "package" / "letters.zip"
BUDGET = 12 * 1024 * 1024

CHILD = """
import base64, json, sys
assert all("site-packages" not in p for p in sys.path), sys.path
from chalicelib.letters_function import handler
event = json.loads(sys.stdin.read())
signed = handler(event)
draft = handler(dict(event, draft=True))
import fpdf, pyhanko.sign, cryptography
print(json.dumps({
    "signed": signed["pdf"], "draft": draft["pdf"],
    "from": [m.__file__ for m in (fpdf, pyhanko.sign, cryptography)],
    "loaded": sorted({m.split(".")[0] for m in sys.modules}),
}))
"""


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make package` builds the zip before the tests; a lone pytest run builds it here."""
    if not BUILT.exists():
        subprocess.run(
            [sys.executable, "-m", "dev.letters_package", str(BUILT)],
            cwd=ROOT,
            check=True,
            timeout=600,
        )
    where = tmp_path_factory.mktemp("letters")
    with zipfile.ZipFile(BUILT) as z:
        z.extractall(where)
    return where


def test_the_letters_zip_is_within_budget_and_leaves_out_what_signing_never_loads(
    unpacked: Path,
) -> None:
    names = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    assert "chalicelib/letters_function.py" in names
    assert "chalicelib/data/fonts/LiberationSans-Regular.ttf" in names
    assert not any(n.startswith(("lxml/", "PIL/", "oscrypto/", "boto3/")) for n in names)
    assert not any(n.startswith("chalicelib/api/") for n in names)  # the API is not in it
    assert not any(n.startswith("fontTools/") and n.endswith(".so") for n in names)
    assert not any(n.endswith((".pyi", ".pyc")) for n in names)
    assert BUILT.stat().st_size <= BUDGET


def _validate(pdf: bytes, cert_dir: Path) -> tuple[bool, bool]:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = load_cert_from_pemder(str(cert_dir / "cert.pem"))  # type: ignore[no-untyped-call]
    ctx = ValidationContext(trust_roots=[root])
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    status = validate_pdf_signature(reader.embedded_signatures[0], ctx)
    return status.bottom_line, status.intact


def test_the_zip_alone_renders_and_signs_a_letter_that_validates(
    unpacked: Path, tmp_path: Path
) -> None:
    from bench.letters_bench import _content
    from chalicelib.adapters import letter_sign
    from chalicelib.adapters.letter_builder import content_payload

    keys = tmp_path / "keys"
    letter_sign.self_signed_certificate(keys, "Biro Kesejahteraan Rakyat", "Uji Paket")
    event = {"content": content_payload(_content()), "draft": False}  # type: ignore[arg-type]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LETTER_"))}
    env.update(PYTHONPATH=str(unpacked), LETTER_SIGNING_DIR=str(keys))
    out = subprocess.run(
        [sys.executable, "-S", "-W", "ignore", "-c", CHILD],
        cwd=unpacked,
        env=env,
        input=json.dumps(event),
        check=False,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert all(path.startswith(str(unpacked)) for path in result["from"])  # the zip's own
    assert "lxml" not in result["loaded"] and "PIL" not in result["loaded"]
    signed = base64.b64decode(result["signed"])
    assert signed.startswith(b"%PDF-")
    assert _validate(signed, keys) == (True, True)
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(signed)).pages[0].extract_text()
    assert "400.9/0001/Kesra/2026" in text and "Dinas Sosial Kabupaten Sambas" in text
    changed = bytearray(signed)
    at = signed.index(b"Layanan Kesra")  # signed bytes (the XMP creator)
    changed[at] ^= 0x01
    assert _validate(bytes(changed), keys)[0] is False
    draft = base64.b64decode(result["draft"])
    assert b"/ByteRange" not in draft and b"PRATINJAU" not in signed


RECEIPT_CHILD = """
import json, sys
assert all("site-packages" not in p for p in sys.path), sys.path
from chalicelib.letters_function import handler
print(json.dumps(handler(json.loads(sys.stdin.read()))))
"""


def test_the_zip_alone_renders_the_desks_receipt_without_a_signer(
    unpacked: Path, tmp_path: Path
) -> None:
    """Issue 20 point 6: the receipt event needs only what the zip carries (the receipt's
    modules listed in dev/letters_package.py) and no key."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from chalicelib.data import load_json
    from chalicelib.domain.letter import letterhead_from_standard
    from chalicelib.domain.receipt import ReceiptFacts, receipt_content

    standard = load_json("standar_pelayanan.json")
    at = datetime(2026, 12, 7, 2, 15, tzinfo=UTC)
    facts = ReceiptFacts("audience", "AUD-2612-X9T2B", "t" * 43, at, at, "front_desk", "", True)
    content = receipt_content(
        facts,
        standard,
        letterhead_from_standard(standard, "Pontianak"),
        "https://portal.example",
        ZoneInfo("Asia/Pontianak"),
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LETTER_"))}
    env.update(PYTHONPATH=str(unpacked))
    out = subprocess.run(
        [sys.executable, "-S", "-W", "ignore", "-c", RECEIPT_CHILD],
        cwd=unpacked,
        env=env,
        input=json.dumps({"receipt": content.to_payload()}),
        check=False,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    pdf = base64.b64decode(json.loads(out.stdout.strip().splitlines()[-1])["pdf"])
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 and b"/ByteRange" not in pdf
    assert "AUD-2612-X9T2B" in reader.pages[0].extract_text()
