/** A file staff open through the audited 5-minute link (GET /v1/admin/attachments/{id}), with the
 * reason the audit line keeps; used by the item pages and the inbox. */
import { useState } from 'preact/hooks';
import { api } from '../../shared/api/client';
import { t } from '../i18n/t';
import { act } from '../lib/act';
import { Input, Notice } from './fields';

/** `closed`: the person's roles may not open this file (lib/readers.ts, the API's rule): the file
 * is named, without a "Buka" the API would refuse. */
export function Attachment({ uploadId, label, closed = false }: { uploadId: string; label: string; closed?: boolean }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const open = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await act(() => api.GET('/v1/admin/attachments/{upload_id}', { params: { path: { upload_id: uploadId }, query: { reason } } }));
    setBusy(false);
    if (outcome.ok) {
      setErrors([]);
      window.open(outcome.data.url, '_blank', 'noopener');
    } else if (!outcome.conflict) setErrors([...outcome.errors.general, ...Object.values(outcome.errors.fields)]);
  };
  if (closed)
    return (
      <div class="attachment" data-closed>
        <strong>{label}</strong>
        <span class="hint">{t('detail.closedFile')}</span>
      </div>
    );
  return (
    <form class="attachment" onSubmit={(e) => void open(e)} aria-label={label}>
      <strong>{label}</strong>
      <Input field={`reason-${uploadId}`} label={t('detail.reason')} hint={t('detail.reasonHint')} value={reason} onValue={setReason} />
      <Notice kind="error" lines={errors} />
      <button type="submit" class="button button--secondary" disabled={busy}>
        {busy ? t('detail.opening') : t('detail.open')}
      </button>
    </form>
  );
}
