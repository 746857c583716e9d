"""Survei Kepuasan Masyarakat (SKM) and its index (IKM), as PermenPANRB No. 14 of 2017 defines
them (domain.md, "Satisfaction survey").

Pure functions. Arithmetic is exact (fractions.Fraction) and every shown number is rounded once,
at the end, with Decimal ROUND_HALF_UP: binary floats would round 76.605 down to 76.60 (band C)
where the regulation's half-up gives 76.61 (band B). Every number of the rules is configuration
(`SkmRules`), with the regulation's values as defaults.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from .errors import FieldError, FieldErrors, InvalidTransition
from .ids import ALPHABET

SERVICES = ("audience", "complaint")
UNSUR = tuple(f"U{i}" for i in range(1, 10))
MAX_SUGGESTION = 2000


@dataclass(frozen=True, slots=True)
class Element:
    """One unsur: its code (U1-U9), name, question and the four answer labels (1..4)."""

    code: str
    name: dict[str, str]
    question: dict[str, str]
    labels: dict[str, tuple[str, str, str, str]]


def _element(
    code: str,
    name_id: str,
    name_en: str,
    q_id: str,
    q_en: str,
    labels_id: tuple[str, str, str, str],
    labels_en: tuple[str, str, str, str],
) -> Element:
    return Element(
        code,
        {"id": name_id, "en": name_en},
        {"id": q_id, "en": q_en},
        {"id": labels_id, "en": labels_en},
    )


# The nine elements with the questions of the regulation's sample questionnaire (Lampiran),
# numbered as the issue pins them (U8 complaints handling, U9 facilities).
ELEMENTS: tuple[Element, ...] = (
    _element(
        "U1",
        "Persyaratan",
        "Requirements",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        "How well do the service's requirements fit the kind of service?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
        ("Not appropriate", "Less appropriate", "Appropriate", "Very appropriate"),
    ),
    _element(
        "U2",
        "Sistem, mekanisme dan prosedur",
        "System, mechanism and procedure",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "How easy was the service procedure of this unit?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
        ("Not easy", "Less easy", "Easy", "Very easy"),
    ),
    _element(
        "U3",
        "Waktu penyelesaian",
        "Completion time",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        "How fast was the service delivered?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
        ("Not fast", "Less fast", "Fast", "Very fast"),
    ),
    _element(
        "U4",
        "Biaya/tarif",
        "Cost/fee",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "How fair was the cost or fee of the service?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
        ("Very expensive", "Rather expensive", "Cheap", "Free"),
    ),
    _element(
        "U5",
        "Produk spesifikasi jenis pelayanan",
        "Product of the service",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?",
        "How well did what you received match the product the service standard promises?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
        ("Not appropriate", "Less appropriate", "Appropriate", "Very appropriate"),
    ),
    _element(
        "U6",
        "Kompetensi pelaksana",
        "Staff competence",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        "How competent were the staff who served you?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
        ("Not competent", "Less competent", "Competent", "Very competent"),
    ),
    _element(
        "U7",
        "Perilaku pelaksana",
        "Staff conduct",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
        "dan keramahan?",
        "How polite and friendly were the staff?",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
        (
            "Not polite and friendly",
            "Less polite and friendly",
            "Polite and friendly",
            "Very polite and friendly",
        ),
    ),
    _element(
        "U8",
        "Penanganan pengaduan, saran dan masukan",
        "Handling of complaints, suggestions and feedback",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        "How are the complaints of service users handled?",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
        ("None", "Exists but does not work", "Works, not fully", "Well managed"),
    ),
    _element(
        "U9",
        "Sarana dan prasarana",
        "Facilities",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        "How good are the facilities?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
        ("Poor", "Fair", "Good", "Very good"),
    ),
)
ELEMENT_BY_CODE = {e.code: e for e in ELEMENTS}

# Optional respondent profile: field -> (code, Indonesian, English) choices.
PROFILE_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "age_band": (
        ("under_20", "Di bawah 20 tahun", "Under 20"),
        ("20_29", "20-29 tahun", "20-29"),
        ("30_39", "30-39 tahun", "30-39"),
        ("40_49", "40-49 tahun", "40-49"),
        ("50_59", "50-59 tahun", "50-59"),
        ("60_plus", "60 tahun ke atas", "60 or older"),
    ),
    "sex": (("laki_laki", "Laki-laki", "Male"), ("perempuan", "Perempuan", "Female")),
    "education": (
        ("sd", "SD ke bawah", "Primary or less"),
        ("smp", "SMP", "Junior high"),
        ("sma", "SMA/SMK", "Senior high"),
        ("diploma", "D1-D4", "Diploma"),
        ("s1", "S1", "Bachelor"),
        ("s2", "S2", "Master"),
        ("s3", "S3", "Doctorate"),
    ),
    "occupation": (
        ("pns", "PNS/ASN", "Civil servant"),
        ("tni_polri", "TNI/Polri", "Military/police"),
        ("swasta", "Pegawai swasta", "Private employee"),
        ("wirausaha", "Wirausaha", "Self-employed"),
        ("pelajar_mahasiswa", "Pelajar/mahasiswa", "Student"),
        ("lainnya", "Lainnya", "Other"),
    ),
}
PROFILE_NOT_GIVEN = "tidak_diisi"

# When a requester may answer (api.md): after the service ended.
SURVEY_STATES = {"audience": ("held", "declined"), "complaint": ("answered", "closed")}

# The audit actions that end a service once per item: each is one unit of the population
# ("services completed in the period"). A guestbook visit counts for the audience service,
# whose procedure starts at the front desk (domain.md, Service 1).
ENDING_ACTIONS = {
    "audience.held": "audience",
    "audience.declined": "audience",
    "complaint.answered": "complaint",
    "guestbook.checkout": "audience",
}


@dataclass(frozen=True, slots=True)
class Band:
    """A quality band: the letter (mutu), the label (kinerja) and the highest converted
    index it holds (two decimals, inclusive)."""

    mutu: str
    kinerja: str
    upper: Decimal


@dataclass(frozen=True, slots=True)
class SkmRules:
    """The numbers of PermenPANRB 14/2017 as configuration (SKM_RULES_JSON overrides them).

    Minimum sample: Krejcie and Morgan (1970), s = X²·N·P(1-P) / (d²(N-1) + X²·P(1-P)),
    rounded up. Bands are on the converted index (25-100): 25.00-64.99 D, 65.00-76.60 C,
    76.61-88.30 B, 88.31-100.00 A.
    """

    chi_square: Decimal = Decimal("3.841")
    proportion: Decimal = Decimal("0.5")
    margin: Decimal = Decimal("0.05")
    conversion: int = 25
    bands: tuple[Band, ...] = (
        Band("D", "Tidak Baik", Decimal("64.99")),
        Band("C", "Kurang Baik", Decimal("76.60")),
        Band("B", "Baik", Decimal("88.30")),
        Band("A", "Sangat Baik", Decimal("100.00")),
    )
    weakest_count: int = 3
    code_valid_days: int = 30
    max_period_months: int = 24


def half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round to `places` decimals, half away from zero (ROUND_HALF_UP), exactly."""
    quantum = Decimal(1).scaleb(-places)
    if isinstance(value, Fraction):
        with localcontext() as ctx:
            ctx.prec = 60  # exact enough: a fraction of small terms is never that close to a tie
            value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def band_for(converted: Decimal, rules: SkmRules) -> Band:
    """The band of a converted index already rounded to two decimals."""
    for band in rules.bands:
        if converted <= band.upper:
            return band
    return rules.bands[-1]


