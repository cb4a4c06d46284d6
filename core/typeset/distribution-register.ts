import type { FaceSet } from '../fonts/face-set.js';
import type { BulletinDocument } from '../model/document.js';
import type { DistributionEntry } from '../model/issue.js';
import type { FontChoice, FontRole } from '../model/profile.js';
import { formatChineseDate } from '../text/dates.js';
import { toTextItems } from './fragments.js';
import { boxWidth, breakLines, type Align } from './lines.js';
import type { LineRecord, Page, PageLayout, RuleItem, TextItem } from './page-layout.js';
import { BLACK, STANDARD, type LayoutPreset } from './preset.js';
import { toUnits, type MissingGlyph } from './units.js';

/**
 * The distribution copies of an issue (docs/layout-rules.md, Sign-off and distribution): every 送 entry receives
 * `copies` printed copies, each numbered with a 份号 — six Arabic digits (GB/T 9704-2012 §7.2.1), consecutive
 * across the whole run — and the 分发登记表 that records who received which numbers and signs for them.
 * Pure: no files, no printing; the register is a PageLayout rendered by the same backend as the issue.
 */

/** The largest 份号 six digits can hold. */
export const MAX_COPY_NUMBER = 999_999;

/** A 份号: six Arabic digits, zero-padded (1 → "000001"). */
export function formatCopyNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_COPY_NUMBER) {
    throw new RangeError(`份号应为 1 到 ${MAX_COPY_NUMBER} 之间的整数：${n}`);
  }
  return String(n).padStart(6, '0');
}

/** One row of the plan: a 送 entry and the 份号 its copies carry. */
export interface DistributionRow {
  /** 1-based row number (序号). */
  readonly index: number;
  readonly recipient: string;
  readonly copies: number;
  /** The row's 份号, in order (empty when copies is 0). */
  readonly numbers: readonly string[];
}

export interface DistributionPlan {
  readonly rows: readonly DistributionRow[];
  /** Copies over all rows. */
  readonly total: number;
  /** Every copy of the run in print order, each with its 份号 and recipient. */
  readonly copies: readonly CopyAssignment[];
}

export interface CopyAssignment {
  readonly copyNumber: string;
  readonly recipient: string;
  /** Index of the row (0-based) the copy belongs to. */
  readonly row: number;
}

/**
 * Numbers the copies of a 送 list: entries in order, `copies` each, 份号 consecutive from `start` (default 1).
 * Entries with empty text are left out. Throws (Chinese) when the numbers would pass 999999.
 */
export function planDistribution(entries: readonly DistributionEntry[], opts: { start?: number } = {}): DistributionPlan {
  const start = opts.start ?? 1;
  formatCopyNumber(start);
  let next = start;
  const rows: DistributionRow[] = [];
  const copies: CopyAssignment[] = [];
  for (const entry of entries) {
    const recipient = entry.text.trim();
    if (!recipient) continue;
    const n = Math.max(0, Math.floor(entry.copies));
    if (next + n - 1 > MAX_COPY_NUMBER) throw new RangeError(`份号超过 ${MAX_COPY_NUMBER}：请从较小的份号开始`);
    const numbers: string[] = [];
    for (let k = 0; k < n; k++) {
      const copyNumber = formatCopyNumber(next++);
      numbers.push(copyNumber);
      copies.push({ copyNumber, recipient, row: rows.length });
    }
    rows.push({ index: rows.length + 1, recipient, copies: n, numbers });
  }
  return { rows, total: copies.length, copies };
}

/** The 份号 range of some numbers as printed: "000001—000003", "000004", or "" for none. */
export function copyRange(numbers: readonly string[]): string {
  if (!numbers.length) return '';
  const first = numbers[0]!;
  const last = numbers[numbers.length - 1]!;
  return first === last ? first : `${first}—${last}`;
}

/** The title of the register: 《联络动态》2021年第8期 分发登记表. */
export function registerTitle(doc: BulletinDocument): string {
  return `《${doc.publication.name}》${doc.issue.year}年第${doc.issue.number}期 分发登记表`;
}

export interface RegisterContext {
  readonly faces: FaceSet;
  /** The fonts of the roles (the document's publication fonts). */
  readonly fonts: Readonly<Record<FontRole, FontChoice>>;
  /** Page size and type area; the standard A4 preset by default. */
  readonly preset?: LayoutPreset;
  /** Characters no font has are reported here. */
  readonly missing?: MissingGlyph[];
}

/** Sizes of the register, in points. */
const TITLE_SIZE = 20;
const SUB_SIZE = 12;
const CELL_SIZE = 12;
const CELL_PAD = 4;
const LEADING = 1.45;
const MIN_ROW = 30; // room for a handwritten signature
const RULE = 0.5;
const FRAME = 1;

interface Column {
  readonly head: string;
  readonly width: number;
  readonly align: Align;
  readonly role: FontRole;
}

interface Cell {
  readonly text: string;
  readonly role?: FontRole;
}

