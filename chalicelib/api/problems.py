"""RFC 9457 problem details, in Indonesian by default and English on request.

Pure functions (no Chalice): the local runner uses them too, for the gateway's own 401/403.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from chalicelib.api.rule_messages import RULE_FIELD_MESSAGES, localize_params

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://birokesra.kalbarprov.go.id/problems/"

# code -> (status, {lang: (title, detail)})
PROBLEMS: dict[str, tuple[int, dict[str, tuple[str, str]]]] = {
    "validation_failed": (
        400,
        {
            "id": ("Data tidak valid", "Periksa kembali isian yang ditandai."),
            "en": ("Invalid data", "Check the fields listed in errors."),
        },
    ),
    "unauthenticated": (
        401,
        {
            "id": ("Belum masuk", "Token akses tidak ada, tidak sah, atau sudah kedaluwarsa."),
            "en": ("Not authenticated", "The access token is missing, invalid or expired."),
        },
    ),
    "forbidden": (
        403,
        {
            "id": ("Tidak diizinkan", "Peran Anda tidak berwenang melakukan tindakan ini."),
            "en": ("Forbidden", "Your role may not perform this action."),
        },
    ),
    "not_found": (
        404,
        {
            "id": ("Tidak ditemukan", "Data yang diminta tidak ditemukan."),
            "en": ("Not found", "The requested item was not found."),
        },
    ),
    "method_not_allowed": (
        405,
        {
            "id": ("Metode tidak didukung", "Metode HTTP ini tidak didukung untuk alamat ini."),
            "en": ("Method not allowed", "This HTTP method is not supported on this path."),
        },
    ),
    "invalid_transition": (
        409,
        {
            "id": (
                "Status tidak memungkinkan",
                "Tindakan ini tidak dapat dilakukan pada status saat ini.",
            ),
            "en": ("Invalid transition", "This action is not allowed in the item's current state."),
        },
    ),
    "already_exists": (
        409,
        {
            "id": ("Sudah ada", "Data dengan pengenal ini sudah ada."),
            "en": ("Already exists", "An item with this identifier already exists."),
        },
    ),
    "idempotency_conflict": (
        409,
        {
            "id": (
                "Kunci idempotensi bentrok",
                "Idempotency-Key ini sudah dipakai untuk isi permintaan lain.",
            ),
            "en": (
                "Idempotency conflict",
                "This Idempotency-Key was used with a different request body.",
            ),
        },
    ),
    "idempotency_in_progress": (
        409,
        {
            "id": (
                "Permintaan sedang diproses",
                "Permintaan pertama dengan Idempotency-Key ini masih diproses; "
                "ulangi setelah waktu pada Retry-After.",
            ),
            "en": (
                "Request in progress",
                "The first request with this Idempotency-Key is still being processed; "
                "retry after the Retry-After delay.",
            ),
        },
    ),
    "too_many_attempts": (
        429,
        {
            "id": (
                "Terlalu banyak percobaan",
                "Terlalu banyak token akses yang salah untuk kode ini; coba lagi nanti.",
            ),
            "en": (
                "Too many attempts",
                "Too many wrong access tokens for this code; please try again later.",
            ),
        },
    ),
    "room_conflict": (
        409,
        {
            "id": ("Ruangan terpakai", "Ruangan sudah dipakai pada waktu tersebut."),
            "en": ("Room conflict", "The room is already booked at that time."),
        },
    ),
    "version_conflict": (
        412,
        {
            "id": (
                "Data sudah berubah",
                "Data telah diubah orang lain; muat ulang lalu coba lagi.",
            ),
            "en": ("Version conflict", "The item was changed by someone else; reload and retry."),
        },
    ),
    "payload_too_large": (
        413,
        {
            "id": ("Permintaan terlalu besar", "Isi permintaan melebihi 256 KiB."),
            "en": ("Payload too large", "The request body exceeds 256 KiB."),
        },
    ),
    "unsupported_media_type": (
        415,
        {
            "id": ("Format tidak didukung", "Kirim isi permintaan sebagai application/json."),
            "en": ("Unsupported media type", "Send the request body as application/json."),
        },
    ),
    "upload_invalid": (
        422,
        {
            "id": ("Unggahan tidak valid", "Berkas unggahan tidak dapat diterima."),
            "en": ("Invalid upload", "The uploaded file cannot be accepted."),
        },
    ),
    "storage_unavailable": (
        503,
        {
            "id": ("Layanan sibuk", "Penyimpanan data sedang sibuk; coba lagi sebentar lagi."),
            "en": ("Service busy", "Storage is busy; please retry shortly."),
        },
    ),
    "internal_error": (
        500,
        {
            "id": (
                "Kesalahan server",
                "Terjadi kesalahan pada server. Sebutkan request_id bila melapor.",
            ),
            "en": (
                "Server error",
                "Something went wrong on our side. Quote the request_id when reporting.",
            ),
        },
    ),
}

# Field-level messages, keyed by pydantic error type or our own FieldError keys.
FIELD_MESSAGES: dict[str, dict[str, str]] = {
    "missing": {"id": "wajib diisi", "en": "is required"},
    "extra_forbidden": {"id": "kolom tidak dikenal", "en": "unknown field"},
    "string_too_short": {
        "id": "terlalu pendek (minimal {min_length} karakter)",
        "en": "too short (at least {min_length} characters)",
    },
    "string_too_long": {
        "id": "terlalu panjang (maksimal {max_length} karakter)",
        "en": "too long (at most {max_length} characters)",
    },
    "string_pattern_mismatch": {
        "id": "format tidak sesuai",
        "en": "does not match the expected format",
    },
    "string_type": {"id": "harus berupa teks", "en": "must be a string"},
    "int_parsing": {
        "id": "Isian ini harus berupa bilangan bulat, misalnya 5.",
        "en": "This field must be a whole number, such as 5.",
    },
    "int_type": {
        "id": "Isian ini harus berupa bilangan bulat tanpa tanda kutip, misalnya 5.",
        "en": "This field must be a whole number without quotes, such as 5.",
    },
    "float_type": {
        "id": "Isian ini harus berupa angka tanpa tanda kutip, misalnya 4.5.",
        "en": "This field must be a number without quotes, such as 4.5.",
    },
    "bool_type": {
        "id": "Isian ini harus berupa true atau false tanpa tanda kutip.",
        "en": "This field must be true or false, without quotes.",
    },
    "greater_than_equal": {"id": "minimal {ge}", "en": "must be at least {ge}"},
    "less_than_equal": {"id": "maksimal {le}", "en": "must be at most {le}"},
    "literal_error": {
        "id": "Isian ini harus salah satu dari: {expected}.",
        "en": "This field must be one of: {expected}.",
    },
    "enum": {
        "id": "Isian ini harus salah satu dari: {expected}.",
        "en": "This field must be one of: {expected}.",
    },
    "too_short": {
        "id": "Daftar ini harus berisi sedikitnya {min_length} butir; terkirim {actual_length}.",
        "en": "This list needs at least {min_length} items; {actual_length} were sent.",
    },
    "too_long": {
        "id": "Daftar ini berisi paling banyak {max_length} butir; terkirim {actual_length}.",
        "en": "This list holds at most {max_length} items; {actual_length} were sent.",
    },
    "control_characters": {
        "id": "tidak boleh berisi karakter kontrol (misalnya NUL)",
        "en": "must not contain control characters (such as NUL)",
    },
    "invalid_characters": {
        "id": "berisi karakter yang tidak sah",
        "en": "contains an invalid character",
    },
    "datetime_out_of_range": {
        "id": "waktu di luar rentang yang dapat diolah",
        "en": "time out of the range that can be handled",
    },
    "date_from_datetime_parsing": {
        "id": "tanggal harus berformat YYYY-MM-DD",
        "en": "date must be YYYY-MM-DD",
    },
    "date_parsing": {"id": "tanggal harus berformat YYYY-MM-DD", "en": "date must be YYYY-MM-DD"},
    "date_type": {"id": "tanggal harus berformat YYYY-MM-DD", "en": "date must be YYYY-MM-DD"},
    "datetime_parsing": {
        "id": "waktu harus berformat RFC 3339, misalnya 2026-11-27T09:00:00+07:00",
        "en": "time must be RFC 3339, e.g. 2026-11-27T09:00:00+07:00",
    },
    "datetime_type": {
        "id": "waktu harus berformat RFC 3339, misalnya 2026-11-27T09:00:00+07:00",
        "en": "time must be RFC 3339, e.g. 2026-11-27T09:00:00+07:00",
    },
    "datetime_from_date_parsing": {
        "id": "waktu harus berformat RFC 3339, misalnya 2026-11-27T09:00:00+07:00",
        "en": "time must be RFC 3339, e.g. 2026-11-27T09:00:00+07:00",
    },
    "timezone_aware": {
        "id": "waktu harus menyertakan zona waktu",
        "en": "time must include an offset",
    },
    "model_type": {"id": "harus berupa objek JSON", "en": "must be a JSON object"},
    "dict_type": {"id": "harus berupa objek JSON", "en": "must be a JSON object"},
    "list_type": {"id": "harus berupa daftar", "en": "must be a list"},
    "json_invalid": {"id": "bukan JSON yang sah", "en": "is not valid JSON"},
    "json_too_deep": {
        "id": "JSON ini bersarang terlalu dalam untuk diolah",
        "en": "this JSON is nested too deeply to be processed",
    },
    "in_future": {"id": "tidak boleh di masa depan", "en": "must not be in the future"},
    "before_time_in": {"id": "tidak boleh sebelum waktu masuk", "en": "must not be before time in"},
    "cursor_invalid": {
        "id": "kursor tidak sah atau sudah diubah",
        "en": "cursor is invalid or was altered",
    },
    "etag_invalid": {
        "id": 'harus berupa versi dalam tanda kutip, misalnya "3"',
        "en": 'must be a quoted version, e.g. "3"',
    },
    "blank": {"id": "tidak boleh kosong", "en": "must not be blank"},
    "invalid": {"id": "nilai tidak valid", "en": "invalid value"},
    "local_only": {
        "id": "hanya boleh diisi pada lingkungan lokal (APP_ENV=local)",
        "en": "accepted only in the local environment (APP_ENV=local)",
    },
    "date_outside_year": {"id": "tanggal harus dalam tahun {year}", "en": "date must be in {year}"},
    "not_a_library_holiday": {
        "id": "{date} bukan hari libur nasional/cuti bersama yang dapat dihapus",
        "en": "{date} is not a library holiday that can be removed",
    },
    "added_and_removed": {
        "id": "{date} tidak boleh ditambah sekaligus dihapus",
        "en": "{date} cannot be both added and removed",
    },
    "duplicate_date": {
        "id": "tanggal yang sama disebut dua kali",
        "en": "the same date appears twice",
    },
    "not_found": {"id": "tidak ditemukan", "en": "not found"},
    "not_uploaded": {"id": "berkas belum diunggah", "en": "the file has not been uploaded"},
    "expired": {
        "id": "waktu unggah sudah habis; minta tautan unggah baru",
        "en": "upload window expired; request a new upload",
    },
    "empty": {"id": "berkas kosong", "en": "the file is empty"},
    "too_large": {"id": "berkas lebih dari 10 MiB", "en": "the file exceeds 10 MiB"},
    "size_mismatch": {
        "id": "ukuran berkas tidak sama dengan yang dinyatakan",
        "en": "the file size differs from the declared size",
    },
    "type_mismatch": {
        "id": "isi berkas tidak sesuai jenisnya (PDF, JPEG atau PNG)",
        "en": "the file content does not match its type (PDF, JPEG or PNG)",
    },
    "file_damaged": {
        "id": "berkas rusak atau tidak dapat dibuka sebagai PDF, JPEG atau PNG",
        "en": "the file is damaged or cannot be opened as PDF, JPEG or PNG",
    },
    "pdf_encrypted": {
        "id": "PDF dilindungi kata sandi; unggah tanpa kata sandi",
        "en": "the PDF is password-protected; upload it without a password",
    },
    "image_too_large": {
        "id": "gambar lebih dari 40 megapiksel",
        "en": "the picture exceeds 40 megapixels",
    },
    "already_used": {
        "id": "berkas sudah dipakai untuk permohonan lain",
        "en": "the file was already used",
    },
    "wrong_purpose": {
        "id": "berkas diunggah untuk keperluan lain",
        "en": "the file was uploaded for another purpose",
    },
    "in_past": {"id": "tidak boleh di masa lalu", "en": "must not be in the past"},
    "end_before_start": {"id": "harus setelah waktu mulai", "en": "must be after the start"},
    "meeting_too_long": {"id": "rapat paling lama 8 jam", "en": "a meeting lasts at most 8 hours"},
    "slot_boundary": {
        "id": "menit harus kelipatan {minutes}",
        "en": "minutes must be a multiple of {minutes}",
    },
    "email": {"id": "alamat email tidak valid", "en": "invalid e-mail address"},
    "reporter_with_anonymous": {
        "id": "tidak boleh diisi untuk pengaduan anonim",
        "en": "must be empty for an anonymous complaint",
    },
    "reporter_required": {
        "id": "wajib diisi kecuali pengaduan anonim",
        "en": "required unless the complaint is anonymous",
    },
    "lapor_required": {
        "id": "wajib diisi untuk kanal lapor",
        "en": "required for the lapor channel",
    },
    "lapor_only": {"id": "hanya untuk kanal lapor", "en": "only for the lapor channel"},
    "already_exists": {"id": "sudah terdaftar", "en": "already registered"},
    "duplicate_upload": {
        "id": "berkas yang sama disebut dua kali",
        "en": "the same upload appears twice",
    },
    "complaints_only": {
        "id": "pesan hanya untuk pengaduan",
        "en": "messages are for complaints only",
    },
    "answer_range": {
        "id": "jawaban harus 1, 2, 3 atau 4",
        "en": "the answer must be 1, 2, 3 or 4",
    },
    "before_from": {"id": "tidak boleh sebelum bulan awal", "en": "must not be before from"},
    "period_too_long": {
        "id": "periode paling panjang {months} bulan",
        "en": "the period is at most {months} months",
    },
    "no_responses": {
        "id": "belum ada jawaban SKM pada periode ini; tidak ada indeks untuk diterbitkan",
        "en": "no SKM responses in this period; there is no index to publish",
    },
    "follow_up_missing": {
        "id": "rencana tindak lanjut untuk unsur {unsur} belum ada",
        "en": "the follow-up plan has no action for element {unsur}",
    },
    "year_out_of_range": {
        "id": "tahun harus antara {min} dan {max}",
        "en": "year must be {min}-{max}",
    },
}

FIELD_MESSAGES.update(RULE_FIELD_MESSAGES)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message_key: str
    params: dict[str, Any] = dc_field(default_factory=dict)
    fallback: str | None = None


def choose_language(accept_language: str | None) -> str:
    """'en' when the client prefers English over Indonesian; Indonesian otherwise."""
    if not accept_language:
        return "id"
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for p in pieces[1:]:
            name, _, value = p.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary in ("id", "en"):
            ranked.append((-quality, index, primary))
    ranked.sort()
    return ranked[0][2] if ranked and ranked[0][0] < 0 else "id"


CHOICE_KEYS = frozenset({"literal_error", "enum"})
_OR = {"id": "atau", "en": "or"}


def choices(expected: Any, lang: str) -> str:
    """The allowed values as a list in words: `a, b atau c` (`a, b or c` in English).
    `expected` is pydantic's text (`'a', 'b' or 'c'`) or a sequence of values."""
    values: list[str]
    if isinstance(expected, str):
        values = re.findall(r"'([^']*)'", expected) or [
            v.strip() for v in expected.split(",") if v.strip()
        ]
    else:
        values = [str(v) for v in expected]
    if len(values) == 1:
        return str(values[0])
    serial = "," if lang == "id" and len(values) > 2 else ""  # PUEBI: a, b, atau c
    return f"{', '.join(values[:-1])}{serial} {_OR[lang]} {values[-1]}"


