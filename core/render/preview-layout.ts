import type { LoadedFace } from '../fonts/face-set.js';
import { glyphOutlines } from '../fonts/glyph-outlines.js';
import type { Cmyk } from '../typeset/preset.js';
import type { Page, PageLayout, RuleItem } from '../typeset/page-layout.js';
import { previewPath } from './preview-path.js';
import { draftWatermark, watermarkOrigin } from './page-content.js';
import { sfntOf } from '../fonts/sfnt.js';
import { shapeText } from './shaping.js';

/**
 * The preview backend of the page layout: what the app's preview draws on a canvas, page by page — each text as
 * glyphs at the x positions the PDF puts them (shaped as the PDF shapes them, with the text's character spacing
 * after every glyph, as PDF's Tc), each rule as a line, and the 样稿 watermark; glyph outlines come from the same
 * font files the PDF embeds (core/fonts/glyph-outlines.ts), sent once per preview session. Every page has a key that
 * changes when anything on it changes, so the preview redraws only those pages. Plain data: it crosses from the
 * worker thread and over IPC. A long issue (a pasted report of hundreds of pages) sends the drawing data only of
 * the pages near the one in view (`window`); every other new page comes as its key and its text lines (what the
 * caret ↔ page sync reads), and its drawing data is asked for by key when it is scrolled to ({@link previewPages}).
 */

export interface PreviewText {
  /** What it says (for tests and assistive technology). */
  readonly text: string;
  readonly face: string;
  readonly size: number;
  readonly color: Cmyk;
  readonly baseline: number;
  readonly gids: readonly number[];
  /** Left edge of each glyph, in points. */
  readonly xs: readonly number[];
}

/** A line of a page's text: its baseline (points from the top) and its characters, whitespace dropped. */
export interface PreviewLine {
  readonly y: number;
  readonly text: string;
}

export interface PreviewPage {
  readonly number: number;
  /** Changes whenever anything drawn on the page changes. */
  readonly key: string;
  /**
   * The page's text, line by line (for finding where the caret prints): sent once per session and key, with the
   * drawing data or without it (a page out of the window).
   */
  readonly lines?: readonly PreviewLine[];
  /** Absent when this session was already sent the page with this key (the preview keeps pages by key). */
  readonly texts?: readonly PreviewText[];
  readonly rules?: readonly RuleItem[];
  /** Vector artwork (the 刊名 picture) as outlines in page coordinates, drawn before the texts. */
  readonly artworks?: readonly PreviewArtwork[];
  /** Image artwork (a PNG 刊名): the file and its box in page coordinates, drawn before the texts. */
  readonly artImages?: readonly PreviewArtImage[];
  /** Pictures: the box (points, y down from the top) and the id of the JPEG in {@link PreviewLayout.pictures}. */
  readonly images?: readonly PreviewImage[];
}

/** A picture on a preview page. */
export interface PreviewImage {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A PNG 刊名 drawn over a box (page points, y down); its grey levels print in `tint` (absent: its own colours). */
export interface PreviewArtImage {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly png: Uint8Array;
  readonly tint?: Cmyk;
}

/** One outline of vector artwork: SVG path data in page points (y down) and its paint, for a canvas Path2D. */
export interface PreviewArtwork {
  readonly d: string;
  readonly fill?: Cmyk;
  readonly fillRule: 'nonzero' | 'evenodd';
  readonly stroke?: Cmyk;
  readonly strokeWidth: number;
  readonly lineCap: 'butt' | 'round' | 'square';
  readonly lineJoin: 'miter' | 'round' | 'bevel';
  readonly miterLimit: number;
}

export interface PreviewWatermark {
  readonly text: PreviewText;
  /** Degrees counter-clockwise, about the page centre. */
  readonly angle: number;
  readonly opacity: number;
}

/** Glyph outlines of a face: SVG path data in font units, y up. */
export interface PreviewFace {
  readonly unitsPerEm: number;
  readonly paths: Readonly<Record<number, string>>;
}

export interface PreviewLayout {
  readonly width: number;
  readonly height: number;
  readonly pages: readonly PreviewPage[];
  readonly watermark?: PreviewWatermark;
  /** Outlines not sent to this preview session before (merge them into what was received). */
  readonly glyphs: Readonly<Record<string, PreviewFace>>;
  /** Pictures (base64 JPEG by id) not sent to this preview session before; absent for none. */
  readonly pictures?: Readonly<Record<string, string>>;
}

/**
 * A picture's id: its size and a sample of its data (hashing a whole megabyte on every keystroke would cost more
 * than the preview's budget; two different JPEGs of one size agree on 64 sampled places only by design).
 */
export function pictureId(image: { readonly data: string; readonly width: number; readonly height: number }): string {
  const d = image.data;
  let h = 0x811c9dc5 ^ d.length;
  for (let i = 0; i < 64; i++) h = Math.imul(h ^ d.charCodeAt(Math.floor((i * (d.length - 1)) / 63)), 0x01000193);
  for (let i = Math.max(0, d.length - 256); i < d.length; i++) h = Math.imul(h ^ d.charCodeAt(i), 0x01000193);
  return `${image.width}x${image.height}-${d.length}-${(h >>> 0).toString(36)}`;
}

export interface PreviewLayoutOptions {
  readonly faces: ReadonlyMap<string, LoadedFace>;
  readonly draft: boolean;
  /** Face key of the watermark. */
  readonly defaultFace: string;
  /** Glyphs ("face\u0000gid") this session already has; the new ones are added to it. */
  readonly sent: Set<string>;
  /** Page keys this session already has (their content is left out); the new ones are added to it. */
  readonly sentPages: Set<string>;
  /**
   * The page numbers whose drawing data is sent (those near the page in view); absent: every page's. A new page out
   * of it comes with its key and text lines only.
   */
  readonly window?: ReadonlySet<number>;
  /** Page keys whose text lines this session has; the new ones are added to it (absent: lines always sent). */
  readonly sentText?: Set<string>;
  /** Called with every page of the layout and its key (the worker keeps them to send their content when asked). */
  readonly onPage?: (key: string, page: Page) => void;
}

/** Up to `count` pages of 1…n nearest `page`, by distance (the page itself first, then after, before, …). */
export function pagesAround(page: number, n: number, count: number): number[] {
  const out: number[] = [];
  if (page >= 1 && page <= n) out.push(page);
  for (let d = 1; out.length < Math.min(count, n) && (page + d <= n || page - d >= 1); d++) {
    if (page + d <= n) out.push(page + d);
    if (page - d >= 1 && out.length < count) out.push(page - d);
  }
  return out.slice(0, count);
}

/** A page's text lines: its visible texts grouped by baseline, top to bottom, each left to right, whitespace dropped. */
export function pageLines(page: Page): PreviewLine[] {
  const rows = new Map<number, { x: number; str: string }[]>();
  for (const t of page.texts) {
    if (t.invisible) continue;
    const y = Math.round(t.baseline);
    const row = rows.get(y) ?? [];
    row.push({ x: Math.round(t.x * 1000) / 1000, str: t.text });
    rows.set(y, row);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, items]) => ({ y, text: items.sort((a, b) => a.x - b.x).map((i) => i.str).join('').replace(/\s+/g, '') }));
}

