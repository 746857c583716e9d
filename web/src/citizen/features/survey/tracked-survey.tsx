/**
 * The survey on the tracking page: offered once the service ended (the API's `survey` is
 * `open`), thanked for once answered (`done`), absent before.
 *
 * With `rate` (the rating is still open too) the rating and the survey are one flow (issue 17
 * point 11): step 1 the rating, step 2 the survey, one at a time, with "Kembali" between them
 * and one final "Kirim" that sends the rating (POST .../rating) and then the survey
 * (POST .../survey). The reader may skip either: the rating (straight to the survey) or the
 * survey (the rating alone).
 */
import { useState } from 'preact/hooks';
import { useSubmission } from '../../../shared/api/submission';
import { Choices, ErrorSummary, TextArea } from '../../../shared/ui/form';
import { t } from '../../i18n/t';
import type { SurveyBody } from './api';
import { sendTrackedSurvey } from './api';
import { SURVEY_FIELDS, SurveyForm, emptySurvey, toBody } from './survey-form';

export interface RatingBody {
  score: number;
  comment: string | null;
}

export type SendRating = (body: RatingBody, key: string) => Promise<{ data?: unknown; error?: unknown }>;

export interface TrackedSurveyProps {
  code: string;
  token: string;
  state: 'not_yet' | 'open' | 'done';
  onSent: () => void;
  /** The rating is open too: it becomes step 1 of the flow, sent with the survey. */
  rate?: SendRating | undefined;
}

const NO_RATING: SendRating = () => Promise.resolve({ error: undefined });

export function TrackedSurvey({ code, token, state, onSent, rate }: TrackedSurveyProps) {
  const [survey, setSurvey] = useState(emptySurvey);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [stage, setStage] = useState<'rate' | 'survey'>(rate ? 'rate' : 'survey');
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [scoreError, setScoreError] = useState<string | undefined>();
  const [ratedHere, setRatedHere] = useState(false);
  const messages = { offline: t('app.offline'), inProgress: t('form.inProgress') };
  const send = useSubmission(`kesra.submit.survey.${code}`, (body: SurveyBody, key: string) => sendTrackedSurvey(code, token, body, key), SURVEY_FIELDS, messages);
  const rating = useSubmission(`kesra.submit.rating.${code}`, rate ?? NO_RATING, ['score', 'comment'], messages);
  if (state === 'not_yet') return null;
  if (state === 'done') {
    return (
      <p class="notice" data-testid="survey-done">
        {t('survey.done')}
      </p>
    );
  }

  /** The rating, once, when one was chosen: false (back on step 1 with the API's words) if refused. */
  const sendRating = async (): Promise<boolean> => {
    if (!rate || ratedHere || !score) return true;
    const { data } = await rating.submit({ score: Number(score), comment: comment.trim() || null });
    if (data === undefined) {
      setStage('rate');
      return false;
    }
    setRatedHere(true);
    return true;
  };
  const chosen = (): boolean => {
    setScoreError(score ? undefined : t('track.chooseScore'));
    return !!score;
  };

  // once rated (the page reloaded without `rate`), the survey alone, whatever step was shown
  if (rate && stage === 'rate') {
    const error = scoreError ?? rating.errors?.fields.score;
    return (
      <section aria-labelledby="rate-title" class="panel" data-testid="rating-step">
        <p class="steps">{t('track.stepRate')}</p>
        <h2 id="rate-title">{t('track.rate')}</h2>
        <ErrorSummary
          items={[
            ...(error ? [{ field: 'score', message: error }] : []),
            ...(rating.errors?.fields.comment ? [{ field: 'comment', message: rating.errors.fields.comment }] : []),
            ...(rating.errors?.general.map((message) => ({ message })) ?? []),
          ]}
        />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen()) setStage('survey');
          }}
        >
          <Choices
            field="score"
            legend={t('track.rateLegend')}
            error={error}
            value={score ? [score] : []}
            options={(['5', '4', '3', '2', '1'] as const).map((v) => ({ value: v, label: t(`track.score${v}`) }))}
            onValue={([v]) => setScore(v ?? '')}
          />
          <TextArea field="comment" label={t('track.comment')} optional error={rating.errors?.fields.comment} value={comment} onValue={setComment} />
          <button type="submit" class="button">
            {t('track.toSurvey')}
          </button>
        </form>
        <p>
          <button
            type="button"
            class="link-button"
            disabled={rating.busy}
            onClick={async () => {
              if (chosen() && (await sendRating())) onSent();
            }}
          >
            {t('track.rateOnly')}
          </button>
        </p>
        <p>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              setScore('');
              setScoreError(undefined);
              setStage('survey');
            }}
          >
            {t('track.skipRating')}
          </button>
        </p>
      </section>
    );
  }
  const both = !!rate && !!score && !ratedHere;
  return (
    <section aria-labelledby="survey-title" class="panel">
      {rate && <p class="steps">{t('track.stepSurvey')}</p>}
      <h2 id="survey-title">{t('survey.title')}</h2>
      <p>{t('survey.lead')}</p>
      <SurveyForm
        state={survey}
        onState={setSurvey}
        errors={{ ...(send.errors?.fields ?? {}), ...missing }}
        general={send.errors?.general ?? []}
        busy={send.busy || rating.busy}
        {...(both ? { submitLabel: t('track.sendBoth') } : {})}
        {...(rate
          ? {
              back: (
                <button type="button" class="button button--secondary" onClick={() => setStage('rate')}>
                  {t('common.back')}
                </button>
              ),
            }
          : {})}
        onSubmit={async (q) => {
          const { body, missing: found } = toBody(survey, q);
          setMissing(found);
          if (!body) return;
          if (!(await sendRating())) return;
          const { data } = await send.submit(body);
          if (data) onSent();
        }}
      />
    </section>
  );
}
