/** The staff console's entry: i18n, the runtime config (local or Cognito sign-in), the app. */
import { render } from 'preact';
import { initI18n } from '../shared/i18n/i18n';
import { App } from './app';
import indonesian from './i18n/id';
import { loadConfig } from './lib/config';
import './styles.css';

void Promise.all([initI18n(indonesian, () => import('./i18n/en').then((m) => m.default)), loadConfig()]).then(([, config]) => {
  const root = document.getElementById('app');
  if (root) render(<App config={config} />, root);
});
