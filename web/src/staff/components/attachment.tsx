/** A file staff open through the audited 5-minute link (GET /v1/admin/attachments/{id}), with the
 * reason the audit line keeps; used by the item pages and the inbox. */
import { useState } from 'preact/hooks';
import { api } from '../../shared/api/client';
import { t } from '../i18n/t';
import { act } from '../lib/act';
import { Input, Notice } from './fields';

export function Attachment({ uploadId, label }: { uploadId: string; label: string }) {
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
