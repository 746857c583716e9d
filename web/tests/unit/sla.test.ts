import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { duration, slaWords } from '../../src/staff/components/sla';
import type { Sla } from '../../src/staff/components/sla';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';

const stopped = (onTime: boolean): Sla => ({
  state: onTime ? 'on_track' : 'breached',
  due_at: '2026-12-07T16:00:00+07:00',
  remaining_seconds: 0,
  paused: false,
  stopped: true,
  on_time: onTime,
});

beforeAll(async () => {
  await i18next.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

describe('the SLA badge says what is true of the item (issue 17 point 9)', () => {
  it('an audience given a schedule or declined was answered, on time or late', async () => {
    await i18next.changeLanguage('id');
    for (const status of ['scheduled', 'declined', 'held']) {
      expect(slaWords(stopped(true), status), status).toBe('dijawab tepat waktu');
      expect(slaWords(stopped(false), status), status).toBe('dijawab terlambat');
    }
    await i18next.changeLanguage('en');
    expect(slaWords(stopped(true), 'scheduled')).toBe('answered on time');
    expect(slaWords(stopped(false), 'declined')).toBe('answered late');
    await i18next.changeLanguage('id');
  });
  it('a cancelled audience has no badge: it did not "finish on time"', () => {
    expect(slaWords(stopped(true), 'cancelled')).toBeNull();
  });
  it('complaint badges: answered is answered, rejected and forwarded ended', () => {
    expect(slaWords(stopped(true), 'answered')).toBe('dijawab tepat waktu');
    expect(slaWords(stopped(false), 'closed')).toBe('dijawab terlambat');
    expect(slaWords(stopped(true), 'rejected')).toBe('selesai, tepat waktu');
    expect(slaWords(stopped(false), 'forwarded')).toBe('selesai, terlambat');
  });
  it('a running clock still says the time left', () => {
    const running: Sla = { ...stopped(true), stopped: false, on_time: null, remaining_seconds: 2 * 3600 + 30 * 60, state: 'on_track' };
    expect(slaWords(running, 'submitted')).toBe('Sesuai jadwal · sisa 2 jam 30 menit');
  });
});

describe('durations name only the units that count', () => {
  it('whole hours read without "0 menit"', () => {
    expect(duration(2 * 3600)).toBe('2 jam');
    expect(duration(3600 + 5 * 60)).toBe('1 jam 5 menit');
    expect(duration(45 * 60)).toBe('45 menit');
    expect(duration(2 * 86400 + 3 * 3600 + 59 * 60)).toBe('2 hari 3 jam');
    expect(duration(-(2 * 3600))).toBe('2 jam');
  });
});
