/**
 * The survey on the tracking page: offered once the service ended (the API's `survey` is
 * `open`), thanked for once answered (`done`), absent before.
 */
import { useState } from 'preact/hooks';
import { useSubmission } from '../../../shared/api/submission';
import { t } from '../../i18n/t';
import type { SurveyBody } from './api';
import { sendTrackedSurvey } from './api';
import { SURVEY_FIELDS, SurveyForm, emptySurvey, toBody } from './survey-form';

export interface TrackedSurveyProps {
  code: string;
  token: string;
  state: 'not_yet' | 'open' | 'done';
  onSent: () => void;
  step?: string;
}

export function TrackedSurvey({ code, token, state, onSent, step }: TrackedSurveyProps) {
  const [survey, setSurvey] = useState(emptySurvey);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const send = useSubmission(
    `kesra.submit.survey.${code}`,
    (body: SurveyBody, key: string) => sendTrackedSurvey(code, token, body, key),
    SURVEY_FIELDS,
    { offline: t('app.offline'), inProgress: t('form.inProgress') },
  );
  if (state === 'not_yet') return null;
  if (state === 'done') {
    return (
      <p class="notice" data-testid="survey-done">
        {t('survey.done')}
      </p>
    );
  }
  return (
    <section aria-labelledby="survey-title" class="panel">
      {step && <p class="steps">{step}</p>}
      <h2 id="survey-title">{t('survey.title')}</h2>
      <p>{t('survey.lead')}</p>
      <SurveyForm
        state={survey}
        onState={setSurvey}
        errors={{ ...(send.errors?.fields ?? {}), ...missing }}
        general={send.errors?.general ?? []}
        busy={send.busy}
        onSubmit={async (q) => {
          const { body, missing: found } = toBody(survey, q);
          setMissing(found);
          if (!body) return;
          const { data } = await send.submit(body);
          if (data) onSent();
        }}
      />
    </section>
  );
}
