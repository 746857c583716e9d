/**
 * Links into the citizens' portal that a printed slip or receipt carries (the portal and the
 * console share one origin). What identifies the person rides in the fragment: a browser never
 * sends it to a server or its logs.
 */

/** The portal's tracking page with the code and its access token filled in. */
export function trackingLink(origin: string, code: string, token: string): string {
  const fragment = new URLSearchParams({ kode: code, token }).toString();
  return `${origin}/lacak#${fragment}`;
}

/** The visitor kiosk's SKM survey with the guestbook's one-time survey code filled in. */
export function surveyLink(origin: string, surveyCode: string): string {
  return `${origin}/survei#${new URLSearchParams({ kode: surveyCode }).toString()}`;
}
