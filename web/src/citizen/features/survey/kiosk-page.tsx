/**
 * The front desk's kiosk: a visitor types (or scans) the one-time code the guestbook
 * check-out printed and answers the survey; the page then clears itself for the next visitor.
 * The slip's QR code opens `/survei#kode=<code>`: the code is filled in, also when the kiosk's
 * page was already open (a new fragment alone does not reload it).
 */
import { useEffect, useState } from 'preact/hooks';
import { useSubmission } from '../../../shared/api/submission';
import { TextField } from '../../../shared/ui/form';
import { t } from '../../i18n/t';
import type { SurveyBody } from './api';
import { sendCodeSurvey } from './api';
import { SURVEY_FIELDS, SurveyForm, emptySurvey, toBody } from './survey-form';
import { inSentence } from '../../../shared/text/words';

function codeFromFragment(): string {
  return new URLSearchParams(location.hash.slice(1)).get('kode')?.trim() ?? '';
}

export function KioskPage() {
  const [code, setCode] = useState(codeFromFragment);
  const [survey, setSurvey] = useState(emptySurvey);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [thanked, setThanked] = useState(false);
  useEffect(() => {
    const onHash = () => {
      const fromLink = codeFromFragment();
      if (fromLink) {
        setCode(fromLink); // a new visitor's slip: a fresh form
        setSurvey(emptySurvey());
        setThanked(false);
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const send = useSubmission(
    'kesra.submit.survey.kiosk',
    (body: SurveyBody & { survey_code: string }, key: string) => sendCodeSurvey(body.survey_code, body, key),
    SURVEY_FIELDS,
    { offline: t('app.offline'), inProgress: t('form.inProgress') },
  );
  if (thanked) {
    return (
      <>
        <h1>{t('survey.kioskTitle')}</h1>
        <p class="notice" role="status" data-testid="survey-thanks">
          {t('survey.thanks')}
        </p>
        <button
          type="button"
          class="button"
          onClick={() => {
            history.replaceState(null, '', location.pathname);
            setCode('');
            setSurvey(emptySurvey());
            setThanked(false);
          }}
        >
          {t('survey.next')}
        </button>
      </>
    );
  }
  const errors = { ...(send.errors?.fields ?? {}), ...missing };
  return (
    <>
      <h1>{t('survey.kioskTitle')}</h1>
      <p class="lead">{t('survey.kioskLead')}</p>
      <SurveyForm
        state={survey}
        onState={setSurvey}
        errors={errors}
        general={send.errors?.general ?? []}
        busy={send.busy}
        before={
          <TextField
            field="survey_code"
            label={t('survey.code')}
            hint={t('survey.codeHint')}
            error={errors.survey_code}
            value={code}
            autocomplete="off"
            spellcheck={false}
            onValue={setCode}
            class="code-input"
          />
        }
        onSubmit={async (q) => {
          const { body, missing: found } = toBody(survey, q);
          if (!code.trim()) found.survey_code = t('form.required', { field: inSentence(t('survey.code')) });
          setMissing(found);
          if (!body || found.survey_code) return;
          const { data } = await send.submit({ ...body, survey_code: code.trim() });
          if (data) {
            setThanked(true);
            scrollTo(0, 0);
          }
        }}
      />
    </>
  );
}
