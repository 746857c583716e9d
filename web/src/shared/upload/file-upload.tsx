/**
 * A file question: choose one or more files, each checked here (type, size) and uploaded at
 * once with a progress bar; a done file shows as uploaded and can be removed. The upload ids
 * go into the form's draft (so going back loses nothing).
 */
import { useRef, useState } from 'preact/hooks';
import { tc } from '../i18n/common';
import { currentLanguage } from '../i18n/i18n';
import { fieldId } from '../ui/form';
import type { Purpose, UploadedFile } from './upload';
import { ACCEPT, MAX_BYTES, UploadError, checkFile, formatBytes, uploadFile } from './upload';

interface Pending {
  name: string;
  fraction: number;
  retrying: boolean;
}

export function FileUpload({
  field,
  label,
  hint,
  error,
  purpose,
  max,
  files,
  onFiles,
  onBusy,
  offlineMessage,
  optional,
}: {
  field: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  purpose: Purpose;
  max: number;
  files: UploadedFile[];
  onFiles: (files: UploadedFile[]) => void;
  onBusy?: (busy: boolean) => void;
  offlineMessage: string;
  optional?: boolean;
}) {
  const id = fieldId(field);
  const locale = currentLanguage() === 'en' ? 'en-GB' : 'id-ID';
  const maxText = formatBytes(MAX_BYTES, locale);
  const [pending, setPending] = useState<Pending[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const latest = useRef(files);
  latest.current = files;

  async function choose(list: FileList | null) {
    if (!list?.length) return;
    const chosen = Array.from(list);
    const found: string[] = [];
    const room = max - latest.current.length;
    if (chosen.length > room) found.push(tc('common.upload.tooMany', { max }));
    const accepted: { file: File; type: Awaited<ReturnType<typeof checkFile>> }[] = [];
    for (const file of chosen.slice(0, Math.max(room, 0))) {
      const checked = await checkFile(file);
      if ('kind' in checked) found.push(tc(`common.upload.${checked.kind}`, { name: file.name, max: maxText }));
      else accepted.push({ file, type: checked });
    }
    setProblems(found);
    if (!accepted.length) return;
    onBusy?.(true);
    setPending(accepted.map(({ file }) => ({ name: file.name, fraction: 0, retrying: false })));
    const done: UploadedFile[] = [];
    const failed: string[] = [];
    await Promise.all(
      accepted.map(async ({ file, type }, index) => {
        if ('kind' in type) return;
        try {
          done.push(
            await uploadFile(
              file,
              type.type,
              purpose,
              (fraction, retrying) =>
                setPending((p) => p.map((item, i) => (i === index ? { ...item, fraction, retrying } : item))),
              offlineMessage,
            ),
          );
        } catch (e) {
          const reasons = e instanceof UploadError ? e.errors.general.concat(Object.values(e.errors.fields)) : [];
          if (e instanceof UploadError && e.refused) failed.push(tc('common.upload.refused', { name: file.name, reason: reasons.join('; ') }));
          else failed.push(`${tc('common.upload.failed', { name: file.name })} ${reasons.join(' ')}`.trim());
        }
      }),
    );
    setPending([]);
    setProblems([...found, ...failed]);
    onFiles([...latest.current, ...done]);
    onBusy?.(false);
  }

  const shown = error ? [error, ...problems] : problems;
  const full = files.length >= max;
  return (
    <div class={`field${shown.length ? ' field--error' : ''}`}>
      <label for={id}>
        {label}
        {optional && ` ${tc('common.optional')}`}
      </label>
      <p class="hint" id={`${id}-hint`}>
        {hint ? `${hint} ` : ''}
        {tc('common.upload.hint', { max: maxText })}
      </p>
      <div aria-live="polite" id={`${id}-error`}>
        {shown.map((m) => (
          <p class="error-message" key={m}>
            {m}
          </p>
        ))}
      </div>
      {files.length > 0 && (
        <ul class="file-list">
          {files.map((f) => (
            <li key={f.ref} class="upload">
              <span class="upload__done">✓ {tc('common.upload.done')}</span>: {f.filename} ({formatBytes(f.size, locale)}){' '}
              <button
                type="button"
                class="link-button"
                aria-label={tc('common.upload.removeFile', { name: f.filename })}
                onClick={() => onFiles(files.filter((x) => x.ref !== f.ref))}
              >
                {tc('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {pending.map((p) => (
        <div class="upload" key={p.name} aria-live="polite">
          <p>
            {p.retrying
              ? tc('common.upload.retrying')
              : p.fraction >= 1
                ? tc('common.upload.checking', { name: p.name })
                : tc('common.upload.uploading', { name: p.name, percent: Math.round(p.fraction * 100) })}
          </p>
          <progress max={1} value={p.fraction} aria-label={tc('common.upload.progress', { name: p.name })} />
        </div>
      ))}
      {!full && (
        <input
          type="file"
          id={id}
          name={field}
          accept={ACCEPT}
          multiple={max - files.length > 1}
          disabled={pending.length > 0}
          aria-describedby={`${id}-hint${shown.length ? ` ${id}-error` : ''}`}
          aria-invalid={shown.length ? true : undefined}
          onChange={(e) => {
            const input = e.currentTarget;
            void choose(input.files).then(() => {
              input.value = '';
            });
          }}
        />
      )}
    </div>
  );
}
