/**
 * RFC 9457 problem details -> messages for the form: one per field (shown next to its input
 * and linked from the error summary) and a summary line for everything else.
 */
import type { components } from '../../api/schema';

export type Problem = components['schemas']['Problem'];

export interface FormErrors {
  /** Field path as the API names it (`contact.email`, `preferred_dates.1`) -> message. */
  fields: Record<string, string>;
  /** Messages not tied to a field the form shows (or the problem's detail). */
  general: string[];
  status: number;
  code: string;
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).code === 'string'
  );
}

/**
 * Map a problem onto the fields a form knows. `known` lists the form's field paths; an API
 * path deeper than a known one (`preferred_dates.2`) goes to that field. Anything else, and
 * the detail when no field matched, becomes a general message.
 */
export function problemToErrors(problem: Problem, known: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const e of problem.errors ?? []) {
    const target = known.find((k) => e.field === k || e.field.startsWith(`${k}.`));
    if (target && !(target in fields)) fields[target] = e.message;
    else if (!target) general.push(e.message);
  }
  if (Object.keys(fields).length === 0 && general.length === 0) {
    general.push(problem.detail || problem.title);
  }
  return { fields, general, status: problem.status, code: problem.code };
}

/** A network failure (no answer at all) as form errors, so the page says what happened. */
export function offlineErrors(message: string): FormErrors {
  return { fields: {}, general: [message], status: 0, code: 'network' };
}
