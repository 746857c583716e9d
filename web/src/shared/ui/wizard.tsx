/**
 * Pieces of a multi-step form (GOV.UK's "question pages" and "check answers" patterns).
 */
import type { ComponentChildren } from 'preact';
import { tc } from '../i18n/common';

export interface Step {
  slug: string;
  title: string;
}

/** "Step 2 of 5" above the question; a back link to the previous step. */
export function StepHeader({ back, n, total, stepOf }: { back?: string | undefined; n: number; total: number; stepOf: string }) {
  return (
    <>
      {back && (
        <a class="back" href={back}>
          ‹ {tc('common.back')}
        </a>
      )}
      <p class="steps">{stepOf.replace('{{n}}', String(n)).replace('{{total}}', String(total))}</p>
    </>
  );
}

export interface Answer {
  label: string;
  value: ComponentChildren;
  href: string;
  /** What "Change" changes, for screen readers: "Ubah nama instansi". */
  what: string;
}

/** The check-your-answers list: each answer with a link back to the step that asked it. */
export function CheckAnswers({ title, answers }: { title?: string; answers: Answer[] }) {
  return (
    <>
      {title && <h2>{title}</h2>}
      <table class="check">
        <tbody>
          {answers.map((a) => (
            <tr key={a.label}>
              <th scope="row">{a.label}</th>
              <td>{a.value}</td>
              <td class="no-print">
                <a href={a.href}>
                  {tc('common.change')}
                  <span class="visually-hidden"> {a.what}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
