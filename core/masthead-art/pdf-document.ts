import { inflateSync, unzlibSync } from 'fflate';
import { unfilterPng } from './png-codec.js';
import { MastheadArtError } from './svg-tree.js';
import { broken, isDict, isName, isOperator, isRef, isStream, latin1, PdfLexer, type PdfDict, type PdfStream, type PdfValue } from './pdf-objects.js';

/**
 * A PDF file's objects (ISO 32000-1 §7.5 file structure): found through the cross-reference table or, from PDF
 * 1.5, the cross-reference stream (§7.5.8) with its /Prev chain, objects inside object streams (§7.5.7) included,
 * as Illustrator and Inkscape write them. A file whose cross-reference data cannot be read is scanned for its
 * `n g obj` headers instead (as viewers repair files). Encrypted files (§7.6) are refused. Stream data is decoded
 * through FlateDecode (fflate, pure JavaScript, with the PNG/TIFF predictors of §7.4.4.4) and ASCIIHexDecode;
 * any other filter is refused.
 */

interface Entry {
  /** Byte offset of `n g obj`, or the object stream holding it and its index there. */
  readonly at?: number;
  readonly inStream?: { readonly stream: number; readonly index: number };
}

export interface PdfDocument {
  readonly trailer: PdfDict;
  /** The object a value stands for (references followed, at most 32 deep). */
  resolve(v: PdfValue | undefined): PdfValue | undefined;
  /** A stream's decoded data. */
  decode(s: PdfStream): Uint8Array;
}

/** Decoded data bigger than this is refused (a 刊名's drawing is a few hundred kilobytes at most). */
const MAX_DECODED = 64 * 1024 * 1024;

export function openPdf(bytes: Uint8Array): PdfDocument {
  const entries = new Map<number, Entry>();
  let trailer: PdfDict | undefined;
  try {
    trailer = readXrefChain(bytes, entries);
  } catch (error) {
    if (!(error instanceof MastheadArtError)) throw error;
    trailer = undefined;
  }
  if (!trailer || !trailer.has('Root')) {
    entries.clear();
    trailer = scanObjects(bytes, entries);
  }
  if (trailer.has('Encrypt')) throw new MastheadArtError('PDF 文件已加密（设有密码或权限限制），请导出未加密的 PDF');
  const cache = new Map<number, PdfValue>();
  let scan: Map<number, Entry> | undefined;
  const scanned = (): Map<number, Entry> => {
    if (!scan) {
      scan = new Map();
      try {
        scanObjects(bytes, scan);
      } catch {
        // the objects found are kept; no trailer is needed here
      }
    }
    return scan;
  };
  const streamObjects = new Map<number, { offsets: number[]; data: Uint8Array; first: number }>();

  const doc: PdfDocument = {
    trailer,
    resolve(v) {
      let depth = 0;
      while (isRef(v)) {
        if (++depth > 32) throw broken('引用层级过深');
        v = object(v.ref);
      }
      return v;
    },
    decode(s) {
      return decodeStream(s, doc);
    },
  };

  function object(num: number): PdfValue | undefined {
    if (cache.has(num)) return cache.get(num);
    cache.set(num, null); // a cycle reads as null
    const entry = entries.get(num);
    let value: PdfValue | undefined = null;
    if (entry?.at !== undefined) {
      try {
        value = readIndirect(bytes, entry.at, num, doc);
      } catch (error) {
        // The table points elsewhere (a file edited by hand or badly written): find the object by scanning.
        const found = scanned().get(num);
        if (found?.at === undefined || found.at === entry.at) throw error;
        value = readIndirect(bytes, found.at, num, doc);
      }
    } else if (entry?.inStream) value = fromObjectStream(entry.inStream.stream, entry.inStream.index);
    cache.set(num, value ?? null);
    return value ?? null;
  }

  function fromObjectStream(streamNum: number, index: number): PdfValue | undefined {
    let parsed = streamObjects.get(streamNum);
    if (!parsed) {
      const s = object(streamNum);
      if (!isStream(s)) throw broken('对象流缺失');
      const data = decodeStream(s, doc);
      const n = num(s.dict.get('N'));
      const first = num(s.dict.get('First'));
      const lex = new PdfLexer(data);
      const offsets: number[] = [];
      for (let i = 0; i < n; i++) {
        lex.next();
        offsets.push(num(lex.next() as PdfValue));
      }
      parsed = { offsets, data, first };
      streamObjects.set(streamNum, parsed);
    }
    const off = parsed.offsets[index];
    if (off === undefined) return null;
    const v = new PdfLexer(parsed.data, parsed.first + off).next();
    return v === undefined || isOperator(v) ? null : v;
  }

  return doc;
}

export function num(v: PdfValue | undefined): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw broken('应为数字');
  return v;
}

