import type { LoadedFace } from '../fonts/face-set.js';
import { sfntOf, type SfntFont } from '../fonts/sfnt.js';
import { cffSubsetProgram, encodeTrueTypeSubset, withComponents } from '../fonts/font-subset.js';
import { dict, name, num, ref, type PdfObject } from './pdf-writer.js';
import { shapeText } from './shaping.js';

/**
 * Font subsets for the PDF writer. A pool holds, per face, the glyphs used so far in the order first used: the
 * code of a glyph in a content stream (a CID, Identity-H) is its place in that order, so codes never change
 * while the pool lives. The app's pool lives as long as its typesetter (a session subset): it only grows, an
 * unchanged face's encoded (and compressed) font program is reused by the next export, and page content streams
 * stay valid. A fresh pool gives exact subsets (the final PDF made at sign-off).
 *
 * Subsets come from core/fonts/font-subset.ts (the subsetter the OFD writer uses too): TrueType faces by our own
 * writer, CFF-flavoured OpenType faces (a user's .otf) through fontkit's CFF subsetter, as a CIDFontType0C program.
 */

/** Compresses a stream with zlib/deflate (supplied by the caller: the core has no zlib). */
export type Deflate = (data: Uint8Array) => Uint8Array;

interface FaceSubset {
  readonly face: LoadedFace;
  readonly font: SfntFont;
  readonly resource: string;
  /** Original glyph ids in code order; [0] is .notdef. */
  readonly gids: number[];
  readonly codeOf: Map<number, number>;
  /** The text each code stands for (ToUnicode). */
  readonly unicode: Map<number, string>;
  /** Text operators by text (valid while the pool lives: codes never change). */
  readonly runs: Map<string, string>;
  /** Encoded objects for the current glyph count. */
  embedded?: { readonly count: number; readonly objects: EmbeddedObjects };
}

interface EmbeddedObjects {
  readonly type0: (descendant: number, toUnicode: number) => string;
  readonly cidFont: (descriptor: number) => string;
  readonly descriptor: (file: number) => string;
  readonly file: PdfObject;
  readonly toUnicode: PdfObject;
}

/** The PDF objects of one font, numbered from `first`: Type0 first (the one pages refer to). */
export interface FontObjects {
  readonly resource: string;
  readonly objects: PdfObject[];
}

export interface SubsetPool {
  /** The text-showing operator (Tj or TJ) of a text in a face, adding its glyphs; the face's resource name. */
  encode(face: LoadedFace, text: string): { resource: string; op: string };
  /** Font objects for every face used, numbered from `first`. */
  fontObjects(first: number, used: ReadonlySet<string>): FontObjects[];
  /** Number of glyphs per face (for tests and the benchmark). */
  sizes(): ReadonlyMap<string, number>;
}

/** Creates a pool of subsets. `deflate` compresses font programs and ToUnicode maps. */
export function createSubsetPool(opts: { readonly deflate?: Deflate } = {}): SubsetPool {
  const subsets = new Map<string, FaceSubset>();
  const faceKeys = new Map<string, FaceSubset>();

  /** Faces with equal fonts (same PostScript name, head checksum and size) share one subset. */
  const subsetOf = (face: LoadedFace): FaceSubset => {
    const font = sfntOf(face);
    const identity = `${font.postscriptName}\u0000${font.checksum}\u0000${font.bytes.length}`;
    let s = subsets.get(identity);
    if (!s) {
      s = { face, font, resource: `F${subsets.size + 1}`, gids: [0], codeOf: new Map([[0, 0]]), unicode: new Map(), runs: new Map() };
      subsets.set(identity, s);
    }
    faceKeys.set(face.key, s);
    return s;
  };

  const addGlyph = (s: FaceSubset, gid: number): number => {
    let code = s.codeOf.get(gid);
    if (code === undefined) {
      const all = s.font.trueType ? withComponents(s.font, [gid]) : [gid];
      for (const g of all) {
        if (s.codeOf.has(g)) continue;
        s.codeOf.set(g, s.gids.length);
        s.gids.push(g);
      }
      code = s.codeOf.get(gid)!;
    }
    return code;
  };

  /** The text operator of a run: glyphs as the typesetter measured them (fontkit's shaping, kerning as TJ). */
  const operator = (s: FaceSubset, text: string): string => {
    const known = s.runs.get(text);
    if (known !== undefined) return known;
    const run = shapeText(s.face, text);
    const scale = 1000 / s.font.unitsPerEm;
    let op: string;
    let hex = '';
    const parts: string[] = [];
    run.forEach((g, i) => {
      const code = addGlyph(s, g.gid);
      if (code && !s.unicode.has(code)) s.unicode.set(code, g.text);
      hex += HEX4[code] ?? code.toString(16).padStart(4, '0');
      const adjust = g.advance - s.font.advance(g.gid);
      if (adjust !== 0 && i < run.length - 1) {
        parts.push(`<${hex}>`, num(-adjust * scale));
        hex = '';
      }
    });
    if (parts.length) {
      if (hex) parts.push(`<${hex}>`);
      op = `[${parts.join(' ')}] TJ`;
    } else op = `<${hex}> Tj`;
    if (s.runs.size > 20000) s.runs.clear();
    s.runs.set(text, op);
    return op;
  };

  return {
    encode(face, text) {
      const s = faceKeys.get(face.key)?.face === face ? faceKeys.get(face.key)! : subsetOf(face);
      return { resource: s.resource, op: operator(s, text) };
    },
    fontObjects(first, used) {
      const out: FontObjects[] = [];
      let n = first;
      const usedSubsets = new Set([...used].map((key) => faceKeys.get(key)).filter((s) => s !== undefined));
      for (const s of subsets.values()) {
        if (!usedSubsets.has(s)) continue;
        if (!s.embedded || s.embedded.count !== s.gids.length) {
          s.embedded = { count: s.gids.length, objects: embed(s, opts.deflate) };
        }
        const e = s.embedded.objects;
        // Type0, CIDFont, descriptor, font file, ToUnicode.
        out.push({
          resource: s.resource,
          objects: [
            { source: e.type0(n + 1, n + 4) },
            { source: e.cidFont(n + 2) },
            { source: e.descriptor(n + 3) },
            e.file,
            e.toUnicode,
          ],
        });
        n += 5;
      }
      return out;
    },
    sizes() {
      return new Map([...subsets.values()].map((s) => [s.face.key, s.gids.length]));
    },
  };
}