def minimum_sample(population: int, rules: SkmRules) -> int:
    """Krejcie-Morgan minimum sample for a population of `population` services (ceil)."""
    if population <= 0:
        return 0
    x2 = Fraction(rules.chi_square)
    p = Fraction(rules.proportion)
    d = Fraction(rules.margin)
    s = x2 * population * p * (1 - p) / (d * d * (population - 1) + x2 * p * (1 - p))
    return math.ceil(s)


# --- a response --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SurveyResponse:
    """One anonymous answer sheet: the service, the local month, nine answers, the optional
    profile and suggestion. Never a name, a contact, an item code or a time of day."""

    id: str
    service: str
    month: str  # YYYY-MM, Asia/Pontianak
    answers: Mapping[str, int]
    profile: Mapping[str, str] = field(default_factory=dict)
    suggestion: str | None = None


def check_answers(answers: Mapping[str, object]) -> dict[str, int]:
    """All nine answers, each 1-4; every missing or bad one is named at once (FieldErrors)."""
    problems: list[FieldError] = []
    clean: dict[str, int] = {}
    for code in UNSUR:
        value = answers.get(code)
        if value is None:
            problems.append(FieldError(f"answers.{code}", "missing"))
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            problems.append(FieldError(f"answers.{code}", "answer_range"))
        else:
            clean[code] = value
    for extra in sorted(set(answers) - set(UNSUR)):
        problems.append(FieldError(f"answers.{extra}", "extra_forbidden"))
    if problems:
        raise FieldErrors(problems)
    return clean


