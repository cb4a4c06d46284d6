import * as fontkit from 'fontkit';
import { PDFArray, PDFDict, PDFStream } from 'pdf-lib';
import { operations } from './content-tokens.js';
import { get, nameOf, numberOf, pageContent, pageResources, type PdfaDocument } from './pdfa-document.js';
import type { PdfaClause } from './pdfa-types.js';

/** ISO 19005-2:2011 §6.2.11, fonts: types, composite fonts, embedding, metrics, encodings, Unicode, .notdef. */

const FONT_SUBTYPES = new Set(['Type0', 'Type1', 'MMType1', 'Type3', 'TrueType', 'CIDFontType0', 'CIDFontType2']);
const SIMPLE = new Set(['Type1', 'MMType1', 'TrueType']);

interface FontInfo {
  readonly ref: string;
  readonly dict: PDFDict;
  readonly subtype: string | undefined;
  /** For Type0: its descendant CIDFont. */
  readonly descendant?: PDFDict;
}

function fonts(doc: PdfaDocument): FontInfo[] {
  const list: FontInfo[] = [];
  for (const [ref, obj] of doc.objects) {
    if (!(obj instanceof PDFDict) || nameOf(get(obj, 'Type')) !== 'Font') continue;
    const subtype = nameOf(get(obj, 'Subtype'));
    if (subtype === 'CIDFontType0' || subtype === 'CIDFontType2') continue; // reached through their Type0 font
    const descendants = doc.lookup(get(obj, 'DescendantFonts'));
    const descendant = descendants instanceof PDFArray ? doc.dict(descendants.get(0)) : undefined;
    list.push({ ref: `${ref.objectNumber} 0 R`, dict: obj, subtype, ...(descendant ? { descendant } : {}) });
  }
  return list;
}

const fontName = (f: FontInfo) => `字体 ${nameOf(get(f.dict, 'BaseFont')) ?? f.ref}`;

/** The descriptor that carries the font program: the CIDFont's for Type0 fonts. */
function descriptorOf(doc: PdfaDocument, f: FontInfo): PDFDict | undefined {
  return doc.dict(get(f.descendant ?? f.dict, 'FontDescriptor'));
}

function fontProgram(doc: PdfaDocument, f: FontInfo): PDFStream | undefined {
  const d = descriptorOf(doc, f);
  for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
    const s = doc.lookup(get(d, key));
    if (s instanceof PDFStream) return s;
  }
  return undefined;
}

/** The character codes each font shows, per font dictionary, read from every page's content. */
function codesShown(doc: PdfaDocument): Map<PDFDict, Set<number>> {
  const shown = new Map<PDFDict, Set<number>>();
  for (const page of doc.pages) {
    const fontsOfPage = doc.dict(get(pageResources(doc, page), 'Font'));
    let current: PDFDict | undefined;
    let twoByte = false;
    for (const { op, operands } of operations(pageContent(doc, page))) {
      if (op === 'Tf' && operands[0]?.kind === 'name') {
        current = doc.dict(get(fontsOfPage, operands[0].value));
        twoByte = nameOf(get(current, 'Subtype')) === 'Type0';
      } else if ((op === 'Tj' || op === 'TJ' || op === "'" || op === '"') && current) {
        let set = shown.get(current);
        if (!set) shown.set(current, (set = new Set()));
        for (const t of operands) {
          if (t.kind !== 'string') continue;
          if (twoByte) for (let i = 0; i + 1 < t.bytes.length; i += 2) set.add((t.bytes[i]! << 8) | t.bytes[i + 1]!);
          else for (const b of t.bytes) set.add(b);
        }
      }
    }
  }
  return shown;
}

/** The codes a ToUnicode CMap maps (bfchar and bfrange entries). */
function toUnicodeCodes(text: string): Set<number> {
  const codes = new Set<number>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>/g)) codes.add(parseInt(m[1]!, 16));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      for (let c = parseInt(m[1]!, 16); c <= parseInt(m[2]!, 16); c++) codes.add(c);
    }
  }
  return codes;
}

const limit = (problems: string[], max = 8) => (problems.length > max ? [...problems.slice(0, max), `等共 ${problems.length} 处`] : problems);

