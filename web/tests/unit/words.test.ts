import { describe, expect, it } from 'vitest';
import id from '../../src/citizen/i18n/id';
import staffId from '../../src/staff/i18n/id';
import commonId from '../../src/shared/i18n/common-id';
import { inSentence } from '../../src/shared/text/words';

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Object.values(value as Record<string, unknown>).flatMap(texts);
}

describe('a label inside a sentence (issue 17: "Isi jumlah peserta dari instansi anda")', () => {
  it('lowers only the first letter: "Anda" keeps its capital, an acronym stays', () => {
    expect(inSentence('Jumlah peserta dari instansi Anda')).toBe('jumlah peserta dari instansi Anda');
    expect(inSentence('Kode pelacakan')).toBe('kode pelacakan');
    expect(inSentence('NIK')).toBe('NIK');
    expect(inSentence('SP4N-LAPOR! ID')).toBe('SP4N-LAPOR! ID');
    expect(inSentence('')).toBe('');
  });

  it('no Indonesian text writes "anda" in lower case', () => {
    for (const text of [...texts(id), ...texts(staffId), ...texts(commonId)]) {
      expect(text, text).not.toMatch(/\banda\b/);
    }
  });
});
