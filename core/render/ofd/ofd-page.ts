import type { LineRecord, Page, RuleItem, TextItem } from '../../typeset/page-layout.js';
import type { OfdFont } from './ofd-fonts.js';
import { artworkObjects } from './ofd-artwork.js';
import { imageObject, type OfdPicture } from './ofd-pictures.js';
import type { IdAllocator } from './ofd-ids.js';
import { advances, deltaX, rgbOf } from './ofd-text.js';
import { box, el, esc, mmOf, num, OFD_NS, ptToMm, XML_HEAD } from './xml.js';

/**
 * One page's Content.xml (GB/T 33190-2016 §7.7, CT_Page): a body layer holding a PathObject per rule
 * (§9.1) and a TextObject per text item (§11.2) — its Boundary, Font and Size, the fill colour, and one
 * TextCode whose X/Y is the first character's baseline origin within the boundary and whose DeltaX places
 * every following character. The draft watermark, if any, is a rotated, translucent text object.
 */

/** What a page object is, for the structure (CustomTags). */
export interface PageObject {
  readonly id: number;
  /** The kind of line it belongs to; 'rule' for rules and 'artifact' for what is not content. */
  readonly role: LineRecord['kind'] | 'rule' | 'artifact';
  /** The model path of its block (e.g. articles[0].body[3]), '' when none. */
  readonly source: string;
}

export interface OfdPage {
  readonly id: number;
  readonly xml: string;
  readonly objects: readonly PageObject[];
}

export interface PageOptions {
  readonly page: Page;
  readonly width: number;
  readonly height: number;
  readonly fonts: ReadonlyMap<string, OfdFont>;
  readonly ids: IdAllocator;
  /** The 样稿 watermark: text, face key, size (points). */
  readonly watermark?: { readonly text: string; readonly face: string; readonly size: number };
  /** The pictures' multimedia resources, by their data (./ofd-pictures.ts). */
  readonly pictures?: ReadonlyMap<string, OfdPicture>;
  /** The PNG 刊名 pictures' resources, by their PNG bytes (./ofd-pictures.ts ofdArtPictures). */
  readonly art?: ReadonlyMap<Uint8Array, OfdPicture>;
}

/** Writes a page; the page's own ID is allocated first. */
export function writePage(opts: PageOptions): OfdPage {
  const { page, ids } = opts;
  const id = ids.next();
  const layerId = ids.next();
  const byBaseline = new Map<string, LineRecord>();
  for (const line of page.lines) byBaseline.set(line.baseline.toFixed(2), line);
  const objects: PageObject[] = [];
  const parts: string[] = [];
  for (const image of page.images ?? []) {
    const objectId = ids.next();
    const picture = opts.pictures?.get(image.image.data);
    if (!picture) throw new Error('图片资源未登记');
    parts.push(imageObject(objectId, image, picture));
    objects.push({ id: objectId, role: 'picture', source: image.source });
  }
  for (const rule of page.rules) {
    const objectId = ids.next();
    parts.push(pathObject(objectId, rule));
    objects.push({ id: objectId, role: 'rule', source: '' });
  }
  // Artwork (the 刊名 picture: vector outlines, or a PNG tinted to its colour) over which the 刊名 stays as unfilled
  // text; artwork that draws nothing leaves the typeset 刊名 shown instead.
  let artDrawn = false;
  for (const a of page.artworks ?? []) {
    const drawn = artworkObjects(a, () => ids.next(), opts.art);
    if (drawn.length > 0) artDrawn = true;
    for (const xml of drawn) {
      parts.push(xml);
      objects.push({ id: Number(/ID="(\d+)"/.exec(xml)![1]), role: 'artifact', source: '' });
    }
  }
  // The masthead's texts have no line record: on page 1 they are what stands above the first line.
  const firstLine = Math.min(...page.lines.filter((l) => l.kind !== 'page-number').map((l) => l.baseline));
  for (const text of page.texts) {
    const objectId = ids.next();
    parts.push(textObject(objectId, text, opts.fonts, text.invisible === true && artDrawn));
    const line = byBaseline.get(text.baseline.toFixed(2));
    const masthead = !line && page.number === 1 && text.baseline < firstLine;
    objects.push({ id: objectId, role: line?.kind ?? (masthead ? 'masthead' : 'artifact'), source: line?.source ?? (masthead ? 'masthead' : '') });
  }
  if (opts.watermark) {
    const objectId = ids.next();
    parts.push(watermarkObject(objectId, opts));
    objects.push({ id: objectId, role: 'artifact', source: '' });
  }
  const xml =
    XML_HEAD +
    el('ofd:Page', { 'xmlns:ofd': OFD_NS }, el('ofd:Content', {}, el('ofd:Layer', { ID: layerId, Type: 'Body' }, parts.join('')))) +
    '\n';
  return { id, xml, objects };
}

