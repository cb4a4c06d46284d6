import type { PictureImage } from '../model/issue.js';
import type { LineCache } from './line-cache.js';
import { breakLines, type Line, type LineOptions } from './lines.js';
import { placePicture } from './picture-block.js';
import type { LayoutPreset } from './preset.js';
import type { Unit } from './units.js';

type BlockBreaks = ReturnType<LineCache['lines']>;

/**
 * A picture block's lines: as many empty grid lines as the image takes (./picture-block.ts), then its 图注
 * broken centred; no tightened or loosened arrangement (a picture block is never adjusted nor split).
 */
export function pictureBreaks(
  image: PictureImage,
  input: { readonly preset: LayoutPreset; readonly units: readonly Unit[]; readonly opts: LineOptions },
): BlockBreaks {
  const caption = input.units.length ? breakLines(input.units, input.opts) : [];
  const placed = placePicture(image, input.preset);
  const lines: Line[] = [];
  for (let i = 0; i < placed.lines; i++) lines.push({ placements: [], last: caption.length === 0 && i === placed.lines - 1 });
  return { lines: [...lines, ...caption] };
}
