/**
 * Slips the front desk prints and hands over: the guestbook's survey slip (one-time SKM code
 * and a QR code to the kiosk) and the receipt of an item taken at the desk (tracking code,
 * QR code of the tracking link with its token, due date, the once-shown token). Each is built
 * from one data shape (`SurveySlipData`, `DeskReceipt`) so another rendering (a PDF) can use
 * the same facts. Each names the bureau at its top; the access token stays on one line (a
 * token broken at its "-" is copied wrong). Printing prints only the slip whose button was pressed (styles.css). The
 * receipt is also one click away as the bureau's one-page PDF (POST /v1/admin/receipts: the
 * server builds it from the stored item once the once-shown token opens it).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../../shared/api/client';
import { surveyLink, trackingLink } from '../../../shared/links';
import { currentLanguage } from '../../../shared/i18n/i18n';
import type { ReceiptFacts } from '../../../shared/receipt';
import { formatDateTime } from '../../../shared/time/format';
import { QrCode } from '../../../shared/ui/qr';
import { t } from '../../i18n/t';

/** The guestbook check-out's slip: the visitor's one-time survey code (shown only once). */
export interface SurveySlipData {
  visitor: string;
  survey_code: string;
}

/** The receipt of an item taken at the desk, from the create answer (token shown once). */
export type DeskReceipt = ReceiptFacts;

function Slip({
  testid,
  label,
  printLabel,
  onClose,
  actions,
  children,
}: {
  testid: string;
  label: string;
  printLabel: string;
  onClose: () => void;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const print = () => {
    document.querySelectorAll('[data-printing]').forEach((el) => el.removeAttribute('data-printing'));
    ref.current?.setAttribute('data-printing', '');
    window.print();
  };
  return (
    <section class="slip" data-testid={testid} ref={ref} tabIndex={-1} aria-label={label}>
      <p class="slip__bureau" data-testid="slip-bureau">
        {t('slip.bureau')}
      </p>
      {children}
      <div class="slip__actions no-print">
        <button type="button" class="button" onClick={print}>
          {printLabel}
        </button>
        {actions}
        <button type="button" class="button button--secondary" onClick={onClose}>
          {t('slip.close')}
        </button>
      </div>
    </section>
  );
}

export function SurveySlip({ slip, onClose }: { slip: SurveySlipData; onClose: () => void }) {
  const link = surveyLink(location.origin, slip.survey_code);
  return (
    <Slip testid="survey-slip" label={t('slip.surveyTitle')} printLabel={t('slip.print')} onClose={onClose}>
      <h3>{t('slip.surveyTitle')}</h3>
      <p class="slip__for">{t('slip.surveyFor', { name: slip.visitor })}</p>
      <div class="slip__body">
        <p class="slip__code" data-testid="survey-code">
          {slip.survey_code}
        </p>
        <QrCode text={link} label={t('slip.surveyQr')} />
      </div>
      <p class="slip__how">{t('slip.surveyHow', { address: `${location.host}/survei` })}</p>
    </Slip>
  );
}

/** The receipt as the bureau's one-page PDF (kop, code, token, dates, QR code), saved as a file.
 * The token goes in the body, never in a URL. False when it could not be made. */
export async function downloadReceipt(receipt: DeskReceipt): Promise<boolean> {
  try {
    const { data, response } = await api.POST('/v1/admin/receipts', {
      body: { tracking_code: receipt.tracking_code, access_token: receipt.access_token },
      headers: { Accept: 'application/pdf' },
      parseAs: 'blob',
    });
    if (!response.ok || !data) return false;
    const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `tanda-terima-${receipt.tracking_code}.pdf`;
    const href = URL.createObjectURL(new Blob([data as Blob], { type: 'application/pdf' }));
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return true;
  } catch {
    return false;
  }
}

export function ReceiptSlip({ receipt, onClose }: { receipt: DeskReceipt; onClose: () => void }) {
  const lang = currentLanguage();
  const link = trackingLink(location.origin, receipt.tracking_code, receipt.access_token);
  const title = receipt.kind === 'complaint' ? t('slip.receiptComplaint') : t('slip.receiptAudience');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setBusy(true);
    const ok = await downloadReceipt(receipt);
    setBusy(false);
    setFailed(!ok);
  };
  const actions = (
    <button type="button" class="button button--secondary" data-testid="receipt-pdf" disabled={busy} onClick={() => void download()}>
      {t('slip.downloadReceipt')}
    </button>
  );
  return (
    <Slip testid="desk-receipt" label={title} printLabel={t('slip.printReceipt')} onClose={onClose} actions={actions}>
      <h3>{title}</h3>
      <div class="slip__body">
        <dl class="slip__facts">
          <dt>{t('slip.code')}</dt>
          <dd class="slip__code" data-testid="receipt-code">
            {receipt.tracking_code}
          </dd>
          <dt>{t('slip.received')}</dt>
          <dd>{formatDateTime(receipt.received_at, lang)}</dd>
          <dt>{t('slip.due')}</dt>
          <dd>
            <strong data-testid="receipt-due">{formatDateTime(receipt.due_at, lang)}</strong>
          </dd>
        </dl>
        <QrCode text={link} label={t('slip.trackingQr')} />
      </div>
      {/* The token on its own line across the slip's width: one line, never broken at its "-". */}
      <dl class="slip__facts">
        <dt>{t('slip.token')}</dt>
        <dd class="slip__token" data-testid="receipt-token">
          {receipt.access_token}
        </dd>
      </dl>
      <p class="slip__how">{t('slip.receiptHow', { address: `${location.host}/lacak` })}</p>
      <p class="hint no-print">{t('slip.tokenOnce')}</p>
      {failed && (
        <p class="notice notice--error no-print" role="alert">
          {t('slip.downloadFailed')}
        </p>
      )}
    </Slip>
  );
}
