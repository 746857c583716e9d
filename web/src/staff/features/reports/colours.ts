/**
 * The colours of the report's charts by what a bar means, not by its place in the list: a
 * state in the normal course of work is blue, a finished one green, a set-aside one grey, and
 * red only for what is an alarm (late) or a refusal (rejected, declined). A new user's trial
 * (issue 17) read "Diterima" in red, the fourth of a rotating palette, as an alarm.
 */
export const COLOUR = {
  open: '#1d70b8',
  working: '#0b4f6c',
  waiting: '#5c3d99',
  done: '#00703c',
  aside: '#505a5f',
  alarm: '#b10e1e',
} as const;

const STATE: Record<string, string> = {
  received: COLOUR.open,
  submitted: COLOUR.open,
  classified: COLOUR.working,
  in_progress: COLOUR.working,
  in_review: COLOUR.working,
  awaiting_reporter: COLOUR.waiting,
  scheduled: COLOUR.waiting,
  answered: COLOUR.done,
  closed: COLOUR.done,
  held: COLOUR.done,
  forwarded: COLOUR.aside,
  cancelled: COLOUR.aside,
  rejected: COLOUR.alarm,
  declined: COLOUR.alarm,
};

/** The colour of an item's state (a key of `status.*`); an unknown state is the neutral one. */
export function stateColour(state: string): string {
  return STATE[state] ?? COLOUR.aside;
}

/** On time is the good outcome (green), late the alarm (red). */
export const ON_TIME_COLOURS = [COLOUR.done, COLOUR.alarm] as const;
