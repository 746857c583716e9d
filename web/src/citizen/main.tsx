import { render } from 'preact';
import { initI18n } from '../shared/i18n/i18n';
import { App } from './app';
import indonesian from './i18n/id';
import './styles.css';

void initI18n(indonesian, () => import('./i18n/en').then((m) => m.default)).then(() => {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
});
