/**
 * A tiny validation toolkit for data read from files or received over IPC.
 *
 * A validator takes a value of unknown shape, the path it was found at (e.g. `issue.articles[0].title`) and a
 * list to add problems to. It returns the typed value when the value is valid, or undefined after adding at
 * least one problem. Validators never stop at the first problem: objects and arrays check every field and
 * every item, so one pass reports everything that is wrong. Reasons are in Simplified Chinese, for people.
 */
import { parseIsoDate } from '../text/dates.js';

/** One thing wrong with a file: where (a path such as `issue.articles[0].body[3].level`) and why. */
export interface FormatProblem {
  readonly path: string;
  readonly reason: string;
}

/** Checks a value found at `path`; returns it typed, or undefined after adding problems. */
export type Validator<T> = (value: unknown, path: string, problems: FormatProblem[]) => T | undefined;

/** The type a validator produces. */
export type Validated<V> = V extends Validator<infer T> ? T : never;

/** Named validators of an object's fields. */
export type FieldValidators = Record<string, Validator<unknown>>;

/** The object an {@link object} validator produces: required fields, then optional ones. */
export type ObjectOf<R extends FieldValidators, O extends FieldValidators> = {
  [K in keyof R]: Validated<R[K]>;
} & { [K in keyof O]?: Validated<O[K]> };

/** The reason given for a required field that is absent. */
export const MISSING = '缺少必填字段';
/** The reason given for a field the format does not know. */
export const UNKNOWN_FIELD = '未知字段';
/** The field every object may carry for data of other tools; its content is accepted unchecked. */
export const EXTENSIONS_FIELD = 'extensions';

/** The path of a field or an item under `path`: `issue` + `year` → `issue.year`, + 3 → `issue[3]`. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds a problem to the list. */
export function report(problems: FormatProblem[], path: string, reason: string): undefined {
  problems.push({ path, reason });
  return undefined;
}

/** Describes a value for a reason, in Chinese: `7`, `字符串 "七"`, `null`, `数组`, `对象`, `布尔值 true`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  switch (typeof value) {
    case 'undefined':
      return '空缺';
    case 'number':
      return String(value);
    case 'boolean':
      return `布尔值 ${value}`;
    case 'string':
      return `字符串 ${quote(value)}`;
    case 'object':
      return '对象';
    default:
      return typeof value;
  }
}

/** "实际是 7", "实际是 null", "实际是字符串 "7"": what a value actually is, for a reason. */
export function actually(value: unknown): string {
  const description = describeValue(value);
  return /^[\x21-\x7e]/.test(description) ? `实际是 ${description}` : `实际是${description}`;
}

