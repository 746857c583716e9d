/**
 * The facts of a receipt (tanda terima), in one shape for every rendering: the portal's receipt
 * page, the front desk's printed slip, and any later one (a PDF). The create answer carries them
 * once: the access token is never shown again.
 */
export interface ReceiptFacts {
  kind: 'audience' | 'complaint';
  tracking_code: string;
  access_token: string;
  /** RFC 3339 instants; shown in WIB (shared/time/format.ts). */
  received_at: string;
  due_at: string;
}
