import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Packer,
  PageNumber,
  Tab,
  Paragraph,
  TabStopType,
  TextRun,
  type IParagraphStyleOptions,
  type ParagraphChild,
  type Table,
} from 'docx';
import type { BulletinDocument } from '../model/document.js';
import type { FontRole } from '../model/profile.js';
import { PRESETS, type Cmyk, type LayoutPreset } from '../typeset/preset.js';
import { styleIssue, type StyledBlock, type StyledRun } from '../typeset/styled.js';
import { docxFontName } from './docx-fonts.js';
import { docxTable } from './docx-table.js';
import { pictureParagraphs } from './docx-pictures.js';
import { captionSize } from '../typeset/picture-block.js';
import type { MastheadArtSource } from '../masthead-art/art-source.js';
import { docxMastheadArt, type DocxArtCache } from './docx-masthead-art.js';

/**
 * The .docx of an issue, written from the model with the docx package (the only module that touches it) — an
 * editable copy for offices that ask for one. It starts from the same styled issue as the PDF (core/typeset/
 * styled.ts: heading labels, 【编者按】, （…供稿）, 总第N期 in Chinese numerals, names aligned), so the words are
 * the PDF's, but Word lays out its own lines: A4 with the preset's margins, the document grid of the preset
 * (w:docGrid linesAndChars: 22 lines × 28 characters), Word styles per role (标题, 一级标题 … 四级标题, 正文 with a
 * two-character first-line indent, 编者按, 供稿, 版记), office font names with their East Asian attribute set,
 * the red masthead with its rule (the 刊名 picture instead of the typeset 刊名 when the profile has one:
 * ./docx-masthead-art.ts), the 版记 between rules, page numbers “— 1 —” at the foot.
 */

/** Options of {@link exportDocx}. */
export interface DocxExportOptions {
  /** The page design; default: the publication's preset. */
  readonly preset?: LayoutPreset;
  /**
   * Where the profile's 刊名 picture is read from (as for the PDF: core/masthead-art/art-source.ts). Absent, or the
   * picture unusable: the typeset 刊名, and `onMastheadArtProblem` hears why.
   */
  readonly artSource?: MastheadArtSource;
  readonly onMastheadArtProblem?: (reason: string) => void;
  /** Keeps the 刊名 picture drawn across exports (./docx-masthead-art.ts). */
  readonly artCache?: DocxArtCache;
}

/** Points to twentieths of a point (twips), Word's page unit. */
const twips = (pt: number) => Math.round(pt * 20);
/** Points to twips, rounded down: a grid pitch rounded up would lose the page's last line (22 × 29 pt > 225 mm). */
const twipsDown = (pt: number) => Math.floor(pt * 20);
/** Points to Word's half-points (run sizes). */
const half = (pt: number) => Math.round(pt * 2);

/** CMYK as the RGB hex Word takes: the masthead red is pure red, black is black. */
function hex(c: Cmyk): string {
  const [cc, m, y, k] = c.map((v) => v / 100) as [number, number, number, number];
  const ch = (v: number) => Math.round(255 * (1 - v) * (1 - k)).toString(16).padStart(2, '0').toUpperCase();
  return `${ch(cc)}${ch(m)}${ch(y)}`;
}

const STYLE_IDS = {
  title: 'BulletinTitle',
  heading: ['BulletinHeading1', 'BulletinHeading2', 'BulletinHeading3', 'BulletinHeading4'],
  paragraph: 'BulletinBody',
  note: 'BulletinNote',
  contributor: 'BulletinContributor',
  backMatter: 'BulletinBackMatter',
  masthead: 'BulletinMasthead',
  caption: 'Caption',
} as const;

