/**
 * The receipt (tanda terima): tracking code, the access token shown once (copy button and a
 * plain warning), the due date, a QR code of the tracking link (code and token in the URL
 * fragment), printable on A4 and readable as a phone screenshot.
 */
import { useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDateTime } from '../../../shared/time/format';
import { t } from '../../i18n/t';
import { PATHS, trackingLink } from '../../paths';
import { forgetReceipt, receipt } from '../../receipts';
import { QrCode } from '../../../shared/ui/qr';

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        class="button button--secondary no-print"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(text)
            .then(() => setCopied(true))
            .catch(() => setCopied(false))
        }
      >
        {label}
      </button>{' '}
      <span role="status" class="no-print">
        {copied ? t('receipt.copied') : ''}
      </span>
    </>
  );
}

export function ReceiptPage() {
  const { params } = useRoute();
  const code = decodeURIComponent(params.code ?? '');
  const [kept, setKept] = useState(() => receipt(code));
  const [forgotten, setForgotten] = useState(false);
  const lang = currentLanguage();
  if (!kept) {
    return (
      <>
        <h1>{t('receipt.title')}</h1>
        <p role="status">{forgotten ? t('receipt.forgotten') : t('receipt.missing')}</p>
        <a class="button" href={PATHS.track}>
          {t('app.track')}
        </a>
      </>
    );
  }
  const link = trackingLink(location.origin, kept.tracking_code, kept.access_token);
  return (
    <article class="receipt">
      <div class="panel--confirm">
        <h1>{kept.kind === 'complaint' ? t('receipt.sentComplaint') : t('receipt.sent')}</h1>
        <p>
          {t('receipt.code')}
          <br />
          <strong class="code" data-testid="tracking-code">
            {kept.tracking_code}
          </strong>
        </p>
      </div>
      <h2>{t('receipt.title')}</h2>
      <dl class="facts">
        <dt>{t('receipt.code')}</dt>
        <dd class="code">{kept.tracking_code}</dd>
        {/* Kept as it was at submission: the tracking page has the current status. */}
        <dt>{t('receipt.statusAtReceipt')}</dt>
        <dd>
          {kept.kind === 'complaint' ? t('receipt.kindComplaint') : t('receipt.kindAudience')}:{' '}
          {t(`status.${kept.status}` as 'status.received')}
          <span class="no-print">
            {' · '}
            <a href={link}>{t('receipt.current')}</a>
          </span>
        </dd>
        <dt>{t('receipt.received')}</dt>
        <dd>{formatDateTime(kept.received_at, lang)}</dd>
        <dt>{t('receipt.due')}</dt>
        <dd>
          <strong>{formatDateTime(kept.due_at, lang)}</strong>
        </dd>
      </dl>
      <div class="notice notice--warning">
        <h3 id="token-label">{t('receipt.token')}</h3>
        <p class="code" data-testid="access-token" aria-labelledby="token-label">
          {kept.access_token}
        </p>
        <p>
          <strong>{kept.kind === 'complaint' ? t('receipt.warningComplaint') : t('receipt.warning')}</strong>
        </p>
        <CopyButton text={kept.access_token} label={t('receipt.copy')} />
      </div>
      <h3>{t('receipt.qr')}</h3>
      <p class="hint">{t('receipt.qrHint')}</p>
      <QrCode text={link} label={t('receipt.qr')} />
      <p>
        <a href={link} data-testid="tracking-link">
          {t('receipt.open')}
        </a>
      </p>
      <p class="no-print">
        <CopyButton text={link} label={t('receipt.copyLink')} />
      </p>
      <div class="button-group no-print">
        <button type="button" class="button" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
      </div>
      <p class="hint no-print">{t('receipt.keptHere')}</p>
      <button
        type="button"
        class="link-button no-print"
        onClick={() => {
          forgetReceipt(kept.tracking_code);
          setKept(undefined);
          setForgotten(true);
        }}
      >
        {t('receipt.forget')}
      </button>
    </article>
  );
}
