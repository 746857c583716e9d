/**
 * The notification outbox in words: its state and the channel's delivery report.
 */
import { t } from '../i18n/t';

/** The outbox state (pending | sent | failed) and the channel's delivery report in words. */
export function outboxState(state: string, delivery: string | null): string {
  const known = ['pending', 'sent', 'failed'].includes(state);
  const words = known ? t(`admin.outboxState.${state as 'pending'}`) : state;
  const report = delivery && ['sent', 'delivered', 'read', 'failed'].includes(delivery) ? t(`thread.delivery.${delivery as 'sent'}`) : delivery;
  return report && report.toLowerCase() !== words.toLowerCase() ? `${words} · ${report}` : words;
}

/** A notice in the complaint's conversation: "Pemberitahuan · <outbox state>", in the same
 * words as Administrasi's outbox (a sent e-mail without a channel report is "Terkirim"). */
export function noticeLine(state: string | null | undefined, delivery: string | null | undefined): string {
  return `${t('thread.out')} · ${outboxState(state ?? 'pending', delivery ?? null)}`;
}
