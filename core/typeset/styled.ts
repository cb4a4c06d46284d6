import type { Inline } from '../model/inline.js';
import type { BulletinDocument } from '../model/document.js';
import type { Block, PictureImage } from '../model/issue.js';
import { numberHeadings } from '../model/numbering.js';
import { applyRunIn, hasRunInBody } from '../model/run-in.js';
import type { FontRole } from '../model/profile.js';
import { formatChineseDate } from '../text/dates.js';
import { toChineseNumeral } from '../text/numerals.js';
import { captionSize } from './picture-block.js';
import { BLACK, type Cmyk, type LayoutPreset } from './preset.js';
import { styleTable, type StyledTable } from './table-block.js';

/**
 * Stage 1 of typesetting: the document model becomes styled runs — text with a font role, weight, size and
 * colour — grouped into blocks that carry paragraph properties. Nothing here measures text.
 */

export interface RunStyle {
  readonly role: FontRole;
  readonly bold: boolean;
  readonly size: number;
  readonly color: Cmyk;
}

export interface StyledRun {
  readonly text: string;
  readonly style: RunStyle;
}

export type BlockKind = 'note' | 'title' | 'heading' | 'paragraph' | 'table' | 'contributor' | 'picture';

export interface StyledBlock {
  readonly kind: BlockKind;
  readonly runs: readonly StyledRun[];
  readonly align: 'justify' | 'center' | 'right';
  /** First-line indent in ems of the block's size. */
  readonly firstIndent: number;
  /** Right indent in ems. */
  readonly rightIndent: number;
  /** Empty grid lines before and after (dropped at the top of a page). */
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  /** Keep on the same page as the first lines of the next block. */
  readonly keepWithNext: boolean;
  /** Where the block comes from in the model, e.g. "articles[0].body[3]". */
  readonly source: string;
  /** A heading's level and printed number (also on a run-in heading, which is kind 'paragraph'). */
  readonly level?: 1 | 2 | 3 | 4;
  readonly label?: string;
  /** A table's cells (kind 'table', whose runs are empty): ./table-block.ts. */
  readonly table?: StyledTable;
  /** A picture block's image (its runs are the 图注); such a block is never split across pages (./picture-block.ts). */
  readonly picture?: PictureImage;
}

export interface MastheadText {
  readonly name: string;
  readonly pinyin: string;
  readonly numberLine: string;
  readonly totalLine: string;
  readonly unitLine: string;
  readonly dateLine: string;
}

export interface BackMatterText {
  /** 送 lines: the first begins with the label. */
  readonly distribution: readonly string[];
  readonly editorsLine: string;
  readonly contactLine: string;
  readonly approvalLine: string;
}

export interface StyledIssue {
  readonly masthead: MastheadText;
  readonly blocks: readonly StyledBlock[];
  readonly backMatter: BackMatterText;
}

/** The role and weight of each heading level (docs/layout-rules.md, Headings: 一、黑体；（一）楷体；1. and （1）正文加粗). */
const HEADING_STYLE: Readonly<Record<1 | 2 | 3 | 4, { role: FontRole; bold: boolean }>> = {
  1: { role: 'hei', bold: false },
  2: { role: 'kai', bold: false },
  3: { role: 'body', bold: true },
  4: { role: 'body', bold: true },
};

