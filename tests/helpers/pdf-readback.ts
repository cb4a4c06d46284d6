/**
 * Reading produced PDFs back, for integration and end-to-end tests.
 *
 *  - {@link readPdf}: every page's size and text items through pdfjs-dist, with positions converted to a
 *    top-down frame (y = distance of the baseline from the top edge of the page, in points), the frame the
 *    typesetter's PageLayout uses.
 *  - {@link groupLines}, {@link lineText}, {@link lineLeft}, {@link lineRight}: text lines by baseline.
 *  - {@link pdffonts}, {@link pdfInfo}: the poppler-utils command line tools, parsed.
 *  - {@link pdfObjects}, {@link pdfPageContents}, {@link toUnicodeTargets}: the raw file (pdfkit's output).
 *  - {@link hanOnly}, {@link lcsLength}: comparing texts.
 *
 * No dependency beyond pdfjs-dist (a devDependency) and /usr/bin/pdffonts, /usr/bin/pdfinfo.
 */
import { runTool } from './system-tools.js';
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One text item as pdfjs reports it, in points, top-down. */
export interface PdfTextItem {
  readonly str: string;
  /** Left edge of the item. */
  readonly x: number;
  /** Baseline, measured from the top of the page. */
  readonly y: number;
  /** Advance width of the item (character spacing included, as pdfjs measures it). */
  readonly width: number;
  /** Font size from the text matrix (its vertical scale). */
  readonly fontSize: number;
  /** Whether the text is rotated (e.g. the 样稿 watermark); rotated items are left out of lines. */
  readonly rotated: boolean;
  /** pdfjs's internal font name (e.g. g_d0_f3); equal names, same font within a document. */
  readonly fontName: string;
  /** The PDF font's name (e.g. DZZZZZ+NotoSerifSC-Regular), when read with `{ fonts: true }`. */
  readonly font?: string;
}

export interface PdfPage {
  /** 1-based. */
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly items: readonly PdfTextItem[];
}

/** A line of text: items sharing a baseline, sorted left to right. */
export interface PdfLine {
  readonly y: number;
  readonly items: readonly PdfTextItem[];
}

/**
 * Loads a PDF and returns its pages with their text items (empty strings dropped). With `fonts: true` each
 * item also gets its font's PDF name (this builds every page's operator list: slower).
 */
export async function readPdf(bytes: Uint8Array, opts: { fonts?: boolean } = {}): Promise<PdfPage[]> {
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const height = y1 - y0;
      const content = await page.getTextContent();
      const fontNames = new Map<string, string>();
      if (opts.fonts) {
        await page.getOperatorList();
        for (const key of Object.keys(content.styles)) {
          if (page.commonObjs.has(key)) fontNames.set(key, (page.commonObjs.get(key) as { name: string }).name);
        }
      }
      const items: PdfTextItem[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str === '') continue;
        const [a, b, c, d, e, f] = raw.transform as number[];
        items.push({
          str: raw.str,
          x: e! - x0,
          y: y1 - f!,
          width: raw.width,
          fontSize: Math.hypot(c!, d!),
          rotated: Math.abs(b!) > 1e-6 || Math.abs(c!) > 1e-6 || a! < 0,
          fontName: raw.fontName,
          ...(fontNames.has(raw.fontName) ? { font: fontNames.get(raw.fontName) } : {}),
        });
      }
      pages.push({ number: n, width: x1 - x0, height, items });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * Groups a page's unrotated items into lines by baseline (items within `tolerance` pt of the line's first
 * item share it), top to bottom, items left to right. Whitespace items are kept (pdfjs reports U+3000 and
 * other spaces as " " items); lines of whitespace only are dropped.
 */
export function groupLines(items: readonly PdfTextItem[], tolerance = 0.5): PdfLine[] {
  const sorted = items.filter((i) => !i.rotated).sort((p, q) => p.y - q.y);
  const lines: { y: number; items: PdfTextItem[] }[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(item.y - line.y) <= tolerance) line.items.push(item);
    else lines.push({ y: item.y, items: [item] });
  }
  return lines
    .filter((l) => l.items.some((i) => i.str.trim() !== ''))
    .map((l) => ({ y: l.y, items: l.items.sort((p, q) => p.x - q.x) }));
}

