import type { LayoutPresetName } from '../model/profile.js';

/** Millimetres to PDF points. */
export function mm(v: number): number {
  return (v * 72) / 25.4;
}

/** A CMYK colour, each component 0–100 as pdfkit takes it. */
export type Cmyk = readonly [number, number, number, number];

/** Black on the K plate only (docs/layout-rules.md, Page: text is black on K only). */
export const BLACK: Cmyk = [0, 0, 0, 100];
/** Print-shop red for the masthead: M and Y at 100 (docs/layout-rules.md, Page: a CMYK red, not an RGB red). */
export const RED: Cmyk = [0, 100, 100, 0];

/**
 * The numbers of one page design. All lengths in points. The standard preset is GB/T 9704-2012 §5.2:
 * A4, type area 156 × 225 mm, top margin 37 mm, inner margin 28 mm, 22 lines × 28 characters of 3号 (16 pt).
 */
export interface LayoutPreset {
  readonly name: LayoutPresetName;
  /** Chinese name for menus. */
  readonly label: string;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Body text size and grid. */
  readonly bodySize: number;
  readonly charsPerLine: number;
  readonly linesPerPage: number;
  /** Article title size (2号 = 22 pt). */
  readonly titleSize: number;
  /** Masthead title (刊名) size. */
  readonly mastheadTitleSize: number;
  /** Grid lines the masthead takes on the first page, its red rule included. */
  readonly mastheadLines: number;
  /** Page number size (4号 = 14 pt), its distance below the type area and its inset from the type area's edge. */
  readonly pageNumberSize: number;
  readonly pageNumberBelow: number;
  /** Back matter (版记): text size, line pitch, outer and inner rule widths. */
  readonly backMatterSize: number;
  readonly backMatterPitch: number;
  readonly ruleOuter: number;
  readonly ruleInner: number;
  /** Characters the contributor line stands in from the right edge (practice: 1 or 2). */
  readonly contributorRightIndent: number;
  /**
   * Whether a pause or stop mark that may not start a line hangs past the right edge of the type area, the line
   * keeping its characters on the grid (标点悬挂, clreq #hanging_punctuation_marks_at_line_end; Word/WPS
   * 允许标点溢出边界). Off: the line takes the mark by compressing punctuation or pushes a character out.
   */
  readonly hangingPunctuation: boolean;
}

const A4 = { pageWidth: mm(210), pageHeight: mm(297) };
const TYPE_AREA = { left: mm(28), top: mm(37), width: mm(156), height: mm(225) };

/** GB/T 9704-2012: 16 pt body, 22 × 28. */
export const STANDARD: LayoutPreset = {
  name: 'standard',
  label: '标准（国标公文 22行×28字）',
  ...A4,
  ...TYPE_AREA,
  bodySize: 16,
  charsPerLine: 28,
  linesPerPage: 22,
  titleSize: 22,
  mastheadTitleSize: 56,
  mastheadLines: 7,
  pageNumberSize: 14,
  pageNumberBelow: mm(7),
  backMatterSize: 14,
  backMatterPitch: 25,
  ruleOuter: mm(0.35),
  ruleInner: mm(0.25),
  contributorRightIndent: 2,
  hangingPunctuation: true,
};

/** A denser page for long issues: 4号 (14 pt) body, 26 lines × 31 characters in the same type area. */
export const COMPACT: LayoutPreset = {
  ...STANDARD,
  name: 'compact',
  label: '紧凑（14磅 26行×31字）',
  bodySize: 14,
  charsPerLine: 31,
  linesPerPage: 26,
  titleSize: 20,
  mastheadTitleSize: 50,
  mastheadLines: 8,
  backMatterSize: 12,
  backMatterPitch: 22,
  contributorRightIndent: 2,
};

export const PRESETS: Readonly<Record<LayoutPresetName, LayoutPreset>> = { standard: STANDARD, compact: COMPACT };

/** The preset of a name; throws with a Chinese message for an unknown one. */
export function presetByName(name: string): LayoutPreset {
  const preset = (PRESETS as Record<string, LayoutPreset | undefined>)[name];
  if (!preset) throw new Error(`未知的版式：${name}（可用：${Object.keys(PRESETS).join('、')}）`);
  return preset;
}

/** The grid line pitch of a preset. */
export function linePitch(p: LayoutPreset): number {
  return p.height / p.linesPerPage;
}
