/**
 * The SLA state as the API computes it (`sla.state`, `sla.remaining_seconds`): colour AND
 * words, with the time left (or over), paused or stopped as the API says.
 */
import type { components } from '../../api/schema';
import { t } from '../i18n/t';

export type Sla = components['schemas']['SlaOut'];

/** Seconds -> "2 hari 3 jam" / "2 jam" / "1 jam 5 menit" / "45 menit" (the two largest units;
 * a zero unit is left out, so never "2 jam 0 menit"). */
export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(t('sla.days', { n: d }));
  if (h) parts.push(t('sla.hours', { n: h }));
  if (!d && (m || !h)) parts.push(t('sla.minutes', { n: m }));
  return parts.slice(0, 2).join(' ');
}

/** States whose clock stopped with the bureau's answer: a reply letter giving a schedule or
 * declining (an audience; held follows a schedule), the answer to a complaint (then closed). */
const ANSWERED = new Set(['scheduled', 'declined', 'held', 'answered', 'closed']);

/**
 * The badge's words for the item in `status`: time left or over while the clock runs; once it
 * stopped, what was done in time: "dijawab tepat waktu" for an answered item, "selesai, tepat
 * waktu" for one ended otherwise (rejected, forwarded). A cancelled audience has no badge
 * (null): the cancellation is not measured against the deadline.
 */
export function slaWords(sla: Sla, status?: string): string | null {
  const state = t(`sla.${sla.state as 'on_track'}`);
  if (sla.stopped) {
    if (status === 'cancelled') return null;
    const known = sla.on_time !== null && sla.on_time !== undefined;
    if (status && ANSWERED.has(status)) {
      return known ? t(sla.on_time ? 'sla.answeredOnTime' : 'sla.answeredLate') : t('sla.answered');
    }
    const onTime = known ? `, ${t(sla.on_time ? 'sla.onTime' : 'sla.late')}` : '';
    return `${t('sla.stopped')}${onTime}`;
  }
  const time = sla.remaining_seconds >= 0 ? t('sla.left', { time: duration(sla.remaining_seconds) }) : t('sla.over', { time: duration(sla.remaining_seconds) });
  return `${state} · ${time}${sla.paused ? ` · ${t('sla.paused')}` : ''}`;
}

/** The SLA badge of an item in `status` (its words depend on it once the clock stopped). */
export function SlaBadge({ sla, status }: { sla: Sla; status: string }) {
  const words = slaWords(sla, status);
  if (words === null) return null;
  const cls = sla.stopped ? 'stopped' : sla.state;
  return (
    <span class={`sla sla--${cls}`} data-sla={sla.state}>
      <span class="sla__dot" aria-hidden="true" />
      {words}
    </span>
  );
}
