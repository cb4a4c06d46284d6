import type { FaceSet } from '../fonts/face-set.js';
import type { BulletinDocument } from '../model/document.js';
import { layBackMatter } from './back-matter.js';
import { lineContextKey, type BlockBreaks, type LineCache } from './line-cache.js';
import { breakLines, setLines, setLinesAt, type Line } from './lines.js';
import type { Variant } from './page-plan.js';
import { fitParagraph, type LineFit } from './line-fit.js';
import { PARAGRAPH_ADJUSTMENT } from './rules/adjustment.js';
import { layMasthead, MASTHEAD_ROWS } from './masthead.js';
import { hideTypesetName, placeMastheadArt } from './masthead-art.js';
import type { MastheadArtSource } from '../masthead-art/art-source.js';
import { layoutReport, type LayoutReport } from './layout-report.js';
import type { ArtworkItem, PageLayout, StructureBlock, TextItem } from './page-layout.js';
import { layPages, type BlockLines } from './pages.js';
import { BLACK, presetByName, type LayoutPreset } from './preset.js';
import { styleIssue, type StyledBlock } from './styled.js';
import { layTable } from './table-block.js';
import { breakTitle } from './title-break.js';
import { trackedVariant } from './tracked-variant.js';
import { toUnits, type MissingGlyph } from './units.js';
import { pictureBreaks } from './picture-lines.js';

/**
 * Typesetting, top level: model → styled runs → lines → pages. The result is backend-neutral; see
 * core/render for the pdfmake document and the PDF.
 */

export interface TypesetOptions {
  /** The session's fonts (parsed once, reused across exports). */
  readonly faces: FaceSet;
  /** Overrides the publication's preset. */
  readonly preset?: LayoutPreset;
  /** A memo of blocks' lines kept across typesettings (line-cache.ts): only changed paragraphs are re-broken. */
  readonly lineCache?: LineCache;
  /**
   * Where the profile's 刊名 picture is read from (core/masthead-art/art-source.ts; the services' typesetter gives
   * one). Absent: the picture is not drawn and `mastheadArtProblem` says so (the SVG reader stays out of callers
   * that never print one, such as the command line's start-up).
   */
  readonly artSource?: MastheadArtSource;
  /** Whether to make the layout report (default true); the live preview, which draws the pages only, skips it. */
  readonly report?: boolean;
  /**
   * Whether a picture without room at a page's foot may float to the next page's top, its article's text flowing
   * up (default true; rules/picture-float.ts); false keeps every picture in the text's order (for comparisons).
   */
  readonly floatPictures?: boolean;
}

export interface TypesetResult {
  readonly layout: PageLayout;
  /** Characters no font has, with where they are. Export refuses while this is non-empty. */
  readonly missing: readonly MissingGlyph[];
  readonly preset: LayoutPreset;
  /** Layout facts per page and for the issue (lines, holes, adjustments, widows, grid share); absent with `report: false`. */
  readonly report?: LayoutReport;
  /** Why the profile's 刊名 picture was not drawn (the typeset 刊名 stands instead); absent when drawn or none. */
  readonly mastheadArtProblem?: string;
}

