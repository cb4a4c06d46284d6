import type { LoadedFace } from '../../fonts/face-set.js';
import { subsetFont, type SubsetFont } from '../../fonts/font-subset.js';
import { sfntOf } from '../../fonts/sfnt.js';
import type { PageLayout } from '../../typeset/page-layout.js';
import type { IdAllocator } from './ofd-ids.js';
import { el } from './xml.js';

/**
 * The fonts of an OFD document: each face the layout uses, embedded as a subset of the characters set in it
 * (core/fonts/font-subset.ts, the PDF's subsetter too), declared in PublicRes.xml (GB/T 33190-2016 §11.1, CT_Font: FontName, FamilyName,
 * FontFile). Text objects refer to a font by its ID.
 */

export interface OfdFont {
  readonly id: number;
  readonly face: LoadedFace;
  /** File name inside the resource folder, e.g. Font_3.ttf. */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** OS/2 usWeightClass (400 regular, 700 bold). */
  readonly weight: number;
}

/**
 * The last subset made of each face (by face key), with the characters it was made for: an export whose face
 * sets the same characters (the same issue exported again, or a change of words already in it) reuses it.
 * Held by the caller (one per typesetting session), never by this module.
 */
export type SubsetCache = Map<string, { readonly codePoints: string; readonly subset: SubsetFont }>;

export interface EmbedFontsOptions {
  readonly layout: PageLayout;
  /** Faces by key; every face a text item names must be here. */
  readonly faces: ReadonlyMap<string, LoadedFace>;
  /** Extra text set in a face (the draft watermark), by face key. */
  readonly extraText?: ReadonlyMap<string, string>;
  readonly ids: IdAllocator;
  readonly cache?: SubsetCache;
}

/** Subsets and numbers the fonts of a layout, in the order faces first appear. */
export function embedFonts(opts: EmbedFontsOptions): Map<string, OfdFont> {
  const used = new Map<string, Set<number>>();
  const add = (key: string, text: string) => {
    let set = used.get(key);
    if (!set) used.set(key, (set = new Set()));
    for (const ch of text) set.add(ch.codePointAt(0)!);
  };
  for (const page of opts.layout.pages) for (const t of page.texts) add(t.face, t.text);
  for (const [key, text] of opts.extraText ?? []) add(key, text);
  const fonts = new Map<string, OfdFont>();
  for (const [key, codePoints] of used) {
    const face = opts.faces.get(key);
    if (!face) throw new Error(`排版用到的字体 ${key} 未加载`);
    const signature = [...codePoints].sort((a, b) => a - b).join(',');
    const cached = opts.cache?.get(key);
    const subset = cached?.codePoints === signature ? cached.subset : subsetFont({ font: face.font, sfnt: sfntOf(face), codePoints });
    opts.cache?.set(key, { codePoints: signature, subset });
    const id = opts.ids.next();
    fonts.set(key, { id, face, file: `Font_${id}.${subset.format}`, bytes: subset.bytes, weight: weightClass(face) });
  }
  return fonts;
}

/** The ofd:Font element of an embedded font. */
export function fontElement(font: OfdFont): string {
  const { face } = font;
  return el(
    'ofd:Font',
    { ID: font.id, FontName: face.font.postscriptName || face.key, FamilyName: face.font.familyName || undefined },
    el('ofd:FontFile', {}, font.file),
  );
}

function weightClass(face: LoadedFace): number {
  const os2 = (face.font as unknown as { 'OS/2'?: { usWeightClass?: number } })['OS/2'];
  return os2?.usWeightClass ?? 400;
}
