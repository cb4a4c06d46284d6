import { MastheadArtError } from './svg-tree.js';

/**
 * PDF objects (ISO 32000-1 §7.2 lexical conventions, §7.3 objects) as plain data, and a reader of them from bytes:
 * numbers, names, strings (literal and hexadecimal, kept as bytes), arrays, dictionaries, indirect references,
 * booleans, null, and the operators of a content stream. What a 刊名 PDF needs; nothing is written.
 */

export interface PdfRef {
  readonly ref: number;
  readonly gen: number;
}

export interface PdfName {
  readonly name: string;
}

export interface PdfOperator {
  readonly op: string;
}

export interface PdfString {
  readonly str: Uint8Array;
}

export type PdfDict = Map<string, PdfValue>;

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfStream;

/** A stream: its dictionary and its raw (still encoded) bytes. */
export interface PdfStream {
  readonly dict: PdfDict;
  readonly raw: Uint8Array;
}

export const isName = (v: unknown): v is PdfName => typeof v === 'object' && v !== null && 'name' in v;
export const isRef = (v: unknown): v is PdfRef => typeof v === 'object' && v !== null && 'ref' in v;
export const isDict = (v: unknown): v is PdfDict => v instanceof Map;
export const isStream = (v: unknown): v is PdfStream => typeof v === 'object' && v !== null && 'raw' in v && 'dict' in v;
export const isOperator = (v: unknown): v is PdfOperator => typeof v === 'object' && v !== null && 'op' in v;

/** The broken-file refusal, with what was wrong. */
export function broken(what: string): MastheadArtError {
  return new MastheadArtError(`PDF 文件已损坏或无法解析（${what}）`);
}

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export const isWhite = (c: number) => WHITE[c] === 1;
const isRegular = (c: number) => WHITE[c] !== 1 && DELIM[c] !== 1;

/**
 * A reader of PDF tokens and objects over bytes, from a position. `operators` makes bare keywords (a content
 * stream's operators, `obj`, `stream`…) come back as PdfOperator instead of being refused.
 */
export class PdfLexer {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WHITE[c]) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.bytes.length;
  }

  private regularRun(): string {
    const start = this.pos;
    while (this.pos < this.bytes.length && isRegular(this.bytes[this.pos]!)) this.pos++;
    return latin1(this.bytes.subarray(start, this.pos));
  }

  /**
   * The next object (or operator), references `n g R` folded. Dictionaries followed by `stream` are not read
   * here (the document reader handles those). Throws on bad syntax.
   */
  next(): PdfValue | PdfOperator | undefined {
    this.skipSpace();
    const b = this.bytes;
    if (this.pos >= b.length) return undefined;
    const c = b[this.pos]!;
    if (c === 0x2f) {
      this.pos++;
      const raw = this.regularRun();
      return { name: raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw };
    }
    if (c === 0x28) return { str: this.literalString() };
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return this.dictBody();
      }
      return { str: this.hexString() };
    }
    if (c === 0x5b) {
      this.pos++;
      const out: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.pos >= b.length) throw broken('数组未结束');
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return out;
        }
        const v = this.next();
        if (v === undefined || isOperator(v)) throw broken('数组中有无效内容');
        out.push(v);
      }
    }
    if (c === 0x5d || c === 0x3e || c === 0x29 || c === 0x7b || c === 0x7d) {
      this.pos++;
      return { op: String.fromCharCode(c) };
    }
    const word = this.regularRun();
    if (!word) throw broken('无效字符');
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const n = Number(word);
      // An integer may start `n g R`.
      if (/^\d+$/.test(word)) {
        const save = this.pos;
        this.skipSpace();
        const g = /^\d+$/.test(this.peekWord()) ? this.regularRun() : undefined;
        if (g !== undefined) {
          this.skipSpace();
          if (this.peekWord() === 'R') {
            this.pos++;
            return { ref: n, gen: Number(g) };
          }
        }
        this.pos = save;
      }
      return n;
    }
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return { op: word };
  }

  private peekWord(): string {
    let end = this.pos;
    while (end < this.bytes.length && isRegular(this.bytes[end]!)) end++;
    return latin1(this.bytes.subarray(this.pos, end));
  }

  private dictBody(): PdfDict {
    const out: PdfDict = new Map();
    const b = this.bytes;
    for (;;) {
      this.skipSpace();
      if (this.pos >= b.length) throw broken('字典未结束');
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return out;
      }
      const key = this.next();
      if (!isName(key)) throw broken('字典的键不是名称');
      const value = this.next();
      if (value === undefined || isOperator(value)) throw broken(`字典 /${key.name} 的值无效`);
      out.set(key.name, value);
    }
  }

  private literalString(): Uint8Array {
    const b = this.bytes;
    const out: number[] = [];
    let depth = 0;
    this.pos++;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const e = b[this.pos++]!;
        const simple: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12, 40: 40, 41: 41, 92: 92 };
        if (simple[e] !== undefined) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let i = 0; i < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; i++) v = v * 8 + (b[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 13) {
          if (b[this.pos] === 10) this.pos++;
        } else if (e !== 10) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (depth === 0) return Uint8Array.from(out);
        depth--;
        out.push(c);
      } else out.push(c);
    }
    throw broken('字符串未结束');
  }

  private hexString(): Uint8Array {
    const b = this.bytes;
    this.pos++;
    const digits: number[] = [];
    while (this.pos < b.length && b[this.pos] !== 0x3e) {
      const c = b[this.pos++]!;
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (v >= 0) digits.push(v);
      else if (!WHITE[c]) throw broken('十六进制字符串无效');
    }
    this.pos++;
    if (digits.length % 2) digits.push(0);
    const out = new Uint8Array(digits.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!;
    return out;
  }
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}
