import type { ImageItem } from './page-layout.js';
import { placePicture } from './picture-block.js';
import { linePitch, type LayoutPreset } from './preset.js';
import type { StyledBlock } from './styled.js';

/**
 * A picture block's image on its page: centred across the type area, its top on the grid line of the block's
 * first slot (./picture-block.ts). The caption lines that follow the image lines are set as text.
 */
export function placeImage(block: StyledBlock, at: { readonly preset: LayoutPreset; readonly slot: number }): ImageItem {
  const image = block.picture!;
  const { preset } = at;
  const placed = placePicture(image, preset);
  return {
    x: preset.left + (preset.width - placed.width) / 2,
    y: preset.top + at.slot * linePitch(preset),
    width: placed.width,
    height: placed.height,
    image,
    source: block.source,
  };
}