/** Typesets a whole issue. */
export function typeset(doc: BulletinDocument, opts: TypesetOptions): TypesetResult {
  const preset = opts.preset ?? presetByName(doc.publication.preset);
  const fonts = doc.publication.fonts;
  const missing: MissingGlyph[] = [];
  const ctx = { faces: opts.faces, fonts, preset, missing };
  const styled = styleIssue(doc, preset);
  const memo = opts.lineCache;
  const memoCtx = memo ? { key: lineContextKey(ctx), missing } : undefined;
  const blocks: BlockLines[] = styled.blocks.map((block) => ({
    block,
    ...(memo && memoCtx && !block.picture ? memo.lines(block, memoCtx, () => blockBreaks(block, ctx)) : blockBreaks(block, ctx)),
  }));
  // The masthead and the back matter change far less often than the articles: remembered like lines are.
  const once = <T>(name: string, input: unknown, compute: () => T): T =>
    memo && memoCtx ? memo.memo(`${name}\u0004${JSON.stringify(input)}`, memoCtx, compute) : compute();
  const masthead = once('masthead', styled.masthead, () => layMasthead(styled.masthead, ctx));
  const art = mastheadArt(doc, preset, opts);
  const laid = layPages({
    preset,
    blocks,
    masthead: art.item ? { ...masthead, texts: hideTypesetName(masthead.texts) } : masthead,
    backMatter: once('backMatter', styled.backMatter, () => layBackMatter(styled.backMatter, ctx)),
    // The same text again (its missing characters are reported once, from the first).
    backMatterTight: once('backMatterTight', styled.backMatter, () => layBackMatter(styled.backMatter, { ...ctx, missing: [] }, { tight: true })),
    pageNumber: (n) => pageNumber(n, ctx),
    ...(doc.publication.preferEvenPages ? { preferEvenPages: true } : {}),
    ...(opts.floatPictures === false ? { floatPictures: false } : {}),
  });
  const pages = art.item ? [{ ...laid.pages[0]!, artworks: [art.item] }, ...laid.pages.slice(1)] : laid.pages;
  const ascents = new Map<string, number>();
  for (const [key, face] of opts.faces.loaded()) ascents.set(key, face.ascent);
  const { issue, publication } = doc;
  const total = issue.totalNumber ? `（总第${issue.totalNumber}期）` : '';
  const layout: PageLayout = {
    width: preset.pageWidth,
    height: preset.pageHeight,
    pages,
    ascents,
    info: {
      title: `${publication.name} ${issue.year}年第${issue.number}期${total}`,
      author: publication.unit,
      subject: issue.articles.map((a) => a.title.replace(/ /g, '')).join('；'),
      keywords: ['简报', publication.name, `${issue.year}年`, `第${issue.number}期`].join(', '),
    },
    structure: structureOf(styled),
  };
  const artProblem = art.problem ? { mastheadArtProblem: art.problem } : {};
  if (opts.report === false) return { preset, missing, layout, ...artProblem };
  const loaded = opts.faces.loaded();
  const advance = (key: string, text: string, size: number) => {
    const face = loaded.get(key);
    return face ? opts.faces.width(face, text, size) : size;
  };
  // Made when first read: an export never reads it (the check panel and `bulletin check` do).
  let report: LayoutReport | undefined;
  const result = { preset, missing, layout, ...artProblem } as TypesetResult;
  Object.defineProperty(result, 'report', {
    enumerable: true,
    get: () => (report ??= layoutReport(layout, preset, { adjustments: laid.adjustments, lastPage: laid.lastPage, advance })),
  });
  return result;
}

/** The profile's 刊名 picture placed in the masthead, or why it cannot be. */
function mastheadArt(doc: BulletinDocument, preset: LayoutPreset, opts: TypesetOptions): { item?: ArtworkItem; problem?: string } {
  const spec = doc.publication.mastheadArt;
  if (!spec) return {};
  if (!opts.artSource) return { problem: '刊名图未读取（排版时未提供刊名图的读取方式）' };
  const loaded = opts.artSource.load(spec);
  if (!loaded.ok) return { problem: loaded.reason };
  const placed = placeMastheadArt(loaded.art, { preset, colour: doc.publication.mastheadArtColour ?? 'red', alt: doc.publication.name });
  return placed.ok ? { item: placed.item } : { problem: placed.reason };
}

/** Space between two full-width characters so that `charsPerLine` of them fill the line exactly. */
export function gridTracking(preset: LayoutPreset): number {
  const n = preset.charsPerLine;
  return (preset.width - n * preset.bodySize) / ((n - 1) * preset.bodySize);
}

interface Ctx {
  readonly faces: FaceSet;
  readonly fonts: BulletinDocument['publication']['fonts'];
  readonly preset: LayoutPreset;
  readonly missing: MissingGlyph[];
}

