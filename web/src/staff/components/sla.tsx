/**
 * The SLA state as the API computes it (`sla.state`, `sla.remaining_seconds`): colour AND
 * words, with the time left (or over), paused or stopped as the API says.
 */
import type { components } from '../../api/schema';
import { t } from '../i18n/t';

export type Sla = components['schemas']['SlaOut'];

/** Seconds -> "2 hari 3 jam" / "45 menit" (the two largest units). */
export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(t('sla.days', { n: d }));
  if (h) parts.push(t('sla.hours', { n: h }));
  if (!d) parts.push(t('sla.minutes', { n: m }));
  return parts.slice(0, 2).join(' ');
}

export function slaWords(sla: Sla): string {
  const state = t(`sla.${sla.state as 'on_track'}`);
  if (sla.stopped) {
    const onTime = sla.on_time === null || sla.on_time === undefined ? '' : `, ${t(sla.on_time ? 'sla.onTime' : 'sla.late')}`;
    return `${t('sla.stopped')}${onTime}`;
  }
  const time = sla.remaining_seconds >= 0 ? t('sla.left', { time: duration(sla.remaining_seconds) }) : t('sla.over', { time: duration(sla.remaining_seconds) });
  return `${state} · ${time}${sla.paused ? ` · ${t('sla.paused')}` : ''}`;
}

export function SlaBadge({ sla }: { sla: Sla }) {
  const cls = sla.stopped ? 'stopped' : sla.state;
  return (
    <span class={`sla sla--${cls}`} data-sla={sla.state}>
      <span class="sla__dot" aria-hidden="true" />
      {slaWords(sla)}
    </span>
  );
}
