"""The words of the two services (domain.md): their states, complaint classes, channels and
privacy, institution types and the SLA's levels, each once as a typing Literal with its tuple.

The domain's rules and the API's models both use these, so a new word is added in one place.
Pure and light (typing only): the API's models import it at a cold start, while the
domain's item modules load with a route's first use.
"""

from __future__ import annotations

from typing import Literal, get_args

# --- pengaduan (complaints) ---
ComplaintStatus = Literal[
    "received",
    "classified",
    "in_progress",
    "awaiting_reporter",
    "answered",
    "closed",
    "rejected",
    "forwarded",
]
COMPLAINT_STATES: tuple[ComplaintStatus, ...] = get_args(ComplaintStatus)

# The standard's four classes, by response time (domain.md: ringan 3 office hours, ...).
ComplaintClass = Literal["ringan", "normatif", "non_pengawasan", "pengawasan"]
COMPLAINT_CLASSES: tuple[ComplaintClass, ...] = get_args(ComplaintClass)

# The channels staff enter a complaint from, and `web`, the portal's own.
OfflineChannel = Literal[
    "tatap_muka", "kotak_pengaduan", "whatsapp", "telepon", "faksimile", "email", "lapor"
]
ComplaintChannel = Literal[OfflineChannel, "web"]
COMPLAINT_CHANNELS: tuple[ComplaintChannel, ...] = get_args(ComplaintChannel)

AnswerChannel = Literal["web", "email", "whatsapp", "telepon", "surat", "tatap_muka", "lapor"]
ANSWER_CHANNELS: tuple[AnswerChannel, ...] = get_args(AnswerChannel)

Privacy = Literal["named", "confidential", "anonymous"]
PRIVACY: tuple[Privacy, ...] = get_args(Privacy)

# --- fasilitasi audiensi (audience requests) ---
AudienceStatus = Literal["submitted", "in_review", "scheduled", "declined", "held", "cancelled"]
AUDIENCE_STATES: tuple[AudienceStatus, ...] = get_args(AudienceStatus)

InstitutionType = Literal["instansi_pemerintah", "pemerintah_daerah", "lembaga_lain"]
INSTITUTION_TYPES: tuple[InstitutionType, ...] = get_args(InstitutionType)

# --- the SLA clock ---
SlaState = Literal["on_track", "warning", "breached"]
SLA_STATES: tuple[SlaState, ...] = get_args(SlaState)

EscalationLevel = Literal["warning", "breach", "breach_followup"]
LEVELS: tuple[EscalationLevel, ...] = get_args(EscalationLevel)
