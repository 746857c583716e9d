import { t } from '../i18n/t';
import { PATHS } from '../paths';

export function NotFound() {
  return (
    <>
      <h1>{t('app.notFound')}</h1>
      <p>
        <a href={PATHS.home}>{t('app.notFoundBody')}</a>
      </p>
    </>
  );
}
