"""The satisfaction index (IKM) of PermenPANRB No. 14 of 2017 (domain.md, "Satisfaction
survey"): the minimum sample, the NRR per element, the index and its band, the report period
and the publication with its follow-up plan.

Pure functions. Arithmetic is exact (fractions.Fraction) and every shown number is rounded once,
at the end, with Decimal ROUND_HALF_UP: binary floats would round 76.605 down to 76.60 (band C)
where the regulation's half-up gives 76.61 (band B). Every number of the rules is configuration
(`SkmRules`), with the regulation's values as defaults.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from ..errors import FieldError, FieldErrors
from .survey import PROFILE_NOT_GIVEN, UNSUR, SurveyResponse, element, profile_fields


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
    fields = profile_fields()
    profile: dict[str, Counter[str]] = {name: Counter() for name in fields}
    suggestions: list[str] = []
    n = 0
    for r in responses:
        n += 1
        for code in UNSUR:
            if code in r.answers:
                sums[code] += r.answers[code]
                counts[code] += 1
        for name in fields:
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
            name=element(code).name.get(lang, element(code).name["id"]),
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
