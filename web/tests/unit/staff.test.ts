import { describe, expect, it } from 'vitest';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';
import { wibToRfc3339 } from '../../src/staff/features/front-desk/intake';
import { addDays, firstWeek, mondayOf } from '../../src/staff/features/scheduling/scheduling';
import { NAV } from '../../src/staff/lib/paths';
import { mayOpen } from '../../src/staff/lib/readers';

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const get = (c: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c) as string;

describe('the console catalogues', () => {
  it('English has exactly the Indonesian keys, none empty, same interpolations', () => {
    expect(leaves(en).sort()).toEqual(leaves(id).sort());
    const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const key of leaves(id)) {
      expect(get(en, key), key).not.toBe('');
      expect(vars(get(en, key)), key).toEqual(vars(get(id, key)));
    }
  });
});

describe('console helpers', () => {
  it('a time typed in WIB is sent with the bureau offset', () => {
    expect(wibToRfc3339('2026-11-30T09:15')).toBe('2026-11-30T09:15:00+07:00');
    expect(wibToRfc3339('')).toBe('');
  });
  it('the week view starts on Monday', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30'); // a Thursday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday belongs to the week before
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('the week view opens on this week, or the coming one at the weekend', () => {
    expect(firstWeek('2026-12-03')).toBe('2026-11-30'); // Thursday: this week
    expect(firstWeek('2026-11-28')).toBe('2026-11-30'); // Saturday: the coming week
    expect(firstWeek('2026-11-29')).toBe('2026-11-30'); // Sunday: the coming week
  });
  it('only the admin sees every screen; the team sees its queue', () => {
    const of = (role: string) => NAV.filter((n) => n.roles.includes(role as never)).map((n) => n.key);
    expect(of('admin')).toEqual(NAV.map((n) => n.key));
    expect(of('complaint_team')).toEqual(['dashboard', 'complaints']);
    expect(of('front_desk')).toEqual(['dashboard', 'frontDesk', 'audiences', 'scheduling']);
  });
});

describe('who may open an attached file (the API rule in services/uploads.py)', () => {
  it('complaint evidence: the complaint officer, the team and the admin, not the supervisor', () => {
    expect(mayOpen(['supervisor'], 'evidence', 'complaint')).toBe(false);
    expect(mayOpen(['front_desk'], 'evidence', 'complaint')).toBe(false);
    for (const role of ['complaint_officer', 'complaint_team', 'admin'] as const) expect(mayOpen([role], 'evidence', 'complaint'), role).toBe(true);
    expect(mayOpen(undefined, 'evidence', 'complaint')).toBe(false);
  });
  it("an audience's identity scan also its handlers; its letter the desk, supervisor and admin", () => {
    expect(mayOpen(['front_desk'], 'identity', 'audience')).toBe(true);
    expect(mayOpen(['complaint_officer'], 'identity', 'audience')).toBe(true);
    expect(mayOpen(['supervisor'], 'identity', 'audience')).toBe(false);
    expect(mayOpen(['front_desk'], 'identity', 'complaint')).toBe(false);
    expect(mayOpen(['supervisor'], 'request_letter', 'audience')).toBe(true);
    expect(mayOpen(['complaint_officer'], 'request_letter', 'audience')).toBe(false);
  });
});
