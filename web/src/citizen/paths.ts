/** Paths of the portal (Indonesian, as the citizen reads them in the address bar). */
export const PATHS = {
  home: '/',
  audience: '/audiensi',
  complaint: '/pengaduan',
  receipt: '/tanda-terima',
  track: '/lacak',
  survey: '/survei',
} as const;

/** The tracking link: code and token ride in the fragment, never sent to a server or its logs. */
export function trackingLink(origin: string, code: string, token: string): string {
  const fragment = new URLSearchParams({ kode: code, token }).toString();
  return `${origin}${PATHS.track}#${fragment}`;
}
