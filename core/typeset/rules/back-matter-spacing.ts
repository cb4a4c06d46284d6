/**
 * The 版记's own spacing when a page is to be saved (issue 16: 缩版). GB/T 9704-2012 §7.4 fixes the 版记's
 * parts, rules and type size (4号), not the distance between its rows; print rooms set the 送 list and the rows
 * under it tighter to pull a short last page back. The rows keep at least one and a half times the type size
 * apart so they stay legible; the blank grid line between the text and the 版记 may be given up as well.
 * docs/layout-rules.md, Back matter.
 */

/** The tightest row pitch of the 版记, in ems of its type size (standard: 14 pt → 21 pt instead of 25 pt). */
export const BACK_MATTER_TIGHT_PITCH_EM = 1.5;

/** Blank grid lines kept between the text and the 版记: normally one, none to save a page. */
export const BACK_MATTER_GAP = { normal: 1, saving: 0 } as const;

/** The row pitch of a tightened 版记 for a type size and the normal pitch (never looser than the normal). */
export function tightBackMatterPitch(size: number, normalPitch: number): number {
  return Math.min(normalPitch, BACK_MATTER_TIGHT_PITCH_EM * size);
}
