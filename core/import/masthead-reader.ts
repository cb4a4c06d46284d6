import { hasHan, isHan } from '../text/chars.js';
import { parseChineseDate } from '../text/dates.js';
import { parseChineseNumeral } from '../text/numerals.js';
import { asciiDigits, len, trimLine } from './text-helpers.js';

/**
 * The masthead reader of the plain-text importer: the lines at the head of an issue — 刊名 (often missing: it
 * is artwork in the PDF), its pinyin line, 第N期, 总第N期, the editing unit and the date — and the label of the
 * 编者按 that follows them. See samples/联络动态2021年第8期.txt for the shape.
 */

/** The 编者按 label: 【编者按】, [编者按], （编者按）: or 编者按：, spaced or not. */
export const NOTE_LABEL = /^(?:[【\[［〔(（]\s*编\s*者\s*按\s*[】\]］〕)）]\s*[:：]?|编\s*者\s*按\s*[:：])\s*/u;
/** The pinyin line under the 刊名 (LIANLUO DONGTAI). */
export const PINYIN = /^[A-Z][A-Z ]{2,}[A-Z]$/;
/** A page number line: — 3 —. */
export const PAGE_NUMBER = /^[—–\-－―]+\s*\d{1,3}\s*[—–\-－―]+$/u;
/** Security marks and copy numbers printed at the head (内部资料, 份号 000123), never content. */
export const SECURITY_MARK = /^(?:内部资料|内部刊物|注意保存|秘密|机密|绝密|★|份号)|^\d{6}$/u;
/** Words ending in 编 that are not an editing unit (汇编, 选编 …). */
const NOT_A_UNIT = /(?:汇|选|续|新|改|主|合|类|初|简|正)编$/u;

/** What a masthead line holds: 第N期, 总第N期, the date, the editing unit. */
export interface MastheadHit {
  number?: number;
  total?: number;
  year?: number;
  date?: string;
  unit?: string;
}

const NUMERAL = '[0-9０-９]+|[零〇一二两三四五六七八九十百千万]+';
const TOTAL_RE = new RegExp(`[（(]?\\s*总\\s*第\\s*(${NUMERAL})\\s*期\\s*[）)]?`, 'u');
const NUMBER_RE = new RegExp(`(?:([0-9０-９]{4})\\s*年\\s*)?第\\s*(${NUMERAL})\\s*期`, 'u');
const DATE_RE = /[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日/u;

/** Reads 8, ８ or 八. */
function readNumber(text: string): number | undefined {
  const digits = asciiDigits(text);
  const n = /^\d+$/.test(digits) ? Number(digits) : parseChineseNumeral(text);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 10_000_000 ? n : undefined;
}

/** Recognises a masthead line; undefined when the line holds anything else. */
export function matchMasthead(line: string): MastheadHit | undefined {
  if (len(line) > 60) return undefined;
  const hit: MastheadHit = {};
  let rest = line;
  const total = TOTAL_RE.exec(rest);
  if (total) {
    hit.total = readNumber(total[1] ?? '');
    rest = rest.replace(total[0], ' ');
  }
  const number = NUMBER_RE.exec(rest);
  if (number) {
    const n = readNumber(number[2] ?? '');
    if (n !== undefined && n <= 9999) hit.number = n;
    if (number[1]) hit.year = Number(asciiDigits(number[1]));
    rest = rest.replace(number[0], ' ');
  }
  const date = DATE_RE.exec(rest);
  if (date) {
    hit.date = parseChineseDate(date[0]);
    rest = rest.replace(date[0], ' ');
  }
  rest = trimLine(rest.replace(/[\s\u3000]+/gu, ' '));
  const unit = /^(.{3,40}?)\s*编(?:印)?$/u.exec(rest);
  if (unit?.[1] && hasHan(unit[1]) && !NOT_A_UNIT.test(rest.replace(/印$/u, '')) && !/[。，；！？]/u.test(rest)) {
    hit.unit = unit[1];
    rest = '';
  }
  const found = total || number || date || hit.unit !== undefined;
  if (!found) return undefined;
  return /[\p{L}\p{N}]/u.test(rest) ? undefined : hit;
}

/** A short, Han-only line that can be the 刊名 (artwork in the PDF, so often missing). */
export function nameCandidate(line: string): string | undefined {
  const name = line.replace(/[\s\u3000]+/gu, '');
  const n = len(name);
  if (n < 2 || n > 8) return undefined;
  for (const ch of name) if (!isHan(ch.codePointAt(0)!)) return undefined;
  return name;
}
