import { describe, expect, it } from 'vitest';
import id from '../../src/citizen/i18n/id';
import en from '../../src/citizen/i18n/en';
import staffEn from '../../src/staff/i18n/en';
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

describe('the portal and the console use the same words (issue 17, a new user\'s trial)', () => {
  it('the in-review audience reads "Ditelaah" / "In review" on both sides', () => {
    expect(id.status.in_review).toBe('Ditelaah');
    expect(staffId.status.in_review).toBe(id.status.in_review);
    expect(en.status.in_review).toBe('In review');
    expect(staffEn.status.in_review).toBe(en.status.in_review);
  });
  it('the complaint receipt speaks of the complaint, not a request', () => {
    expect(id.receipt.warningComplaint).toContain('melacak pengaduan ini');
    expect(en.receipt.warningComplaint).toContain('track this complaint');
  });
  it("the schedule form marks its required list, as the walk-in's phone is (wajib / required)", () => {
    expect(staffId.scheduling.attendees).toBe('Peserta dari biro (wajib, satu per baris)');
    expect(staffEn.scheduling.attendees).toBe('Bureau attendees (required, one per line)');
  });
  it('the empty outbox says so in words', () => {
    expect(staffId.admin.noNotifications).toBe('Belum ada notifikasi.');
    expect(staffEn.admin.noNotifications).toBe('No notifications yet.');
  });
});