export const FONT_CLAUSES: readonly PdfaClause[] = [
  {
    clause: '6.2.11.2',
    title: '字体类型：字体字典的 Subtype 合法；非 Type3 字体有 BaseFont；简单字体有 FirstChar、LastChar、Widths 与 FontDescriptor',
    check(doc) {
      const problems: string[] = [];
      for (const f of fonts(doc)) {
        if (!f.subtype || !FONT_SUBTYPES.has(f.subtype)) problems.push(`${fontName(f)} 的 Subtype 为 ${f.subtype}`);
        if (f.subtype !== 'Type3' && !nameOf(get(f.dict, 'BaseFont'))) problems.push(`${f.ref} 没有 BaseFont`);
        if (f.subtype && SIMPLE.has(f.subtype)) {
          const first = numberOf(get(f.dict, 'FirstChar'));
          const last = numberOf(get(f.dict, 'LastChar'));
          const widths = doc.lookup(get(f.dict, 'Widths'));
          if (first === undefined || last === undefined || !(widths instanceof PDFArray) || widths.size() !== last - first + 1) {
            problems.push(`${fontName(f)} 的 FirstChar/LastChar/Widths 不全或不一致`);
          }
          if (!descriptorOf(doc, f)) problems.push(`${fontName(f)} 没有 FontDescriptor`);
        }
      }
      return limit(problems);
    },
  },
  {
    clause: '6.2.11.3',
    title: '复合字体：编码为 Identity-H/V 或嵌入的 CMap，CIDSystemInfo 与之相容，CIDFontType2 有 CIDToGIDMap',
    check(doc) {
      const problems: string[] = [];
      for (const f of fonts(doc)) {
        if (f.subtype !== 'Type0') continue;
        if (!f.descendant) {
          problems.push(`${fontName(f)} 没有 DescendantFonts`);
          continue;
        }
        const encoding = doc.lookup(get(f.dict, 'Encoding'));
        const identity = nameOf(encoding) === 'Identity-H' || nameOf(encoding) === 'Identity-V';
        if (!identity && !(encoding instanceof PDFStream)) problems.push(`${fontName(f)} 的编码 ${nameOf(encoding)} 既非 Identity 也未嵌入`);
        const info = doc.dict(get(f.descendant, 'CIDSystemInfo'));
        if (!info) problems.push(`${fontName(f)} 没有 CIDSystemInfo`);
        if (encoding instanceof PDFStream && info) {
          const cmapInfo = doc.dict(get(encoding.dict, 'CIDSystemInfo'));
          const same = (k: string) => get(cmapInfo, k)?.toString() === get(info, k)?.toString();
          if (!same('Registry') || !same('Ordering')) problems.push(`${fontName(f)} 的 CIDSystemInfo 与 CMap 不一致`);
        }
        if (nameOf(get(f.descendant, 'Subtype')) === 'CIDFontType2') {
          const map = doc.lookup(get(f.descendant, 'CIDToGIDMap'));
          if (nameOf(map) !== 'Identity' && !(map instanceof PDFStream)) problems.push(`${fontName(f)} 没有 CIDToGIDMap`);
        }
      }
      return limit(problems);
    },
  },
  {
    clause: '6.2.11.4.1',
    title: '字体嵌入：所有字体（Type3 除外）的字体程序都嵌入在文件中',
    check(doc) {
      return limit(fonts(doc).filter((f) => f.subtype !== 'Type3' && !fontProgram(doc, f)).map((f) => `${fontName(f)} 未嵌入`));
    },
  },
  {
    clause: '6.2.11.5',
    title: '字体度量：复合 TrueType 字体的 W 宽度与嵌入字形的步进一致（误差 1/1000 em 内）',
    check(doc) {
      const problems: string[] = [];
      for (const f of fonts(doc)) {
        if (f.subtype !== 'Type0' || !f.descendant || nameOf(get(f.descendant, 'Subtype')) !== 'CIDFontType2') continue;
        if (nameOf(doc.lookup(get(f.descendant, 'CIDToGIDMap'))) !== 'Identity') continue;
        const program = fontProgram(doc, f);
        const bytes = program && doc.decode(program);
        if (!bytes) continue;
        let font: fontkit.Font;
        try {
          font = fontkit.create(bytes);
        } catch {
          problems.push(`${fontName(f)} 的字体程序无法读取`);
          continue;
        }
        const getGlyph = (id: number) => (font as unknown as { getGlyph(id: number): { advanceWidth: number } }).getGlyph(id);
        const w = doc.lookup(get(f.descendant, 'W'));
        const items = w instanceof PDFArray ? w.asArray().map((x) => doc.lookup(x)) : [];
        const check = (cid: number, width: number | undefined) => {
          if (width === undefined || cid >= font.numGlyphs) return;
          const actual = (getGlyph(cid).advanceWidth * 1000) / font.unitsPerEm;
          if (Math.abs(actual - width) > 1) problems.push(`${fontName(f)} 字形 ${cid} 的宽度 ${width} 与字体中的 ${Math.round(actual)} 不符`);
        };
        for (let i = 0; i < items.length; ) {
          const first = numberOf(items[i]);
          const next = items[i + 1];
          if (first === undefined) break;
          if (next instanceof PDFArray) {
            next.asArray().forEach((v, k) => check(first + k, numberOf(doc.lookup(v))));
            i += 2;
          } else {
            const last = numberOf(next) ?? first;
            const width = numberOf(items[i + 2]);
            for (let cid = first; cid <= last; cid++) check(cid, width);
            i += 3;
          }
        }
      }
      return limit(problems);
    },
  },
  {
    clause: '6.2.11.6',
    title: '字符编码：非符号 TrueType 简单字体用 MacRomanEncoding 或 WinAnsiEncoding',
    check(doc) {
      const problems: string[] = [];
      for (const f of fonts(doc)) {
        if (f.subtype !== 'TrueType') continue;
        const flags = numberOf(get(descriptorOf(doc, f), 'Flags')) ?? 0;
        const symbolic = (flags & 4) !== 0;
        const encoding = doc.lookup(get(f.dict, 'Encoding'));
        const base = nameOf(encoding) ?? nameOf(get(doc.dict(encoding), 'BaseEncoding'));
        if (!symbolic && base !== 'MacRomanEncoding' && base !== 'WinAnsiEncoding') problems.push(`${fontName(f)} 的编码为 ${base ?? '无'}`);
        if (symbolic && encoding) problems.push(`符号字体 ${fontName(f)} 含 Encoding`);
      }
      return limit(problems);
    },
  },
  {
    clause: '6.2.11.7',
    title: 'Unicode 映射（2u 级）：每个字体有 ToUnicode，页面上显示的每个字符代码都映射到 Unicode',
    check(doc) {
      const problems: string[] = [];
      const shown = codesShown(doc);
      for (const f of fonts(doc)) {
        const toUnicode = doc.lookup(get(f.dict, 'ToUnicode'));
        if (!(toUnicode instanceof PDFStream)) {
          problems.push(`${fontName(f)} 没有 ToUnicode`);
          continue;
        }
        const bytes = doc.decode(toUnicode);
        const mapped = toUnicodeCodes(bytes ? Buffer.from(bytes).toString('latin1') : '');
        const missing = [...(shown.get(f.dict) ?? [])].filter((c) => !mapped.has(c));
        if (missing.length) problems.push(`${fontName(f)} 的 ToUnicode 缺 ${missing.length} 个代码（如 ${missing.slice(0, 3).map((c) => c.toString(16).toUpperCase().padStart(4, '0')).join('、')}）`);
      }
      return limit(problems);
    },
  },
  {
    clause: '6.2.11.8',
    title: '.notdef 字形：页面不显示 0 号字形（复合字体的 CID 0）',
    check(doc) {
      const problems: string[] = [];
      for (const [font, codes] of codesShown(doc)) {
        if (nameOf(get(font, 'Subtype')) === 'Type0' && codes.has(0)) problems.push(`字体 ${nameOf(get(font, 'BaseFont'))} 显示了 .notdef 字形`);
      }
      return problems;
    },
  },
];
