import { afterEach, describe, expect, it, vi } from 'vitest';
import { UploadError, checkFile, sniff, uploadFile } from '../../src/shared/upload/upload';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);

describe('checking a file before it is sent', () => {
  it('knows PDF, JPEG and PNG by their first bytes, not by their name', async () => {
    expect(sniff(PDF)).toBe('application/pdf');
    expect(sniff(JPEG)).toBe('image/jpeg');
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(await checkFile(new File([JPEG], 'surat.pdf'))).toEqual({ type: 'image/jpeg' });
    expect(await checkFile(new File(['hello'], 'foto.jpg'))).toEqual({ kind: 'badType' });
  });

  it('refuses empty and too large files', async () => {
    expect(await checkFile(new File([], 'kosong.pdf'))).toEqual({ kind: 'empty' });
    expect(await checkFile(new File([PDF, new Uint8Array(100)], 'besar.pdf'), 50)).toEqual({ kind: 'tooBig' });
  });
});

/** A stand-in for XMLHttpRequest: each send() plays the next scripted outcome. */
class FakeXhr {
  static outcomes: ('drop' | 'ok' | 'reject')[] = [];
  static sent = 0;
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  status = 0;
  timeout = 0;
  onload?: () => void;
  onerror?: () => void;
  ontimeout?: () => void;
  onabort?: () => void;
  open() {}
  abort() {}
  send() {
    FakeXhr.sent++;
    const outcome = FakeXhr.outcomes.shift();
    setTimeout(() => {
      if (outcome === 'drop') return this.onerror?.();
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
      this.status = outcome === 'ok' ? 204 : 403;
      this.onload?.();
    });
  }
}

/** The API: the ticket for POST /v1/uploads, then the check's answer (200 or a 422 refusal). */
function ticketFetch(check: 'ok' | 'damaged' = 'ok') {
  const calls: Request[] = [];
  const checks: Request[] = [];
  const fetchMock = vi.fn(async (input: Request) => {
    const json = { 'Content-Type': 'application/json' };
    if (input.url.endsWith('/v1/uploads/UP1/check')) {
      checks.push(input);
      return check === 'ok'
        ? new Response(JSON.stringify({ upload_id: 'UP1', state: 'verified', size: 8 }), { status: 200, headers: json })
        : new Response(
            JSON.stringify({
              type: 'x',
              title: 'Berkas ditolak',
              status: 422,
              detail: 'd',
              code: 'upload_invalid',
              errors: [{ field: 'file', message: 'berkas rusak atau tidak dapat dibuka sebagai PDF, JPEG atau PNG', reason: 'file_damaged' }],
            }),
            { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
          );
    }
    calls.push(input);
    return new Response(
      JSON.stringify({ upload_id: 'UP1', upload_secret: 's3cret', url: 'http://storage.test/bucket', fields: { key: 'k' }, expires_at: '2026-11-30T10:00:00+07:00', max_bytes: 10 }),
      { status: 201, headers: json },
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return Object.assign(calls, { checks });
}

describe('uploading straight to the bucket', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeXhr.sent = 0;
  });

  it('retries once on a dropped connection, with one ticket and an Idempotency-Key', async () => {
    const calls = ticketFetch();
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.outcomes = ['drop', 'ok'];
    const progress: [number, boolean][] = [];
    const done = await uploadFile(new File([PDF], 'surat.pdf'), 'application/pdf', 'request_letter', (f, r) => progress.push([f, r]), 'offline');
    expect(done).toEqual({ ref: 'UP1.s3cret', filename: 'surat.pdf', size: PDF.length });
    expect(FakeXhr.sent).toBe(2);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(progress).toContainEqual([0, true]); // told the reader it retries
    expect(progress.at(-1)).toEqual([1, false]);
  });

  it('gives up after the second drop, and never retries a refusal', async () => {
    ticketFetch();
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.outcomes = ['drop', 'drop'];
    await expect(uploadFile(new File([PDF], 'a.pdf'), 'application/pdf', 'evidence', () => {}, 'offline')).rejects.toThrow();
    expect(FakeXhr.sent).toBe(2);
    FakeXhr.sent = 0;
    FakeXhr.outcomes = ['reject'];
    await expect(uploadFile(new File([PDF], 'a.pdf'), 'application/pdf', 'evidence', () => {}, 'offline')).rejects.toThrow();
    expect(FakeXhr.sent).toBe(1);
  });

  it('has the landed file checked at once: a damaged one is refused with its reason, never "Terunggah"', async () => {
    const calls = ticketFetch('damaged');
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.outcomes = ['ok'];
    const refused = await uploadFile(new File([PDF], 'rusak.pdf'), 'application/pdf', 'evidence', () => {}, 'offline').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UploadError);
    expect((refused as UploadError).refused).toBe(true);
    expect((refused as UploadError).errors.general).toEqual(['berkas rusak atau tidak dapat dibuka sebagai PDF, JPEG atau PNG']);
    expect(calls.checks).toHaveLength(1);
    expect(await calls.checks[0]?.json()).toEqual({ upload_secret: 's3cret', purpose: 'evidence' });
  });
});