/** Styles an issue for a preset. */
export function styleIssue(doc: BulletinDocument, preset: LayoutPreset): StyledIssue {
  const { issue, publication } = doc;
  const body: RunStyle = { role: 'body', bold: false, size: preset.bodySize, color: BLACK };
  const blocks: StyledBlock[] = [];
  issue.editorNote.forEach((para, i) => {
    const label: StyledRun[] = i === 0 ? [{ text: '【编者按】', style: { ...body, role: 'hei' } }] : [];
    blocks.push(
      paragraphBlock({
        kind: 'note',
        runs: [...label, ...inlineRuns(para, { ...body, role: 'kai' })],
        source: `editorNote[${i}]`,
        spaceAfter: i === issue.editorNote.length - 1 ? 1 : 0,
      }),
    );
  });
  issue.articles.forEach((article, a) => {
    blocks.push({
      kind: 'title',
      runs: [{ text: article.title, style: { role: 'title', bold: false, size: preset.titleSize, color: BLACK } }],
      align: 'center',
      firstIndent: 0,
      rightIndent: 0,
      spaceBefore: a === 0 && issue.editorNote.length === 0 ? 0 : 1,
      spaceAfter: 1,
      keepWithNext: true,
      source: `articles[${a}].title`,
    });
    const labels = numberHeadings(article.body);
    article.body.forEach((block, b) => {
      const source = `articles[${a}].body[${b}]`;
      if (block.type === 'table') blocks.push({ ...paragraphBlock({ kind: 'table', runs: [], source }), firstIndent: 0, table: styleTable(block, preset) });
      else blocks.push(bodyBlock(block, { label: labels[b] ?? null, body, source }));
    });
    if (article.contributor.trim()) {
      blocks.push({
        kind: 'contributor',
        runs: [{ text: `（${article.contributor.trim()}供稿）`, style: body }],
        align: 'right',
        firstIndent: 0,
        rightIndent: preset.contributorRightIndent,
        spaceBefore: 0,
        spaceAfter: 0,
        keepWithNext: false,
        source: `articles[${a}].contributor`,
      });
    }
  });
  return {
    masthead: {
      name: publication.name,
      pinyin: publication.pinyin,
      numberLine: `第${issue.number}期`,
      totalLine: issue.totalNumber ? `（总第${toChineseNumeral(issue.totalNumber)}期）` : '',
      unitLine: publication.unit ? `${publication.unit}编` : '',
      dateLine: formatChineseDate(issue.date),
    },
    blocks,
    backMatter: {
      distribution: issue.distribution.map((d) => d.text.trim()).filter(Boolean),
      editorsLine: issue.editors.length ? `责任编辑：${issue.editors.map(alignName).join('　')}` : '',
      contactLine: publication.contact ? `联系方式：${publication.contact}` : '',
      approvalLine: publication.approvalNumber ? `批准文号：${publication.approvalNumber}` : '',
    },
  };
}

/**
 * A two-character name takes the width of three with a full-width space in the middle: 石韧 → 石　韧
 * (docs/layout-rules.md, Back matter; common practice in name lists).
 */
export function alignName(name: string): string {
  const chars = [...name.trim()];
  return chars.length === 2 ? `${chars[0]}　${chars[1]}` : chars.join('');
}

function bodyBlock(block: Exclude<Block, { type: 'table' }>, ctx: { label: string | null; body: RunStyle; source: string }): StyledBlock {
  if (block.type === 'picture') return pictureBlock(block, ctx);
  if (block.type === 'paragraph') {
    return paragraphBlock({ kind: 'paragraph', runs: inlineRuns(block.content, ctx.body), source: ctx.source });
  }
  // The one run-in rule (core/model/run-in.ts): a heading typed as one paragraph prints as imported text does.
  const heading = applyRunIn(block);
  const headingStyle: RunStyle = { ...ctx.body, ...HEADING_STYLE[heading.level] };
  const runs = [
    { text: ctx.label ?? '', style: headingStyle },
    ...inlineRuns(heading.content, headingStyle),
    ...inlineRuns(heading.body ?? [], ctx.body),
  ];
  const runIn = hasRunInBody(heading);
  return {
    ...paragraphBlock({ kind: runIn ? 'paragraph' : 'heading', runs, source: ctx.source }),
    keepWithNext: !runIn,
    level: heading.level,
    ...(ctx.label ? { label: ctx.label } : {}),
  };
}

/** A picture with its 图注: centred, 楷体, one size below the body (issue 12 point 3). */
function pictureBlock(block: Extract<Block, { type: 'picture' }>, ctx: { body: RunStyle; source: string }): StyledBlock {
  return {
    kind: 'picture',
    runs: inlineRuns(block.content, { ...ctx.body, role: 'kai', size: captionSize(ctx.body.size) }).filter((r) => r.text.length > 0),
    align: 'center',
    firstIndent: 0,
    rightIndent: 0,
    spaceBefore: 0,
    spaceAfter: 0,
    keepWithNext: false,
    source: ctx.source,
    picture: block.image,
  };
}

function paragraphBlock(opts: {
  kind: BlockKind;
  runs: StyledRun[];
  source: string;
  spaceAfter?: number;
}): StyledBlock {
  return {
    kind: opts.kind,
    runs: opts.runs.filter((r) => r.text.length > 0),
    align: 'justify',
    firstIndent: 2,
    rightIndent: 0,
    spaceBefore: 0,
    spaceAfter: opts.spaceAfter ?? 0,
    keepWithNext: false,
    source: opts.source,
  };
}

function inlineRuns(inlines: readonly Inline[], style: RunStyle): StyledRun[] {
  return inlines.map((i) => ({ text: i.text, style: i.bold ? { ...style, bold: true } : style }));
}
