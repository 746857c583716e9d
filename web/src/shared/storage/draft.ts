/**
 * A form's draft, kept in sessionStorage on every change: going back, reloading or switching
 * language never loses what the citizen typed. Cleared after a successful submission.
 */
import { useCallback, useState } from 'preact/hooks';

function read<T>(key: string, initial: T): T {
  try {
    const raw = sessionStorage.getItem(key);
    if (raw) return { ...initial, ...(JSON.parse(raw) as Partial<T>) };
  } catch {
    /* storage blocked or corrupt: start again */
  }
  return initial;
}

export function useDraft<T extends object>(key: string, initial: T): [T, (change: Partial<T>) => void, () => void] {
  const [draft, setDraft] = useState<T>(() => read(key, initial));
  const update = useCallback(
    (change: Partial<T>) =>
      setDraft((current) => {
        const next = { ...current, ...change };
        try {
          sessionStorage.setItem(key, JSON.stringify(next));
        } catch {
          /* not kept: the page still works */
        }
        return next;
      }),
    [key],
  );
  const clear = useCallback(() => {
    try {
      sessionStorage.removeItem(key);
    } catch {
      /* nothing to clear */
    }
    setDraft(initial);
  }, [key, initial]);
  return [draft, update, clear];
}
