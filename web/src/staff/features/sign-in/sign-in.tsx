/**
 * Sign-in. Locally: username and password to `POST /v1/local/sign-in` (served by `make run`
 * only), which answers the same HS256 token `make token` prints. In AWS: Cognito managed
 * login (authorization code + PKCE) through oidc-client-ts, loaded only on this path.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { Input, Notice } from '../../components/fields';
import type { ConsoleConfig } from '../../lib/config';
import type { Role, Session } from '../../lib/session';
import { signedIn } from '../../lib/session';
import { t } from '../../i18n/t';
import { cognitoSignIn } from './cognito';

interface LocalAnswer {
  token: string;
  expires_at: string;
  sub: string;
  roles: Role[];
}

async function localSignIn(username: string, password: string): Promise<Session | string> {
  try {
    const res = await fetch('/v1/local/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': currentLanguage() },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as LocalAnswer & { detail?: string; title?: string };
    if (!res.ok) return body.detail ?? body.title ?? t('app.offline');
    return { token: body.token, expiresAt: Date.parse(body.expires_at), sub: body.sub, roles: body.roles };
  } catch {
    return t('app.offline');
  }
}

/** The form; `expired` shows it as a dialog over the page being worked on. */
export function SignIn({ config, expired = false }: { config: ConsoleConfig; expired?: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (expired) first.current?.focus(); // the dialog takes the keyboard at once
  }, [expired]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username || !password) {
      setError(t('signIn.required'));
      first.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    const result = await localSignIn(username, password);
    setBusy(false);
    if (typeof result === 'string') {
      setError(result);
      setPassword('');
      return;
    }
    signedIn(result);
  };

  const body =
    config.auth === 'cognito' ? (
      <button type="button" class="button" onClick={() => void cognitoSignIn(config)}>
        {t('signIn.cognito')}
      </button>
    ) : (
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Notice kind="error" lines={error ? [error] : []} />
        <Input field="username" label={t('signIn.username')} value={username} onValue={setUsername} inputRef={first} />
        <Input field="password" label={t('signIn.password')} type="password" value={password} onValue={setPassword} />
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    );

  if (expired) {
    return (
      <div class="overlay">
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="expired-title">
          <h2 id="expired-title">{t('signIn.expiredTitle')}</h2>
          <p>{t('signIn.expiredLead')}</p>
          {body}
        </div>
      </div>
    );
  }
  return (
    <main id="main" class="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.lead')}</p>
      {body}
    </main>
  );
}
