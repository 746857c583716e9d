/**
 * Numbers in the reader's notation with Intl.NumberFormat: id-ID ("87,50", "3,5") or en-GB
 * ("87.50"), with a fixed number of decimals so a column of figures lines up.
 */
import type { Language } from './i18n/i18n';

/** `value` with exactly `digits` decimals in `lang`'s notation ("id": 3,50; "en": 3.50). */
export function formatNumber(value: number, lang: Language, digits: number): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