/** The line's text: its items joined in x order (no separators added; pdfjs already put spaces at gaps). */
export function lineText(line: PdfLine): string {
  return line.items.map((i) => i.str).join('');
}

const inked = (line: PdfLine) => line.items.filter((i) => i.str.trim() !== '');

/** The line's left edge: the smallest x of its non-space items. */
export function lineLeft(line: PdfLine): number {
  return Math.min(...inked(line).map((i) => i.x));
}

/** The line's right edge: the largest x + width of its non-space items. */
export function lineRight(line: PdfLine): number {
  return Math.max(...inked(line).map((i) => i.x + i.width));
}

/** The line nearest a baseline, if one lies within `tolerance` pt. */
export function lineAt(lines: readonly PdfLine[], y: number, tolerance = 0.5): PdfLine | undefined {
  let best: PdfLine | undefined;
  for (const l of lines) if (Math.abs(l.y - y) <= tolerance && (!best || Math.abs(l.y - y) < Math.abs(best.y - y))) best = l;
  return best;
}

/** All text of a document in reading order: page by page, lines top to bottom, items left to right. */
export function documentText(pages: readonly PdfPage[]): string {
  return pages.map((p) => groupLines(p.items).map(lineText).join('\n')).join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// poppler-utils

/** One row of `pdffonts`. */
export interface PdfFontRow {
  readonly name: string;
  readonly type: string;
  readonly encoding: string;
  readonly emb: boolean;
  readonly sub: boolean;
  readonly uni: boolean;
}

/** Runs `pdffonts` on a file and parses its table (columns located by the dashed header rule). */
export function pdffonts(path: string): PdfFontRow[] {
  const out = runTool('pdffonts', [path], { encoding: 'utf8' });
  const lines = out.split('\n');
  const ruleIndex = lines.findIndex((l) => /^-+( -+)+$/.test(l.trim()));
  if (ruleIndex < 0) throw new Error(`unexpected pdffonts output:\n${out}`);
  // Column spans from the dashes: "----- ----- ..." gives [start, end) of each column.
  const spans: [number, number][] = [];
  for (const m of lines[ruleIndex]!.matchAll(/-+/g)) spans.push([m.index, m.index + m[0].length]);
  const cell = (line: string, k: number) => line.slice(spans[k]![0], k + 1 < spans.length ? spans[k + 1]![0] : undefined).trim();
  return lines
    .slice(ruleIndex + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => ({
      name: cell(l, 0),
      type: cell(l, 1),
      encoding: cell(l, 2),
      emb: cell(l, 3) === 'yes',
      sub: cell(l, 4) === 'yes',
      uni: cell(l, 5) === 'yes',
    }));
}

/** The fields of `pdfinfo` tests use; every field pdfinfo printed is also in `all`. */
export interface PdfInfo {
  readonly title?: string;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords?: string;
  readonly pages: number;
  /** Width and height in points, from "Page size: 595.276 x 841.89 pts (A4)". */
  readonly pageSize?: { readonly width: number; readonly height: number };
  readonly all: Readonly<Record<string, string>>;
}

/** Runs `pdfinfo` (UTF-8 output) on a file and parses it. */
export function pdfInfo(path: string): PdfInfo {
  const out = runTool('pdfinfo', ['-enc', 'UTF-8', path], { encoding: 'utf8' });
  const all: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (m) all[m[1]!] = m[2]!.trim();
  }
  const size = /^([\d.]+) x ([\d.]+) pts/.exec(all['Page size'] ?? '');
  return {
    title: all.Title,
    author: all.Author,
    subject: all.Subject,
    keywords: all.Keywords,
    pages: Number(all.Pages ?? NaN),
    pageSize: size ? { width: Number(size[1]), height: Number(size[2]) } : undefined,
    all,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Raw content

/** One indirect object of a PDF file: its dictionary text and, for a stream, the decoded data. */
export interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

/**
 * The indirect objects of a PDF by number, streams inflated when their dictionary names FlateDecode.
 * Enough for pdfkit's output (uncompressed object table, no object streams, one filter per stream,
 * direct /Length); not a general PDF parser.
 */
export function pdfObjects(bytes: Uint8Array): Map<number, PdfObject> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[0].length;
    const end = text.indexOf('endobj', at);
    if (end < 0) break;
    let body = text.slice(at, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: body.trim() });
      re.lastIndex = end;
      continue;
    }
    const dict = body.slice(0, streamAt);
    const dataStart = at + streamAt + body.slice(streamAt).match(/^stream\r?\n/)![0].length;
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    const dataEnd = length ? dataStart + Number(length[1]) : text.indexOf('endstream', dataStart);
    let data: Buffer = buf.subarray(dataStart, dataEnd);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(m[1]), { dict: dict.trim(), stream: data });
    // The stream may contain "endobj" by chance: continue after the stream's end.
    const after = text.indexOf('endobj', dataEnd);
    re.lastIndex = after < 0 ? text.length : after;
    body = '';
  }
  return objects;
}

