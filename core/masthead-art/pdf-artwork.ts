import type { Matrix } from './matrix.js';
import { transformSegments } from './path-segments.js';
import { runContent } from './pdf-content.js';
import { openPdf, type PdfDocument } from './pdf-document.js';
import { isDict, isName, isStream, type PdfDict, type PdfValue } from './pdf-objects.js';
import { MastheadArtError } from './svg-tree.js';
import type { VectorArtwork } from './vector-art.js';

/**
 * PDF → vector artwork: the first page of a vector PDF as Illustrator, Inkscape, CorelDRAW, WPS or cairo export it,
 * read in the pure core (no PDF library: pdf-document.ts finds the objects, pdf-content.ts runs the drawing). The
 * artwork is the page's visible box (CropBox within MediaBox, §14.11.2) turned by /Rotate, in points, origin at
 * the top left, y down, like an SVG's viewBox. A file of several pages gives its first page (drawing programs
 * export one artboard a page; the 刊名 is the first). Refusals (MastheadArtError) say why in Chinese.
 */
export function pdfToArtwork(bytes: Uint8Array): VectorArtwork {
  const doc = openPdf(bytes);
  const root = doc.resolve(doc.trailer.get('Root'));
  if (!isDict(root)) throw new MastheadArtError('PDF 文件已损坏或无法解析（缺少文档目录）');
  const page = firstPage(doc, doc.resolve(root.get('Pages')));
  if (!page) throw new MastheadArtError('PDF 文件中没有页面');
  const inherited = (key: string): PdfValue | undefined => {
    let node: PdfValue | undefined = page;
    for (let i = 0; i < 64 && isDict(node); i++) {
      if (node.has(key)) return doc.resolve(node.get(key));
      node = doc.resolve(node.get('Parent'));
    }
    return undefined;
  };
  const media = rect(inherited('MediaBox'), doc) ?? { x0: 0, y0: 0, x1: 612, y1: 792 };
  const crop = rect(inherited('CropBox'), doc);
  const box = crop
    ? { x0: Math.max(media.x0, crop.x0), y0: Math.max(media.y0, crop.y0), x1: Math.min(media.x1, crop.x1), y1: Math.min(media.y1, crop.y1) }
    : media;
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  if (!(width > 0) || !(height > 0)) throw new MastheadArtError('PDF 页面的大小无效');
  const rotate = ((Math.round(Number(inherited('Rotate') ?? 0) / 90) % 4) + 4) % 4;
  const contents = doc.resolve(page.get('Contents'));
  const list = Array.isArray(contents) ? contents.map((c) => doc.resolve(c)) : contents === undefined || contents === null ? [] : [contents];
  const streams = list.map((s) => {
    if (!isStream(s)) throw new MastheadArtError('PDF 文件已损坏或无法解析（页面内容缺失）');
    return doc.decode(s);
  });
  const resources = inherited('Resources');
  const paths = runContent(streams, isDict(resources) ? resources : undefined, {
    doc,
    box,
    tolerance: Math.max(width, height) * 0.005,
    hidden: hiddenContent(doc, root),
  });
  if (!paths.length) throw new MastheadArtError('PDF 第一页中没有可绘制的图形');
  // Device space (y up) → artwork space (y down from the displayed page's top left corner).
  const toArt = ROTATIONS[rotate]!(box);
  const title = infoTitle(doc);
  const sideways = rotate % 2 === 1;
  return {
    kind: 'vector',
    width: sideways ? height : width,
    height: sideways ? width : height,
    paths: paths.map((p) => ({ ...p, segments: transformSegments(p.segments, toArt) })),
    ...(title ? { title } : {}),
  };
}

/**
 * Which optional content (layers, §8.11) does not print: a group off in the default configuration (/D: /BaseState,
 * /ON, /OFF) or whose print usage is off (/Usage /Print /PrintState /OFF, as Illustrator writes for non-printing
 * template layers); a membership dictionary by its policy (/P, AnyOn by default).
 */