/** A block's lines; a justified block also gets its tightened and loosened arrangements (./line-fit.ts). */
function blockBreaks(block: StyledBlock, ctx: Ctx): BlockBreaks {
  if (block.table) return layTable(block.table, { ...ctx, source: block.source });
  const units = toUnits(block.runs, { ...ctx, source: block.source });
  if (!units.length && !block.picture) return { lines: [] };
  const tracking = gridTracking(ctx.preset);
  const cell = ctx.preset.bodySize * (1 + tracking);
  const base = {
    width: ctx.preset.width,
    firstIndent: block.firstIndent * cell,
    hangIndent: 0,
    rightIndent: block.rightIndent * cell,
    align: block.align,
  };
  if (block.picture) return pictureBreaks(block.picture, { preset: ctx.preset, units, opts: { ...base, trackingEm: 0 } });
  if (block.kind === 'title') {
    return { lines: setLinesAt(units, breakTitle(units, ctx.preset.width), { ...base, trackingEm: 0 }) };
  }
  const opts = { ...base, trackingEm: tracking, hangingPunctuation: ctx.preset.hangingPunctuation };
  if (block.align !== 'justify') return { lines: breakLines(units, opts) };
  const fits = fitParagraph(units, opts, PARAGRAPH_ADJUSTMENT.maxSaveCost);
  // Another arrangement's lines are placed only if the page breaker looks at them.
  const variant = (fit: LineFit | undefined): Variant | undefined => {
    if (!fit) return undefined;
    let lines: Line[] | undefined;
    return {
      count: fit.ranges.length,
      cost: fit.cost - fits.natural.cost,
      offGrid: Math.max(0, fit.offGrid - fits.natural.offGrid),
      get lines() {
        return (lines ??= setLines(units, fit.ranges, opts));
      },
    };
  };
  const tight = variant(fits.tight);
  const loose = variant(fits.loose);
  return {
    lines: setLines(units, fits.natural.ranges, opts),
    ...(tight ? { tight } : {}),
    ...(loose ? { loose } : {}),
    tracked: trackedVariant(units, opts, fits.natural.ranges.length),
  };
}

/** "— 3 —" in 4号: odd pages at the right, even pages at the left, one character in (GB/T 9704-2012 §7.5). */
function pageNumber(n: number, ctx: Ctx): TextItem[] {
  const p = ctx.preset;
  const size = p.pageNumberSize;
  const text = `— ${n} —`;
  const face = ctx.faces.face(ctx.fonts.song, 'regular');
  const width = ctx.faces.width(face, text, size);
  const x = n % 2 === 1 ? p.left + p.width - size - width : p.left + size;
  // The dashes stand pageNumberBelow under the type area; an em dash sits about 0.35 em above the baseline.
  const baseline = p.top + p.height + p.pageNumberBelow + 0.35 * size;
  return [{ x, baseline, text, face: face.key, size, color: BLACK, charSpacing: 0 }];
}

/** The issue's logical structure in reading order: masthead rows, blocks, then the back matter's parts. */
function structureOf(styled: ReturnType<typeof styleIssue>): StructureBlock[] {
  const out: StructureBlock[] = MASTHEAD_ROWS.map((source) => ({ source, kind: 'masthead' as const }));
  for (const b of styled.blocks) {
    out.push({
      source: b.source,
      kind: b.kind,
      ...(b.level ? { level: b.level } : {}),
      ...(b.label ? { label: b.label } : {}),
      ...(b.picture ? { alt: b.runs.map((r) => r.text).join('') || '图片' } : {}),
      ...(b.table ? { table: { rows: b.table.rows.length, cols: Math.max(0, ...b.table.rows.map((r) => r.length)) } } : {}),
    });
  }
  const bm = styled.backMatter;
  bm.distribution.forEach((_, i) =>
    out.push({ source: `backMatter.distribution[${i}]`, kind: 'distribution', ...(i === 0 ? { label: '送：' } : {}) }),
  );
  for (const part of ['editors', 'contact', 'approval'] as const) out.push({ source: `backMatter.${part}`, kind: 'back-matter' });
  return out;
}