/** Writes the .docx of a document. Resolves with its bytes. */
export async function exportDocx(doc: BulletinDocument, options: DocxExportOptions = {}): Promise<Uint8Array> {
  const preset = options.preset ?? PRESETS[doc.publication.preset];
  const styled = styleIssue(doc, preset);
  const fonts = (role: FontRole) => docxFontName(role, doc.publication.fonts[role]);
  const font = (role: FontRole) => {
    const name = fonts(role);
    return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
  };
  const pitch = preset.height / preset.linesPerPage;
  // Character spacing (twips, negative: condensed) that fits charsPerLine characters of the body size into the
  // type area's width, a little under the exact pitch so that the last character of a line always fits.
  const condensed = Math.min(0, Math.floor((preset.width / preset.charsPerLine - preset.bodySize) * 20) - 1);
  const exact = { line: twipsDown(pitch), lineRule: 'exact' as const };
  const indentChars = (n: number, size: number) => twips(n * size);

  const run = (r: StyledRun) =>
    new TextRun({
      text: r.text,
      bold: r.style.bold,
      size: half(r.style.size),
      font: font(r.style.role),
      color: hex(r.style.color),
    });

  const paragraphs: (Paragraph | Table)[] = [];

  // Masthead: 刊名 in red, pinyin, 第N期, （总第N期）, 编印单位 and date on one line over the red rule.
  const m = styled.masthead;
  const red = 'FF0000';
  const centred = (text: string, size: number, role: FontRole, color: string, bold = false, after = 0) =>
    new Paragraph({
      style: STYLE_IDS.masthead,
      alignment: AlignmentType.CENTER,
      spacing: { line: twips(Math.max(pitch, size * 1.2)), lineRule: 'atLeast', after: twips(after) },
      children: [new TextRun({ text, size: half(size), font: font(role), color, bold })],
    });
  const art = mastheadPicture(doc, preset, options);
  if (art) {
    paragraphs.push(
      new Paragraph({
        style: STYLE_IDS.masthead,
        alignment: AlignmentType.CENTER,
        // The typeset 刊名's line height: the picture is no taller than the title size's em box, so the lines below
        // stand where they stand with the typeset 刊名.
        spacing: { line: twips(Math.max(pitch, preset.mastheadTitleSize * 1.2)), lineRule: 'atLeast', after: 0 },
        children: [art],
      }),
    );
  } else paragraphs.push(centred(m.name, preset.mastheadTitleSize, 'title', red, false, 0));
  if (m.pinyin) paragraphs.push(centred(m.pinyin, preset.bodySize * 0.8, 'song', red, true));
  paragraphs.push(centred(m.numberLine, preset.bodySize, 'song', '000000'));
  if (m.totalLine) paragraphs.push(centred(m.totalLine, preset.bodySize, 'song', '000000'));
  paragraphs.push(
    new Paragraph({
      style: STYLE_IDS.masthead,
      tabStops: [{ type: TabStopType.RIGHT, position: twips(preset.width) }],
      spacing: { ...exact, after: twips(pitch) },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: red, space: 4 } },
      children: [
        new TextRun({ text: m.unitLine, size: half(preset.bodySize), font: font('song') }),
        new TextRun({ children: [new Tab(), m.dateLine], size: half(preset.bodySize), font: font('song') }),
      ],
    }),
  );

  // The issue's blocks, one Word paragraph each, styled by role.
  for (const block of styled.blocks) {
    if (block.table) paragraphs.push(docxTable(block.table, { preset, run, font: font('body') }));
    if (block.picture) paragraphs.push(...pictureParagraphs(block, { preset, run, captionStyle: STYLE_IDS.caption, exact }));
    else paragraphs.push(blockParagraph(block, doc, run, exact, indentChars));
  }

  // 版记: the 送 list, 责任编辑, 联系方式, 批准文号, between rules.
  const bm = styled.backMatter;
  const lines = [
    ...bm.distribution.map((t, i) => (i === 0 ? `送：${t}` : t)),
    bm.editorsLine,
    bm.contactLine,
    bm.approvalLine,
  ].filter(Boolean);
  const bmSize = preset.backMatterSize;
  lines.forEach((text, i) => {
    const first = i === 0;
    const last = i === lines.length - 1;
    paragraphs.push(
      new Paragraph({
        style: STYLE_IDS.backMatter,
        spacing: { line: twips(preset.backMatterPitch), lineRule: 'exact', before: first ? twips(pitch) : 0 },
        indent: {
          left: twips(bmSize) + (i > 0 && i < bm.distribution.length ? twips(bmSize * 2) : 0),
          right: twips(bmSize),
        },
        border: {
          ...(first ? { top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 } } : {}),
          ...(last ? { bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 } } : {}),
        },
        children: [new TextRun({ text, size: half(bmSize), font: font('body') })],
      }),
    );
  });

  const paragraphStyles: IParagraphStyleOptions[] = [
    style(STYLE_IDS.paragraph, '正文', { font: font('body'), size: half(preset.bodySize) }, { firstLine: indentChars(2, preset.bodySize) }),
    style(STYLE_IDS.title, '标题', { font: font('title'), size: half(preset.titleSize) }, {}, AlignmentType.CENTER),
    style(STYLE_IDS.heading[0], '一级标题', { font: font('hei'), size: half(preset.bodySize) }, { firstLine: indentChars(2, preset.bodySize) }),
    style(STYLE_IDS.heading[1], '二级标题', { font: font('kai'), size: half(preset.bodySize) }, { firstLine: indentChars(2, preset.bodySize) }),
    style(STYLE_IDS.heading[2], '三级标题', { font: font('body'), size: half(preset.bodySize), bold: true }, { firstLine: indentChars(2, preset.bodySize) }),
    style(STYLE_IDS.heading[3], '四级标题', { font: font('body'), size: half(preset.bodySize), bold: true }, { firstLine: indentChars(2, preset.bodySize) }),
    style(STYLE_IDS.note, '编者按', { font: font('kai'), size: half(preset.bodySize) }, { firstLine: indentChars(2, preset.bodySize) }),
    style(STYLE_IDS.contributor, '供稿', { font: font('body'), size: half(preset.bodySize) }, {}, AlignmentType.RIGHT),
    style(STYLE_IDS.backMatter, '版记', { font: font('body'), size: half(preset.backMatterSize) }, {}),
    style(STYLE_IDS.masthead, '版头', { font: font('song'), size: half(preset.bodySize) }, {}),
    style(STYLE_IDS.caption, '题注', { font: font('kai'), size: half(captionSize(preset.bodySize)) }, {}, AlignmentType.CENTER),
  ];

  const bottom = preset.pageHeight - preset.top - preset.height;
  const right = preset.pageWidth - preset.left - preset.width;
  const document = new Document({
    creator: doc.publication.unit || doc.publication.name,
    title: `${doc.publication.name}${doc.issue.year}年第${doc.issue.number}期`,
    styles: {
      default: { document: { run: { font: font('body'), size: half(preset.bodySize), characterSpacing: condensed } } },
      paragraphStyles,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(preset.pageWidth), height: twips(preset.pageHeight) },
            margin: {
              top: twips(preset.top),
              bottom: twips(bottom),
              left: twips(preset.left),
              right: twips(right),
              footer: twips(Math.max(0, bottom - preset.pageNumberBelow - preset.pageNumberSize)),
            },
          },
          // The line grid (w:docGrid type="lines", ECMA-376 §17.6.5) gives 22 lines a page; the 28 characters a line
          // come from the character spacing of the default run (below). A "linesAndChars" grid would say both, and
          // Word honours it, but LibreOffice lays such a grid out with about 17 characters a line (tested with
          // LibreOffice 7.4), so the .docx says it in the way every word processor reads alike.
          grid: { type: DocumentGridType.LINES, linePitch: twipsDown(pitch) },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: half(preset.pageNumberSize), font: font('song') }),
                ],
              }),
            ],
          }),
        },
        children: paragraphs,
      },
    ],
  });
  return Packer.pack(document, 'uint8array');
}