/** Reads `n g obj … endobj` at `at` (a stream's data taken by its /Length, or up to `endstream`). */
function readIndirect(bytes: Uint8Array, at: number, expect: number, doc: PdfDocument): PdfValue | undefined {
  const lex = new PdfLexer(bytes, at);
  const n = lex.next();
  lex.next();
  const kw = lex.next();
  if (n !== expect || !isOperator(kw) || kw.op !== 'obj') throw broken(`对象 ${expect} 的位置不对`);
  const value = lex.next();
  if (value === undefined || isOperator(value)) return null;
  const save = lex.pos;
  const after = lex.next();
  if (!isDict(value) || !isOperator(after) || after.op !== 'stream') {
    lex.pos = save;
    return value;
  }
  let start = lex.pos;
  if (bytes[start] === 13) start++;
  if (bytes[start] === 10) start++;
  let length: number | undefined;
  const lengthValue = value.get('Length');
  if (typeof lengthValue === 'number') length = lengthValue;
  else if (isRef(lengthValue)) {
    const resolved = doc.resolve(lengthValue);
    if (typeof resolved === 'number') length = resolved;
  }
  if (length === undefined || start + length > bytes.length || !endsStream(bytes, start + length)) {
    const end = indexOf(bytes, 'endstream', start);
    if (end < 0) throw broken('数据流未结束');
    let stop = end;
    if (bytes[stop - 1] === 10) stop--;
    if (bytes[stop - 1] === 13) stop--;
    length = Math.max(0, stop - start);
  }
  return { dict: value, raw: bytes.subarray(start, start + length) };
}

function endsStream(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (i < bytes.length && i < at + 4 && (bytes[i] === 10 || bytes[i] === 13 || bytes[i] === 32)) i++;
  return latin1(bytes.subarray(i, i + 9)) === 'endstream';
}

