import type { FormErrors } from '../api/problem';

/** A failed load: what went wrong, announced, with a way to try again. */
export function LoadError({ errors, retry, retryLabel }: { errors: FormErrors; retry?: () => void; retryLabel: string }) {
  return (
    <div class="notice notice--error" role="alert">
      {errors.general.map((m) => (
        <p key={m}>{m}</p>
      ))}
      {retry && (
        <button type="button" class="button button--secondary" onClick={retry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
