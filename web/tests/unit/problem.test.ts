import { describe, expect, it } from 'vitest';
import { isProblem, problemToErrors } from '../../src/shared/api/problem';

const problem = {
  type: 'about:blank',
  title: 'Data tidak valid',
  status: 400,
  detail: 'Periksa kolom yang disebutkan.',
  code: 'validation_failed',
  request_id: null,
  errors: [
    { field: 'contact.email', message: 'bukan alamat email yang valid', reason: null },
    { field: 'preferred_dates.2', message: 'bukan hari kerja', reason: null },
    { field: 'Idempotency-Key', message: 'terlalu panjang', reason: null },
  ],
};

describe('problemToErrors', () => {
  it('puts each error next to its field, deeper paths on their parent, the rest in the summary', () => {
    const errors = problemToErrors(problem, ['contact.email', 'preferred_dates', 'topic']);
    expect(errors.fields).toEqual({
      'contact.email': 'bukan alamat email yang valid',
      preferred_dates: 'bukan hari kerja',
    });
    expect(errors.general).toEqual(['terlalu panjang']);
    expect(errors.code).toBe('validation_failed');
  });

  it('uses the detail when no field is named', () => {
    const errors = problemToErrors({ ...problem, errors: null, status: 404, code: 'not_found', detail: 'Tidak ditemukan' }, []);
    expect(errors.general).toEqual(['Tidak ditemukan']);
    expect(errors.fields).toEqual({});
  });

  it('recognises a problem body', () => {
    expect(isProblem(problem)).toBe(true);
    expect(isProblem({ status: 'x' })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });
});
