/** 缩放 of the preview: the choices and the width of a page for each. */

/** The zoom choices: fit the pane's width, the whole page, or a percentage of the printed size. */
export type Zoom = 'width' | 'page' | number;

/** A4's width in CSS pixels at 100 % (210 mm at 96 px per inch). */
const A4_WIDTH_PX = (210 / 25.4) * 96;
/** A4's height over width. */
const A4_RATIO = 297 / 210;
export const ZOOM_PERCENTS = [50, 75, 100, 125, 150, 200] as const;

/** The CSS width of a preview page for a zoom, given the scroll area's inner size; undefined = the pane's width. */
export function pageWidth(zoom: Zoom, area: { width: number; height: number }): number | undefined {
  if (zoom === 'width') return undefined;
  if (zoom === 'page') return Math.max(120, Math.floor(Math.min(area.width, area.height / A4_RATIO)));
  return Math.round((A4_WIDTH_PX * zoom) / 100);
}
