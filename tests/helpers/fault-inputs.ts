/**
 * Inputs for the property tests (tests/unit/property-*.test.ts): fast-check arbitraries of hostile text
 * and bytes, mutations of the real sample, a GB18030 encoder (Node only decodes GB18030), and the checks
 * every outcome must pass.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { SAMPLE_PATH } from './fault-writer.js';

/** The real sample, as text and as UTF-8 bytes. */
export const SAMPLE_BYTES: Uint8Array = new Uint8Array(fs.readFileSync(SAMPLE_PATH));
export const SAMPLE_TEXT = new TextDecoder().decode(SAMPLE_BYTES);

// ---------------------------------------------------------------------------------------------------------
// GB18030

let gbTable: Map<string, readonly [number, number]> | undefined;

/**
 * Encodes text as GB18030 (two-byte GBK range; ASCII as is). Built by inverting the platform's decoder;
 * a character outside the two-byte range becomes "?" (none of the sample's characters is).
 */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else out.push(...(gbTable.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

// ---------------------------------------------------------------------------------------------------------
// Hostile text

/** Characters and fragments that stress the importer and the format: controls, surrogates, markers. */
export const NASTY_PIECES: readonly string[] = [
  '\u0000', '\u0001', '\u0007', '\b', '\u000b', '\f', '\r', '\r\n', '\u001b', '\u007f', '\u0085', '\u009f',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\u200b', '\u200d', '\u202e', '\u2028', '\u2029',
  '\ufeff', '\ufffd', '\uffff', '\u3000', '\u00a0', '\t', '\n', '\n\n', ' ', '。', '，', '"', "'", '\\', '{', '}',
  '[', ']', ':', ',', '一、', '（一）', '1.', '（1）', '二十、', '【编者按】', '编者按：', '第8期', '第 八 期', '（总第六百三十一期）',
  '2021 年 6 月 2 日', '2021年2月30日', '9999年99月99日', '0001年第1期', '第99999期', '湖南省人大常委会编', 'LIANLUODONGTAI',
  '送：', '抄送：', '责任编辑：', '联系方式：', '批准文号：', '（长沙市供稿）', '供稿', '— 3 —', '⾏', '活 动', '<script>alert(1)</script>',
  '<iframe src="javascript:alert(1)">', 'javascript:', '𠀀', '\u{10ffff}', '\u{e0001}', 'a\u0300', '🇨🇳',
];

/** One UTF-16 code unit, any of the 65 536 (lone surrogates included). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Strings of every kind: printable graphemes, any code point, any code unit, C0/C1 bytes, nasty pieces. */
export function hostileString(maxLength = 200): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'binary-ascii', maxLength }),
    fc.string({ unit: codeUnit, maxLength }),
    fc.string({ unit: fc.constantFrom(...NASTY_PIECES), maxLength: Math.ceil(maxLength / 4) }),
    fc.string({ unit: fc.oneof(fc.constantFrom(...NASTY_PIECES), fc.string({ unit: 'grapheme', maxLength: 3 })), maxLength }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Mutations of the sample

/** One edit of a text, positions as fractions of its length (so that they shrink well). */
export type TextEdit =
  | { readonly kind: 'slice'; readonly from: number; readonly to: number }
  | { readonly kind: 'insert'; readonly at: number; readonly junk: string }
  | { readonly kind: 'delete-lines'; readonly at: number; readonly count: number }
  | { readonly kind: 'duplicate-lines'; readonly at: number; readonly count: number }
  | { readonly kind: 'swap-lines'; readonly a: number; readonly b: number }
  | { readonly kind: 'delete-chars'; readonly at: number; readonly count: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('slice' as const), from: fraction, to: fraction }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, junk: hostileString(40) }),
  fc.record({ kind: fc.constant('delete-lines' as const), at: fraction, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('duplicate-lines' as const), at: fraction, count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fraction, b: fraction }),
  fc.record({ kind: fc.constant('delete-chars' as const), at: fraction, count: fc.integer({ min: 1, max: 30 }) }),
);

function pos(f: number, length: number): number {
  return Math.min(length, Math.floor(f * (length + 1)));
}

