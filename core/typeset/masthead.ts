import type { FaceSet } from '../fonts/face-set.js';
import type { FontChoice, FontRole } from '../model/profile.js';
import { breakLines } from './lines.js';
import { toTextItems } from './fragments.js';
import type { RuleItem, TextItem } from './page-layout.js';
import { BLACK, RED, type Cmyk, type LayoutPreset, linePitch } from './preset.js';
import type { MastheadText } from './styled.js';
import { toUnits, type MissingGlyph } from './units.js';

/**
 * The masthead (版头) of a bulletin's first page (docs/layout-rules.md, Masthead): the red title, the pinyin line,
 * 第N期 and （总第N期）, the editing unit at the left and the date at the right, and a red rule across the
 * type area. It takes `preset.mastheadLines` grid lines; positions are fractions of that height.
 */
export interface MastheadContext {
  readonly faces: FaceSet;
  readonly fonts: Readonly<Record<FontRole, FontChoice>>;
  readonly preset: LayoutPreset;
  readonly missing: MissingGlyph[];
}

/** Baselines of the masthead's rows as fractions of its height, and the rule's position. */
const ROWS = { title: 0.3, pinyin: 0.42, number: 0.56, total: 0.68, unit: 0.84, rule: 0.885 } as const;

export function layMasthead(m: MastheadText, ctx: MastheadContext): { texts: TextItem[]; rules: RuleItem[] } {
  const p = ctx.preset;
  const height = p.mastheadLines * linePitch(p);
  const y = (f: number) => p.top + f * height;
  const texts: TextItem[] = [];
  const titleSize = p.mastheadTitleSize;
  const title = row(m.name, { role: 'title', bold: false, size: titleSize, color: RED }, ctx);
  const titleSpacing = titleSize * 0.25;
  const titleWidth = rowWidth(title, titleSpacing);
  texts.push(...tag('masthead.name', spaced(title, { x: p.left + (p.width - titleWidth) / 2, baseline: y(ROWS.title), spacing: titleSpacing })));
  if (m.pinyin) {
    const pinyin = row(m.pinyin, { role: 'song', bold: true, size: p.bodySize * 0.8, color: RED }, ctx);
    const natural = rowWidth(pinyin, 0);
    const letters = [...m.pinyin].length;
    const spacing = letters > 1 ? Math.max(0, (titleWidth - natural) / (letters - 1)) : 0;
    const width = natural + spacing * (letters - 1);
    texts.push(...tag('masthead.pinyin', letterSpaced(pinyin, { x: p.left + (p.width - width) / 2, baseline: y(ROWS.pinyin), spacing })));
  }
  const body = { role: 'body' as const, bold: false, size: p.bodySize, color: BLACK };
  texts.push(...tag('masthead.number', aligned(m.numberLine, { ...body, role: 'song' }, { align: 'center', baseline: y(ROWS.number) }, ctx)));
  if (m.totalLine) {
    texts.push(...tag('masthead.total', aligned(m.totalLine, { ...body, role: 'song' }, { align: 'center', baseline: y(ROWS.total) }, ctx)));
  }
  // The unit at the left and the date at the right share a row: shrink both until two characters separate them.
  let size = p.bodySize;
  const rowWidthAt = (s: number) =>
    rowWidth(row(m.unitLine, { ...body, size: s }, ctx), 0) + rowWidth(row(m.dateLine, { ...body, size: s }, ctx), 0);
  while (size > 10 && rowWidthAt(size) + 2 * size > p.width) size -= 0.5;
  const unitStyle = { ...body, size };
  if (m.unitLine) texts.push(...tag('masthead.unit', aligned(m.unitLine, unitStyle, { align: 'justify', baseline: y(ROWS.unit) }, ctx)));
  texts.push(...tag('masthead.date', aligned(m.dateLine, unitStyle, { align: 'right', baseline: y(ROWS.unit) }, ctx)));
  const rules: RuleItem[] = [{ x1: p.left, x2: p.left + p.width, y: y(ROWS.rule), thickness: 2.5, color: RED }];
  return { texts, rules };
}

/** The masthead's rows in reading order, by the source their texts carry. */
export const MASTHEAD_ROWS = ['masthead.name', 'masthead.pinyin', 'masthead.number', 'masthead.total', 'masthead.unit', 'masthead.date'] as const;

function tag(source: (typeof MASTHEAD_ROWS)[number], items: readonly TextItem[]): TextItem[] {
  return items.map((t) => ({ ...t, source }));
}

interface Style {
  role: FontRole;
  bold: boolean;
  size: number;
  color: Cmyk;
}

function row(text: string, style: Style, ctx: MastheadContext) {
  return toUnits([{ text, style }], { faces: ctx.faces, fonts: ctx.fonts, source: 'masthead', missing: ctx.missing });
}

function rowWidth(units: ReturnType<typeof row>, spacing: number): number {
  return units.reduce((w, u) => w + u.advance, 0) + spacing * Math.max(0, units.length - 1);
}

/** Each unit drawn separately with `spacing` between them. */
function spaced(units: ReturnType<typeof row>, at: { x: number; baseline: number; spacing: number }): TextItem[] {
  let x = at.x;
  return units.map((u) => {
    const item: TextItem = { x, baseline: at.baseline, text: u.text, face: u.face.key, size: u.size, color: u.color, charSpacing: 0 };
    x += u.advance + at.spacing;
    return item;
  });
}

/** A Latin row with letter spacing applied through PDF character spacing. */
function letterSpaced(units: ReturnType<typeof row>, at: { x: number; baseline: number; spacing: number }): TextItem[] {
  let x = at.x;
  return units.map((u) => {
    const item: TextItem = { x, baseline: at.baseline, text: u.text, face: u.face.key, size: u.size, color: u.color, charSpacing: at.spacing };
    x += u.advance + at.spacing * [...u.text].length;
    return item;
  });
}

function aligned(
  text: string,
  style: Style,
  at: { align: 'justify' | 'center' | 'right'; baseline: number },
  ctx: MastheadContext,
): TextItem[] {
  const p = ctx.preset;
  const lines = breakLines(row(text, style, ctx), {
    width: p.width,
    firstIndent: 0,
    hangIndent: 0,
    rightIndent: 0,
    align: at.align,
    trackingEm: 0,
  });
  return lines.flatMap((l) => toTextItems(l.placements, { left: p.left, baseline: at.baseline, lastAlone: false }));
}
