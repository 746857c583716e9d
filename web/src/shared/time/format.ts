/**
 * Times as the bureau keeps them: Asia/Pontianak (WIB), whatever the browser's zone, with
 * Intl (id-ID, or en-GB for English readers).
 */
import type { Language } from '../i18n/i18n';

export const BUREAU_TIME_ZONE = 'Asia/Pontianak';

function locale(lang: Language): string {
  return lang === 'en' ? 'en-GB' : 'id-ID';
}

/**
 * RFC 3339 instant -> "Senin, 30 November 2026 pukul 16.00 WIB" ("Monday, 30 November 2026 at
 * 16:00 WIB"): the zone is named WIB in both languages (en-GB alone would say "GMT+7").
 */
export function formatDateTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: BUREAU_TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })
    .formatToParts(new Date(iso))
    .map((part) => (part.type === 'timeZoneName' ? 'WIB' : part.value))
    .join('');
}

/** RFC 3339 instant -> "16.00" in the bureau's zone. */
export function formatTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: BUREAU_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/**
 * A meeting's start and end -> "Senin, 7 Desember 2026, 09.00–10.00 WIB" ("Monday, 7 December
 * 2026, 09:00–10:00 WIB"): the date once when both fall on the same day in the bureau's zone,
 * else both instants in full around a spaced dash.
 */
export function formatTimeRange(start: string, end: string, lang: Language): string {
  const startDay = bureauToday(new Date(start));
  if (startDay !== bureauToday(new Date(end))) return `${formatDateTime(start, lang)} – ${formatDateTime(end, lang)}`;
  return `${formatDate(startDay, lang)}, ${formatTime(start, lang)}–${formatTime(end, lang)} WIB`;
}

/** A calendar date (`YYYY-MM-DD`, no zone) -> "Senin, 30 November 2026". */
export function formatDate(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/** A month (`YYYY-MM`) -> "November 2026" (en-GB: "November 2026"), never ISO in a sentence. */
export function formatMonth(month: string, lang: Language): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)));
}

/** Today's date in the bureau's zone as `YYYY-MM-DD`. `now` is an argument for tests. */
export function bureauToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: BUREAU_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
