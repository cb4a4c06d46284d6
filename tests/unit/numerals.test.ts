import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, toChineseNumeral } from '../../core/text/numerals.js';
import { headingLabel, matchHeadingLabel } from '../../core/model/heading-grammar.js';
import { numberHeadings } from '../../core/model/numbering.js';

describe('Chinese numerals', () => {
  it.each([
    [1, '一'], [9, '九'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [21, '二十一'], [99, '九十九'],
    [100, '一百'], [101, '一百零一'], [110, '一百一十'], [111, '一百一十一'], [120, '一百二十'], [631, '六百三十一'],
    [1000, '一千'], [1001, '一千零一'], [1005, '一千零五'], [1010, '一千零一十'], [1100, '一千一百'], [1234, '一千二百三十四'],
    [2021, '二千零二十一'], [9999, '九千九百九十九'], [10000, '一万'], [10010, '一万零一十'], [12345, '一万二千三百四十五'],
  ])('%i → %s', (n, text) => {
    expect(toChineseNumeral(n)).toBe(text);
  });

  it('reads back every number from 1 to 9999', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 9999; n++) {
      const text = toChineseNumeral(n);
      expect(parseChineseNumeral(text)).toBe(n);
      expect(seen.has(text)).toBe(false);
      seen.add(text);
      expect(text).not.toMatch(/零$/);
      expect(text).not.toMatch(/零零/);
      if (n >= 10 && n < 20) expect(text.startsWith('十')).toBe(true);
    }
  });

  it('rejects what it cannot write', () => {
    expect(() => toChineseNumeral(-1)).toThrow(RangeError);
    expect(() => toChineseNumeral(1.5)).toThrow(RangeError);
    expect(parseChineseNumeral('六百abc')).toBeUndefined();
    expect(parseChineseNumeral('')).toBeUndefined();
  });
});

describe('heading numbering', () => {
  it('labels each level as GB/T 9704 orders them', () => {
    expect(headingLabel(1, 3)).toBe('三、');
    expect(headingLabel(2, 10)).toBe('（十）');
    expect(headingLabel(3, 2)).toBe('2.');
    expect(headingLabel(4, 11)).toBe('（11）');
  });

  it('restarts lower levels under a new higher heading', () => {
    const h = (level: 1 | 2 | 3 | 4) => ({ type: 'heading' as const, level, content: [{ text: 'x' }] });
    const p = { type: 'paragraph' as const, content: [{ text: 'y' }] };
    expect(numberHeadings([h(1), h(2), h(2), p, h(3), h(1), h(2), h(4)])).toEqual([
      '一、', '（一）', '（二）', null, '1.', '二、', '（一）', '（1）',
    ]);
  });

  it('recognises typed-in labels', () => {
    expect(matchHeadingLabel('一、深化活动主题')).toMatchObject({ level: 1, length: 2 });
    expect(matchHeadingLabel('（二）加强组织')).toMatchObject({ level: 2 });
    expect(matchHeadingLabel('(二)加强组织')).toMatchObject({ level: 2 });
    expect(matchHeadingLabel('3.明确责任')).toMatchObject({ level: 3 });
    expect(matchHeadingLabel('（4）其他')).toMatchObject({ level: 4 });
    expect(matchHeadingLabel('3.4万余名')).toBeUndefined();
    expect(matchHeadingLabel('今年3月')).toBeUndefined();
  });
});
