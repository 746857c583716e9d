/**
 * The satisfaction survey (SKM, PermenPANRB 14/2017): nine questions answered 1-4, an optional
 * profile and a suggestion. Every unanswered question is named in the error summary at once,
 * as the API does; nothing identifies the respondent.
 */
import type { ComponentChildren } from 'preact';
import { useLoad } from '../../../shared/api/use-load';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { Choices, ErrorSummary, TextArea } from '../../../shared/ui/form';
import { LoadError } from '../../../shared/ui/load-error';
import { t } from '../../i18n/t';
import type { Questionnaire, SurveyBody } from './api';
import { fetchQuestionnaire } from './api';

type Text = { id: string; en: string };

function pick(text: Text): string {
  return currentLanguage() === 'en' ? text.en : text.id;
}

const UNSUR = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
const PROFILE = ['age_band', 'sex', 'education', 'occupation'] as const;
export const SURVEY_FIELDS: readonly string[] = [
  'survey_code',
  ...UNSUR.map((u) => `answers.${u}`),
  ...PROFILE.map((p) => `profile.${p}`),
  'suggestion',
];

export interface SurveyState {
  answers: Record<string, string>;
  profile: Record<string, string>;
  suggestion: string;
}

export const emptySurvey = (): SurveyState => ({ answers: {}, profile: {}, suggestion: '' });

/** The body the API takes, or the fields still unanswered (by their API path). */
export function toBody(state: SurveyState, q: Questionnaire): { body?: SurveyBody; missing: Record<string, string> } {
  const missing: Record<string, string> = {};
  for (const e of q.elements) {
    if (!state.answers[e.code]) missing[`answers.${e.code}`] = t('survey.answerMissing', { name: pick(e.name) });
  }
  if (Object.keys(missing).length) return { missing };
  const answers = Object.fromEntries(UNSUR.map((u) => [u, Number(state.answers[u])])) as SurveyBody['answers'];
  const profile = Object.fromEntries(Object.entries(state.profile).filter(([, v]) => v)) as SurveyBody['profile'];
  return {
    body: { answers, profile, suggestion: state.suggestion.trim() || null },
    missing,
  };
}

/**
 * The questions. `errors` are by API field path; `before` renders above the questions (the
 * kiosk's code field), inside the same form; `back` beside the submit.
 */
export function SurveyForm({
  state,
  onState,
  errors,
  general,
  busy,
  onSubmit,
  before,
  back,
  submitLabel,
}: {
  state: SurveyState;
  onState: (s: SurveyState) => void;
  errors: Record<string, string>;
  general: string[];
  busy: boolean;
  onSubmit: (q: Questionnaire) => void;
  before?: ComponentChildren;
  /** A "Kembali" button before the submit (the survey as step 2 after the rating). */
  back?: ComponentChildren;
  submitLabel?: string;
}) {
  const q = useLoad(fetchQuestionnaire, t('app.offline'));
  if (q.errors) return <LoadError errors={q.errors} retry={q.reload} retryLabel={t('app.retry')} />;
  if (!q.data) return <p aria-live="polite">{t('app.loading')}</p>;
  const questionnaire = q.data;
  const label = (name: string) => {
    const f = questionnaire.profile_fields.find((p) => p.name === name);
    return f ? pick(f.label) : name;
  };
  return (
    <>
      <ErrorSummary
        items={[
          ...Object.entries(errors).map(([field, message]) => ({ field, message })),
          ...general.map((message) => ({ message })),
        ]}
      />
      <form
        noValidate
        class="survey"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(questionnaire);
        }}
      >
        {before}
        <p class="hint">{t('survey.anonymous')}</p>
        {questionnaire.elements.map((el, i) => (
          <Choices
            key={el.code}
            field={`answers.${el.code}`}
            legend={`${i + 1}. ${pick(el.question)}`}
            hint={pick(el.name)}
            error={errors[`answers.${el.code}`]}
            value={state.answers[el.code] ? [state.answers[el.code] as string] : []}
            options={el.answers.map((a) => ({ value: String(a.value), label: pick(a.label) }))}
            onValue={([v]) => onState({ ...state, answers: { ...state.answers, [el.code]: v ?? '' } })}
          />
        ))}
        <details class="survey__profile">
          <summary>{t('survey.profileTitle')}</summary>
          <p class="hint">{t('survey.profileHint')}</p>
          {questionnaire.profile_fields.map((f) => (
            <Choices
              key={f.name}
              field={`profile.${f.name}`}
              legend={`${label(f.name)} ${t('survey.optional')}`}
              error={errors[`profile.${f.name}`]}
              value={state.profile[f.name] ? [state.profile[f.name] as string] : []}
              options={f.choices.map((c) => ({ value: c.code, label: pick(c.label) }))}
              onValue={([v]) => onState({ ...state, profile: { ...state.profile, [f.name]: v ?? '' } })}
            />
          ))}
        </details>
        <TextArea
          field="suggestion"
          label={t('survey.suggestion')}
          hint={t('survey.suggestionHint')}
          optional
          error={errors.suggestion}
          value={state.suggestion}
          onValue={(v) => onState({ ...state, suggestion: v })}
        />
        <p>
          {back}
          {back && ' '}
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('form.submitting') : (submitLabel ?? t('survey.submit'))}
          </button>
        </p>
      </form>
    </>
  );
}
