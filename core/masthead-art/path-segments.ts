import { apply, type Matrix } from './matrix.js';

/**
 * Outlines as every backend draws them: absolute move-to, line-to, cubic Bézier and close. SVG's other commands
 * (H, V, S, Q, T, A) are reduced to these (svg-path-data.ts); PDF (m l c h), OFD AbbreviatedData (M L B C) and
 * canvas Path2D each have all four.
 */
export type PathSegment =
  | { readonly op: 'M'; readonly x: number; readonly y: number }
  | { readonly op: 'L'; readonly x: number; readonly y: number }
  | { readonly op: 'C'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly x: number; readonly y: number }
  | { readonly op: 'Z' };

/** The segments with every point mapped by m. */
export function transformSegments(segments: readonly PathSegment[], m: Matrix): PathSegment[] {
  return segments.map((s) => {
    switch (s.op) {
      case 'Z':
        return s;
      case 'C': {
        const [x1, y1] = apply(m, s.x1, s.y1);
        const [x2, y2] = apply(m, s.x2, s.y2);
        const [x, y] = apply(m, s.x, s.y);
        return { op: 'C', x1, y1, x2, y2, x, y };
      }
      default: {
        const [x, y] = apply(m, s.x, s.y);
        return { op: s.op, x, y };
      }
    }
  });
}

/** Bounding box of the segments' points (control points included: a safe, slightly large box). */
export function segmentBounds(segments: readonly PathSegment[]): { x0: number; y0: number; x1: number; y1: number } | undefined {
  const box = boxOfPoints();
  const add = box.add;
  for (const s of segments) {
    if (s.op === 'Z') continue;
    if (s.op === 'C') {
      add(s.x1, s.y1);
      add(s.x2, s.y2);
    }
    add(s.x, s.y);
  }
  return box.result();
}

/** SVG path data (absolute M L C Z) of segments, numbers rounded to `digits` decimals: for canvas Path2D and pdfmake. */
export function segmentsToSvgD(segments: readonly PathSegment[], digits = 3): string {
  const f = (v: number) => String(Number(v.toFixed(digits)));
  return segments
    .map((s) => {
      switch (s.op) {
        case 'Z':
          return 'Z';
        case 'C':
          return `C${f(s.x1)} ${f(s.y1)} ${f(s.x2)} ${f(s.y2)} ${f(s.x)} ${f(s.y)}`;
        default:
          return `${s.op}${f(s.x)} ${f(s.y)}`;
      }
    })
    .join('');
}

/** The exact bounding box of the outline the segments draw (a cubic's extremes, not its control points). */
export function tightBounds(segments: readonly PathSegment[]): { x0: number; y0: number; x1: number; y1: number } | undefined {
  const box = boxOfPoints();
  const add = box.add;
  let px = 0;
  let py = 0;
  for (const s of segments) {
    if (s.op === 'Z') continue;
    if (s.op === 'C') {
      for (const t of cubicExtremes(px, s.x1, s.x2, s.x).concat(cubicExtremes(py, s.y1, s.y2, s.y))) {
        const u = 1 - t;
        add(u * u * u * px + 3 * u * u * t * s.x1 + 3 * u * t * t * s.x2 + t * t * t * s.x, u * u * u * py + 3 * u * u * t * s.y1 + 3 * u * t * t * s.y2 + t * t * t * s.y);
      }
    }
    add(s.x, s.y);
    px = s.x;
    py = s.y;
  }
  return box.result();
}

/** Parameters in (0, 1) where a cubic's coordinate has a zero derivative. */
function cubicExtremes(p0: number, p1: number, p2: number, p3: number): number[] {
  const a = -p0 + 3 * p1 - 3 * p2 + p3;
  const b = 2 * (p0 - 2 * p1 + p2);
  const c = p1 - p0;
  const roots: number[] = [];
  if (Math.abs(a) < 1e-12) {
    if (Math.abs(b) > 1e-12) roots.push(-c / b);
  } else {
    const d = b * b - 4 * a * c;
    if (d >= 0) {
      const r = Math.sqrt(d);
      roots.push((-b + r) / (2 * a), (-b - r) / (2 * a));
    }
  }
  return roots.filter((t) => t > 0 && t < 1);
}

/** A bounding box grown point by point; `result()` is undefined when no point was added. */
function boxOfPoints(): { add(x: number, y: number): void; result(): { x0: number; y0: number; x1: number; y1: number } | undefined } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  return {
    add(x, y) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    },
    result: () => (x0 === Infinity ? undefined : { x0, y0, x1, y1 }),
  };
}