/** The decoded content stream of every page, in page order (text: latin1, so operators read as ASCII). */
export function pdfPageContents(bytes: Uint8Array): string[] {
  const objects = pdfObjects(bytes);
  const kidsOf = (dict: string) => [...(/\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent\b/.test(o.dict));
  if (!root) throw new Error('no page tree found');
  const pages: number[] = [];
  const walk = (n: number) => {
    const o = objects.get(n);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) kidsOf(o.dict).forEach(walk);
    else pages.push(n);
  };
  kidsOf(root.dict).forEach(walk);
  return pages.map((n) => {
    const dict = objects.get(n)!.dict;
    const refs = /\/Contents\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? /\/Contents\s*(\d+ 0 R)/.exec(dict)?.[1] ?? '';
    return [...refs.matchAll(/(\d+) 0 R/g)]
      .map((r) => objects.get(Number(r[1]))?.stream?.toString('latin1') ?? '')
      .join('\n');
  });
}

/** The Unicode code points some ToUnicode CMap of the file maps a glyph to (what copy and paste yields). */
export function toUnicodeTargets(bytes: Uint8Array): Set<number> {
  const out = new Set<number>();
  for (const o of pdfObjects(bytes).values()) {
    const s = o.stream?.toString('latin1');
    if (!s || !s.includes('begincmap')) continue;
    // Hex strings may contain spaces (pdfkit writes a surrogate pair as <d842 dfb7>).
    const HEX = '<([0-9a-fA-F\\s]+)>';
    const add = (hex: string, offset = 0) => {
      const units = (hex.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((u) => parseInt(u, 16));
      units[units.length - 1]! += offset;
      for (const ch of String.fromCharCode(...units)) out.add(ch.codePointAt(0)!);
    };
    const num = (hex: string) => parseInt(hex.replace(/\s+/g, ''), 16);
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1]!.matchAll(new RegExp(`${HEX}\\s*${HEX}`, 'g'))) add(m[2]!);
    }
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1]!.matchAll(new RegExp(`${HEX}\\s*${HEX}\\s*(\\[[^\\]]*\\]|<[0-9a-fA-F\\s]+>)`, 'g'))) {
        if (m[3]!.startsWith('[')) for (const d of m[3]!.matchAll(new RegExp(HEX, 'g'))) add(d[1]!);
        else for (let k = 0; k <= num(m[2]!) - num(m[1]!); k++) add(m[3]!.slice(1, -1), k);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Text comparison

/** Whether a code point is a Han character (URO, extensions A–H, compatibility ideographs, 〇). */
export function isHanCodePoint(cp: number): boolean {
  return (
    cp === 0x3007 ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** The Han characters of a text, in order, as an array of code-point strings. */
export function hanOnly(text: string): string[] {
  return [...text].filter((ch) => isHanCodePoint(ch.codePointAt(0)!));
}

/**
 * Length of the longest common subsequence of two sequences: how many items of `a` are found, in order, in
 * `b`. O(|a|·|b|) time, O(|b|) memory; fine for a few thousand characters.
 */
export function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ai === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
