"""What a refused rule says to a person, in Indonesian and English.

`TRANSITION_DETAILS`: the detail of a 409 `invalid_transition`, one per rule of domain.md's
state machines (the domain names the rule: `InvalidTransition.rule`), with `{state}` (the
item's status) and `{allowed}` (the states the action is allowed from).
`RULE_FIELD_MESSAGES`: field messages of the domain's value rules (time range, meetings in
office hours on working days, reply letter dates, the staff directory), merged into
`problems.FIELD_MESSAGES`. Pure data: no imports.
"""

from __future__ import annotations

TRANSITION_DETAILS: dict[str, dict[str, str]] = {
    # --- complaints (pengaduan) ---
    "complaint.classify": {
        "id": "Pengaduan berstatus {state} tidak dapat diklasifikasikan: klasifikasi hanya "
        "sebelum pengaduan dijawab dan tidak saat menunggu pelapor ({allowed}).",
        "en": "A complaint in state {state} cannot be classified: classification happens "
        "before the answer and not while awaiting the reporter ({allowed}).",
    },
    "complaint.assign": {
        "id": "Pengaduan berstatus {state} tidak dapat ditugaskan: pengaduan harus "
        "diklasifikasikan dahulu dan belum dijawab ({allowed}).",
        "en": "A complaint in state {state} cannot be assigned: it must be classified first "
        "and not yet answered ({allowed}).",
    },
    "complaint.request_info": {
        "id": "Pengaduan berstatus {state} tidak dapat dimintakan informasi tambahan: hanya "
        "pengaduan yang sedang berjalan dan tidak sedang menunggu pelapor ({allowed}).",
        "en": "A complaint in state {state} cannot ask the reporter for information: only a "
        "running complaint not already awaiting the reporter ({allowed}).",
    },
    "complaint.request_info.unreachable": {
        "id": "Pelapor anonim dari kanal luring tidak dapat dihubungi untuk informasi tambahan.",
        "en": "An anonymous reporter of an offline channel cannot be asked for information.",
    },
    "complaint.answer": {
        "id": "Pengaduan berstatus {state} tidak dapat dijawab: jawaban hanya untuk pengaduan "
        "yang sudah diklasifikasikan dan ditugaskan ke tim ({allowed}).",
        "en": "A complaint in state {state} cannot be answered: only a classified complaint "
        "assigned to the team can be ({allowed}).",
    },
    "complaint.close": {
        "id": "Pengaduan berstatus {state} tidak dapat ditutup: hanya pengaduan yang sudah "
        "dijawab ({allowed}).",
        "en": "A complaint in state {state} cannot be closed: only an answered one ({allowed}).",
    },
    "complaint.reject": {
        "id": "Pengaduan berstatus {state} tidak dapat ditolak: hanya pengaduan yang masih "
        "terbuka ({allowed}).",
        "en": "A complaint in state {state} cannot be rejected: only an open one ({allowed}).",
    },
    "complaint.forward": {
        "id": "Pengaduan berstatus {state} tidak dapat diteruskan: hanya pengaduan yang masih "
        "terbuka ({allowed}).",
        "en": "A complaint in state {state} cannot be forwarded: only an open one ({allowed}).",
    },
    "complaint.message": {
        "id": "Pengaduan berstatus {state} sudah selesai; pesan tidak dapat ditambahkan.",
        "en": "A complaint in state {state} is finished; no message can be added.",
    },
    "complaint.rate": {
        "id": "Penilaian hanya dapat diberikan setelah pengaduan dijawab ({allowed}); "
        "status saat ini: {state}.",
        "en": "A rating is given only after the answer ({allowed}); the state is {state}.",
    },
    "complaint.rate.once": {
        "id": "Pengaduan ini sudah dinilai; penilaian hanya sekali.",
        "en": "This complaint was already rated; a rating is given once.",
    },
    # --- audience requests (fasilitasi audiensi) ---
    "audience.review": {
        "id": "Permohonan berstatus {state} tidak dapat ditelaah: penelaahan hanya untuk "
        "permohonan yang baru diterima ({allowed}).",
        "en": "A request in state {state} cannot be reviewed: only a newly submitted one "
        "({allowed}).",
    },
    "audience.schedule": {
        "id": "Permohonan berstatus {state} tidak dapat dijadwalkan: permohonan harus "
        "ditelaah dahulu, dan belum ditolak, dilaksanakan atau dibatalkan ({allowed}).",
        "en": "A request in state {state} cannot be scheduled: it must be reviewed first and "
        "not declined, held or cancelled ({allowed}).",
    },
    "audience.decline": {
        "id": "Permohonan berstatus {state} tidak dapat ditolak: penolakan hanya setelah "
        "ditelaah dan sebelum dijadwalkan ({allowed}); audiensi terjadwal dibatalkan.",
        "en": "A request in state {state} cannot be declined: only after review and before "
        "scheduling ({allowed}); a scheduled meeting is cancelled instead.",
    },
    "audience.held": {
        "id": "Permohonan berstatus {state} tidak dapat ditandai terlaksana: hanya audiensi "
        "yang dijadwalkan ({allowed}).",
        "en": "A request in state {state} cannot be marked held: only a scheduled meeting "
        "({allowed}).",
    },
    "audience.held.before_start": {
        "id": "Audiensi belum dimulai; tandai terlaksana setelah waktu mulainya.",
        "en": "The meeting has not started yet; mark it held after its start.",
    },
    "audience.cancel": {
        "id": "Permohonan berstatus {state} tidak dapat dibatalkan: hanya audiensi yang "
        "dijadwalkan ({allowed}); permohonan yang belum dijadwalkan ditolak dengan surat "
        "jawaban.",
        "en": "A request in state {state} cannot be cancelled: only a scheduled meeting "
        "({allowed}); a request not yet scheduled is declined with a reply letter.",
    },
    "audience.rate": {
        "id": "Penilaian hanya dapat diberikan setelah audiensi terlaksana ({allowed}); "
        "status saat ini: {state}.",
        "en": "A rating is given only after the meeting took place ({allowed}); the state is "
        "{state}.",
    },
    "audience.rate.once": {
        "id": "Permohonan ini sudah dinilai; penilaian hanya sekali.",
        "en": "This request was already rated; a rating is given once.",
    },
    "audience.invite": {
        "id": "Permohonan berstatus {state} belum memiliki jadwal; undangan kalender tersedia "
        "setelah audiensi dijadwalkan.",
        "en": "A request in state {state} has no meeting yet; the invite exists once the "
        "meeting is scheduled.",
    },
    # --- guestbook (buku tamu) ---
    "guestbook.checkout": {
        "id": "Tamu ini sudah tercatat keluar.",
        "en": "This visitor was already checked out.",
    },
    # --- satisfaction survey (SKM) ---
    "skm.survey": {
        "id": "Survei kepuasan dapat diisi setelah layanan selesai ({allowed}); status saat "
        "ini: {state}.",
        "en": "The satisfaction survey opens once the service has ended ({allowed}); the "
        "state is {state}.",
    },
    "skm.survey.once": {
        "id": "Survei kepuasan untuk layanan ini sudah diisi; survei hanya sekali.",
        "en": "The satisfaction survey of this service was already answered; it is answered once.",
    },
    "skm.code.used": {
        "id": "Kode survei ini sudah dipakai; setiap kode hanya berlaku sekali.",
        "en": "This survey code was already used; each code is valid once.",
    },
    "skm.publish.once": {
        "id": "Hasil SKM periode dan layanan ini sudah diterbitkan.",
        "en": "The SKM result of this period and service is already published.",
    },
}

