import { describe, expect, it } from 'vitest';
import { COLOUR, ON_TIME_COLOURS, stateColour } from '../../src/staff/features/reports/colours';
import id from '../../src/staff/i18n/id';

// A new user's trial (issue 17): the report's status chart coloured "Diterima" red, like an alarm.
describe('the report charts colour a state by what it means', () => {
  const states = Object.keys(id.status);

  it('gives red only to a refusal, never to a state in the normal course of work', () => {
    const red = states.filter((s) => stateColour(s) === COLOUR.alarm);
    expect(red.sort()).toEqual(['declined', 'rejected']);
    for (const s of ['received', 'submitted', 'classified', 'in_progress', 'in_review', 'scheduled', 'answered', 'closed', 'held']) {
      expect(stateColour(s)).not.toBe(COLOUR.alarm);
    }
  });

  it('colours every state the console names, finished ones green', () => {
    for (const s of states) expect(Object.values(COLOUR)).toContain(stateColour(s));
    expect(stateColour('answered')).toBe(COLOUR.done);
    expect(stateColour('held')).toBe(COLOUR.done);
  });

  it('colours on time green and late red', () => {
    expect(ON_TIME_COLOURS).toEqual([COLOUR.done, COLOUR.alarm]);
  });
});