/** A short JSON-quoted preview of a text (control characters escaped). */
export function quote(text: string, max = 20): string {
  const chars = [...text];
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}…` : text);
}

/**
 * What is wrong with the characters of a text, or undefined when nothing is: text may hold any character
 * except lone surrogates and control characters other than line feed and tab.
 */
export function textProblem(text: string): string | undefined {
  let position = 0;
  for (let i = 0; i < text.length; i++) {
    position++;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) return `含有不成对的代理字符 ${codePoint(c)}（第 ${position} 个字符）`;
    if (isForbiddenControl(c)) return `含有不允许的控制字符 ${codePoint(c)}（第 ${position} 个字符）`;
  }
  return undefined;
}

function isForbiddenControl(c: number): boolean {
  return (c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f);
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A validator of strings; `nonEmpty` rejects "". Every string's characters are checked ({@link textProblem}). */
export function string(options: { readonly nonEmpty?: boolean } = {}): Validator<string> {
  return (value, path, problems) => {
    if (typeof value !== 'string') return report(problems, path, `应为字符串，${actually(value)}`);
    if (options.nonEmpty && value === '') return report(problems, path, '不能为空');
    const bad = textProblem(value);
    if (bad) return report(problems, path, bad);
    return value;
  };
}

/** A validator of booleans. */
export function boolean(): Validator<boolean> {
  return (value, path, problems) =>
    typeof value === 'boolean' ? value : report(problems, path, `应为 true 或 false，${actually(value)}`);
}

/** A validator of integers, optionally bounded (inclusive): "应为 1 到 4 的整数，实际是 7". */
export function integer(options: { readonly min?: number; readonly max?: number } = {}): Validator<number> {
  const { min, max } = options;
  const expected =
    min !== undefined && max !== undefined
      ? `应为 ${min} 到 ${max} 的整数`
      : min !== undefined
        ? `应为不小于 ${min} 的整数`
        : max !== undefined
          ? `应为不大于 ${max} 的整数`
          : '应为整数';
  return (value, path, problems) => {
    const ok =
      typeof value === 'number' &&
      Number.isInteger(value) &&
      (min === undefined || value >= min) &&
      (max === undefined || value <= max);
    return ok ? value : report(problems, path, `${expected}，${actually(value)}`);
  };
}


/** A validator accepting exactly one of the given strings: "应为 standard 或 compact 之一". */
export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  const expected = values.length === 1 ? `应为 ${quote(values[0]!)}` : `应为 ${listChoices(values)} 之一`;
  return (value, path, problems) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? (value as T)
      : report(problems, path, `${expected}，${actually(value)}`);
}

function listChoices(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' 或 ');
  return `${values.slice(0, -1).join('、')} 或 ${values.at(-1)}`;
}

/** A validator of ISO dates (YYYY-MM-DD) that are real calendar dates of the years 1900–2999. */
export function isoDate(): Validator<string> {
  const text = string();
  return (value, path, problems) => {
    const s = text(value, path, problems);
    if (s === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return report(problems, path, `日期格式应为 YYYY-MM-DD，实际是 ${quote(s)}`);
    if (!parseIsoDate(s)) return report(problems, path, `不是有效的日期：${s}（应为 1900 到 2999 年间真实存在的日期）`);
    return s;
  };
}

/** A validator of arrays whose every item passes `item`; `minItems` sets a minimum length. */
export function array<T>(item: Validator<T>, options: { readonly minItems?: number; readonly maxItems?: number } = {}): Validator<T[]> {
  return (value, path, problems) => {
    if (!Array.isArray(value)) return report(problems, path, `应为数组，${actually(value)}`);
    const before = problems.length;
    const minItems = options.minItems ?? 0;
    if (value.length < minItems) report(problems, path, `至少需要 ${minItems} 项，实际有 ${value.length} 项`);
    if (options.maxItems !== undefined && value.length > options.maxItems) {
      return report(problems, path, `至多 ${options.maxItems} 项，实际有 ${value.length} 项`);
    }
    const out: (T | undefined)[] = [];
    for (let i = 0; i < value.length; i++) out.push(item(value[i], joinPath(path, i), problems));
    return problems.length === before ? (out as T[]) : undefined;
  };
}

/**
 * A validator of objects with the given required and optional fields. Every field is checked; a required
 * field that is absent is reported as missing, any other field as unknown — except `extensions`, which any
 * object may carry for other tools' data: it must be an object, its content is not checked, and it is not
 * part of the result.
 */
export function object<R extends FieldValidators, O extends FieldValidators = Record<never, never>>(shape: {
  readonly required: R;
  readonly optional?: O;
}): Validator<ObjectOf<R, O>> {
  const optional: FieldValidators = shape.optional ?? {};
  return (value, path, problems) => {
    if (!isPlainObject(value)) return report(problems, path, `应为对象，${actually(value)}`);
    const before = problems.length;
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape.required)) {
      if (!Object.hasOwn(value, key)) report(problems, joinPath(path, key), MISSING);
      else out[key] = check(value[key], joinPath(path, key), problems);
    }
    for (const [key, check] of Object.entries(optional)) {
      if (Object.hasOwn(value, key)) out[key] = check(value[key], joinPath(path, key), problems);
    }
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(shape.required, key) || Object.hasOwn(optional, key)) continue;
      checkExtra(key, value[key], joinPath(path, key), problems);
    }
    return problems.length === before ? (out as ObjectOf<R, O>) : undefined;
  };
}

function checkExtra(key: string, value: unknown, path: string, problems: FormatProblem[]): void {
  if (key !== EXTENSIONS_FIELD) report(problems, path, UNKNOWN_FIELD);
  else if (!isPlainObject(value)) report(problems, path, `应为对象，${actually(value)}`);
}

/**
 * A validator of tagged objects: the string field `key` chooses which of `variants` checks the object
 * (the chosen validator should check the tag field too, e.g. with {@link oneOf}).
 */
export function variant<M extends FieldValidators>(options: {
  readonly key: string;
  readonly variants: M;
}): Validator<Validated<M[keyof M]>> {
  const { key, variants } = options;
  const expected = `应为 ${listChoices(Object.keys(variants))} 之一`;
  return (value, path, problems) => {
    if (!isPlainObject(value)) return report(problems, path, `应为对象，${actually(value)}`);
    const tagPath = joinPath(path, key);
    if (!Object.hasOwn(value, key)) return report(problems, tagPath, MISSING);
    const tag = value[key];
    if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) {
      return report(problems, tagPath, `${expected}，${actually(tag)}`);
    }
    return variants[tag]!(value, path, problems) as Validated<M[keyof M]> | undefined;
  };
}

/** A validator that checks with `validator`, then transforms the valid value (e.g. to fill in defaults). */
export function map<T, U>(validator: Validator<T>, transform: (value: T) => U): Validator<U> {
  return (value, path, problems) => {
    const checked = validator(value, path, problems);
    return checked === undefined ? undefined : transform(checked);
  };
}

/** A validator accepting any value as it is (for fields checked elsewhere). */
export function anything(): Validator<unknown> {
  return (value) => value;
}
