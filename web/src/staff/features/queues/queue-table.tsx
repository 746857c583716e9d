/** The queue's shared parts: filters, the search by code or LAPOR id, cursor paging. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Input, Notice } from '../../components/fields';
import { t } from '../../i18n/t';

/** Cursor paging: a stack of the cursors that led here, so "first page" and "next" work. */
export function usePaging() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  return {
    cursor,
    page: cursors.length,
    next: (c: string) => setCursors([...cursors, c]),
    reset: () => setCursors([null]),
  };
}

export function Pager({ next, page, onNext, onFirst }: { next: string | null | undefined; page: number; onNext: (c: string) => void; onFirst: () => void }) {
  return (
    <div class="pager">
      {page > 1 && (
        <button type="button" class="button button--secondary" onClick={onFirst}>
          {t('app.first')}
        </button>
      )}
      {next && (
        <button type="button" class="button button--secondary" onClick={() => onNext(next)}>
          {t('app.next')}
        </button>
      )}
    </div>
  );
}

/**
 * Search: `find(q)` answers the item's path or null (then "not found" is announced). `label`
 * and `hint` say what the queue can be searched by (complaints: code or LAPOR id).
 */
export function SearchBox({ find, go, label, hint }: { find: (q: string) => Promise<string | null>; go: (path: string) => void; label: string; hint: string }) {
  const [q, setQ] = useState('');
  const [missing, setMissing] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const query = q.trim();
    if (!query) return;
    const path = await find(query);
    if (path) go(path);
    else setMissing(t('queue.notFound', { q: query }));
  };
  return (
    <form class="search" role="search" onSubmit={(e) => void submit(e)}>
      <Input field="q" type="search" label={label} hint={hint} value={q} onValue={setQ} />
      <button type="submit" class="button">
        {t('app.search')}
      </button>
      <Notice kind="error" lines={missing ? [missing] : []} />
    </form>
  );
}

export function Filters({ children }: { children: ComponentChildren }) {
  return (
    <fieldset class="filters">
      <legend>{t('queue.filters')}</legend>
      {children}
    </fieldset>
  );
}