def field_message(problem: FieldProblem, lang: str) -> str:
    """The message of one field problem in `lang` (`id` or `en`); an unknown key gives a
    generic sentence (English: pydantic's own message)."""
    texts = FIELD_MESSAGES.get(problem.message_key)
    if texts is None:
        if lang == "en" and problem.fallback:
            return problem.fallback
        texts = FIELD_MESSAGES["invalid"]
    params = dict(problem.params)
    if problem.message_key in CHOICE_KEYS and "expected" in params:
        params["expected"] = choices(params["expected"], lang)
    try:
        return texts[lang].format(**localize_params(params, lang))
    except (KeyError, IndexError):
        return FIELD_MESSAGES["invalid"][lang]


def problem_body(
    code: str,
    lang: str = "id",
    *,
    errors: list[FieldProblem] | None = None,
    request_id: str | None = None,
    detail: str | None = None,
) -> dict[str, Any]:
    """The problem document. Only a 5xx carries the request id (4xx: in the header only)."""
    status, texts = PROBLEMS.get(code, PROBLEMS["internal_error"])
    title, default_detail = texts.get(lang, texts["id"])
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail or default_detail,
        "code": code,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": field_message(e, lang)} for e in errors]
        if code == "upload_invalid":  # the refusal's stable word, e.g. file_damaged
            for out, e in zip(body["errors"], errors, strict=True):
                out["reason"] = e.message_key
    if status >= 500 and request_id:
        body["request_id"] = request_id
    return body


def too_many_attempts_detail(lang: str, seconds: float) -> str:
    """The 429's detail for a person: how long to wait, in minutes (rounded up) from a
    minute on, else in seconds; never the name of an HTTP header."""
    wait = max(1, int(-(-seconds // 1)))
    if wait >= 60:
        n, id_unit, en_unit = -(-wait // 60), "menit", "minute"
    else:
        n, id_unit, en_unit = wait, "detik", "second"
    if lang == "en":
        return (
            f"Too many wrong access tokens for this code; try again in {n} {en_unit}"
            f"{'' if n == 1 else 's'}."
        )
    return f"Terlalu banyak token akses yang salah untuk kode ini; coba lagi dalam {n} {id_unit}."


def problem_status(code: str) -> int:
    return PROBLEMS.get(code, PROBLEMS["internal_error"])[0]


def problem_json(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))
