/**
 * How the console signs staff in, read at start from `/staff/config.json` (a static file:
 * `{"auth": "local"}` in the build, rewritten by `make deploy-web` with the stack's Cognito
 * values). A missing or unreadable file means local mode.
 */
export interface LocalConfig {
  auth: 'local';
}

export interface CognitoConfig {
  auth: 'cognito';
  /** The user pool's issuer: https://cognito-idp.<region>.amazonaws.com/<pool id> */
  authority: string;
  client_id: string;
  /** The managed login's domain: https://<prefix>.auth.<region>.amazoncognito.com */
  domain: string;
}

export type ConsoleConfig = LocalConfig | CognitoConfig;

export async function loadConfig(): Promise<ConsoleConfig> {
  try {
    const res = await fetch('/staff/config.json', { cache: 'no-cache' });
    if (!res.ok) return { auth: 'local' };
    const data = (await res.json()) as Partial<CognitoConfig> & { auth?: string };
    if (data.auth === 'cognito' && data.authority && data.client_id && data.domain) {
      return { auth: 'cognito', authority: data.authority, client_id: data.client_id, domain: data.domain };
    }
  } catch {
    /* local */
  }
  return { auth: 'local' };
}
