import { describe, expect, it } from 'vitest';
import { browserLanguage } from '../../src/shared/i18n/i18n';
import en from '../../src/citizen/i18n/en';
import id from '../../src/citizen/i18n/id';
import staffEn from '../../src/staff/i18n/en';
import staffId from '../../src/staff/i18n/id';

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('catalogues', () => {
  it('English has exactly the Indonesian keys, none empty', () => {
    expect(leaves(en).sort()).toEqual(leaves(id).sort());
    for (const key of leaves(en)) {
      const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en);
      expect(text, key).not.toBe('');
    }
  });
  it('interpolations match in both languages', () => {
    for (const key of leaves(id)) {
      const get = (c: unknown) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c) as string;
      const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(vars(get(en)), key).toEqual(vars(get(id)));
    }
  });
});

describe('one word for a declined audience on both sides (issue 17 point 9)', () => {
  it("the portal says what the console says, the standard's gentler words", () => {
    expect(id.status.declined).toBe(staffId.status.declined);
    expect(id.status.declined).toBe('Tidak difasilitasi');
    expect(id.track.declineReason).toBe(staffId.detail.declineReason);
    expect(en.status.declined).toBe(staffEn.status.declined);
    expect(en.track.declineReason).toBe(staffEn.detail.declineReason);
  });
});

describe("the first visit follows the browser's languages", () => {
  it('takes the first Indonesian or English one, else Indonesian', () => {
    expect(browserLanguage(['en-US', 'en'])).toBe('en');
    expect(browserLanguage(['de-DE', 'en-GB', 'id'])).toBe('en');
    expect(browserLanguage(['id-ID', 'en-US'])).toBe('id');
    expect(browserLanguage(['ms-MY'])).toBe('id');
    expect(browserLanguage(['fr-FR'])).toBe('id');
    expect(browserLanguage([])).toBe('id');
  });
});
