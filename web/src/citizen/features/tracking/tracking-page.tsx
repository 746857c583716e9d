/**
 * Tracking: opened by the receipt's link (code and token in the URL fragment, never sent to a
 * server) or by typing them. Status, due date, timeline, the schedule or the reply letter and
 * decline reason, the answer, messages with a reply box when the bureau asked, and a rating
 * once it is allowed.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FormErrors } from '../../../shared/api/problem';
import { isProblem, offlineErrors, problemToErrors } from '../../../shared/api/problem';
import { useSubmission } from '../../../shared/api/submission';
import { currentLanguage } from '../../../shared/i18n/i18n';
import { formatDate, formatDateTime, formatTimeRange } from '../../../shared/time/format';
import { Choices, ErrorSummary, TextArea, TextField } from '../../../shared/ui/form';
import { LoadError } from '../../../shared/ui/load-error';
import { t } from '../../i18n/t';
import { receipts } from '../../receipts';
import type { TrackView } from './api';
import { PATHS } from '../../paths';
import { downloadInvite, downloadLetter, fetchTrack, sendMessage, sendRating } from './api';
import { inSentence } from '../../../shared/text/words';

interface Access {
  code: string;
  token: string;
}

function fromFragment(): Access | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const code = params.get('kode')?.trim();
  const token = params.get('token')?.trim();
  return code && token ? { code, token } : undefined;
}

/** A later notice's link carries the code only (`#kode=...`): the form starts with it. */
function codeInFragment(): string {
  return new URLSearchParams(location.hash.slice(1)).get('kode')?.trim() ?? '';
}

/** What the tracking page hands a slot below the status (the app puts the SKM survey there). */
export interface SurveySlotProps {
  code: string;
  token: string;
  state: TrackView['survey'];
  onSent: () => void;
  /** The rating is open too: the slot makes it step 1 of one flow with the survey and sends it
   * with the survey's final submit (POST /v1/track/{code}/rating, then .../survey). */
  rate?: (body: { score: number; comment: string | null }, key: string) => Promise<{ data?: unknown; error?: unknown }>;
}

export function TrackingPage({ survey }: { survey?: ComponentType<SurveySlotProps> } = {}) {
  const [access, setAccess] = useState<Access | undefined>(fromFragment);
  const [view, setView] = useState<TrackView | undefined>();
  const [errors, setErrors] = useState<FormErrors | undefined>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const onHash = () => setAccess(fromFragment());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!access) return;
    let live = true;
    setLoading(true);
    fetchTrack(access.code, access.token)
      .then(({ data, error, response }) => {
        if (!live) return;
        if (data) {
          setView(data);
          setErrors(undefined);
        } else if (response.status === 404) {
          setView(undefined);
          setErrors({ fields: { code: t('track.notFound') }, general: [], status: 404, code: 'not_found' });
        } else {
          setErrors(isProblem(error) ? problemToErrors(error, []) : offlineErrors(t('app.offline')));
        }
      })
      .catch(() => live && setErrors(offlineErrors(t('app.offline'))))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [access?.code, access?.token, tick]);

  const open = (a: Access) => {
    // The fragment keeps a reload on this page; it never reaches a server.
    history.replaceState(null, '', `#${new URLSearchParams({ kode: a.code, token: a.token }).toString()}`);
    setAccess(a);
    setTick((n) => n + 1);
  };

  if (!view || !access) {
    return <AccessForm initial={access} errors={errors} loading={loading} onOpen={open} />;
  }
  return (
    <Status
      survey={survey}
      view={view}
      access={access}
      reload={() => setTick((n) => n + 1)}
      onOther={() => {
        history.replaceState(null, '', location.pathname);
        setView(undefined);
        setAccess(undefined);
      }}
    />
  );
}

