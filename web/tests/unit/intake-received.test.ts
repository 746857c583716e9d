import { describe, expect, it } from 'vitest';
import { nowWib, receivedAtToSend } from '../../src/staff/features/front-desk/intake';

describe('the received time of a complaint taken at the desk (issue 17)', () => {
  it('sends the moment of submit when the pre-filled field was left alone', () => {
    const opened = new Date('2026-12-06T20:45:00Z'); // 03:45 WIB: the page is loaded
    const submitted = new Date('2026-12-06T20:47:30Z'); // 03:47 WIB: the form is sent
    const shown = nowWib(opened);
    expect(shown).toBe('2026-12-07T03:45');
    expect(receivedAtToSend(shown, false, submitted)).toBe('2026-12-06T20:47:30.000Z');
  });

  it('sends what the staff member typed when they set the time', () => {
    const submitted = new Date('2026-12-06T20:47:30Z');
    expect(receivedAtToSend('2026-12-07T01:10', true, submitted)).toBe('2026-12-07T01:10:00+07:00');
  });
});
