import type { PathSegment } from './path-segments.js';
import type { Rgb } from './svg-colour.js';

/**
 * Artwork read from an SVG file, ready to place: outlines in the artwork's own units (its viewBox, origin at the
 * top left, y down), each filled and/or stroked in an RGB colour. Plain data.
 */
export interface VectorArtwork {
  readonly kind: 'vector';
  /** The viewBox's size. */
  readonly width: number;
  readonly height: number;
  readonly paths: readonly ArtPath[];
  /** The <title>, if any. */
  readonly title?: string;
}

export type LineCap = 'butt' | 'round' | 'square';
export type LineJoin = 'miter' | 'round' | 'bevel';

/** One outline with its paint. Colour type is RGB in the artwork, CMYK once placed on a page. */
export interface ArtPathOf<Colour> {
  readonly segments: readonly PathSegment[];
  readonly fill?: Colour;
  readonly fillRule: 'nonzero' | 'evenodd';
  readonly stroke?: Colour;
  readonly strokeWidth: number;
  readonly lineCap: LineCap;
  readonly lineJoin: LineJoin;
  readonly miterLimit: number;
}

export type ArtPath = ArtPathOf<Rgb>;

/** A PNG 刊名: its pixel size and resolution, drawn as an image. */
export interface RasterArtwork {
  readonly kind: 'raster';
  readonly format: 'png';
  readonly bytes: Uint8Array;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** Pixels per inch the file declares (pHYs), if any. */
  readonly dpi?: number;
}

export type MastheadArtwork = VectorArtwork | RasterArtwork;
