import { api } from '../../../shared/api/client';
import type { components } from '../../../api/schema';

export type ServiceStandard = components['schemas']['ServiceStandard'];
export type ServiceEntry = components['schemas']['ServiceEntry'];

/** GET /v1/skm/publications?limit=1: the latest published satisfaction index. */
export function fetchLatestPublication() {
  return api.GET('/v1/skm/publications', { params: { query: { limit: 1 } } });
}

/** GET /v1/services: the published service standard (cached an hour by the browser). */
export function fetchServices() {
  return api.GET('/v1/services');
}
