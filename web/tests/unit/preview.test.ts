import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';
import { previewPdf } from '../../src/staff/lib/act';

const PDF = '%PDF-1.7 PRATINJAU';

function answer(body: string, status: number, type: string) {
  return vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': type } }));
}

beforeAll(async () => {
  await i18next.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('previewPdf (the letter preview)', () => {
  it('a PDF becomes an object URL; the body goes as JSON with the bearer token', async () => {
    const fetch = answer(PDF, 200, 'application/pdf');
    vi.stubGlobal('fetch', fetch);
    const made = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:draft');
    const out = await previewPdf('/v1/admin/audiences/AUD-2612-7KQ3MX/decline/preview', { reason: 'Jadwal penuh' }, { Authorization: 'Bearer x' }, ['reason']);
    expect(out).toEqual({ ok: true, url: 'blob:draft' });
    expect(made).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/v1/admin/audiences/AUD-2612-7KQ3MX/decline/preview');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ reason: 'Jadwal penuh' });
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer x');
  });

  it('problem+json: the detail first, each field named beside its input, an unknown one in the list', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Data tidak valid',
      status: 400,
      detail: 'Periksa kolom yang disebutkan.',
      code: 'validation_failed',
      request_id: null,
      errors: [
        { field: 'reason', message: 'wajib diisi', reason: null },
        { field: 'reply_letter.date', message: 'bukan hari kerja', reason: null },
        { field: 'channel', message: 'tidak dikenal', reason: null },
      ],
    };
    vi.stubGlobal('fetch', answer(JSON.stringify(problem), 400, 'application/problem+json'));
    const made = vi.spyOn(URL, 'createObjectURL');
    const out = await previewPdf('/p', {}, {}, ['reason', 'reply_letter.date']);
    expect(made).not.toHaveBeenCalled();
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.fields).toEqual({ reason: 'wajib diisi', 'reply_letter.date': 'bukan hari kerja' });
    expect(out.errors.general).toEqual(['Periksa kolom yang disebutkan.', 'tidak dikenal']);
    expect(out.errors.code).toBe('validation_failed');
  });

  it('a refusal without fields says the problem (not the generic line)', async () => {
    const problem = { type: 'about:blank', title: 'Konflik', status: 409, detail: 'Permohonan masih berstatus Diajukan.', code: 'invalid_transition', request_id: null, errors: null };
    vi.stubGlobal('fetch', answer(JSON.stringify(problem), 409, 'application/problem+json'));
    const out = await previewPdf('/p', {}, {});
    expect(out.ok ? [] : out.errors.general).toEqual(['Permohonan masih berstatus Diajukan.']);
  });

  it('no problem to read (a proxy page, offline): the generic line', async () => {
    vi.stubGlobal('fetch', answer('<html>Bad gateway</html>', 502, 'text/html'));
    const out = await previewPdf('/p', {}, {});
    expect(out.ok ? [] : out.errors.general).toEqual(['Pratinjau tidak dapat dibuat: periksa isian, lalu coba lagi.']);
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    const off = await previewPdf('/p', {}, {});
    expect(off.ok ? '' : off.errors.code).toBe('network');
  });
});
