import { api } from './client';
import { isProblem, problemToErrors } from './problem';

/**
 * The typed phone number and e-mail address as the API's submission rules judge them
 * (POST /v1/contact-check: the same E.164 and e-mail rules as POST /v1/audiences and
 * /v1/complaints), so a form names every bad one on its own step, not at the final submit
 * after the uploads. Returns the API's message per given form field (empty when all are
 * fine, when nothing was typed, or offline: the final submit checks again).
 */
export async function contactProblems(typed: { phone: string; email: string }, fields: { phone: string; email: string }): Promise<Record<string, string>> {
  const phone = typed.phone.trim();
  const email = typed.email.trim();
  if (!phone && !email) return {};
  try {
    const { error } = await api.POST('/v1/contact-check', { body: { phone: phone || null, email: email || null } });
    if (!isProblem(error)) return {};
    const found = problemToErrors(error, ['phone', 'email']).fields;
    return Object.fromEntries(Object.entries(found).map(([k, message]) => [k === 'phone' ? fields.phone : fields.email, message]));
  } catch {
    return {};
  }
}
