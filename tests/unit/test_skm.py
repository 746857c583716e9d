"""The SKM index (PermenPANRB 14/2017) as pure functions, and its use cases on fakes."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain import skm
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.errors import FieldError, FieldErrors, InvalidTransition, NotFound
from chalicelib.domain.skm import FollowUp, SkmRules, SurveyResponse
from chalicelib.services.guestbook import GuestbookService, NewVisit
from chalicelib.services.skm import Answers, SkmService
from tests.fakes import FakeGuestbookRepository, FakeSkmRepository

TZ = ZoneInfo("Asia/Pontianak")
RULES = SkmRules()
NOW = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)  # 09:00 local


def sheets(
    total: int, n: int, month: str = "2026-11", service: str = "audience"
) -> list[SurveyResponse]:
    """`n` responses whose 9·n answers add up to `total` (as evenly as possible)."""
    assert 9 * n <= total <= 36 * n
    cells = [total // (9 * n)] * (9 * n)
    for i in range(total - sum(cells)):
        cells[i] += 1
    return [
        SurveyResponse(f"r{k}", service, month, {f"U{j + 1}": cells[k * 9 + j] for j in range(9)})
        for k in range(n)
    ]


def converted(total: int, n: int) -> Decimal | None:
    return skm.compute(sheets(total, n), 0, RULES).converted_index


class TestIndex:
    def test_nrr_index_and_converted_index_equal_a_hand_calculation(self) -> None:
        # GIVEN three respondents
        rows = ["444444444", "333333333", "432143214"]
        responses = [
            SurveyResponse(
                str(i), "complaint", "2026-11", {f"U{j + 1}": int(c) for j, c in enumerate(r)}
            )
            for i, r in enumerate(rows)
        ]
        # WHEN the index is computed
        result = skm.compute(responses, population=3, rules=RULES)
        # THEN by hand: U1 (4+3+4)/3 = 3.6667, U4 (4+3+1)/3 = 2.6667, U3 (4+3+2)/3 = 3.0 ...
        nrr = {u.unsur: u.nrr for u in result.per_unsur}
        assert nrr["U1"] == Decimal("3.6667") and nrr["U4"] == Decimal("2.6667")
        assert nrr["U3"] == Decimal("3.0000")
        # total 36 + 27 + 24 = 87; index = 87 / 27 = 3.2222; converted = 87 x 25 / 27 = 80.5556
        assert result.index == Decimal("3.2222")
        assert result.converted_index == Decimal("80.56")
        assert (result.mutu, result.kinerja) == ("B", "Baik")
        u4 = next(u for u in result.per_unsur if u.unsur == "U4")
        assert u4.nrr_weighted == Decimal("0.2963") and u4.converted == Decimal("66.67")
        assert u4.mutu == "C"
        # the lowest three, lowest first; ties by element number
        assert [u.unsur for u in result.weakest] == ["U4", "U8", "U3"]

    @pytest.mark.parametrize(
        ("value", "mutu", "kinerja"),
        [
            ("25.00", "D", "Tidak Baik"),
            ("64.99", "D", "Tidak Baik"),
            ("65.00", "C", "Kurang Baik"),
            ("76.60", "C", "Kurang Baik"),
            ("76.61", "B", "Baik"),
            ("88.30", "B", "Baik"),
            ("88.31", "A", "Sangat Baik"),
            ("100.00", "A", "Sangat Baik"),
        ],
    )
    def test_each_band_boundary(self, value: str, mutu: str, kinerja: str) -> None:
        band = skm.band_for(Decimal(value), RULES)
        assert (band.mutu, band.kinerja) == (mutu, kinerja)

    @pytest.mark.parametrize(
        ("total", "n", "expected", "mutu"),
        [
            # converted = 25·total / (9·n), worked out by hand:
            (58_491, 2_500, "64.99", "D"),  # 64.99
            (117, 5, "65.00", "C"),  # 25·117/45 = 65
            (3_447, 125, "76.60", "C"),  # 76.60
            (68_949, 2_500, "76.61", "B"),  # 76.61
            (7_947, 250, "88.30", "B"),  # 88.30
            (79_479, 2_500, "88.31", "A"),  # 88.31
        ],
    )
    def test_a_boundary_of_each_band_from_responses(
        self, total: int, n: int, expected: str, mutu: str
    ) -> None:
        result = skm.compute(sheets(total, n), 0, RULES)
        assert result.converted_index == Decimal(expected) and result.mutu == mutu

    def test_half_up_in_decimal_where_binary_floats_would_drop_a_band(self) -> None:
        # 25·158_949 / (9·5_000) = 88.305 exactly: half-up gives 88.31, band A
        responses = sheets(158_949, 5_000)
        # the same arithmetic in binary floats lands just under the tie and rounds to B
        nrr = [sum(r.answers[u] for r in responses) / 5_000 for u in skm.UNSUR]
        assert round(sum(x / 9 for x in nrr) * 25, 2) == 88.3
        result = skm.compute(responses, 0, RULES)
        assert result.converted_index == Decimal("88.31") and result.mutu == "A"

    def test_no_responses_no_index_no_division_by_zero(self) -> None:
        result = skm.compute([], population=0, rules=RULES)
        assert result.responses == 0 and result.per_unsur == ()
        assert result.index is None and result.converted_index is None and result.mutu is None
        assert result.sample_sufficient is False and result.weakest == ()

    @pytest.mark.parametrize(
        ("population", "minimum"),
        [(0, 0), (1, 1), (10, 10), (100, 80), (500, 218), (1_000, 278), (10_000, 370)],
    )
    def test_krejcie_morgan_minimum_sample_rounded_up(self, population: int, minimum: int) -> None:
        # their published table rounds to the nearest (500 -> 217: 217.47); the rule here is ceil
        assert skm.minimum_sample(population, RULES) == minimum

    def test_numbers_are_configuration(self) -> None:
        strict = SkmRules(margin=Decimal("0.1"), weakest_count=1)
        assert skm.minimum_sample(1_000, strict) == 88
        result = skm.compute(sheets(117, 5), 1_000, strict)
        assert len(result.weakest) == 1 and result.sample_sufficient is False


class TestResponse:
    def test_every_missing_or_bad_answer_is_named_at_once(self) -> None:
        with pytest.raises(FieldErrors) as caught:
            skm.new_response("r", "audience", "2026-11", {"U1": 4, "U2": 0, "U3": True, "U10": 1})
        fields = [(e.field, e.message_key) for e in caught.value.errors]
        assert fields == [
            ("answers.U2", "answer_range"),
            ("answers.U3", "answer_range"),
            ("answers.U4", "missing"),
            ("answers.U5", "missing"),
            ("answers.U6", "missing"),
            ("answers.U7", "missing"),
            ("answers.U8", "missing"),
            ("answers.U9", "missing"),
            ("answers.U10", "extra_forbidden"),
        ]

    def test_profile_choices_are_checked(self) -> None:
        with pytest.raises(FieldErrors) as caught:
            skm.new_response(
                "r",
                "audience",
                "2026-11",
                {f"U{i}": 3 for i in range(1, 10)},
                {"sex": "x", "name": "Budi"},
            )
        assert [e.field for e in caught.value.errors] == ["profile.sex", "profile.name"]

    def test_codes_are_read_however_they_are_typed(self) -> None:
        code = skm.new_survey_code()
        assert len(code) == 13 and code.startswith("SKM-")
        assert skm.code_hash(code.lower().replace("-", " ")) == skm.code_hash(code)


def ended(repo: FakeSkmRepository, service: str, at: datetime, ref: str) -> None:
    action = "complaint.answered" if service == "complaint" else "audience.held"
    repo.record_audit(AuditEntry(ref, at, "staff", action, "x", "y"))


def service(
    items: dict[str, tuple[str, str, str]] | None = None,
) -> tuple[SkmService, FakeSkmRepository]:
    repo = FakeSkmRepository()
    table = items or {}
    ids = iter(range(10_000))

    def lookup(code: str, token: str | None, now: datetime) -> tuple[str, str, str]:
        if code not in table or token != "tok":
            raise NotFound()
        return table[code]

    return SkmService(repo, RULES, TZ, new_id=lambda: f"r{next(ids)}", lookup=lookup), repo


SHEET = Answers({f"U{i}": 4 for i in range(1, 10)}, {})


class TestSkmService:
    def test_a_requester_answers_once_after_the_service_ended(self) -> None:
        svc, repo = service(
            {
                "PGD-1": ("complaint", "CMP#PGD-1", "answered"),
                "PGD-2": ("complaint", "CMP#PGD-2", "in_progress"),
            }
        )
        with pytest.raises(InvalidTransition):
            svc.respond_tracked("PGD-2", "tok", SHEET, NOW)
        with pytest.raises(NotFound):
            svc.respond_tracked("PGD-1", "bad", SHEET, NOW)
        r = svc.respond_tracked("PGD-1", "tok", SHEET, NOW)
        assert (r.service, r.month) == ("complaint", "2026-11")
        with pytest.raises(InvalidTransition):
            svc.respond_tracked("PGD-1", "tok", SHEET, NOW)
        assert len(repo.responses_by_id) == 1
        assert svc.survey_state("complaint", "CMP#PGD-1", "answered") == "done"
        assert svc.survey_state("complaint", "CMP#PGD-2", "in_progress") == "not_yet"

    def test_the_month_is_the_bureau_s_local_month(self) -> None:
        svc, _ = service({"AUD-1": ("audience", "AUD#AUD-1", "held")})
        late = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 1 Dec 00:30 in Pontianak
        assert svc.respond_tracked("AUD-1", "tok", SHEET, late).month == "2026-12"

    def test_a_guestbook_check_out_gives_a_one_time_code(self) -> None:
        svc, repo = service()
        book = GuestbookService(
            FakeGuestbookRepository(TZ, repo), new_id=lambda now: "BT-1", invites=svc.new_invite
        )
        entry = book.record(NewVisit("Budi", "Dinas", "Audiensi"), "desk", NOW)
        out, code = book.check_out_with_survey(entry.id, "desk", NOW + timedelta(hours=1))
        assert out.state == "checked_out" and code
        assert svc.respond_with_code(code, SHEET, NOW).service == "audience"
        with pytest.raises(InvalidTransition):
            svc.respond_with_code(code, SHEET, NOW)
        with pytest.raises(NotFound):
            svc.respond_with_code("SKM-2222-3333", SHEET, NOW)
        # the visit counts in the audience population
        assert repo.population(NOW, NOW + timedelta(days=1), "audience") == 1

    def test_an_expired_code_is_not_found(self) -> None:
        svc, repo = service()
        code, invite = svc.new_invite(NOW)
        repo.add_invite(invite)
        with pytest.raises(NotFound):
            svc.respond_with_code(code, SHEET, NOW + timedelta(days=RULES.code_valid_days + 1))

    @pytest.mark.parametrize("way", ["code", "tracked"])
    def test_eight_racing_answers_record_one_response(self, way: str) -> None:
        svc, repo = service({"AUD-1": ("audience", "AUD#AUD-1", "held")})
        code, invite = svc.new_invite(NOW)
        repo.add_invite(invite)
        barrier = threading.Barrier(8)
        outcomes: list[str] = []

        def answer() -> None:
            barrier.wait()
            try:
                if way == "code":
                    svc.respond_with_code(code, SHEET, NOW)
                else:
                    svc.respond_tracked("AUD-1", "tok", SHEET, NOW)
                outcomes.append("ok")
            except InvalidTransition:
                outcomes.append("409")

        threads = [threading.Thread(target=answer) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["409"] * 7 + ["ok"]
        assert len(repo.responses_by_id) == 1

    def test_report_counts_the_population_of_the_period_only(self) -> None:
        svc, repo = service({"PGD-1": ("complaint", "CMP#PGD-1", "closed")})
        svc.respond_tracked("PGD-1", "tok", SHEET, NOW)
        ended(
            repo, "complaint", datetime(2026, 10, 31, 16, 59, 59, tzinfo=UTC), "CMP#A"
        )  # Oct 31 23:59:59 local
        ended(
            repo, "complaint", datetime(2026, 10, 31, 17, 0, tzinfo=UTC), "CMP#B"
        )  # Nov 1 00:00 local
        ended(repo, "audience", NOW, "AUD#C")
        report = svc.report("2026-11", "2026-11", "complaint")
        assert (report.result.responses, report.result.population) == (1, 1)
        assert report.result.converted_index == Decimal("100.00")
        assert svc.report("2026-10", "2026-11", "all").result.population == 3
        with pytest.raises(FieldError):
            svc.report("2026-11", "2026-10", "all")
        with pytest.raises(FieldError):
            svc.report("2024-01", "2026-11", "all")  # longer than 24 months

    def test_publication_needs_a_plan_for_each_weak_element_and_happens_once(self) -> None:
        svc, repo = service({"PGD-1": ("complaint", "CMP#PGD-1", "answered")})
        with pytest.raises(FieldError):
            svc.publish("2026-11", "2026-11", "all", [], "kabag", NOW)  # no responses
        svc.respond_tracked(
            "PGD-1",
            "tok",
            Answers({f"U{i}": 4 if i > 3 else i for i in range(1, 10)}, {}, "Bagus"),
            NOW,
        )
        plan = [FollowUp("U1", "Sederhanakan syarat", "TU", date(2027, 1, 31))]
        with pytest.raises(FieldErrors) as caught:
            svc.publish("2026-11", "2026-11", "all", plan, "kabag", NOW)
        assert [e.params["unsur"] for e in caught.value.errors] == ["U2", "U3"]
        plan += [FollowUp(u, "Perbaiki", "Kabag", date(2027, 3, 1)) for u in ("U2", "U3")]
        p = svc.publish("2026-11", "2026-11", "all", plan, "kabag", NOW)
        assert p.result.suggestions == () and p.result.converted_index is not None
        assert repo.audit[0].action == "skm.published"
        with pytest.raises(InvalidTransition):
            svc.publish("2026-11", "2026-11", "all", plan, "kabag", NOW)
        later = svc.publish(
            "2026-11", "2026-11", "complaint", plan, "kabag", NOW + timedelta(hours=1)
        )
        assert [x.service for x in svc.publications(10, None).items] == [later.service, "all"]