function AccessForm({
  initial,
  errors,
  loading,
  onOpen,
}: {
  initial: Access | undefined;
  errors: FormErrors | undefined;
  loading: boolean;
  onOpen: (a: Access) => void;
}) {
  const [code, setCode] = useState(initial?.code ?? codeInFragment());
  const [token, setToken] = useState(initial?.token ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const fields = { ...(errors?.fields ?? {}), ...local };
  const saved = receipts();
  return (
    <>
      <h1>{t('track.title')}</h1>
      <ErrorSummary items={Object.entries(fields).map(([field, message]) => ({ field, message }))} />
      {errors && errors.general.length > 0 && <LoadError errors={errors} retryLabel={t('app.retry')} />}
      <p>{t('track.lead')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found: Record<string, string> = {};
          if (!code.trim()) found.code = t('form.required', { field: inSentence(t('track.code')) });
          if (!token.trim()) found.token = t('form.required', { field: inSentence(t('track.token')) });
          setLocal(found);
          if (!Object.keys(found).length) onOpen({ code: code.trim().toUpperCase(), token: token.trim() });
        }}
      >
        <TextField field="code" label={t('track.code')} hint={t('track.codeHint')} error={fields.code} value={code} autocomplete="off" spellcheck={false} onValue={setCode} class="code-input" />
        <TextField field="token" label={t('track.token')} error={fields.token} value={token} autocomplete="off" spellcheck={false} onValue={setToken} />
        <button type="submit" class="button" disabled={loading}>
          {loading ? t('app.loading') : t('track.submit')}
        </button>
      </form>
      {saved.length > 0 && (
        <section aria-labelledby="saved-title">
          <h2 id="saved-title">{t('track.saved')}</h2>
          <ul>
            {saved.map((r) => (
              <li key={r.tracking_code}>
                <button type="button" class="link-button" onClick={() => onOpen({ code: r.tracking_code, token: r.access_token })}>
                  {r.tracking_code}
                </button>{' '}
                ({r.kind === 'complaint' ? t('receipt.kindComplaint') : t('receipt.kindAudience')})
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function statusLabel(status: string): string {
  const label = t(`status.${status}` as 'status.received');
  return label.startsWith('status.') ? status : label;
}

function Status({
  view,
  access,
  reload,
  onOther,
  survey: Survey,
}: {
  view: TrackView;
  access: Access;
  reload: () => void;
  onOther: () => void;
  survey?: ComponentType<SurveySlotProps> | undefined;
}) {
  const lang = currentLanguage();
  const [inviteFailed, setInviteFailed] = useState(false);
  const [letterFailed, setLetterFailed] = useState(false);
  const letter = view.reply_letter;
  // The rating and the SKM survey are one flow (issue 17 point 11): with both open, the survey
  // slot takes the rating as its step 1 and sends both with one final submit; the rating form
  // alone only when there is no survey to follow.
  const surveyOpen = !!Survey && view.survey === 'open';
  const rateAlone = view.can_rate && !surveyOpen;
  const rate = (body: { score: number; comment: string | null }, key: string) => sendRating(access.code, access.token, body.score, body.comment, key);
  return (
    <>
      <h1>
        <span class="visually-hidden">{t('track.code')}: </span>
        <span class="code">{access.code}</span>
      </h1>
      <p>
        {t('track.status')}: <strong class="tag" data-testid="status">{statusLabel(view.status)}</strong>
      </p>
      <dl class="facts">
        <dt>{t('track.received')}</dt>
        <dd>{formatDateTime(view.received_at, lang)}</dd>
        <dt>{t('track.due')}</dt>
        <dd>
          <strong>{formatDateTime(view.due_at, lang)}</strong>
        </dd>
      </dl>
      {view.schedule && (
        <section aria-labelledby="schedule-title" class="panel">
          <h2 id="schedule-title">{t('track.schedule')}</h2>
          <dl class="facts">
            <dt>{t('track.when')}</dt>
            <dd data-testid="schedule-when">{formatTimeRange(view.schedule.start, view.schedule.end, lang)}</dd>
            <dt>{t('track.room')}</dt>
            <dd>{view.schedule.room}</dd>
          </dl>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => void downloadInvite(access.code, access.token).then((ok) => setInviteFailed(!ok))}
          >
            {t('track.invite')}
          </button>
          {inviteFailed && <p role="alert" class="error-message">{t('app.offline')}</p>}
        </section>
      )}
      {view.decline_reason && (
        <section aria-labelledby="decline-title">
          <h2 id="decline-title">{t('track.declineReason')}</h2>
          <p class="pre">{view.decline_reason}</p>
        </section>
      )}
      {letter && (
        <section aria-labelledby="letter-title" class="panel">
          <h2 id="letter-title">{t(view.kind === 'complaint' ? 'track.answerLetter' : 'track.replyLetter')}</h2>
          <dl class="facts">
            <dt>{t('track.letterNumber')}</dt>
            <dd>{letter.number}</dd>
            <dt>{t('track.letterDate')}</dt>
            <dd>{formatDate(letter.date, lang)}</dd>
          </dl>
          {letter.text && view.kind !== 'complaint' && <p class="pre">{letter.text}</p>}
          {letter.pdf_url && (
            <p>
              <button
                type="button"
                class="button"
                onClick={() => void downloadLetter(access.code, access.token).then((ok) => setLetterFailed(!ok))}
              >
                {t('track.letterPdf')}
              </button>{' '}
              {letter.id && <a href={`${PATHS.verify}#${letter.id}`}>{t('track.letterVerify')}</a>}
            </p>
          )}
          {letterFailed && <p role="alert" class="error-message">{t('app.offline')}</p>}
        </section>
      )}
      {view.answer && (
        <section aria-labelledby="answer-title" class="panel">
          <h2 id="answer-title">{t('track.answer')}</h2>
          <p class="pre">{view.answer.text}</p>
          <p class="hint">{formatDateTime(view.answer.at, lang)}</p>
        </section>
      )}
      {view.messages.length > 0 && (
        <section aria-labelledby="messages-title">
          <h2 id="messages-title">{t('track.messages')}</h2>
          <ul class="messages">
            {view.messages.map((m) => (
              <li key={m.at + m.sender} class={m.sender === 'bureau' ? 'from-bureau' : ''}>
                <strong>{m.sender === 'bureau' ? t('track.fromBureau') : t('track.fromYou')}</strong>
                <span class="hint"> · {formatDateTime(m.at, lang)}</span>
                <p class="pre">{m.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.can_reply && <Reply access={access} onSent={reload} />}
      {rateAlone && <Rating access={access} onSent={reload} />}
      {view.rated && <p class="notice">{t('track.rated')}</p>}
      {Survey && <Survey code={access.code} token={access.token} state={view.survey} onSent={reload} {...(view.can_rate ? { rate } : {})} />}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('track.timeline')}</h2>
        <ol class="timeline">
          {[...view.timeline].reverse().map((e) => (
            <li key={e.at + e.status}>
              <strong>{statusLabel(e.status)}</strong>
              <br />
              <span class="hint">{formatDateTime(e.at, lang)}</span>
              {e.note && <p>{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
      <button type="button" class="link-button" onClick={onOther}>
        {t('track.other')}
      </button>
    </>
  );
}

function Reply({ access, onSent }: { access: Access; onSent: () => void }) {
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const send = useSubmission(
    `kesra.submit.message.${access.code}`,
    (body: { message: string }, key: string) => sendMessage(access.code, access.token, body.message, key),
    ['message'],
    { offline: t('app.offline'), inProgress: t('form.inProgress') },
  );
  const error = local ?? send.errors?.fields.message;
  return (
    <section aria-labelledby="reply-title" class="panel">
      <h2 id="reply-title">{t('track.askedTitle')}</h2>
      <ErrorSummary items={[...(error ? [{ field: 'message', message: error }] : []), ...(send.errors?.general.map((message) => ({ message })) ?? [])]} />
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!text.trim()) {
            setLocal(t('form.required', { field: inSentence(t('track.reply')) }));
            return;
          }
          setLocal(undefined);
          const { data } = await send.submit({ message: text.trim() });
          if (data) onSent();
        }}
      >
        <TextArea field="message" label={t('track.reply')} hint={t('track.replyHint')} error={error} value={text} onValue={setText} />
        <button type="submit" class="button" disabled={send.busy}>
          {send.busy ? t('form.submitting') : t('track.send')}
        </button>
      </form>
    </section>
  );
}

function Rating({ access, onSent }: { access: Access; onSent: () => void }) {
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const send = useSubmission(
    `kesra.submit.rating.${access.code}`,
    (body: { score: number; comment: string | null }, key: string) => sendRating(access.code, access.token, body.score, body.comment, key),
    ['score', 'comment'],
    { offline: t('app.offline'), inProgress: t('form.inProgress') },
  );
  const error = local ?? send.errors?.fields.score;
  return (
    <section aria-labelledby="rate-title" class="panel">
      <h2 id="rate-title">{t('track.rate')}</h2>
      <ErrorSummary
        items={[
          ...(error ? [{ field: 'score', message: error }] : []),
          ...(send.errors?.fields.comment ? [{ field: 'comment', message: send.errors.fields.comment }] : []),
          ...(send.errors?.general.map((message) => ({ message })) ?? []),
        ]}
      />
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!score) {
            setLocal(t('track.chooseScore'));
            return;
          }
          setLocal(undefined);
          const { data } = await send.submit({ score: Number(score), comment: comment.trim() || null });
          if (data) onSent();
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
        <TextArea field="comment" label={t('track.comment')} optional error={send.errors?.fields.comment} value={comment} onValue={setComment} />
        <button type="submit" class="button" disabled={send.busy}>
          {send.busy ? t('form.submitting') : t('track.sendRating')}
        </button>
      </form>
    </section>
  );
}