const HEX4: string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(4, '0'));

/** Six capital letters naming a subset (§9.6.4), from its glyphs. */
function subsetTag(gids: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const g of gids) h = Math.imul(h ^ g, 0x01000193);
  let tag = '';
  for (let i = 0; i < 6; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    tag += String.fromCharCode(65 + (h % 26));
  }
  return tag;
}

function stream(data: Uint8Array, entries: Record<string, string | undefined>, deflate?: Deflate): PdfObject {
  if (!deflate) return { dict: entries, data };
  return { dict: { ...entries, Filter: '/FlateDecode' }, data: deflate(data) };
}

function embed(s: FaceSubset, deflate?: Deflate): EmbeddedObjects {
  const { font, gids } = s;
  const scale = 1000 / font.unitsPerEm;
  const baseFont = name(`${subsetTag(gids)}+${font.postscriptName}`);
  const widths = gids.map((g) => num(font.advance(g) * scale)).join(' ');
  const trueType = font.trueType;
  const program = trueType ? encodeTrueTypeSubset(font, gids) : cffSubsetProgram(s.face.font, gids);
  const file = trueType
    ? stream(program, { Length1: String(program.length) }, deflate)
    : stream(program, { Subtype: '/CIDFontType0C' }, deflate);
  const [x0, y0, x1, y1] = font.bbox;
  return {
    type0: (descendant, toUnicode) =>
      dict({ Type: '/Font', Subtype: '/Type0', BaseFont: baseFont, Encoding: '/Identity-H', DescendantFonts: `[${ref(descendant)}]`, ToUnicode: ref(toUnicode) }),
    cidFont: (descriptor) =>
      dict({
        Type: '/Font',
        Subtype: trueType ? '/CIDFontType2' : '/CIDFontType0',
        BaseFont: baseFont,
        CIDSystemInfo: '<</Registry (Adobe) /Ordering (Identity) /Supplement 0>>',
        FontDescriptor: ref(descriptor),
        W: `[0 [${widths}]]`,
        CIDToGIDMap: trueType ? '/Identity' : undefined,
      }),
    descriptor: (fileRef) =>
      dict({
        Type: '/FontDescriptor',
        FontName: baseFont,
        Flags: '4',
        FontBBox: `[${num(x0 * scale)} ${num(y0 * scale)} ${num(x1 * scale)} ${num(y1 * scale)}]`,
        ItalicAngle: num(font.italicAngle),
        Ascent: num(font.ascent * scale),
        Descent: num(font.descent * scale),
        CapHeight: num(font.capHeight * scale),
        StemV: '80',
        [trueType ? 'FontFile2' : 'FontFile3']: ref(fileRef),
      }),
    file,
    toUnicode: stream(toUnicodeCMap(s.unicode), {}, deflate),
  };
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/** The ToUnicode CMap (Adobe Technical Note #5411): each code to the text it was written for. */
function toUnicodeCMap(unicode: ReadonlyMap<number, string>): Uint8Array {
  const entries = [...unicode].sort((a, b) => a[0] - b[0]);
  let body = '';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    body += `${chunk.length} beginbfchar\n`;
    for (const [code, text] of chunk) body += `<${code.toString(16).padStart(4, '0')}> <${utf16Hex(text)}>\n`;
    body += 'endbfchar\n';
  }
  const text =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n';
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
