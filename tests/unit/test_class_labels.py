"""The console names each complaint class with its time limit, as the service standard sets it
(issue 17, trial finding 5: only "Ringan (3 jam kerja)" showed its limit)."""

from __future__ import annotations

import re

from chalicelib.data import load_json
from tests.conftest import ROOT

UNIT_WORDS = {
    "id": {"office_hours": "jam kerja", "working_days": "hari kerja"},
    "en": {"office_hours": "office hours", "working_days": "working days"},
}


def _class_labels(lang: str) -> dict[str, str]:
    text = (ROOT / "web" / "src" / "staff" / "i18n" / f"{lang}.ts").read_text("utf-8")
    block = re.search(r"\n  class: \{(.*?)\n  \},", text, re.S)
    assert block, f"no class block in {lang}.ts"
    return dict(re.findall(r"(\w+): '([^']*)'", block.group(1)))


def test_every_class_label_carries_the_standards_limit_in_both_languages() -> None:
    standard = load_json("standar_pelayanan.json")
    classes = [c for s in standard["services"] for c in s.get("classes") or []]
    assert {c["code"] for c in classes} == {"ringan", "normatif", "non_pengawasan", "pengawasan"}
    for lang, words in UNIT_WORDS.items():
        labels = _class_labels(lang)
        for c in classes:
            limit = f"({c['limit']['amount']} {words[c['limit']['unit']]})"
            assert labels[c["code"]].endswith(limit), (lang, c["code"], labels[c["code"]])
