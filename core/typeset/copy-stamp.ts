import type { FaceSet } from '../fonts/face-set.js';
import type { FontChoice, FontRole } from '../model/profile.js';
import { toTextItems } from './fragments.js';
import type { PageLayout, TextItem } from './page-layout.js';
import { BLACK, type LayoutPreset } from './preset.js';
import { toUnits, type MissingGlyph, type Unit } from './units.js';

/**
 * The 份号 stamp of a distribution copy. GB/T 9704-2012 §7.2.1 puts the copy number — six Arabic digits in
 * 3号 — at the top left, on the first line of the 版头. The bulletin's masthead fills the type area from its
 * first grid line, so the stamp stands in the top margin just above the type area, flush with its left
 * edge, with the recipient (the 送 entry) beside it in a smaller size. Pure: the layout given is not changed.
 */

export interface CopyStamp {
  /** Six digits, e.g. "000001". */
  readonly copyNumber: string;
  /** The 送 entry the copy goes to. */
  readonly recipient: string;
}

export interface StampContext {
  readonly faces: FaceSet;
  readonly fonts: Readonly<Record<FontRole, FontChoice>>;
  /** The preset the layout was set with (its type area places the stamp). */
  readonly preset: LayoutPreset;
  readonly missing?: MissingGlyph[];
}

/** 份号 digits: 3号 (16 pt). */
export const COPY_NUMBER_SIZE = 16;
/** The recipient beside it: 小四 (12 pt), shrunk down to 9 pt for a long name, then cut with …. */
export const RECIPIENT_SIZE = 12;
const RECIPIENT_MIN_SIZE = 9;
/** Distance of the stamp's baseline above the top of the type area. */
export const STAMP_RAISE = 12;

/** Where the stamp's baseline lies for a preset (top-down, points). */
export function stampBaseline(preset: LayoutPreset): number {
  return preset.top - STAMP_RAISE;
}

/** A copy of the layout whose first page carries the 份号 and the recipient at the top left. */
export function stampCopy(layout: PageLayout, stamp: CopyStamp, ctx: StampContext): PageLayout {
  if (!/^\d{6}$/.test(stamp.copyNumber)) throw new RangeError(`份号应为 6 位数字：${stamp.copyNumber}`);
  const first = layout.pages[0];
  if (!first) return layout;
  const texts = stampTexts(stamp, ctx);
  const ascents = new Map(layout.ascents);
  for (const [key, face] of ctx.faces.loaded()) if (!ascents.has(key)) ascents.set(key, face.ascent);
  return {
    ...layout,
    ascents,
    pages: [{ ...first, texts: [...first.texts, ...texts] }, ...layout.pages.slice(1)],
  };
}

/** The stamp's text items: the digits, then the recipient one character further right. */
export function stampTexts(stamp: CopyStamp, ctx: StampContext): TextItem[] {
  const p = ctx.preset;
  const missing = ctx.missing ?? [];
  const baseline = stampBaseline(p);
  const units = (text: string, role: FontRole, size: number) =>
    toUnits([{ text, style: { role, bold: false, size, color: BLACK } }], { faces: ctx.faces, fonts: ctx.fonts, source: 'copy-stamp', missing });
  const digits = units(stamp.copyNumber, 'body', COPY_NUMBER_SIZE);
  const items: TextItem[] = [...place(digits, p.left, baseline)];
  let x = p.left + width(digits);
  const recipient = stamp.recipient.replace(/\s+/g, ' ').trim();
  if (!recipient) return items;
  x += COPY_NUMBER_SIZE;
  const room = p.left + p.width - x;
  let size = RECIPIENT_SIZE;
  let run = units(recipient, 'song', size);
  while (width(run) > room && size > RECIPIENT_MIN_SIZE) {
    size -= 0.5;
    run = units(recipient, 'song', size);
  }
  if (width(run) > room) {
    const ellipsis = units('…', 'song', size);
    const keep = room - width(ellipsis);
    let w = 0;
    let n = 0;
    while (n < run.length && w + run[n]!.advance <= keep) w += run[n++]!.advance;
    run = [...run.slice(0, n), ...ellipsis];
  }
  items.push(...place(run, x, baseline));
  return items;
}

function width(units: readonly Unit[]): number {
  return units.reduce((w, u) => w + u.advance, 0);
}

/** Units set solid from x: runs of one face share a text item. */
function place(units: readonly Unit[], left: number, baseline: number): TextItem[] {
  let x = 0;
  const placements = units.map((unit) => {
    const at = { unit, x };
    x += unit.advance;
    return at;
  });
  return toTextItems(placements, { left, baseline, lastAlone: false });
}
