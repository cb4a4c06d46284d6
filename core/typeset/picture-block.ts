import { PICTURE_LIMITS } from '../model/picture.js';
import type { PictureImage } from '../model/issue.js';
import { linePitch, type LayoutPreset } from './preset.js';

/**
 * How a picture sits on the page grid (issue 12 point 3). A picture is placed at the type width, or smaller
 * when its pixels would print below {@link PICTURE_LIMITS.minDpi} there, or when it would be taller than a page
 * can hold with its caption; it is centred across the type area with its top on a grid line. Its height is
 * rounded up to whole grid lines (with at least a quarter line of air below it), its 图注 takes whole grid lines
 * after it, so the text that follows stays on the grid (GB/T 9704-2012 §5.2.2: 22 lines). The whole is one
 * block that a page never splits (./page-plan.ts).
 */

/** A picture's placement: its size in points and the grid lines the image takes (without its caption). */
export interface PicturePlacement {
  readonly width: number;
  readonly height: number;
  readonly lines: number;
}

/** Air kept below the image inside its rounded lines, in grid lines. */
const AIR_BELOW = 0.25;
/** Grid lines of a page a picture leaves free at least, for its caption (up to three lines) and two of text. */
const FREE_LINES = 5;

/** The caption's size: one step below the body (3号 16 pt → 4号 14 pt; 14 pt → 12 pt). */
export function captionSize(bodySize: number): number {
  return bodySize - 2;
}

/** Where and how big a picture is placed, for its pixel size. */
export function placePicture(image: Pick<PictureImage, 'width' | 'height'>, preset: LayoutPreset): PicturePlacement {
  const pitch = linePitch(preset);
  const natural = (image.width / PICTURE_LIMITS.minDpi) * 72;
  let width = Math.min(preset.width, natural);
  let height = (width * image.height) / image.width;
  const maxLines = Math.max(2, preset.linesPerPage - FREE_LINES);
  const maxHeight = (maxLines - AIR_BELOW) * pitch;
  if (height > maxHeight) {
    width = (width * maxHeight) / height;
    height = maxHeight;
  }
  return { width, height, lines: pictureLines(height, pitch) };
}

/** Grid lines an image of `height` points takes: rounded up, with a quarter line of air below it. */
export function pictureLines(height: number, pitch: number): number {
  return Math.max(1, Math.ceil(height / pitch + AIR_BELOW - 1e-6));
}

/**
 * The pixel size a picture is re-encoded at: {@link PICTURE_LIMITS.dpi} at its largest placed size (the type width
 * of the preset), never more than it has.
 */
export function targetPixels(image: Pick<PictureImage, 'width' | 'height'>, preset: LayoutPreset): { width: number; height: number } {
  const placed = placePicture(image, preset);
  const scale = Math.min(1, (placed.width / 72) * PICTURE_LIMITS.dpi / image.width);
  return { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) };
}
