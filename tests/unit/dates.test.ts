import { describe, expect, it } from 'vitest';
import { formatChineseDate, isValidDate, parseChineseDate, parseIsoDate, toIsoDate } from '../../core/text/dates.js';

describe('dates', () => {
  it('prints dates the way official documents do', () => {
    expect(formatChineseDate('2021-06-02')).toBe('2021年6月2日');
    expect(formatChineseDate('2021-12-31')).toBe('2021年12月31日');
    expect(formatChineseDate('2024-02-29')).toBe('2024年2月29日');
  });

  it('refuses dates that do not exist', () => {
    expect(() => formatChineseDate('2021-02-29')).toThrow(/日期/);
    expect(() => formatChineseDate('2021-6-2')).toThrow();
    expect(parseIsoDate('2021-13-01')).toBeUndefined();
    expect(isValidDate({ year: 2023, month: 2, day: 29 })).toBe(false);
  });

  it('reads dates pulled out of PDFs, spaces and full-width digits included', () => {
    expect(parseChineseDate('2021 年 6 月 2 日')).toBe('2021-06-02');
    expect(parseChineseDate('２０２１年６月２日')).toBe('2021-06-02');
    expect(parseChineseDate('印发日期：2020年11月30日')).toBe('2020-11-30');
    expect(parseChineseDate('2021年2月30日')).toBeUndefined();
    expect(parseChineseDate('六月二日')).toBeUndefined();
  });

  it('round-trips ISO dates', () => {
    expect(toIsoDate(parseIsoDate('2021-06-02')!)).toBe('2021-06-02');
  });
});
