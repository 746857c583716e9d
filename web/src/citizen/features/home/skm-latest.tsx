/**
 * The latest published satisfaction index (IKM) on the home page, as the bureau froze it with
 * its follow-up plan: nothing when nothing is published yet.
 */
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDate, formatMonth } from '../../../shared/time/format';
import { t } from '../../i18n/t';
import { fetchLatestPublication } from './api';

/** "Mutu B (Baik)" / "Quality B (Good)": the band's words in the reader's language (the API
 * names them in Indonesian, PermenPANRB 14/2017's words). */
export function skmQuality(mutu: string | null | undefined): string {
  if (!mutu) return t('home.skmQuality', { mutu: '-', kinerja: '-' });
  return t('home.skmQuality', { mutu, kinerja: t(`home.skmBand_${mutu}` as 'home.skmBand_A') });
}

export function SkmLatest() {
  const pubs = useLoad(fetchLatestPublication, t('app.offline'));
  const latest = pubs.data?.items[0];
  if (!latest || latest.converted_index == null) return null;
  const lang = currentLanguage();
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const period = latest.from === latest.to ? formatMonth(latest.from, lang) : `${formatMonth(latest.from, lang)} – ${formatMonth(latest.to, lang)}`;
  return (
    <section class="panel skm-latest" aria-labelledby="skm-title" data-testid="skm-latest">
      <h2 id="skm-title">{t('home.skmTitle')}</h2>
      <p>
        <strong class="skm-latest__value" data-testid="skm-index">
          {number.format(latest.converted_index)}
        </strong>{' '}
        {skmQuality(latest.mutu)}
      </p>
      <p class="hint">{t('home.skmPeriod', { period, responses: latest.responses })}</p>
      {latest.follow_up.length > 0 && (
        <details>
          <summary>{t('home.skmFollowUp')}</summary>
          <ul>
            {latest.follow_up.map((f) => {
              const name = latest.per_unsur.find((u) => u.unsur === f.unsur)?.name ?? f.unsur;
              return (
                <li key={f.unsur + f.action}>
                  <strong>{name}</strong>: {f.action} ({f.who}, {formatDate(f.by, lang)})
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