/**
 * Lays out the 分发登记表 on A4: title, a line with the date and the total, then a ruled table — 序号 / 收件单位 /
 * 份数 / 份号 / 签收 (left empty for the receiver's signature) / 日期 — one row per 送 entry (long names wrap
 * within their column), a 合计 row, and lines for the registrar. Rows that do not fit continue on a new page
 * under a repeated header.
 */
export function layDistributionRegister(doc: BulletinDocument, plan: DistributionPlan, ctx: RegisterContext): PageLayout {
  const p = ctx.preset ?? STANDARD;
  const missing = ctx.missing ?? [];
  const fonts = ctx.fonts;
  const set = (text: string, o: { role: FontRole; size: number; width: number; align: Align; left: number; top: number; leading?: number }) => {
    const units = toUnits([{ text, style: { role: o.role, bold: false, size: o.size, color: BLACK } }], {
      faces: ctx.faces,
      fonts,
      source: 'register',
      missing,
    });
    const lines = breakLines(units, { width: o.width, firstIndent: 0, hangIndent: 0, rightIndent: 0, align: o.align, trackingEm: 0 });
    const pitch = o.size * (o.leading ?? LEADING);
    const texts: TextItem[] = [];
    lines.forEach((line, i) => {
      // The first baseline sits one ascent-ish (0.88 em) below the top, later ones one pitch apart.
      const baseline = o.top + 0.88 * o.size + i * pitch;
      texts.push(...toTextItems(line.placements, { left: o.left, baseline, lastAlone: false }));
    });
    return { texts, height: lines.length ? (lines.length - 1) * pitch + 1.12 * o.size : 0, lines: lines.length };
  };
  /** The width a text takes when set on one line (as breakLines places it). */
  const measure = (text: string, role: FontRole, size: number) => {
    const units = toUnits([{ text, style: { role, bold: false, size, color: BLACK } }], { faces: ctx.faces, fonts, source: 'register', missing });
    const [line] = breakLines(units, { width: 1e6, firstIndent: 0, hangIndent: 0, rightIndent: 0, align: 'justify', trackingEm: 0 });
    const last = line?.placements.at(-1);
    return last ? last.x + boxWidth(last.unit, 0) : 0;
  };
  /** Texts set side by side, `gap` apart, centred on the type area (no spaces drawn between them). */
  const centredRow = (segments: readonly string[], top: number, gap: number): TextItem[] => {
    const widths = segments.map((t) => measure(t, 'song', SUB_SIZE));
    let x = p.left + (p.width - (widths.reduce((a, b) => a + b, 0) + gap * (segments.length - 1))) / 2;
    return segments.flatMap((t, i) => {
      const items = set(t, { role: 'song', size: SUB_SIZE, width: widths[i]! + 1, align: 'justify', left: x, top }).texts;
      x += widths[i]! + gap;
      return items;
    });
  };

  const total = plan.copies.length ? copyRange([plan.copies[0]!.copyNumber, plan.copies[plan.copies.length - 1]!.copyNumber]) : '';
  const rangeWidth = Math.max(
    measure('000000—000000', 'body', CELL_SIZE),
    ...plan.rows.map((r) => measure(copyRange(r.numbers), 'body', CELL_SIZE)),
  );
  const fixed = {
    index: 2.5 * CELL_SIZE + 2 * CELL_PAD,
    copies: 2.5 * CELL_SIZE + 2 * CELL_PAD,
    range: Math.ceil(rangeWidth + 2 * CELL_PAD + 2),
    sign: 6 * CELL_SIZE,
    date: 5 * CELL_SIZE,
  };
  const recipientWidth = p.width - fixed.index - fixed.copies - fixed.range - fixed.sign - fixed.date;
  const columns: Column[] = [
    { head: '序号', width: fixed.index, align: 'center', role: 'song' },
    { head: '收件单位', width: recipientWidth, align: 'justify', role: 'song' },
    { head: '份数', width: fixed.copies, align: 'center', role: 'song' },
    { head: '份号', width: fixed.range, align: 'center', role: 'body' },
    { head: '签收', width: fixed.sign, align: 'center', role: 'song' },
    { head: '日期', width: fixed.date, align: 'center', role: 'song' },
  ];
  const xs: number[] = [p.left];
  for (const c of columns) xs.push(xs[xs.length - 1]! + c.width);

  const pages: Page[] = [];
  let texts: TextItem[] = [];
  let rules: RuleItem[] = [];
  let records: LineRecord[] = [];
  const bottom = p.top + p.height;
  let y = p.top;
  let tableTop = 0;

  const hRule = (y0: number, thickness: number) => rules.push({ x1: p.left, x2: p.left + p.width, y: y0, thickness, color: BLACK });
  /** A vertical rule, drawn as a rule one line-width long whose stroke is as thick as the span is tall (butt caps). */
  const vRule = (x: number, y1: number, y2: number, thickness: number) =>
    rules.push({ x1: x - thickness / 2, x2: x + thickness / 2, y: (y1 + y2) / 2, thickness: y2 - y1, color: BLACK });

  const row = (cells: readonly Cell[], opts: { header?: boolean }) => {
    const laid = cells.map((cell, i) => {
      const col = columns[i]!;
      const width = col.width - 2 * CELL_PAD;
      return set(cell.text, { role: cell.role ?? (opts.header ? 'hei' : col.role), size: CELL_SIZE, width, align: col.align, left: xs[i]! + CELL_PAD, top: 0 });
    });
    const content = Math.max(...laid.map((l) => l.height));
    const height = Math.max(opts.header ? 0 : MIN_ROW, content + 2 * CELL_PAD + 4);
    return { laid, height };
  };

  const closeTable = (endY: number) => {
    for (let i = 0; i < xs.length; i++) vRule(xs[i]!, tableTop - FRAME / 2, endY + FRAME / 2, i === 0 || i === xs.length - 1 ? FRAME : RULE);
    hRule(endY, FRAME);
  };
  const header = row(columns.map((c) => ({ text: c.head })), { header: true });
  const placeRow = (r: ReturnType<typeof row>, source: string) => {
    r.laid.forEach((cell) => {
      const shift = y + (r.height - cell.height) / 2;
      for (const t of cell.texts) texts.push({ ...t, baseline: t.baseline + shift });
    });
    records.push({ kind: 'back-matter', source, baseline: y + r.height / 2, last: false });
    y += r.height;
  };
  const startTable = () => {
    tableTop = y;
    hRule(y, FRAME);
    placeRow(header, 'register.header');
    hRule(y, RULE);
  };
  const newPage = () => {
    pages.push({ number: pages.length + 1, texts, rules, lines: records });
    texts = [];
    rules = [];
    records = [];
    y = p.top;
  };

  // Title and the line under it.
  const title = set(registerTitle(doc), { role: 'title', size: TITLE_SIZE, width: p.width, align: 'center', left: p.left, top: y, leading: 1.3 });
  texts.push(...title.texts);
  records.push({ kind: 'title', source: 'register.title', baseline: y + 0.88 * TITLE_SIZE, last: true });
  y += title.height + 0.6 * SUB_SIZE;
  const { issue, publication } = doc;
  // The line under the title.
  const segments = [issue.totalNumber ? `总第${issue.totalNumber}期` : '', `印发日期：${formatChineseDate(issue.date)}`, `共 ${plan.total} 份`];
  texts.push(...centredRow(segments.filter(Boolean), y, 2 * SUB_SIZE));
  y += 1.12 * SUB_SIZE + SUB_SIZE;

  startTable();
  const bodyRows: { source: string; cells: Cell[] }[] = plan.rows.map((r) => ({
    source: `register.rows[${r.index - 1}]`,
    cells: [{ text: String(r.index) }, { text: r.recipient }, { text: String(r.copies) }, { text: copyRange(r.numbers) }, { text: '' }, { text: '' }],
  }));
  bodyRows.push({
    source: 'register.total',
    cells: [{ text: '' }, { text: '合计', role: 'hei' }, { text: String(plan.total) }, { text: total }, { text: '' }, { text: '' }],
  });
  bodyRows.forEach((br, i) => {
    const r = row(br.cells, {});
    const footerRoom = i === bodyRows.length - 1 ? 3 * SUB_SIZE * LEADING : 0;
    if (y + r.height + footerRoom > bottom && y > tableTop + header.height + 1) {
      closeTable(y);
      newPage();
      startTable();
    }
    placeRow(r, br.source);
    if (i < bodyRows.length - 1) hRule(y, RULE);
  });
  closeTable(y);

  // The registrar's lines under the table.
  y += 1.5 * SUB_SIZE;
  const half = p.width / 2;
  for (const [k, label] of ['登记人：', '分发日期：'].entries()) {
    const left = p.left + k * half;
    const l = set(label, { role: 'song', size: SUB_SIZE, width: half, align: 'justify', left, top: y });
    texts.push(...l.texts);
    const lw = measure(label, 'song', SUB_SIZE);
    rules.push({ x1: left + lw + 2, x2: left + half - SUB_SIZE, y: y + 1.1 * SUB_SIZE, thickness: RULE, color: BLACK });
  }
  records.push({ kind: 'back-matter', source: 'register.signature', baseline: y + 0.88 * SUB_SIZE, last: true });
  newPage();

  // Page numbers when the register runs over a page.
  if (pages.length > 1) {
    for (const page of pages) {
      (page.texts as TextItem[]).push(...centredRow([`第 ${page.number} 页`, `共 ${pages.length} 页`], bottom + SUB_SIZE, SUB_SIZE));
    }
  }

  const ascents = new Map<string, number>();
  for (const [key, face] of ctx.faces.loaded()) ascents.set(key, face.ascent);
  return {
    width: p.pageWidth,
    height: p.pageHeight,
    pages,
    ascents,
    info: {
      title: registerTitle(doc),
      author: publication.unit,
      subject: `${publication.name}${issue.year}年第${issue.number}期分发登记：${plan.rows.length} 个收件单位，共 ${plan.total} 份`,
      keywords: ['分发登记表', publication.name, `${issue.year}年`, `第${issue.number}期`].join(', '),
    },
  };
}
