/**
 * Load once on mount (and again on `reload`): {data, errors, loading}. A tiny stand-in for a
 * query library, enough for pages that read one resource.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { FormErrors } from './problem';
import { isProblem, offlineErrors, problemToErrors } from './problem';

export interface Loaded<T> {
  data: T | undefined;
  errors: FormErrors | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * `load` returns openapi-fetch's `{data, error}`; a thrown error is a network failure and
 * becomes `offlineMessage`.
 */
export function useLoad<T>(
  load: () => Promise<{ data?: T; error?: unknown }>,
  offlineMessage: string,
  deps: readonly unknown[] = [],
): Loaded<T> {
  const [state, setState] = useState<{ data?: T; errors?: FormErrors; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then(({ data, error }) => {
        if (!live) return;
        if (data !== undefined) setState({ data, loading: false });
        else setState({ loading: false, errors: isProblem(error) ? problemToErrors(error, []) : offlineErrors(offlineMessage) });
      })
      .catch(() => live && setState({ loading: false, errors: offlineErrors(offlineMessage) }));
    return () => {
      live = false;
    };
  }, [tick, ...deps]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, errors: state.errors, loading: state.loading, reload };
}