def check_profile(profile: Mapping[str, str | None]) -> dict[str, str]:
    problems: list[FieldError] = []
    clean: dict[str, str] = {}
    for name, value in profile.items():
        if name not in PROFILE_FIELDS:
            problems.append(FieldError(f"profile.{name}", "extra_forbidden"))
        elif value is None:
            continue
        elif value not in {c for c, _, _ in PROFILE_FIELDS[name]}:
            expected = ", ".join(c for c, _, _ in PROFILE_FIELDS[name])
            problems.append(FieldError(f"profile.{name}", "literal_error", expected=expected))
        else:
            clean[name] = value
    if problems:
        raise FieldErrors(problems)
    return clean


def new_response(
    response_id: str,
    service: str,
    month: str,
    answers: Mapping[str, object],
    profile: Mapping[str, str | None] | None = None,
    suggestion: str | None = None,
) -> SurveyResponse:
    """A checked response; FieldErrors names every bad answer and profile field at once."""
    problems: list[FieldError] = []
    clean_answers: dict[str, int] = {}
    clean_profile: dict[str, str] = {}
    try:
        clean_answers = check_answers(answers)
    except FieldErrors as exc:
        problems += exc.errors
    try:
        clean_profile = check_profile(profile or {})
    except FieldErrors as exc:
        problems += exc.errors
    if problems:
        raise FieldErrors(problems)
    text = (suggestion or "").strip() or None
    return SurveyResponse(response_id, service, month, clean_answers, clean_profile, text)


def survey_open(service: str, status: str) -> bool:
    """Whether a requester may answer now: after the service ended (api.md)."""
    return status in SURVEY_STATES.get(service, ())


def require_survey_open(service: str, status: str) -> None:
    if not survey_open(service, status):
        allowed = ", ".join(SURVEY_STATES.get(service, ()))
        raise InvalidTransition(rule="skm.survey", state=status, allowed=allowed)


# --- the one-time code of a front-desk visitor --------------------------------------------

CODE_PREFIX = "SKM"


def new_survey_code() -> str:
    """SKM-XXXX-XXXX: 8 characters of the readable alphabet (about 39 bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{CODE_PREFIX}-{raw[:4]}-{raw[4:]}"


def normalize_code(text: str) -> str:
    """What a visitor types: any case, with or without hyphens and spaces."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    if raw.startswith(CODE_PREFIX):
        raw = raw[len(CODE_PREFIX) :]
    return f"{CODE_PREFIX}-{raw[:4]}-{raw[4:]}"


def code_hash(code: str) -> str:
    """Only this is stored: the code itself is shown once, on the check-out answer."""
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SurveyInvite:
    """A one-time survey code: its hash, the service it is for and its last valid day."""

    code_hash: str
    service: str
    expires_on: date
    used: bool = False


# --- the index --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnsurResult:
    unsur: str
    name: str
    nrr: Decimal  # 4 decimals
    nrr_weighted: Decimal  # NRR / 9, 4 decimals
    converted: Decimal  # NRR x 25, 2 decimals
    mutu: str


@dataclass(frozen=True, slots=True)
class SkmResult:
    """The index of a set of responses. With no responses: no NRR, no index, no band."""

    responses: int
    population: int
    minimum_sample: int
    sample_sufficient: bool
    per_unsur: tuple[UnsurResult, ...]
    index: Decimal | None  # 1-4, 4 decimals
    converted_index: Decimal | None  # 25-100, 2 decimals
    mutu: str | None
    kinerja: str | None
    weakest: tuple[UnsurResult, ...]
    profile: dict[str, dict[str, int]]
    suggestions: tuple[str, ...]