function indexOf(bytes: Uint8Array, word: string, from: number): number {
  const first = word.charCodeAt(0);
  outer: for (let i = from; i <= bytes.length - word.length; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOf(bytes: Uint8Array, word: string): number {
  const first = word.charCodeAt(0);
  outer: for (let i = bytes.length - word.length; i >= 0; i--) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** Follows startxref and every /Prev (and /XRefStm), newest entries winning; the newest trailer returned. */
function readXrefChain(bytes: Uint8Array, entries: Map<number, Entry>): PdfDict {
  const sx = lastIndexOf(bytes, 'startxref');
  if (sx < 0) throw broken('找不到交叉引用表');
  const lex = new PdfLexer(bytes, sx + 9);
  let at = lex.next();
  let newest: PdfDict | undefined;
  const seen = new Set<number>();
  const pending: number[] = [];
  while (typeof at === 'number') {
    if (seen.has(at) || at < 0 || at >= bytes.length) throw broken('交叉引用表位置无效');
    seen.add(at);
    const trailer = readXrefSection(bytes, at, entries);
    newest ??= trailer;
    const stm = trailer.get('XRefStm');
    if (typeof stm === 'number' && !seen.has(stm)) {
      seen.add(stm);
      readXrefSection(bytes, stm, entries);
    }
    const prev = trailer.get('Prev');
    at = typeof prev === 'number' ? prev : pending.pop();
  }
  if (!newest) throw broken('找不到交叉引用表');
  return newest;
}

function setEntry(entries: Map<number, Entry>, n: number, e: Entry): void {
  if (!entries.has(n)) entries.set(n, e);
}

function readXrefSection(bytes: Uint8Array, at: number, entries: Map<number, Entry>): PdfDict {
  const lex = new PdfLexer(bytes, at);
  const first = lex.next();
  if (isOperator(first) && first.op === 'xref') {
    for (;;) {
      const start = lex.next();
      if (isOperator(start) && start.op === 'trailer') break;
      const count = lex.next();
      if (typeof start !== 'number' || typeof count !== 'number') throw broken('交叉引用表格式错误');
      lex.skipSpace();
      for (let i = 0; i < count; i++) {
        lex.skipSpace();
        const line = latin1(bytes.subarray(lex.pos, lex.pos + 18));
        const m = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
        if (!m) throw broken('交叉引用表条目错误');
        lex.pos += 18;
        if (m[3] === 'n') setEntry(entries, start + i, { at: Number(m[1]) });
        else setEntry(entries, start + i, {});
      }
    }
    const trailer = lex.next();
    if (!isDict(trailer)) throw broken('交叉引用表的 trailer 无效');
    return trailer;
  }
  // A cross-reference stream: `n g obj <<…/Type/XRef…>> stream`.
  lex.pos = at;
  const bare: PdfDocument = { resolve: (v) => v, decode: () => new Uint8Array(), trailer: new Map() };
  const stream = readIndirect(bytes, at, typeof first === 'number' ? first : -1, bare);
  if (!isStream(stream) || !isName(stream.dict.get('Type')) || (stream.dict.get('Type') as { name: string }).name !== 'XRef') {
    throw broken('交叉引用流无效');
  }
  const data = decodeStream(stream, bare);
  const w = stream.dict.get('W');
  if (!Array.isArray(w) || w.length !== 3) throw broken('交叉引用流 /W 无效');
  const widths = w.map((v) => num(v));
  const size = num(stream.dict.get('Size'));
  const index = stream.dict.get('Index');
  const ranges = Array.isArray(index) ? index.map((v) => num(v)) : [0, size];
  const rowLength = widths[0]! + widths[1]! + widths[2]!;
  let pos = 0;
  const field = (width: number, fallback: number) => {
    if (width === 0) return fallback;
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + data[pos++]!;
    return v;
  };
  for (let r = 0; r + 1 < ranges.length; r += 2) {
    for (let i = 0; i < ranges[r + 1]!; i++) {
      if (pos + rowLength > data.length) throw broken('交叉引用流数据不完整');
      const type = field(widths[0]!, 1);
      const a = field(widths[1]!, 0);
      const b = field(widths[2]!, 0);
      const n = ranges[r]! + i;
      if (type === 1) setEntry(entries, n, { at: a });
      else if (type === 2) setEntry(entries, n, { inStream: { stream: a, index: b } });
      else setEntry(entries, n, {});
    }
  }
  return stream.dict;
}

/** Repair: every `n g obj` in the file, later ones winning; the trailer is the last `trailer` dictionary or XRef stream's, else one made up from the catalog found. */
function scanObjects(bytes: Uint8Array, entries: Map<number, Entry>): PdfDict {
  const text = latin1(bytes);
  for (const m of text.matchAll(/(?<![\d.])(\d+)\s+(\d+)\s+obj\b/g)) entries.set(Number(m[1]), { at: m.index! });
  const t = text.lastIndexOf('trailer');
  if (t >= 0) {
    const v = new PdfLexer(bytes, t + 7).next();
    if (isDict(v) && v.has('Root')) return v;
  }
  // No trailer: find the catalog.
  const doc = { resolve: (v: PdfValue | undefined) => v, decode: () => new Uint8Array(), trailer: new Map() };
  for (const [n, e] of entries) {
    try {
      const v = readIndirect(bytes, e.at!, n, doc);
      const dict = isStream(v) ? v.dict : v;
      if (isDict(dict) && isName(dict.get('Type')) && (dict.get('Type') as { name: string }).name === 'Catalog') {
        return new Map([['Root', { ref: n, gen: 0 }]]);
      }
      if (isStream(v) && (v.dict.get('Type') as { name?: string } | undefined)?.name === 'XRef' && v.dict.has('Root')) return v.dict;
    } catch {
      // not an object after all
    }
  }
  throw broken('找不到文档目录');
}

/** A stream's data through its filters (§7.4). */
function decodeStream(s: PdfStream, doc: PdfDocument): Uint8Array {
  const filters = listOf(doc.resolve(s.dict.get('Filter')));
  const parms = listOf(doc.resolve(s.dict.get('DecodeParms') ?? s.dict.get('DP')));
  let data = s.raw;
  filters.forEach((f, i) => {
    const name = isName(f) ? f.name : '';
    const p = doc.resolve(parms[i]);
    if (name === 'FlateDecode' || name === 'Fl') data = predict(inflate(data), isDict(p) ? p : undefined, doc);
    else if (name === 'ASCIIHexDecode' || name === 'AHx') data = asciiHex(data);
    else throw new MastheadArtError(`PDF 使用了不支持的压缩方式（${name || '未知'}），请用绘图软件重新导出`);
    if (data.length > MAX_DECODED) throw broken('数据解压后过大');
  });
  return data;
}

function listOf(v: PdfValue | undefined): PdfValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function inflate(data: Uint8Array): Uint8Array {
  try {
    return unzlibSync(data);
  } catch {
    try {
      // Some writers leave out or damage the zlib header or checksum.
      return inflateSync(data.subarray(2));
    } catch {
      throw broken('压缩数据无法解压');
    }
  }
}

function asciiHex(data: Uint8Array): Uint8Array {
  const text = latin1(data).replace(/>.*$/s, '').replace(/\s+/g, '');
  const s = text.length % 2 ? `${text}0` : text;
  if (!/^[0-9a-fA-F]*$/.test(s)) throw broken('ASCIIHex 数据无效');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The PNG predictors (10–15: a filter byte per row) and TIFF predictor 2, §7.4.4.4. */
function predict(data: Uint8Array, parms: PdfDict | undefined, doc: PdfDocument): Uint8Array {
  const predictor = parms ? Number(doc.resolve(parms.get('Predictor')) ?? 1) : 1;
  if (predictor <= 1) return data;
  const colors = Number(doc.resolve(parms!.get('Colors')) ?? 1);
  const bpc = Number(doc.resolve(parms!.get('BitsPerComponent')) ?? 8);
  const columns = Number(doc.resolve(parms!.get('Columns')) ?? 1);
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw new MastheadArtError('PDF 使用了不支持的 TIFF 预测器参数');
    const out = data.slice();
    for (let r = 0; r < out.length; r += rowBytes) for (let i = bpp; i < rowBytes && r + i < out.length; i++) out[r + i] = (out[r + i]! + out[r + i - bpp]!) & 0xff;
    return out;
  }
  return unfilterPng(data, rowBytes, bpp);
}
