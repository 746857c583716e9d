import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/shared/number';

describe('numbers in the reader notation (fresh-user trial: "IKM 87.50", "3.5000" in Indonesian)', () => {
  it('uses a decimal comma in Indonesian and a point in English, with fixed digits', () => {
    expect(formatNumber(87.5, 'id', 2)).toBe('87,50');
    expect(formatNumber(3.5, 'id', 2)).toBe('3,50');
    expect(formatNumber(0.38889, 'id', 3)).toBe('0,389');
    expect(formatNumber(87.5, 'en', 2)).toBe('87.50');
  });
});
