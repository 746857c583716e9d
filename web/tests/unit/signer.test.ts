import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';
import type { Session } from '../../src/staff/lib/session';
import type { LetterSigner } from '../../src/staff/lib/signer';
import { signerLine, signerNotice, signerSource } from '../../src/staff/lib/signer';

beforeAll(async () => {
  await i18next.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

const base: LetterSigner = {
  name: 'Dr. H. Ahmad Kesra, M.Si.',
  position: 'Kepala Biro Kesejahteraan Rakyat',
  rank: 'Pembina (IV/a)',
  nip: '197001011990031001',
  source: 'stored',
  version: 1,
  updated_at: null,
  updated_by: null,
  updated_by_name: null,
};
const unset: LetterSigner = { ...base, name: 'Pejabat Penandatangan', rank: '', nip: '-', source: 'unset', version: 0 };
const as = (...roles: string[]) => ({ sub: 'x', name: 'X', roles }) as unknown as Session;

describe('the letter signer notice (issue 20 point 2: every letter signed "Pejabat Penandatangan, NIP -")', () => {
  it('says nothing once a signer is set, in the console or in settings', () => {
    expect(signerNotice(base, as('admin'))).toBeNull();
    expect(signerNotice({ ...base, source: 'settings' }, as('front_desk'))).toBeNull();
    expect(signerNotice(undefined, as('admin'))).toBeNull();
  });
  it('tells the admin to set one in Admin and the others to ask for it, in both languages', async () => {
    await i18next.changeLanguage('id');
    expect(signerNotice(unset, as('admin'))).toContain('Penandatangan surat belum ditetapkan — atur di Admin');
    expect(signerNotice(unset, as('front_desk'))).toContain('Penandatangan surat belum ditetapkan — minta admin');
    expect(signerNotice(unset, as('front_desk'))).toContain('pratinjau tetap dapat dibuka');
    await i18next.changeLanguage('en');
    expect(signerNotice(unset, as('admin'))).toContain('No letter signer set yet — set one in Admin');
    await i18next.changeLanguage('id');
  });
  it('shows the signature block in one line and where it comes from', () => {
    expect(signerLine(base)).toBe('Kepala Biro Kesejahteraan Rakyat · Dr. H. Ahmad Kesra, M.Si. · Pembina (IV/a) · NIP 197001011990031001');
    expect(signerLine({ ...base, rank: '' })).not.toContain(' ·  · ');
    expect(signerSource(base)).toBe('ditetapkan di Admin');
    expect(signerSource({ ...base, source: 'settings' })).toContain('LETTER_SIGNER_');
  });
});
