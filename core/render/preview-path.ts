import { segmentsToSvgD } from '../masthead-art/path-segments.js';
import type { PlacedPath } from '../typeset/page-layout.js';
import type { PreviewArtwork } from './preview-layout.js';

/** An artwork outline placed on the page as the preview draws it: SVG path data and its paint. */
export function previewPath(p: PlacedPath): PreviewArtwork {
  return {
    d: segmentsToSvgD(p.segments),
    ...(p.fill ? { fill: p.fill } : {}),
    ...(p.stroke ? { stroke: p.stroke } : {}),
    fillRule: p.fillRule,
    strokeWidth: p.strokeWidth,
    lineCap: p.lineCap,
    lineJoin: p.lineJoin,
    miterLimit: p.miterLimit,
  };
}
