"""`make bench`: what issuing one reply letter costs, and the size of the letters' zip.

One letter = render (fpdf2, PDF/A-2b) + PAdES signature (pyHanko, the local self-signed key;
in AWS the digest goes to KMS instead, one more round trip) + SHA-256, in this process, as
the letters function does for each letter. The first is cold (imports, font parsing); the
goal is for a warm one: at most 1.5 s (issue 20). Then the letters function's zip: its
libraries (requirements-letters.txt, manylinux wheels for the python3.11 runtime), the fonts
and chalicelib, deflated; its budget is 12 MiB. The API's zip (8 MiB budget) is printed by
`make package` (dev/package_size.py): it carries none of these libraries.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
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


def letters_zip_mib() -> float | None:
    """The letters function's zip, built here from manylinux wheels (None if pip cannot)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "pkg"
        cmd = [
            sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            "--target", str(target), "--platform", "manylinux2014_x86_64",
            "--implementation", "cp", "--python-version", "3.11", "--only-binary=:all:",
            "-r", str(ROOT / "requirements-letters.txt"),
        ]  # fmt: skip
        if subprocess.run(cmd, check=False, env={**os.environ}).returncode != 0:  # noqa: S603 - pip, our requirements file
            return None
        out = Path(tmp) / "letters.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for base in (target, ROOT):
                roots = [target] if base is target else [ROOT / "chalicelib"]
                for root in roots:
                    for path in root.rglob("*"):
                        if path.is_file() and "__pycache__" not in path.parts:
                            z.write(path, path.relative_to(base))
        return out.stat().st_size / 2**20


def main() -> int:
    cold, warm = issue_times()
    median = statistics.median(warm)
    print(
        f"letters: issue one letter (render + PAdES sign + SHA-256): cold {cold:.2f} s, "
        f"warm median {median:.2f} s (goal <= {GOAL_WARM_S} s warm)"
        + ("" if median <= GOAL_WARM_S else "  OVER GOAL")
    )
    size = letters_zip_mib()
    if size is None:
        print("letters: zip size not measured (pip could not fetch the manylinux wheels)")
    else:
        print(
            f"letters: letters function zip {size:.2f} MiB (budget {LETTERS_ZIP_BUDGET_MIB} MiB)"
            + ("" if size <= LETTERS_ZIP_BUDGET_MIB else "  OVER BUDGET")
        )
    print("letters: the API zip carries none of these libraries (make package prints its size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
