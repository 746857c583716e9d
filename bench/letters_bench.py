"""`make bench`: what issuing one reply letter costs, and the size of the letters' zip.

One letter = render (fpdf2, PDF/A-2b) + PAdES signature (pyHanko, the local self-signed key;
in AWS the digest goes to KMS instead, one more round trip) + SHA-256, in this process, as
the letters function does for each letter. The first is cold (imports, font parsing); the
goal is for a warm one: at most 1.5 s (issue 20); a desk receipt (one page, unsigned) is
held to the same goal. Then both zips: the letters function's, built
as `make package` builds it (dev/letters_package.py: requirements-letters.txt as manylinux
wheels for the python3.11 runtime, slimmed, with the handler's modules and the fonts; budget
12 MiB), and the API's from the last `make package` (budget 8 MiB; none of these libraries).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

GOAL_WARM_S = 1.5
LETTERS_ZIP_BUDGET_MIB = 12
ROOT = Path(__file__).resolve().parent.parent


def _content() -> object:
    from chalicelib.data import load_json
    from chalicelib.domain.letter import (
        Addressee,
        LetterRequest,
        Signer,
        letterhead_from_standard,
        schedule_letter,
    )

    content = schedule_letter(
        Addressee("Kepala", "Dinas Sosial Kabupaten Sambas"),
        "penyaluran bantuan sosial",
        date(2026, 12, 1),
        datetime(2026, 12, 8, 2, 0, tzinfo=UTC),
        datetime(2026, 12, 8, 3, 30, tzinfo=UTC),
        "Ruang Rapat Biro Kesra",
        5,
        date(2026, 12, 7),
        ZoneInfo("Asia/Pontianak"),
        Signer("Kepala Biro Kesejahteraan Rakyat", "Pejabat Contoh", "Pembina (IV/a)", "-"),
        letterhead_from_standard(load_json("standar_pelayanan.json"), "Pontianak"),
        LetterRequest(number="400.9/0001/Kesra/2026"),
        ("Sekretaris Daerah Provinsi Kalimantan Barat",),
    )
    from dataclasses import replace

    return replace(content, verify_url="http://127.0.0.1:8000/verifikasi#" + "A" * 22)


def issue_times(runs: int = 5) -> tuple[float, list[float]]:
    """Seconds for the first letter (cold) and for each of `runs` more (warm)."""
    import hashlib

    from chalicelib.adapters import letter_sign
    from chalicelib.adapters.letter_builder import InProcessLetterBuilder

    with tempfile.TemporaryDirectory() as tmp:
        letter_sign.self_signed_certificate(Path(tmp), "Biro Kesejahteraan Rakyat", "Bench")
        builder = InProcessLetterBuilder(lambda: letter_sign.local_signer(Path(tmp)))
        content = _content()
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            pdf = builder.build(content, draft=False)  # type: ignore[arg-type]
            hashlib.sha256(pdf).hexdigest()
            times.append(time.perf_counter() - start)
    return times[0], times[1:]


def receipt_times(runs: int = 5) -> list[float]:
    """Seconds to compose and render each of `runs` desk receipts (issue 20 point 6) after a
    letter warmed the process, as the letters function renders them: one page, no signature."""
    from chalicelib.adapters.letter_builder import InProcessLetterBuilder
    from chalicelib.data import load_json
    from chalicelib.domain.letter import letterhead_from_standard
    from chalicelib.domain.receipt import ReceiptFacts, receipt_content

    standard = load_json("standar_pelayanan.json")
    head = letterhead_from_standard(standard, "Pontianak")
    at = datetime(2026, 12, 7, 2, 15, tzinfo=UTC)
    facts = ReceiptFacts(
        "complaint", "PGD-2612-7KQ4M", "t" * 43, at, at, "telepon", "ringan", False
    )
    builder = InProcessLetterBuilder(lambda: None)  # type: ignore[arg-type,return-value]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        content = receipt_content(
            facts, standard, head, "https://portal.example", ZoneInfo("Asia/Pontianak")
        )
        builder.build_receipt(content)
        times.append(time.perf_counter() - start)
    return times


def letters_zip_mib() -> float | None:
    """The letters function's zip as `make package` builds it (dev/letters_package.py:
    manylinux wheels, slimmed), or None if pip cannot fetch the wheels."""
    from dev.letters_package import build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "letters.zip"
        try:
            build(out)
        except subprocess.CalledProcessError:
            return None
        return out.stat().st_size / 2**20


def api_zip_mib() -> float | None:
    """The API's zip from the last `make package` (build/package/deployment.zip), if any."""
    built = ROOT / "build" / "package" / "deployment.zip"
    return built.stat().st_size / 2**20 if built.exists() else None


def main() -> int:
    cold, warm = issue_times()
    median = statistics.median(warm)
    print(
        f"letters: issue one letter (render + PAdES sign + SHA-256): cold {cold:.2f} s, "
        f"warm median {median:.2f} s (goal <= {GOAL_WARM_S} s warm)"
        + ("" if median <= GOAL_WARM_S else "  OVER GOAL")
    )
    receipt = statistics.median(receipt_times())
    print(
        f"letters: one desk receipt (compose + render, unsigned): warm median {receipt:.2f} s "
        f"(goal <= {GOAL_WARM_S} s warm, as a letter)"
        + ("" if receipt <= GOAL_WARM_S else "  OVER GOAL")
    )
    size = letters_zip_mib()
    if size is None:
        print("letters: zip size not measured (pip could not fetch the manylinux wheels)")
    else:
        print(
            f"letters: letters function zip {size:.2f} MiB (budget {LETTERS_ZIP_BUDGET_MIB} MiB)"
            + ("" if size <= LETTERS_ZIP_BUDGET_MIB else "  OVER BUDGET")
        )
    api = api_zip_mib()
    print(
        "letters: the API zip carries none of these libraries: "
        + (f"{api:.2f} MiB (budget 8 MiB)" if api is not None else "run make package first")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