function hiddenContent(doc: PdfDocument, root: PdfDict): (oc: PdfValue | undefined) => boolean {
  const props = doc.resolve(root.get('OCProperties'));
  const config = isDict(props) ? doc.resolve(props.get('D')) : undefined;
  const list = (k: string) => {
    const v = isDict(config) ? doc.resolve(config.get(k)) : undefined;
    return new Set(Array.isArray(v) ? v.map((x) => doc.resolve(x)) : []);
  };
  const base = isDict(config) ? doc.resolve(config.get('BaseState')) : undefined;
  const baseOff = isName(base) && base.name === 'OFF';
  const on = list('ON');
  const off = list('OFF');
  const groupHidden = (g: PdfValue | undefined): boolean => {
    if (!isDict(g)) return false;
    const usage = doc.resolve(g.get('Usage'));
    const print = isDict(usage) ? doc.resolve(usage.get('Print')) : undefined;
    const state = isDict(print) ? doc.resolve(print.get('PrintState')) : undefined;
    if (isName(state)) return state.name === 'OFF';
    return baseOff ? !on.has(g) : off.has(g);
  };
  return (oc) => {
    const v = doc.resolve(oc);
    if (!isDict(v)) return false;
    const type = doc.resolve(v.get('Type'));
    if (!isName(type) || type.name !== 'OCMD') return groupHidden(v);
    const ocgs = doc.resolve(v.get('OCGs'));
    const groups = (Array.isArray(ocgs) ? ocgs : [ocgs]).map((g) => doc.resolve(g)).filter(isDict);
    if (!groups.length) return false;
    const p = doc.resolve(v.get('P'));
    const policy = isName(p) ? p.name : 'AnyOn';
    const shown = groups.map((g) => !groupHidden(g));
    if (policy === 'AllOn') return !shown.every(Boolean);
    if (policy === 'AnyOff') return !shown.some((x) => !x);
    if (policy === 'AllOff') return !shown.every((x) => !x);
    return !shown.some(Boolean);
  };
}

type Box = { x0: number; y0: number; x1: number; y1: number };

/** Displayed (x right, y down) from device space, for /Rotate 0, 90, 180, 270 (clockwise when shown). */
const ROTATIONS: readonly ((b: Box) => Matrix)[] = [
  (b) => [1, 0, 0, -1, -b.x0, b.y1],
  (b) => [0, 1, 1, 0, -b.y0, -b.x0],
  (b) => [-1, 0, 0, 1, b.x1, -b.y0],
  (b) => [0, -1, -1, 0, b.y1, b.x1],
];

function rect(v: PdfValue | undefined, doc: PdfDocument): Box | undefined {
  if (!Array.isArray(v) || v.length !== 4) return undefined;
  const n = v.map((x) => doc.resolve(x));
  if (!n.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
  const [a, b, c, d] = n as number[];
  return { x0: Math.min(a!, c!), y0: Math.min(b!, d!), x1: Math.max(a!, c!), y1: Math.max(b!, d!) };
}

/** The first /Page leaf of the page tree (depth first, §7.7.3). */
function firstPage(doc: PdfDocument, node: PdfValue | undefined, depth = 0): PdfDict | undefined {
  if (!isDict(node) || depth > 32) return undefined;
  const type = node.get('Type');
  if (isName(type) && type.name === 'Page') return node;
  const kids = doc.resolve(node.get('Kids'));
  if (!Array.isArray(kids)) return isName(type) && type.name === 'Pages' ? undefined : node.has('Contents') ? node : undefined;
  for (const kid of kids) {
    const page = firstPage(doc, doc.resolve(kid), depth + 1);
    if (page) return page;
  }
  return undefined;
}

/** The document's /Title (PDFDocEncoding, or UTF-16BE with a byte order mark; §7.9.2.2). */
function infoTitle(doc: PdfDocument): string | undefined {
  try {
    const info = doc.resolve(doc.trailer.get('Info'));
    const t = isDict(info) ? doc.resolve(info.get('Title')) : undefined;
    if (!t || typeof t !== 'object' || !('str' in t)) return undefined;
    const b = t.str;
    const text = b[0] === 0xfe && b[1] === 0xff ? new TextDecoder('utf-16be').decode(b.subarray(2)) : String.fromCharCode(...b);
    return text.trim() || undefined;
  } catch {
    return undefined;
  }
}
