/**
 * GOV.UK Design System form patterns in Preact: an error summary linking to each wrong field,
 * labels and hints tied to inputs (aria-describedby), errors announced and not only coloured.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { tc } from '../i18n/common';

/** The DOM id of an API field path: `contact.email` -> `f-contact-email`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export interface SummaryItem {
  /** A field path (links to `#f-…` on this page) or a full href to another step. */
  field?: string;
  href?: string;
  message: string;
}

/** Shown at the top when something is wrong; takes focus so a screen reader reads it first. */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const box = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.field}:${i.message}`).join('|');
  useEffect(() => {
    if (items.length) box.current?.focus();
  }, [signature]);
  if (!items.length) return null;
  return (
    <div class="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{tc('common.errorSummary')}</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.field}${item.message}`}>
            {item.href || item.field ? (
              <a
                href={item.href ?? `#${fieldId(item.field ?? '')}`}
                onClick={(e) => {
                  if (item.href) return;
                  // Move focus to the input itself (the anchor alone only scrolls).
                  const el = document.getElementById(fieldId(item.field ?? ''));
                  if (el) {
                    e.preventDefault();
                    el.focus();
                    el.scrollIntoView({ block: 'center' });
                  }
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  field: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Message({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{tc('common.errorPrefix')} </span>
          {error}
        </p>
      )}
    </>
  );
}

function Label({ id, label, optional }: { id: string; label: string; optional?: boolean | undefined }) {
  return (
    <label for={id}>
      {label}
      {optional && ` ${tc('common.optional')}`}
    </label>
  );
}

interface InputAttrs {
  type?: 'text' | 'email' | 'tel' | 'number' | 'date';
  autocomplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  spellcheck?: boolean;
  min?: string | number;
  max?: string | number;
  maxLength?: number;
  class?: string;
}

export function TextField({
  field,
  label,
  hint,
  error,
  optional,
  value,
  onValue,
  type = 'text',
  autocomplete,
  inputMode,
  spellcheck,
  min,
  max,
  maxLength,
  class: extra,
}: FieldProps & InputAttrs & { value: string; onValue: (value: string) => void }) {
  const id = fieldId(field);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Message id={id} hint={hint} error={error} />
      <input
        type={type as 'text'} // Preact 11 types each input type apart; these five share every prop used here
        autocomplete={autocomplete}
        inputMode={inputMode}
        spellcheck={spellcheck}
        min={min}
        max={max}
        maxLength={maxLength}
        id={id}
        name={field}
        class={[extra, error ? 'input--error' : ''].filter(Boolean).join(' ') || undefined}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}

export function TextArea({
  field,
  label,
  hint,
  error,
  optional,
  value,
  onValue,
  maxLength,
}: FieldProps & { value: string; onValue: (value: string) => void; maxLength?: number }) {
  const id = fieldId(field);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Message id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={field}
        rows={6}
        maxLength={maxLength}
        class={error ? 'input--error' : undefined}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

/** Radios (one choice) or checkboxes (several) in a fieldset whose legend is the question. */
export function Choices({
  field,
  legend,
  hint,
  error,
  options,
  value,
  onValue,
  multiple,
  children,
}: {
  field: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: Option[];
  value: string[];
  onValue: (value: string[]) => void;
  multiple?: boolean;
  children?: ComponentChildren;
}) {
  const id = fieldId(field);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend>{legend}</legend>
        <Message id={id} hint={hint} error={error} />
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${i}`;
          const checked = value.includes(o.value);
          return (
            <div class="choice" key={o.value}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                id={optionId}
                name={field}
                value={o.value}
                checked={checked}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                onChange={() =>
                  onValue(multiple ? (checked ? value.filter((v) => v !== o.value) : [...value, o.value]) : [o.value])
                }
              />
              <div>
                <label for={optionId}>{o.label}</label>
                {o.hint && (
                  <p class="hint" id={`${optionId}-hint`}>
                    {o.hint}
                  </p>
                )}
              </div>
            </div>
          );
        })}
        {children}
      </fieldset>
    </div>
  );
}