RULE_FIELD_MESSAGES: dict[str, dict[str, str]] = {
    "time_out_of_range": {
        "id": "waktu harus antara {min} dan {max}",
        "en": "time must be between {min} and {max}",
    },
    "date_out_of_range": {
        "id": "tanggal harus antara {min} dan {max}",
        "en": "date must be between {min} and {max}",
    },
    "weekend": {
        "id": "{date} adalah hari {weekday}, bukan hari kerja",
        "en": "{date} is a {weekday}, not a working day",
    },
    "holiday": {
        "id": "{date} adalah hari libur ({holiday}), bukan hari kerja",
        "en": "{date} is a holiday ({holiday}), not a working day",
    },
    "meeting_outside_office_hours": {
        "id": "pukul {time} di luar jam kantor ({open}-{close} WIB)",
        "en": "{time} is outside office hours ({open}-{close} local time)",
    },
    "meeting_spans_days": {
        "id": "rapat harus selesai pada hari yang sama",
        "en": "a meeting must end on the day it starts",
    },
    "letter_before_receipt": {
        "id": "tanggal surat jawaban tidak boleh sebelum permohonan diterima ({date})",
        "en": "the reply letter cannot be dated before the request was received ({date})",
    },
    "letter_in_future": {
        "id": "tanggal surat jawaban tidak boleh setelah hari ini ({date})",
        "en": "the reply letter cannot be dated after today ({date})",
    },
    "not_team_member": {
        "id": "bukan anggota Tim Pengelola Pengaduan yang terdaftar",
        "en": "is not a registered member of the complaint team",
    },
}

WEEKDAY_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def localize_params(params: dict[str, object], lang: str) -> dict[str, object]:
    """Params whose words depend on the language: `weekday` (0 = Monday) becomes its name."""
    weekday = params.get("weekday")
    if isinstance(weekday, int) and 0 <= weekday < 7:
        return {**params, "weekday": WEEKDAY_NAMES.get(lang, WEEKDAY_NAMES["id"])[weekday]}
    return params


def transition_detail(rule: str | None, lang: str, params: dict[str, object]) -> str | None:
    """The detail sentence of a refused transition, or None for an unnamed rule."""
    texts = TRANSITION_DETAILS.get(rule or "")
    if texts is None:
        return None
    values = {"state": "-", "allowed": "-", **{k: str(v) for k, v in params.items()}}
    try:
        return texts.get(lang, texts["id"]).format(**values)
    except (KeyError, IndexError):
        return None
