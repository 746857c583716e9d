import { describe, expect, it } from 'vitest';
import { bureauToday, formatDate, formatDateTime, formatMonth, formatTimeRange } from '../../src/shared/time/format';

describe('times in Asia/Pontianak', () => {
  it('shows an instant in WIB whatever the zone it was written in', () => {
    // 09:00 UTC is 16:00 in Pontianak; written in +09:00 it is the same instant.
    const id = formatDateTime('2026-11-30T18:00:00+09:00', 'id');
    expect(id).toContain('30 November 2026');
    expect(id).toMatch(/16[.:]00/);
    expect(id).toContain('WIB');
    expect(formatDateTime('2026-11-30T09:00:00Z', 'en')).toMatch(/Monday.*30 November 2026.*16:00/);
    // WIB in English too, never "GMT+7" (issue 17 point 10).
    expect(formatDateTime('2026-11-30T09:00:00Z', 'en')).toBe('Monday, 30 November 2026 at 16:00 WIB');
  });

  it('writes a meeting on one day once, with its two times (issue 17 point 9)', () => {
    const start = '2026-12-07T09:00:00+07:00';
    const end = '2026-12-07T03:00:00Z'; // 10.00 WIB, written in another zone
    expect(formatTimeRange(start, end, 'id')).toBe('Senin, 7 Desember 2026, 09.00–10.00 WIB');
    expect(formatTimeRange(start, end, 'en')).toBe('Monday, 7 December 2026, 09:00–10:00 WIB');
  });

  it('writes both dates when a range crosses midnight in Pontianak', () => {
    // 16:30 UTC is 23:30 WIB on the 7th; 17:30 UTC is 00:30 WIB on the 8th.
    expect(formatTimeRange('2026-12-07T16:30:00Z', '2026-12-07T17:30:00Z', 'id')).toBe(
      'Senin, 7 Desember 2026 pukul 23.30 WIB – Selasa, 8 Desember 2026 pukul 00.30 WIB',
    );
  });

  it('keeps a calendar date on its day', () => {
    expect(formatDate('2026-12-01', 'id')).toBe('Selasa, 1 Desember 2026');
  });

  it('writes a month out, never YYYY-MM in a sentence', () => {
    expect(formatMonth('2026-11', 'id')).toBe('November 2026');
    expect(formatMonth('2027-02', 'en')).toBe('February 2027');
  });

  it("gives the bureau's today, not the browser's", () => {
    // 18:30 UTC on the 30th is already 1 December in Pontianak (UTC+7).
    expect(bureauToday(new Date('2026-11-30T18:30:00Z'))).toBe('2026-12-01');
  });
});
