import type { PathSegment } from './path-segments.js';
import type { Rgb } from './svg-colour.js';

/** A colour as ink percentages: cyan, magenta, yellow, black (0…100). */
export type CmykPercent = readonly [number, number, number, number];

/**
 * Artwork read from an SVG or a PDF file, ready to place: outlines in the artwork's own units (its viewBox, origin at the
 * top left, y down), each filled and/or stroked in an RGB colour. Plain data.
 */
export interface VectorArtwork {
  readonly kind: 'vector';
  /** The viewBox's size. */
  readonly width: number;
  readonly height: number;
  readonly paths: readonly ArtPath[];
  /** The <title> (SVG) or /Title (PDF), if any. */
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

/**
 * An outline of the artwork. Paint is RGB (for previews and SVG); a PDF colour given as ink (DeviceGray, DeviceCMYK,
 * a CMYK spot alternate) also keeps its exact CMYK, printed as it is when the artwork keeps its own colours.
 */
export type ArtPath = ArtPathOf<Rgb> & { readonly fillCmyk?: CmykPercent; readonly strokeCmyk?: CmykPercent };

/** A PNG 刊名: its pixel size and resolution, drawn as an image (png-artwork.ts). */
export interface RasterArtwork {
  readonly kind: 'raster';
  readonly format: 'png';
  /** The file as read. */
  readonly bytes: Uint8Array;
  /** An 8-bit greyscale PNG of the ink (0 full ink, 255 paper): printed tinted, red or black. */
  readonly grey: Uint8Array;
  /** For a picture with colour: an 8-bit RGB PNG on white, and its samples in DeviceCMYK (8 bits, zlib) for the PDF. */
  readonly colour?: { readonly png: Uint8Array; readonly cmyk: Uint8Array };
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** Pixels per inch the file declares (pHYs), if any. */
  readonly dpi?: number;
}

export type MastheadArtwork = VectorArtwork | RasterArtwork;
