import { DEFAULT_TEMPLATE_ID, templateById } from './templates.js';
import type { DistributionEntry } from './issue.js';
import type { MastheadArtColour, MastheadArtSpec } from '../masthead-art/spec.js';

/** The typographic roles a profile assigns fonts to. */
export type FontRole = 'title' | 'body' | 'hei' | 'kai' | 'song';

/** Chinese names of the roles, as the UI and messages show them. */
export const FONT_ROLE_NAMES: Readonly<Record<FontRole, string>> = {
  title: '标题',
  body: '正文',
  hei: '黑体',
  kai: '楷体',
  song: '宋体',
};

/** A font for a role: one of the bundled families, or a font file the user has (仿宋_GB2312, 方正小标宋简体…). */
export type FontChoice =
  | { readonly kind: 'bundled'; readonly family: BundledFamily }
  | { readonly kind: 'file'; readonly path: string; readonly boldPath?: string };

/** Bundled, openly licensed families (see fonts/manifest.json). */
export type BundledFamily = 'noto-serif-sc' | 'noto-serif-sc-heavy' | 'noto-sans-sc' | 'lxgw-wenkai';

export type LayoutPresetName = 'standard' | 'compact';

/** A publication: everything that stays the same from one issue to the next. */
export interface PublicationProfile {
  /** 刊名, e.g. 联络动态. */
  readonly name: string;
  /** The pinyin line under the title, e.g. LIANLUODONGTAI; empty for none. */
  readonly pinyin: string;
  /** 编印单位 without the trailing 编. */
  readonly unit: string;
  /** 批准文号 / 准印证号. */
  readonly approvalNumber: string;
  /** 联系方式 as printed: telephone, e-mail. */
  readonly contact: string;
  readonly defaultDistribution: readonly DistributionEntry[];
  readonly defaultEditors: readonly string[];
  readonly preset: LayoutPresetName;
  readonly fonts: Readonly<Record<FontRole, FontChoice>>;
  /**
   * Prefer an even page count: a blank page before the 版记 page rather than the 版记 on an odd page (the 版记 on
   * the back of a sheet). Off (absent) by default.
   */
  readonly preferEvenPages?: boolean;
  /** The final PDF made at sign-off is PDF/A-2u (archival); on (absent) by default, false to switch it off. */
  readonly finalPdfA?: boolean;
  /**
   * The 刊名 as a picture (issue 12): drawn in place of the typeset 刊名, which stays in the PDF as invisible text.
   * Absent: the 刊名 is typeset. See core/masthead-art/.
   */
  readonly mastheadArt?: MastheadArtSpec;
  /** The artwork's colours: recoloured to the masthead red (absent: 'red'), or its own. */
  readonly mastheadArtColour?: MastheadArtColour;
}

/** The bundled font for each role. */
export const DEFAULT_FONTS: Readonly<Record<FontRole, FontChoice>> = {
  title: { kind: 'bundled', family: 'noto-serif-sc-heavy' },
  body: { kind: 'bundled', family: 'noto-serif-sc' },
  hei: { kind: 'bundled', family: 'noto-sans-sc' },
  kai: { kind: 'bundled', family: 'lxgw-wenkai' },
  song: { kind: 'bundled', family: 'noto-serif-sc' },
};

/**
 * The profile a new library starts from: a fresh copy of the default template's
 * (assets/templates/lianluo-dongtai.json, see ./templates.ts).
 */
export function defaultProfile(): PublicationProfile {
  const template = templateById(DEFAULT_TEMPLATE_ID);
  if (!template) throw new Error(`the default template ${DEFAULT_TEMPLATE_ID} does not ship`);
  return JSON.parse(JSON.stringify(template.profile)) as PublicationProfile;
}