/** The profile's 刊名 picture for the masthead paragraph, or undefined (none, or unusable: the reason is reported). */
function mastheadPicture(doc: BulletinDocument, preset: LayoutPreset, options: DocxExportOptions) {
  const spec = doc.publication.mastheadArt;
  if (!spec) return undefined;
  const problem = (reason: string) => {
    options.onMastheadArtProblem?.(reason);
    return undefined;
  };
  if (!options.artSource) return problem('刊名图未读取（导出 Word 时未提供刊名图的读取方式）');
  const loaded = options.artSource.load(spec);
  if (!loaded.ok) return problem(loaded.reason);
  const placed = docxMastheadArt(loaded.art, {
    preset,
    colour: doc.publication.mastheadArtColour ?? 'red',
    alt: doc.publication.name,
    ...(options.artCache ? { cache: options.artCache } : {}),
  });
  return placed.ok ? placed.run : problem(placed.reason);
}

function style(
  id: string,
  name: string,
  run: { font: Record<string, string>; size: number; bold?: boolean },
  indent: { firstLine?: number },
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.JUSTIFIED,
): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: 'Normal',
    quickFormat: true,
    run: { font: run.font, size: run.size, ...(run.bold ? { bold: true } : {}) },
    paragraph: { alignment, indent },
  };
}

/** The model block a styled block came from ("articles[0].body[3]"), for its heading level. */
function headingLevel(block: StyledBlock, doc: BulletinDocument): 1 | 2 | 3 | 4 | undefined {
  const m = /^articles\[(\d+)\]\.body\[(\d+)\]$/.exec(block.source);
  if (!m) return undefined;
  const b = doc.issue.articles[Number(m[1])]?.body[Number(m[2])];
  return b?.type === 'heading' ? b.level : undefined;
}

function blockParagraph(
  block: StyledBlock,
  doc: BulletinDocument,
  run: (r: StyledRun) => TextRun,
  exact: { line: number; lineRule: 'exact' },
  indentChars: (n: number, size: number) => number,
): Paragraph {
  const size = block.runs[0]?.style.size ?? 16;
  const level = headingLevel(block, doc);
  const styleId =
    block.kind === 'title'
      ? STYLE_IDS.title
      : block.kind === 'note'
        ? STYLE_IDS.note
        : block.kind === 'contributor'
          ? STYLE_IDS.contributor
          : level !== undefined
            ? STYLE_IDS.heading[level - 1]!
            : STYLE_IDS.paragraph;
  const alignment =
    block.align === 'center' ? AlignmentType.CENTER : block.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED;
  const pitch = exact.line;
  const children: ParagraphChild[] = block.runs.map(run);
  return new Paragraph({
    style: styleId,
    alignment,
    keepNext: block.keepWithNext,
    // A title line is taller than the grid: at least its size, else the grid line.
    spacing:
      block.kind === 'title'
        ? { line: Math.max(pitch, twips(size * 1.25)), lineRule: 'atLeast', before: block.spaceBefore * pitch, after: block.spaceAfter * pitch }
        : { ...exact, before: block.spaceBefore * pitch, after: block.spaceAfter * pitch },
    indent: {
      firstLine: indentChars(block.firstIndent, size),
      ...(block.rightIndent ? { right: indentChars(block.rightIndent, size) } : {}),
    },
    children,
  });
}
