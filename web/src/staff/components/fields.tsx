/** Small labelled inputs for the console's dense forms (every input has a label; errors linked). */
import type { Ref } from 'preact';
import { fieldId } from '../../shared/ui/form';

interface Base {
  field: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Notes({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

export function Input({
  field,
  label,
  error,
  hint,
  value,
  onValue,
  type = 'text',
  inputRef,
  required,
  idPrefix = '',
}: Base & {
  value: string;
  onValue: (v: string) => void;
  type?: 'text' | 'date' | 'time' | 'datetime-local' | 'number' | 'email' | 'tel' | 'password' | 'month' | 'search';
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
  idPrefix?: string;
}) {
  const id = idPrefix + fieldId(field);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      <Notes id={id} hint={hint} error={error} />
      <input
        id={id}
        name={field}
        type={type as 'text'}
        value={value}
        ref={inputRef}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}

export function Area({
  field,
  label,
  error,
  hint,
  value,
  onValue,
  rows = 4,
  required,
  idPrefix = '',
}: Base & { value: string; onValue: (v: string) => void; rows?: number; required?: boolean; idPrefix?: string }) {
  const id = idPrefix + fieldId(field);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      <Notes id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={field}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}

export function Select({
  field,
  label,
  error,
  hint,
  value,
  onValue,
  options,
  idPrefix = '',
}: Base & { value: string; onValue: (v: string) => void; options: [string, string][]; idPrefix?: string }) {
  const id = idPrefix + fieldId(field);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      <Notes id={id} hint={hint} error={error} />
      <select
        id={id}
        name={field}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A message the page announces (aria-live): success or the problem's general lines. */
export function Notice({ kind, lines }: { kind: 'ok' | 'error'; lines: string[] }) {
  if (!lines.length) return null;
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}
