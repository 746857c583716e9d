import { useLoad } from '../../../shared/api/use-load';
import { LoadError } from '../../../shared/ui/load-error';
import { t } from '../../i18n/t';
import { PATHS } from '../../paths';
import type { ServiceEntry } from './api';
import { fetchServices } from './api';
import { SkmLatest } from './skm-latest';

/** Home: both services as the published standard says, and how to complain. */
export function HomePage() {
  const services = useLoad(fetchServices, t('app.offline'));
  const audience = services.data?.services.find((s) => s.code === 'audience');
  const complaint = services.data?.services.find((s) => s.code === 'complaint');
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      {services.loading && !services.data && <p aria-live="polite">{t('app.loading')}</p>}
      {services.errors && <LoadError errors={services.errors} retry={services.reload} retryLabel={t('app.retry')} />}
      <div class="cards">
        {audience && <Service entry={audience} start={PATHS.audience} />}
        {complaint && <Service entry={complaint} start={PATHS.complaint} />}
      </div>
      {/* Shown once the standard is in, so nothing below the cards jumps when they arrive. */}
      {!services.loading && (
      <section class="panel" aria-labelledby="track-title">
        <h2 id="track-title">{t('home.trackTitle')}</h2>
        <p>{t('home.trackBody')}</p>
        <a class="button button--secondary" href={PATHS.track}>
          {t('app.track')}
        </a>
      </section>
      )}
      {!services.loading && <SkmLatest />}
      {services.data && <p class="hint">{t('home.source', { decree: services.data.source.decree })}</p>}
    </>
  );
}

function Service({ entry, start }: { entry: ServiceEntry; start: string }) {
  const id = `svc-${entry.code}`;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{entry.name}</h2>
      <a class="button" href={start} aria-describedby={id}>
        {t('home.start')}
      </a>
      <dl class="facts">
        {entry.completion_time && (
          <>
            <dt>{t('home.time')}</dt>
            <dd>{entry.completion_time.text}</dd>
          </>
        )}
        <dt>{t('home.fee')}</dt>
        <dd>
          <strong>{entry.fee.text}</strong>
        </dd>
        <dt>{t('home.product')}</dt>
        <dd>{entry.products.join('; ')}</dd>
      </dl>
      {entry.eligible && (
        <Details title={t('home.eligible')}>
          <ul>
            {entry.eligible.map((e) => (
              <li key={e.code}>{e.name}</li>
            ))}
          </ul>
        </Details>
      )}
      {entry.requirements && (
        <Details title={t('home.requirements')}>
          <ul>
            {entry.requirements.map((r) => (
              <li key={r.code}>
                {r.name}
                {r.required && ` (${t('home.required')})`}
              </li>
            ))}
          </ul>
        </Details>
      )}
      {entry.procedure && (
        <Details title={t('home.procedure')}>
          <ol>
            {entry.procedure.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Details>
      )}
      {entry.classes && (
        <Details title={t('home.classes')} open>
          <ul>
            {entry.classes.map((c) => (
              <li key={c.code}>
                {c.name}: <strong>{c.limit.text}</strong>
              </li>
            ))}
          </ul>
        </Details>
      )}
      {entry.flow && (
        <Details title={t('home.flow')}>
          <ol>
            {entry.flow.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Details>
      )}
      {entry.channels && (
        <Details title={t('home.channels')} open>
          <ul>
            {entry.channels.map((c) => (
              <li key={c.code}>
                {c.name}
                {c.contact && (
                  <>
                    {': '}
                    <ContactLink code={c.code} contact={c.contact} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </Details>
      )}
    </section>
  );
}

function Details({ title, open, children }: { title: string; open?: boolean; children: preact.ComponentChildren }) {
  return (
    <details open={open}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** Phone numbers dial, the address mails, WhatsApp opens its chat: one tap on a phone. */
function ContactLink({ code, contact }: { code: string; contact: string }) {
  const digits = contact.replace(/\D/g, '');
  if (code === 'email') return <a href={`mailto:${contact}`}>{contact}</a>;
  if (code === 'whatsapp') return <a href={`https://wa.me/62${digits.replace(/^0/, '')}`}>{contact}</a>;
  if (code === 'telepon' || code === 'faksimile') return <a href={`tel:${contact.split(' ext')[0]?.replace(/[^\d+]/g, '')}`}>{contact}</a>;
  if (code === 'lapor') return <a href={`https://${contact}`}>{contact}</a>;
  return <>{contact}</>;
}