def compute(
    responses: Iterable[SurveyResponse], population: int, rules: SkmRules, lang: str = "id"
) -> SkmResult:
    """NRR per element = sum of its answers / number of answers; index = mean of the nine NRR
    (1/9 each); converted = index x 25, two decimals half-up; band by the converted index."""
    sums: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    profile: dict[str, Counter[str]] = {name: Counter() for name in PROFILE_FIELDS}
    suggestions: list[str] = []
    n = 0
    for r in responses:
        n += 1
        for code in UNSUR:
            if code in r.answers:
                sums[code] += r.answers[code]
                counts[code] += 1
        for name in PROFILE_FIELDS:
            profile[name][r.profile.get(name, PROFILE_NOT_GIVEN)] += 1
        if r.suggestion:
            suggestions.append(r.suggestion)
    minimum = minimum_sample(population, rules)
    profile_out = {name: dict(sorted(c.items())) for name, c in profile.items()}
    if n == 0 or any(counts[code] == 0 for code in UNSUR):
        return SkmResult(
            n, population, minimum, n >= minimum and n > 0, (), None, None, None, None, (),
            profile_out, tuple(suggestions),
        )  # fmt: skip
    nrr = {code: Fraction(sums[code], counts[code]) for code in UNSUR}
    per_unsur = tuple(
        UnsurResult(
            unsur=code,
            name=ELEMENT_BY_CODE[code].name.get(lang, ELEMENT_BY_CODE[code].name["id"]),
            nrr=half_up(nrr[code], 4),
            nrr_weighted=half_up(nrr[code] / len(UNSUR), 4),
            converted=(conv := half_up(nrr[code] * rules.conversion, 2)),
            mutu=band_for(conv, rules).mutu,
        )
        for code in UNSUR
    )
    index = sum(nrr.values(), Fraction(0)) / len(UNSUR)
    converted = half_up(index * rules.conversion, 2)
    band = band_for(converted, rules)
    order = sorted(UNSUR, key=lambda code: (nrr[code], int(code[1:])))
    by_code = {u.unsur: u for u in per_unsur}
    weakest = tuple(by_code[code] for code in order[: rules.weakest_count])
    return SkmResult(
        responses=n,
        population=population,
        minimum_sample=minimum,
        sample_sufficient=n >= minimum,
        per_unsur=per_unsur,
        index=half_up(index, 4),
        converted_index=converted,
        mutu=band.mutu,
        kinerja=band.kinerja,
        weakest=weakest,
        profile=profile_out,
        suggestions=tuple(suggestions),
    )


# --- the period ---------------------------------------------------------------------------


def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from `first` to `last` inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out: list[str] = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def check_period(first: str, last: str, rules: SkmRules) -> list[str]:
    """The months of a report period; `to` before `from` or a period too long is a 400."""
    if last < first:
        raise FieldError("to", "before_from")
    months = months_between(first, last)
    if len(months) > rules.max_period_months:
        raise FieldError("to", "period_too_long", months=rules.max_period_months)
    return months


# --- publication --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One action of the follow-up plan (rencana tindak lanjut): which element, what, who,
    by when (a local date)."""

    unsur: str
    action: str
    who: str
    by: date


def check_follow_up(result: SkmResult, plan: Iterable[FollowUp]) -> None:
    """A result can be published only with responses, and with a plan for each weak element;
    every element without one is named at once."""
    if result.converted_index is None:
        raise FieldError("from", "no_responses")
    planned = {f.unsur for f in plan}
    missing = [u.unsur for u in result.weakest if u.unsur not in planned]
    if missing:
        raise FieldErrors([FieldError("follow_up", "follow_up_missing", unsur=u) for u in missing])


@dataclass(frozen=True, slots=True)
class Publication:
    """A period's result frozen with its follow-up plan, as the public sees it. `published_by`
    is the staff subject (kept for the audit, never shown publicly)."""

    period_from: str
    period_to: str
    service: str  # audience | complaint | all
    result: SkmResult
    follow_up: tuple[FollowUp, ...]
    published_at: datetime
    published_by: str

    @property
    def ref(self) -> str:
        return f"SKMPUB#{self.period_from}#{self.period_to}#{self.service}"
