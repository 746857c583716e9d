import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../shared/api/client';
import { useLoad } from '../../shared/api/use-load';
import { currentLanguage, setLanguage } from '../../shared/i18n/i18n';
import { t } from '../i18n/t';
import { NAV } from '../lib/paths';
import { person } from '../lib/people';
import type { Session } from '../lib/session';

/** Header (skip link, who is signed in, language, sign-out), the role's menu, the page. */
export function Layout({ session, onSignOut, children }: { session: Session; onSignOut: () => void; children: ComponentChildren }) {
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  // Who is signed in, by the full name the staff directory holds (the token has only the sub).
  const me = useLoad(() => api.GET('/v1/admin/me'), '', [session.sub]);
  const lang = currentLanguage();
  const items = NAV.filter((n) => n.roles.some((r) => session.roles.includes(r)));
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="masthead">
        <div class="masthead__row">
          <span class="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>
              <strong>{t('app.name')}</strong>
              <small>{t('app.bureau')}</small>
            </span>
          </span>
          <span class="who">
            {t('app.signedInAs', { who: person(session.sub, me.data?.name), roles: session.roles.map((r) => t(`role.${r}`)).join(', ') })}
          </span>
          <button
            type="button"
            class="link-button"
            lang={lang === 'id' ? 'en' : 'id'}
            aria-label={t('app.switchLabel')}
            onClick={() => void setLanguage(lang === 'id' ? 'en' : 'id')}
          >
            {t('app.switchTo')}
          </button>
          <button type="button" class="link-button" onClick={onSignOut}>
            {t('app.signOut')}
          </button>
        </div>
        <nav class="nav" aria-label={t('app.nav')}>
          {items.map((n) => (
            <a
              key={n.key}
              href={n.path}
              aria-current={(n.key === 'dashboard' ? path === n.path || `${path}/` === n.path : path.startsWith(n.path)) ? 'page' : undefined}
            >
              {t(`nav.${n.key}`)}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="main">
        {children}
      </main>
    </>
  );
}
