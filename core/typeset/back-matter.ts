import type { FaceSet } from '../fonts/face-set.js';
import type { FontChoice, FontRole } from '../model/profile.js';
import { breakLines, type Line } from './lines.js';
import { toTextItems } from './fragments.js';
import type { LineRecord, RuleItem, TextItem } from './page-layout.js';
import { BLACK, type LayoutPreset } from './preset.js';
import { tightBackMatterPitch } from './rules/back-matter-spacing.js';
import type { BackMatterText } from './styled.js';
import { toUnits, type MissingGlyph } from './units.js';

/**
 * The back matter (版记) at the foot of the last page (GB/T 9704-2012 §7.4; docs/layout-rules.md, Back matter):
 * sections separated by rules as wide as the type area, the first and last 0.35 mm, those between 0.25 mm;
 * text in 4号 with one character of indent on each side; 送 lists hang under the first character after the
 * colon. The block is laid out from its top at y = 0 and moved into place by the pages stage.
 */
export interface BackMatterContext {
  readonly faces: FaceSet;
  readonly fonts: Readonly<Record<FontRole, FontChoice>>;
  readonly preset: LayoutPreset;
  readonly missing: MissingGlyph[];
}

export interface BackMatterBlock {
  readonly height: number;
  readonly texts: readonly TextItem[];
  readonly rules: readonly RuleItem[];
  readonly lines: readonly LineRecord[];
}

/** Options of {@link layBackMatter}. */
export interface BackMatterOptions {
  /** Set the rows tighter (rules/back-matter-spacing.ts), to save a page (issue 16). */
  readonly tight?: boolean;
}

/** Lays out the back matter; undefined when there is nothing to print. */
export function layBackMatter(bm: BackMatterText, ctx: BackMatterContext, options: BackMatterOptions = {}): BackMatterBlock | undefined {
  const p = ctx.preset;
  const size = p.backMatterSize;
  const sections: RowLine[][] = [];
  const label = '送：';
  if (bm.distribution.length) {
    sections.push(
      bm.distribution.flatMap((text, i) =>
        set(i === 0 ? label + text : text, ctx, { firstIndent: i === 0 ? size : 3 * size, hangIndent: 3 * size }).map((l) =>
          sourced(l, `backMatter.distribution[${i}]`),
        ),
      ),
    );
  }
  const people = [bm.editorsLine, bm.contactLine].filter(Boolean);
  if (people.length) {
    const oneLine = bm.editorsLine && bm.contactLine ? sideBySide(bm.editorsLine, bm.contactLine, ctx) : undefined;
    const each = [bm.editorsLine ? 'backMatter.editors' : '', bm.contactLine ? 'backMatter.contact' : ''].filter(Boolean);
    sections.push(
      oneLine ??
        people.flatMap((t, i) => set(t, ctx, { firstIndent: size, hangIndent: size }).map((l) => sourced(l, each[i]!))),
    );
  }
  if (bm.approvalLine) {
    sections.push(set(bm.approvalLine, ctx, { firstIndent: size, hangIndent: size }).map((l) => sourced(l, 'backMatter.approval')));
  }
  if (!sections.length) return undefined;

  const pitch = options.tight ? tightBackMatterPitch(size, p.backMatterPitch) : p.backMatterPitch;
  const texts: TextItem[] = [];
  const rules: RuleItem[] = [];
  const records: LineRecord[] = [];
  const rule = (y: number, thickness: number) => rules.push({ x1: p.left, x2: p.left + p.width, y, thickness, color: BLACK });
  let y = 0;
  sections.forEach((lines, s) => {
    rule(y, s === 0 ? p.ruleOuter : p.ruleInner);
    const rows = groupRows(lines);
    for (const row of rows) {
      const baseline = y + (pitch - size) / 2 + 0.88 * size;
      for (const line of row) {
        const items = toTextItems(line.placements, { left: p.left, baseline, lastAlone: !line.last });
        texts.push(...(line.source ? items.map((t) => ({ ...t, source: line.source })) : items));
      }
      records.push({ kind: 'back-matter', source: 'backMatter', baseline, last: row[row.length - 1]!.last });
      y += pitch;
    }
  });
  rule(y, p.ruleOuter);
  return { height: y, texts, rules, lines: records };
}

/**
 * Lines that share a row (editors at the left, contact at the right) are marked by `shareRow`; `source` names the
 * structure element the line's texts belong to.
 */
type RowLine = Line & { shareRow?: boolean; source?: string };

function sourced(line: Line, source: string): RowLine {
  return { ...line, source };
}

function groupRows(lines: readonly RowLine[]): RowLine[][] {
  const rows: RowLine[][] = [];
  for (const line of lines) {
    if (line.shareRow && rows.length) rows[rows.length - 1]!.push(line);
    else rows.push([line]);
  }
  return rows;
}

function units(text: string, ctx: BackMatterContext) {
  const style = { role: 'body' as const, bold: false, size: ctx.preset.backMatterSize, color: BLACK };
  return toUnits([{ text, style }], { faces: ctx.faces, fonts: ctx.fonts, source: 'backMatter', missing: ctx.missing });
}

function set(text: string, ctx: BackMatterContext, indent: { firstIndent: number; hangIndent: number }): Line[] {
  const size = ctx.preset.backMatterSize;
  return breakLines(units(text, ctx), {
    width: ctx.preset.width,
    ...indent,
    rightIndent: size,
    align: 'justify',
    trackingEm: 0,
  });
}

/** Editors at the left and contact at the right of one row, when both fit with two characters between. */
function sideBySide(left: string, right: string, ctx: BackMatterContext): RowLine[] | undefined {
  const size = ctx.preset.backMatterSize;
  const l = set(left, ctx, { firstIndent: size, hangIndent: size });
  const r = breakLines(units(right, ctx), {
    width: ctx.preset.width,
    firstIndent: 0,
    hangIndent: 0,
    rightIndent: size,
    align: 'right',
    trackingEm: 0,
  });
  if (l.length !== 1 || r.length !== 1) return undefined;
  const leftEnd = Math.max(...l[0]!.placements.map((pl) => pl.x + pl.unit.advance));
  const rightStart = Math.min(...r[0]!.placements.map((pl) => pl.x));
  if (rightStart - leftEnd < 2 * size) return undefined;
  return [sourced(l[0]!, 'backMatter.editors'), { ...r[0]!, shareRow: true, source: 'backMatter.contact' }];
}
