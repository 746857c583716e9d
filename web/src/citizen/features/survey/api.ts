import type { components } from '../../../api/schema';
import { api } from '../../../shared/api/client';

export type Questionnaire = components['schemas']['QuestionnaireOut'];
export type SurveyBody = components['schemas']['SurveyIn'];

/** GET /v1/skm/questionnaire: the nine elements (U1-U9), their answers and the profile fields. */
export function fetchQuestionnaire() {
  return api.GET('/v1/skm/questionnaire');
}

/** The requester's survey: once per item, after the service ended (X-Access-Token). */
export function sendTrackedSurvey(code: string, token: string, body: SurveyBody, key: string) {
  return api.POST('/v1/track/{tracking_code}/survey', {
    params: { path: { tracking_code: code }, header: { 'X-Access-Token': token, 'Idempotency-Key': key } },
    body,
  });
}

/** A front-desk visitor's survey with the one-time code of the guestbook check-out. */
export function sendCodeSurvey(surveyCode: string, body: SurveyBody, key: string) {
  return api.POST('/v1/skm/responses', {
    params: { header: { 'Idempotency-Key': key } },
    body: { ...body, survey_code: surveyCode },
  });
}
