/**
 * Dates as Chinese official documents print them: 2021年6月2日, Arabic numerals, no leading zeros
 * (GB/T 9704-2012 §7.3.5.4: 成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位).
 */

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether y-m-d is a real calendar date. */
export function isValidDate(d: CalendarDate): boolean {
  if (!Number.isInteger(d.year) || d.year < 1900 || d.year > 2999) return false;
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return false;
  const days = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  return Number.isInteger(d.day) && d.day >= 1 && d.day <= days;
}

/** Parses YYYY-MM-DD; undefined when malformed or not a real date. */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d) ? d : undefined;
}

/** YYYY-MM-DD for a date. */
export function toIsoDate(d: CalendarDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** 2021-06-02 → 2021年6月2日. Throws on a malformed date. */
export function formatChineseDate(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError(`日期格式不正确：${iso}`);
  return `${d.year}年${d.month}月${d.day}日`;
}

const CHINESE_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

/** Finds a date written 2021年6月2日 (spaces allowed, as text pulled from PDFs has them); ISO form or undefined. */
export function parseChineseDate(text: string): string | undefined {
  const m = CHINESE_DATE.exec(text.normalize('NFKC'));
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d) ? toIsoDate(d) : undefined;
}