/** Applies one edit. Positions count UTF-16 units, so an edit may split a surrogate pair (on purpose). */
export function applyTextEdit(text: string, edit: TextEdit): string {
  switch (edit.kind) {
    case 'slice': {
      const [a, b] = [pos(edit.from, text.length), pos(edit.to, text.length)].sort((x, y) => x - y);
      return text.slice(a, b);
    }
    case 'insert': {
      const at = pos(edit.at, text.length);
      return text.slice(0, at) + edit.junk + text.slice(at);
    }
    case 'delete-chars': {
      const at = pos(edit.at, text.length);
      return text.slice(0, at) + text.slice(at + edit.count);
    }
    default: {
      const lines = text.split('\n');
      if (edit.kind === 'swap-lines') {
        const a = Math.min(lines.length - 1, pos(edit.a, lines.length));
        const b = Math.min(lines.length - 1, pos(edit.b, lines.length));
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        return lines.join('\n');
      }
      const at = Math.min(lines.length - 1, pos(edit.at, lines.length));
      if (edit.kind === 'delete-lines') lines.splice(at, edit.count);
      else lines.splice(at, 0, ...lines.slice(at, at + edit.count));
      return lines.join('\n');
    }
  }
}

/** The sample after one to five random edits. */
export const mutatedSample: fc.Arbitrary<string> = fc
  .array(textEdit, { minLength: 1, maxLength: 5 })
  .map((edits) => edits.reduce(applyTextEdit, SAMPLE_TEXT));

/** One edit of bytes, positions as fractions. */
export type ByteEdit =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly value: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'cut'; readonly at: number; readonly count: number };

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('flip' as const), at: fraction, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fraction, count: fc.integer({ min: 1, max: 7 }) }),
);

export function applyByteEdit(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const at = pos(edit.at, bytes.length);
  switch (edit.kind) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'flip': {
      const out = bytes.slice();
      if (at < out.length) out[at] = edit.value;
      return out;
    }
    case 'insert':
      return new Uint8Array([...bytes.subarray(0, at), ...edit.bytes, ...bytes.subarray(at)]);
    case 'cut':
      return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + edit.count)]);
  }
}

/** The sample's bytes (UTF-8 or GB18030) after zero to four random byte edits. */
export const mutatedSampleBytes: fc.Arbitrary<{ encoding: 'utf-8' | 'gb18030'; bytes: Uint8Array }> = fc
  .record({ encoding: fc.constantFrom('utf-8' as const, 'gb18030' as const), edits: fc.array(byteEdit, { maxLength: 4 }) })
  .map(({ encoding, edits }) => {
    const start = encoding === 'utf-8' ? SAMPLE_BYTES : encodeGb18030(SAMPLE_TEXT);
    return { encoding, bytes: edits.reduce(applyByteEdit, start) };
  });

// ---------------------------------------------------------------------------------------------------------
// Checks

/** Han characters: a message "in Chinese" has some. */
const HAN = /\p{Script=Han}/u;

/** Whether a message is a non-empty Chinese sentence on one line. */
export function isChineseLine(message: unknown): boolean {
  return typeof message === 'string' && message.trim() !== '' && HAN.test(message) && !message.includes('\n');
}

/** Whether a reason is a non-empty Chinese text (may name the offending value, which may hold anything). */
export function isChineseReason(reason: unknown): boolean {
  return typeof reason === 'string' && reason.trim() !== '' && HAN.test(reason);
}

const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first string (value or key) of a value that holds a control character other than \n and \t, or a
 * lone surrogate, with its path; undefined when every text is clean.
 */
export function dirtyText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    if (FORBIDDEN_CONTROL.test(value)) return `${path}: control character in ${JSON.stringify(value.slice(0, 40))}`;
    if (LONE_SURROGATE.test(value)) return `${path}: lone surrogate in ${JSON.stringify(value.slice(0, 40))}`;
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = dirtyText(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const bad = dirtyText(key, `${path}{key}`) ?? dirtyText(item, path ? `${path}.${key}` : key);
      if (bad) return bad;
    }
  }
  return undefined;
}
