/**
 * Cognito managed login with authorization code + PKCE (oidc-client-ts). Loaded with a
 * dynamic import only when the runtime config says `cognito`, so the local bundle never
 * carries it. The ID token goes to the API as the bearer (its `cognito:groups` are the roles).
 */
import type { CognitoConfig } from '../../lib/config';
import { PATHS } from '../../lib/paths';
import type { Role, Session } from '../../lib/session';
import { signedIn, signedOut } from '../../lib/session';

async function manager(config: CognitoConfig) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const origin = window.location.origin;
  return new UserManager({
    authority: config.authority,
    client_id: config.client_id,
    redirect_uri: `${origin}${PATHS.callback}`,
    post_logout_redirect_uri: `${origin}${PATHS.dashboard}`,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    metadataSeed: {
      // Cognito's discovery has no end_session_endpoint: its managed logout is /logout.
      end_session_endpoint: `${config.domain}/logout?client_id=${encodeURIComponent(config.client_id)}&logout_uri=${encodeURIComponent(`${origin}${PATHS.dashboard}`)}`,
    },
  });
}

export async function cognitoSignIn(config: CognitoConfig): Promise<void> {
  const m = await manager(config);
  await m.signinRedirect({ state: window.location.pathname });
}

/** On /staff/callback: trade the code for tokens, then go back where sign-in started. */
export async function cognitoCallback(config: CognitoConfig): Promise<string> {
  const m = await manager(config);
  const user = await m.signinRedirectCallback();
  const groups = (user.profile['cognito:groups'] as string[] | undefined) ?? [];
  const session: Session = {
    token: user.id_token ?? '',
    expiresAt: (user.expires_at ?? 0) * 1000,
    sub: user.profile.sub,
    roles: groups as Role[],
  };
  signedIn(session);
  return typeof user.state === 'string' ? user.state : PATHS.dashboard;
}

export async function cognitoSignOut(config: CognitoConfig): Promise<void> {
  const m = await manager(config);
  signedOut();
  await m.signoutRedirect();
}
