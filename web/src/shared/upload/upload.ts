/**
 * Uploads straight to the bucket: check the file here (type by its first bytes, size), ask
 * the API for a presigned POST (`POST /v1/uploads`, with an Idempotency-Key), then post the
 * form there with XMLHttpRequest for its upload progress, retrying once on a dropped
 * connection, then have the API check the landed file (`POST /v1/uploads/{id}/check`): a
 * damaged one is refused there, with its reason, before the form goes on.
 */
import type { components } from '../../api/schema';
import { api, newIdempotencyKey } from '../api/client';
import type { FormErrors } from '../api/problem';
import { isProblem, offlineErrors, problemToErrors } from '../api/problem';

export type Purpose = components['schemas']['UploadCreate']['purpose'];
export type ContentType = components['schemas']['UploadCreate']['content_type'];

/** api.md: PDF, JPEG, PNG; at most 10 MiB. */
export const MAX_BYTES = 10 * 1024 * 1024;
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * A file the API accepted, as a form keeps it (in its draft). `ref` is what a submission names
 * it by: the ticket's `upload_id` and `upload_secret` joined by a dot (the id alone is refused,
 * so an id seen elsewhere is of no use to anyone else).
 */
export interface UploadedFile {
  ref: string;
  filename: string;
  size: number;
}

export type FileProblem = { kind: 'badType' | 'tooBig' | 'empty' };

const MAGIC: [ContentType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]], // %PDF
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The real type of a file from its first bytes, or null when it is none of the three. */
export function sniff(head: Uint8Array): ContentType | null {
  for (const [type, magic] of MAGIC) {
    if (magic.every((b, i) => head[i] === b)) return type;
  }
  return null;
}

/** Check a file before anything is sent: {type} or the reason it cannot be uploaded. */
export async function checkFile(file: File, maxBytes = MAX_BYTES): Promise<{ type: ContentType } | FileProblem> {
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > maxBytes) return { kind: 'tooBig' };
  const type = sniff(new Uint8Array(await file.slice(0, 8).arrayBuffer()));
  return type ? { type } : { kind: 'badType' };
}

/** Why an upload failed: `errors` in words; `refused` when the API checked the landed file
 * and refused it (damaged, encrypted...), so choosing it again will not help. */
export class UploadError extends Error {
  constructor(
    readonly errors: FormErrors,
    readonly refused = false,
  ) {
    super(refused ? 'upload refused' : 'upload failed');
  }
}

/**
 * POST the presigned form with the file, reporting progress (0-1). Resolves on a 2xx;
 * rejects with `'network'` when the connection dropped (worth one retry) or `'rejected'`.
 */
export function postForm(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file); // last: S3 ignores fields after the file
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error('rejected')));
    xhr.onerror = () => reject(new Error('network'));
    xhr.ontimeout = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.open('POST', url);
    xhr.timeout = 10 * 60 * 1000; // the presigned policy's lifetime
    xhr.send(form);
  });
}

/**
 * Upload one checked file for `purpose`; `onProgress(fraction, retrying)` (1: landed, being
 * checked). Throws UploadError with the API's field messages (`refused` when the server's
 * check refused the file) or an offline message.
 */
export async function uploadFile(
  file: File,
  type: ContentType,
  purpose: Purpose,
  onProgress: (fraction: number, retrying: boolean) => void,
  offlineMessage: string,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  const body = { purpose, content_type: type, size_bytes: file.size, filename: file.name.slice(-200) };
  const key = newIdempotencyKey();
  let ticket: components['schemas']['UploadTicketOut'] | undefined;
  for (let attempt = 0; attempt < 2 && !ticket; attempt++) {
    try {
      const { data, error } = await api.POST('/v1/uploads', { body, params: { header: { 'Idempotency-Key': key } }, signal });
      if (data) ticket = data;
      else throw new UploadError(isProblem(error) ? problemToErrors(error, []) : offlineErrors(offlineMessage));
    } catch (e) {
      if (e instanceof UploadError || attempt === 1 || signal?.aborted) {
        throw e instanceof UploadError ? e : new UploadError(offlineErrors(offlineMessage));
      }
    }
  }
  if (!ticket) throw new UploadError(offlineErrors(offlineMessage));
  try {
    await postForm(ticket.url, ticket.fields, file, (f) => onProgress(f, false), signal);
  } catch (e) {
    if ((e as Error).message !== 'network' || signal?.aborted) throw new UploadError(offlineErrors(offlineMessage));
    onProgress(0, true); // the connection dropped: once more, the same ticket
    try {
      await postForm(ticket.url, ticket.fields, file, (f) => onProgress(f, true), signal);
    } catch {
      throw new UploadError(offlineErrors(offlineMessage));
    }
  }
  onProgress(1, false);
  // The same check a submission runs, now, so the form can say at once that a file is damaged.
  const checked = await api
    .POST('/v1/uploads/{upload_id}/check', {
      params: { path: { upload_id: ticket.upload_id } },
      body: { upload_secret: ticket.upload_secret, purpose },
      signal,
    })
    .catch(() => undefined);
  if (!checked?.data) {
    const problem = checked?.error;
    if (isProblem(problem)) throw new UploadError(problemToErrors(problem, []), problem.status === 422);
    throw new UploadError(offlineErrors(offlineMessage));
  }
  return { ref: uploadRef(ticket), filename: file.name, size: file.size };
}

/** `<upload_id>.<upload_secret>`: how a submission names a ticket's file. */
export function uploadRef(ticket: Pick<components['schemas']['UploadTicketOut'], 'upload_id' | 'upload_secret'>): string {
  return `${ticket.upload_id}.${ticket.upload_secret}`;
}

/** 1536 -> "1,5 KB" in the reader's language. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}