/** Where a text object's boundary starts above the baseline, and its height, in ems. */
const ABOVE = 1.1;
const HEIGHT = 1.45;

function textObject(id: number, t: TextItem, fonts: ReadonlyMap<string, OfdFont>, hidden = false): string {
  const font = fonts.get(t.face);
  if (!font) throw new Error(`字体 ${t.face} 未嵌入`);
  const adv = advances(font.face, t.text, t.size, t.charSpacing);
  const width = adv.reduce((a, b) => a + b, 0);
  const top = t.baseline - ABOVE * t.size;
  return el(
    'ofd:TextObject',
    {
      ID: id,
      Boundary: box(t.x, top, width + t.size, HEIGHT * t.size),
      Font: font.id,
      Size: mmOf(t.size),
      Weight: font.weight !== 400 ? font.weight : undefined,
      Fill: hidden ? 'false' : undefined,
    },
    // Hidden (the 刊名 under its picture): not filled, and its colour fully transparent for readers that ignore Fill.
    el('ofd:FillColor', { Value: rgbOf(t.color), Alpha: hidden ? 0 : undefined }) +
      el('ofd:TextCode', { X: 0, Y: mmOf(ABOVE * t.size), DeltaX: deltaX(adv.slice(0, -1)) }, escText(t.text)),
  );
}

function pathObject(id: number, r: RuleItem): string {
  const pad = r.thickness / 2 + 1;
  const y2 = r.y2 ?? r.y;
  // The boundary holds the stroke with `pad` round it; the path is drawn in the boundary's own coordinates.
  const left = Math.min(r.x1, r.x2) - (r.x1 === r.x2 ? pad : 0);
  const top = Math.min(r.y, y2) - pad;
  const from = `M ${mmOf(r.x1 - left)} ${mmOf(r.y - top)}`;
  const to = `L ${mmOf(r.x2 - left)} ${mmOf(y2 - top)}`;
  return el(
    'ofd:PathObject',
    {
      ID: id,
      Boundary: box(left, top, Math.abs(r.x2 - r.x1) + (r.x1 === r.x2 ? 2 * pad : 0), Math.abs(y2 - r.y) + 2 * pad),
      LineWidth: mmOf(r.thickness),
      Stroke: 'true',
      Fill: 'false',
    },
    el('ofd:StrokeColor', { Value: rgbOf(r.color) }) + el('ofd:AbbreviatedData', {}, `${from} ${to}`),
  );
}

/** The 样稿 watermark: centred on the page, rising at 45°, grey at 35 % opacity (as the PDF's). */
function watermarkObject(id: number, opts: PageOptions): string {
  const mark = opts.watermark!;
  const font = opts.fonts.get(mark.face);
  if (!font) throw new Error(`字体 ${mark.face} 未嵌入`);
  const adv = advances(font.face, mark.text, mark.size, 0);
  const width = adv.reduce((a, b) => a + b, 0);
  const c = Math.SQRT1_2;
  const ctm = [c, -c, c, c, ptToMm(opts.width / 2), ptToMm(opts.height / 2)].map(num).join(' ');
  return el(
    'ofd:TextObject',
    { ID: id, Boundary: box(0, 0, opts.width, opts.height), Font: font.id, Size: mmOf(mark.size), CTM: ctm },
    el('ofd:FillColor', { Value: '191 191 191', Alpha: Math.round(0.35 * 255) }) +
      el('ofd:TextCode', { X: mmOf(-width / 2), Y: mmOf(0.35 * mark.size), DeltaX: deltaX(adv.slice(0, -1)) }, escText(mark.text)),
  );
}

/** TextCode content: escaped; a space is written as a character reference so no reader collapses it. */
function escText(text: string): string {
  return esc(text).replace(/ /g, '&#x20;');
}
