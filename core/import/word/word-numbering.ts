import { toChineseNumeral } from '../../text/numerals.js';
import { child, elements, type XmlElement } from './xml-tree.js';

/**
 * Word's automatic list numbering (word/numbering.xml) turned into the text Word shows: each w:num points to an
 * abstract numbering whose levels have a format (w:numFmt: chineseCounting 一, ideographTraditional 甲,
 * decimal 1, decimalEnclosedParen (1), decimalEnclosedCircle ① …), a pattern (w:lvlText "%1、", "（%1）") and a
 * start value. The label so made ("一、", "（一）", "1.", "（1）") is put in front of the paragraph's text, and
 * the heading grammar (core/model/heading-grammar.ts) then reads it as it reads a typed label.
 */

interface Level {
  readonly format: string;
  readonly text: string;
  readonly start: number;
  /** What follows the label: a tab (default), a space or nothing. */
  readonly suffix: string;
}

const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** One number in one of Word's formats; undefined for bullets and formats with no text. */
export function formatNumber(n: number, format: string): string | undefined {
  switch (format) {
    case 'decimal':
    case 'decimalZero':
      return format === 'decimalZero' && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalEnclosedFullstop':
      return `${n}.`;
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? `(${n})`;
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'ideographLegalTraditional':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return toChineseNumeral(n);
    case 'ideographDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).replace(/[0-9]/g, (d) => '〇一二三四五六七八九'[Number(d)]!);
    case 'ideographTraditional':
      return TIANGAN[(n - 1) % 10]!;
    case 'lowerLetter':
    case 'upperLetter': {
      const ch = String.fromCharCode(0x61 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? ch.toUpperCase() : ch;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const r = roman(n);
      return format === 'lowerRoman' ? r.toLowerCase() : r;
    }
    case 'bullet':
    case 'none':
      return undefined;
    default:
      return String(n);
  }
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let rest = n;
  for (const [v, s] of table) while (rest >= v) { out += s; rest -= v; }
  return out;
}

/**
 * The numbering definitions of a package and the running counters of a reading: {@link next} gives the label of
 * the next paragraph of a list at a level, as Word numbers it (deeper levels restart when a shallower one
 * advances).
 */
export class WordNumbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  private readonly counters = new Map<string, number[]>();

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    for (const a of elements(root, 'w:abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of elements(a, 'w:lvl')) levels.set(Number(l.attrs['w:ilvl'] ?? 0), readLevel(l));
      this.abstracts.set(a.attrs['w:abstractNumId'] ?? '', levels);
    }
    for (const n of elements(root, 'w:num')) {
      const starts = new Map<number, number>();
      for (const o of elements(n, 'w:lvlOverride')) {
        const start = child(o, 'w:startOverride')?.attrs['w:val'];
        if (start !== undefined) starts.set(Number(o.attrs['w:ilvl'] ?? 0), Number(start));
      }
      this.nums.set(n.attrs['w:numId'] ?? '', { abstract: child(n, 'w:abstractNumId')?.attrs['w:val'] ?? '', starts });
    }
  }

  /** The label of the next item of list `numId` at level `ilvl` ("一、", "（1）"), or undefined (no number). */
  next(numId: string, ilvl: number): { label: string; suffix: string; format: string } | undefined {
    if (numId === '0') return undefined;
    const num = this.nums.get(numId);
    const levels = num ? this.abstracts.get(num.abstract) : undefined;
    const level = levels?.get(ilvl);
    if (!num || !levels || !level) return undefined;
    const counters = this.counters.get(numId) ?? [];
    this.counters.set(numId, counters);
    const startOf = (i: number) => num.starts.get(i) ?? levels.get(i)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    counters.length = ilvl + 1;
    let missing = false;
    const label = level.text.replace(/%([1-9])/g, (_m, d: string) => {
      const i = Number(d) - 1;
      const value = counters[i] ?? startOf(i);
      const text = formatNumber(value, levels.get(i)?.format ?? 'decimal');
      if (text === undefined) missing = true;
      return text ?? '';
    });
    if (missing || level.format === 'bullet' || level.format === 'none' || !label.trim()) return undefined;
    return { label, suffix: level.suffix, format: level.format };
  }
}

function readLevel(l: XmlElement): Level {
  const suff = child(l, 'w:suff')?.attrs['w:val'];
  return {
    format: child(l, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
    text: child(l, 'w:lvlText')?.attrs['w:val'] ?? '',
    start: Number(child(l, 'w:start')?.attrs['w:val'] ?? 1),
    suffix: suff === 'nothing' ? '' : suff === 'space' ? ' ' : '\t',
  };
}
