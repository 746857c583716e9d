import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { quality } from '../../src/staff/features/skm/skm-report';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';

beforeAll(async () => {
  await i18next.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

// A new user's trial (issue 17): the English SKM screen said "D Tidak Baik".
describe('the SKM quality in the console language', () => {
  it('names the PermenPANRB 14/2017 bands in Indonesian', async () => {
    await i18next.changeLanguage('id');
    expect(['A', 'B', 'C', 'D'].map(quality)).toEqual(['A Sangat Baik', 'B Baik', 'C Kurang Baik', 'D Tidak Baik']);
  });

  it('and in English, never the Indonesian words', async () => {
    await i18next.changeLanguage('en');
    expect(['A', 'B', 'C', 'D'].map(quality)).toEqual(['A Very good', 'B Good', 'C Poor', 'D Very poor']);
    expect(quality(null)).toBe('—');
  });
});

describe('the portal home names the published quality in the reader language', () => {
  it('Indonesian and English words, never the Indonesian ones in English', async () => {
    const { skmQuality } = await import('../../src/citizen/features/home/skm-latest');
    const citizenId = (await import('../../src/citizen/i18n/id')).default;
    const citizenEn = (await import('../../src/citizen/i18n/en')).default;
    i18next.addResourceBundle('id', 'translation', citizenId, true, false);
    i18next.addResourceBundle('en', 'translation', citizenEn, true, false);
    await i18next.changeLanguage('id');
    expect(skmQuality('B')).toBe('Mutu B (Baik)');
    await i18next.changeLanguage('en');
    expect(skmQuality('B')).toBe('Quality B (Good)');
    expect(skmQuality('D')).toBe('Quality D (Very poor)');
  });
});