function place(face: LoadedFace, t: { text: string; x: number; baseline: number; size: number; charSpacing: number; color: Cmyk }): PreviewText {
  const run = shapeText(face, t.text);
  const scale = t.size / face.font.unitsPerEm;
  const xs: number[] = [];
  let x = t.x;
  for (const g of run) {
    xs.push(Math.round(x * 1000) / 1000);
    x += g.advance * scale + t.charSpacing;
  }
  return { text: t.text, face: face.key, size: t.size, color: t.color, baseline: t.baseline, gids: run.map((g) => g.gid), xs };
}

/** A 64-bit FNV-style hash of a page's drawn content, as base-36 text (no JSON: it runs for every page). */
function pageKey(page: Page, draft: boolean): string {
  let h1 = 0x811c9dc5 ^ page.number;
  let h2 = draft ? 0x01000193 : 0x5bd1e995;
  const str = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ s.length, 0x01000193);
  };
  const n = (v: number) => {
    const x = Math.round(v * 1000);
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 ^ (x >>> 16) ^ (x << 16), 0x5bd1e995);
  };
  for (const t of page.texts) {
    str(t.text);
    str(t.face);
    n(t.x);
    n(t.baseline);
    n(t.size);
    n(t.charSpacing);
    for (const c of t.color) n(c);
  }
  for (const a of page.artworks ?? []) {
    n(a.x);
    n(a.y);
    n(a.width);
    n(a.height);
    if (a.kind === 'image') n(a.png.length);
    if (a.kind === 'vector') {
      for (const p of a.paths) {
        n(p.segments.length);
        n(p.strokeWidth);
        for (const c of p.fill ?? []) n(c);
        for (const c of p.stroke ?? []) n(c);
      }
    }
  }
  for (const t of page.texts) if (t.invisible) n(1);
  for (const r of page.rules) {
    n(r.x1);
    n(r.x2);
    n(r.y);
    n(r.y2 ?? r.y);
    n(r.thickness);
    for (const c of r.color) n(c);
  }
  for (const im of page.images ?? []) {
    str(pictureId(im.image));
    n(im.x);
    n(im.y);
    n(im.width);
    n(im.height);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}-${page.texts.length}-${page.rules.length}-${page.images?.length ?? 0}`;
}

/** What converting pages needs: the faces, and where outlines and pictures not sent yet are collected. */
interface Converter {
  readonly face: (key: string) => LoadedFace;
  readonly need: (t: PreviewText) => void;
  readonly pictures: Record<string, string>;
  readonly sent: Set<string>;
}

function converter(opts: { readonly faces: ReadonlyMap<string, LoadedFace>; readonly sent: Set<string> }) {
  const face = (key: string) => {
    const f = opts.faces.get(key);
    if (!f) throw new Error(`排版结果使用了未加载的字体 ${key}`);
    return f;
  };
  const glyphs: Record<string, { unitsPerEm: number; paths: Record<number, string> }> = {};
  // Glyphs this session has not been sent, by face: outlined together at the end (one small subset per face).
  const pending = new Map<string, number[]>();
  const need = (t: PreviewText) => {
    for (const gid of t.gids) {
      const id = `${t.face}\u0000${gid}`;
      if (opts.sent.has(id)) continue;
      opts.sent.add(id);
      let list = pending.get(t.face);
      if (!list) pending.set(t.face, (list = []));
      list.push(gid);
    }
  };
  // The outlines of the glyphs collected, one glyphOutlines call per face.
  const flush = () => {
    for (const [key, gids] of pending) {
      const f = face(key);
      const entry = (glyphs[key] ??= { unitsPerEm: f.font.unitsPerEm, paths: {} });
      for (const [gid, d] of glyphOutlines(f, gids)) entry.paths[gid] = d;
    }
    pending.clear();
    return glyphs;
  };
  const c: Converter = { face, need, pictures: {}, sent: opts.sent };
  return { c, flush };
}

/** A page's drawing data (its outlines and pictures not sent yet collected by `c`). */
function previewPage(page: Page, key: string, c: Converter): PreviewPage {
  // Text under artwork is not drawn (the PDF sets it invisibly).
  const texts = page.texts.filter((t) => !t.invisible).map((t) => place(c.face(t.face), t));
  texts.forEach(c.need);
  const artworks = (page.artworks ?? []).flatMap((a) => (a.kind === 'vector' ? a.paths.map(previewPath) : []));
  const artImages = (page.artworks ?? []).flatMap((a) =>
    a.kind === 'image' ? [{ x: a.x, y: a.y, width: a.width, height: a.height, png: a.png, ...(a.tint ? { tint: a.tint } : {}) }] : [],
  );
  const images = (page.images ?? []).map((im): PreviewImage => {
    const id = pictureId(im.image);
    if (!c.sent.has(`picture\u0000${id}`)) {
      c.sent.add(`picture\u0000${id}`);
      c.pictures[id] = im.image.data;
    }
    return { id, x: im.x, y: im.y, width: im.width, height: im.height };
  });
  return {
    number: page.number,
    key,
    texts,
    rules: page.rules,
    ...(artworks.length ? { artworks } : {}),
    ...(artImages.length ? { artImages } : {}),
    ...(images.length ? { images } : {}),
  };
}

/** The preview of a page layout. */
export function toPreviewLayout(layout: PageLayout, opts: PreviewLayoutOptions): PreviewLayout {
  const { c, flush } = converter(opts);
  const { face, need, pictures } = c;
  const pages = layout.pages.map((page): PreviewPage => {
    const key = pageKey(page, opts.draft);
    opts.onPage?.(key, page);
    const lines = opts.sentText === undefined || !opts.sentText.has(key) ? pageLines(page) : undefined;
    if (opts.sentText && lines) opts.sentText.add(key);
    const withLines = <T extends PreviewPage>(p: T): T => (lines ? { ...p, lines } : p);
    if (opts.sentPages.has(key) || (opts.window && !opts.window.has(page.number))) return withLines({ number: page.number, key });
    opts.sentPages.add(key);
    return withLines(previewPage(page, key, c));
  });
  let watermark: PreviewWatermark | undefined;
  if (opts.draft) {
    const w = draftWatermark(opts.defaultFace);
    const f = face(w.face);
    const font = sfntOf(f);
    const em = font.unitsPerEm;
    const run = shapeText(f, w.text);
    const advance = (run.reduce((s, g) => s + g.advance, 0) / em) * w.size;
    const origin = watermarkOrigin(w, { width: layout.width, height: layout.height, advance, ascent: font.ascent / em, descent: font.descent / em });
    const text = place(f, { text: w.text, x: origin.x, baseline: origin.y, size: w.size, charSpacing: 0, color: w.color });
    need(text);
    watermark = { text, angle: w.angle, opacity: w.opacity };
  }
  const glyphs = flush();
  const hasPictures = Object.keys(pictures).length > 0;
  return { width: layout.width, height: layout.height, pages, ...(watermark ? { watermark } : {}), glyphs, ...(hasPictures ? { pictures } : {}) };
}

/** What {@link previewPages} sends: the pages' drawing data, with the outlines and pictures new to the session. */
export interface PreviewPagesResult {
  readonly pages: readonly PreviewPage[];
  readonly glyphs: PreviewLayout['glyphs'];
  readonly pictures?: PreviewLayout['pictures'];
}

/**
 * The drawing data of pages asked for by key (pages out of the window when the layout was sent, now scrolled to):
 * each page's content, and the glyph outlines and pictures this session has not received.
 */
export function previewPages(
  pages: readonly { readonly key: string; readonly page: Page }[],
  opts: { readonly faces: ReadonlyMap<string, LoadedFace>; readonly sent: Set<string>; readonly sentPages: Set<string> },
): PreviewPagesResult {
  const { c, flush } = converter(opts);
  const out = pages.map(({ key, page }) => {
    opts.sentPages.add(key);
    return previewPage(page, key, c);
  });
  return { pages: out, glyphs: flush(), ...(Object.keys(c.pictures).length ? { pictures: c.pictures } : {}) };
}
