import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { currentLanguage, setLanguage } from '../../shared/i18n/i18n';
import { t } from '../i18n/t';
import { PATHS } from '../paths';

/** Header (skip link, name, language switch, menu), the page, footer. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // A screen reader hears the new page: focus moves to its main content on navigation.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  const lang = currentLanguage();
  const links: [string, string][] = [
    [PATHS.audience, t('app.navAudience')],
    [PATHS.complaint, t('app.navComplaint')],
    [PATHS.track, t('app.navTrack')],
  ];
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="masthead">
        <div class="wrap masthead__row">
          <a class="brand" href={PATHS.home}>
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <span>
              <strong>{t('app.name')}</strong>
              <small>{t('app.bureau')}</small>
            </span>
          </a>
          <button
            type="button"
            class="link-button lang"
            lang={lang === 'id' ? 'en' : 'id'}
            aria-label={t('app.switchLabel')}
            onClick={() => void setLanguage(lang === 'id' ? 'en' : 'id')}
          >
            {t('app.switchTo')}
          </button>
        </div>
        <nav class="wrap nav" aria-label={t('app.nav')}>
          {links.map(([href, label]) => (
            <a key={href} href={href} aria-current={path.startsWith(href) ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="wrap main">
        {children}
      </main>
      <footer class="footer">
        <div class="wrap">
          <p>{t('app.footer')}</p>
          <p>{t('app.bureau')}</p>
        </div>
      </footer>
    </>
  );
}
