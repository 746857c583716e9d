/** Paths of the portal (Indonesian, as the citizen reads them in the address bar). */
export const PATHS = {
  home: '/',
  audience: '/audiensi',
  complaint: '/pengaduan',
  receipt: '/tanda-terima',
  track: '/lacak',
  survey: '/survei',
  verify: '/verifikasi',
} as const;

/** The tracking link (shared with the console's printed receipts). */
export { trackingLink } from '../shared/links';
