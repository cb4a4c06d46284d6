import { apply, lengthScale, type Matrix } from './matrix.js';
import type { PathSegment } from './path-segments.js';
import type { Rgb } from './svg-colour.js';
import type { ArtPath, LineCap, LineJoin, VectorArtwork } from './vector-art.js';

/**
 * A vector 刊名 drawn into pixels (issue 12: the PNG a .docx shows where Word cannot read the SVG). Pure and
 * small: curves are flattened to polylines (error ≤ a tenth of a pixel), fills are scan-converted with the path's
 * winding rule (nonzero or even-odd, SVG 1.1 §11.3), anti-aliased by sub-scanlines with exact horizontal coverage.
 * Strokes are turned into polygons first — a rectangle per flattened segment, the joins (miter within the miter
 * limit, else bevel; round) and caps (butt, square, round) of SVG 1.1 §11.4 as further polygons, all wound the same
 * way — and filled with the nonzero rule, so overlaps add up and never cancel. Paths are painted in document order,
 * fill then stroke, source-over onto a transparent canvas. No dashes (the artwork model has none).
 */

export interface RasteriseOptions {
  /** The picture's size in pixels. */
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** Each path's paint, from the artwork's RGB (e.g. everything the masthead red). Default: its own colour. */
  readonly paint?: (rgb: Rgb) => Rgb;
  /** Sub-scanlines per pixel row (vertical anti-aliasing); default 4. */
  readonly samples?: number;
}

/** Straight (not premultiplied) 8-bit RGBA, rows top to bottom. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

type Point = readonly [number, number];
/** A flattened subpath: its points (pixels), and whether it was closed with Z. */
interface Ring {
  readonly points: Point[];
  readonly closed: boolean;
}

/** Largest distance (pixels) between a curve and the polyline drawn for it. */
const FLATTEN_TOLERANCE = 0.1;

/** Draws the artwork scaled (proportions kept) to fill pixelWidth × pixelHeight. */
export function rasteriseArtwork(art: VectorArtwork, opts: RasteriseOptions): RgbaImage {
  const { pixelWidth: w, pixelHeight: h } = opts;
  const s = Math.min(w / art.width, h / art.height);
  const m: Matrix = [s, 0, 0, s, (w - art.width * s) / 2, (h - art.height * s) / 2];
  const canvas = new Float32Array(w * h * 4); // premultiplied
  const samples = Math.max(1, Math.round(opts.samples ?? 4));
  for (const path of art.paths) paintPath(canvas, path, { w, h, m, samples, paint: opts.paint ?? ((c) => c) });
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const a = canvas[i * 4 + 3]!;
    if (a <= 0) continue;
    data[i * 4] = Math.round(Math.min(255, canvas[i * 4]! / a));
    data[i * 4 + 1] = Math.round(Math.min(255, canvas[i * 4 + 1]! / a));
    data[i * 4 + 2] = Math.round(Math.min(255, canvas[i * 4 + 2]! / a));
    data[i * 4 + 3] = Math.round(Math.min(1, a) * 255);
  }
  return { width: w, height: h, data };
}

function paintPath(
  canvas: Float32Array,
  path: ArtPath,
  ctx: { w: number; h: number; m: Matrix; samples: number; paint: (rgb: Rgb) => Rgb },
): void {
  const rings = flatten(path.segments, ctx.m);
  if (path.fill) fillPolygons(canvas, rings.map((r) => r.points), path.fillRule, ctx.paint(path.fill), ctx);
  if (path.stroke && path.strokeWidth > 0) {
    const width = path.strokeWidth * lengthScale(ctx.m);
    const polys = rings.flatMap((r) => strokeRing(r, { width, cap: path.lineCap, join: path.lineJoin, miterLimit: path.miterLimit }));
    fillPolygons(canvas, polys, 'nonzero', ctx.paint(path.stroke), ctx);
  }
}

/** The segments mapped by m, as polylines: one ring per subpath. */
export function flatten(segments: readonly PathSegment[], m: Matrix): Ring[] {
  const rings: Ring[] = [];
  let points: Point[] = [];
  let start: Point = [0, 0];
  let at: Point = [0, 0];
  const end = (closed: boolean) => {
    if (points.length > 1 || (points.length === 1 && closed)) rings.push({ points, closed });
    points = [];
  };
  for (const seg of segments) {
    switch (seg.op) {
      case 'M':
        end(false);
        at = start = apply(m, seg.x, seg.y);
        points.push(at);
        break;
      case 'L':
        if (!points.length) points.push(at);
        at = apply(m, seg.x, seg.y);
        points.push(at);
        break;
      case 'C': {
        if (!points.length) points.push(at);
        const p1 = apply(m, seg.x1, seg.y1);
        const p2 = apply(m, seg.x2, seg.y2);
        const p3 = apply(m, seg.x, seg.y);
        const p0 = at;
        // Uniform steps: the chord error of n steps is at most 6·dd / (8n²), dd the largest second difference.
        const dd = Math.max(
          Math.hypot(p0[0] - 2 * p1[0] + p2[0], p0[1] - 2 * p1[1] + p2[1]),
          Math.hypot(p1[0] - 2 * p2[0] + p3[0], p1[1] - 2 * p2[1] + p3[1]),
        );
        const n = Math.min(1000, Math.max(1, Math.ceil(Math.sqrt((6 * dd) / (8 * FLATTEN_TOLERANCE)))));
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const c = 3 * u * t * t;
          const d = t * t * t;
          points.push([a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]]);
        }
        at = p3;
        break;
      }
      case 'Z':
        if (points.length) end(true);
        at = start;
        break;
    }
  }
  end(false);
  return rings;
}

/** Twice the signed area of a polygon (positive: clockwise on a y-down canvas). */
function area2(poly: readonly Point[]): number {
  let a = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a;
}

/** The polygon wound positively (so that nonzero filling of many of them is their union). */
function positive(poly: Point[]): Point[] {
  return area2(poly) < 0 ? poly.reverse() : poly;
}

function circle(c: Point, r: number): Point[] {
  const n = Math.max(8, Math.min(256, Math.ceil((2 * Math.PI * r) / 1.5)));
  const out: Point[] = [];
  for (let i = 0; i < n; i++) out.push([c[0] + r * Math.cos((2 * Math.PI * i) / n), c[1] + r * Math.sin((2 * Math.PI * i) / n)]);
  return out;
}

/** The outline of a stroked polyline as polygons, each wound positively. */
export function strokeRing(ring: Ring, opts: { width: number; cap: LineCap; join: LineJoin; miterLimit: number }): Point[][] {
  const hw = opts.width / 2;
  // Drop repeated points: a zero-length segment has no direction.
  const pts: Point[] = [];
  for (const p of ring.points) {
    const last = pts[pts.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) > 1e-9) pts.push(p);
  }
  const closed = ring.closed && pts.length > 2;
  if (closed) {
    const a = pts[0]!;
    const b = pts[pts.length - 1]!;
    if (Math.hypot(a[0] - b[0], a[1] - b[1]) <= 1e-9) pts.pop();
  }
  const out: Point[][] = [];
  if (pts.length === 1) {
    // A zero-length subpath: round and square caps still draw a dot (SVG 1.1 §11.4, 'stroke-linecap').
    const p = pts[0]!;
    if (opts.cap === 'round') out.push(positive(circle(p, hw)));
    if (opts.cap === 'square') out.push(positive([[p[0] - hw, p[1] - hw], [p[0] + hw, p[1] - hw], [p[0] + hw, p[1] + hw], [p[0] - hw, p[1] + hw]]));
    return out;
  }
  const count = closed ? pts.length : pts.length - 1;
  const dirs: Point[] = [];
  for (let i = 0; i < count; i++) {
    const p = pts[i]!;
    const q = pts[(i + 1) % pts.length]!;
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    dirs.push([(q[0] - p[0]) / len, (q[1] - p[1]) / len]);
  }
  for (let i = 0; i < count; i++) {
    let p = pts[i]!;
    let q = pts[(i + 1) % pts.length]!;
    const [dx, dy] = dirs[i]!;
    if (!closed && opts.cap === 'square') {
      if (i === 0) p = [p[0] - dx * hw, p[1] - dy * hw];
      if (i === count - 1) q = [q[0] + dx * hw, q[1] + dy * hw];
    }
    const nx = -dy * hw;
    const ny = dx * hw;
    out.push(positive([[p[0] + nx, p[1] + ny], [q[0] + nx, q[1] + ny], [q[0] - nx, q[1] - ny], [p[0] - nx, p[1] - ny]]));
  }
  // Joins at every inner vertex (and, closed, at the first).
  const joinAt = (i: number, a: Point, b: Point) => {
    const p = pts[i]!;
    const cross = a[0] * b[1] - a[1] * b[0];
    const dot = a[0] * b[0] + a[1] * b[1];
    if (Math.abs(cross) < 1e-9 && dot > 0) return; // straight on
    if (opts.join === 'round') {
      out.push(positive(circle(p, hw)));
      return;
    }
    // The outer side is to the right of the turn when it turns left, and so on: the side away from the turn.
    const side = cross > 0 ? -1 : 1;
    const n1: Point = [p[0] + side * -a[1] * hw, p[1] + side * a[0] * hw];
    const n2: Point = [p[0] + side * -b[1] * hw, p[1] + side * b[0] * hw];
    const theta = Math.acos(Math.max(-1, Math.min(1, -dot))); // angle between the two segments
    const miterRatio = 1 / Math.sin(theta / 2);
    if (opts.join === 'miter' && Number.isFinite(miterRatio) && miterRatio <= opts.miterLimit) {
      // The miter tip along the bisector of the outer normals.
      const bx = n1[0] - p[0] + (n2[0] - p[0]);
      const by = n1[1] - p[1] + (n2[1] - p[1]);
      const bl = Math.hypot(bx, by);
      if (bl > 1e-9) {
        const tip: Point = [p[0] + (bx / bl) * hw * miterRatio, p[1] + (by / bl) * hw * miterRatio];
        out.push(positive([p, n1, tip, n2]));
        return;
      }
    }
    out.push(positive([p, n1, n2]));
  };
  for (let i = 1; i < count; i++) joinAt(i, dirs[i - 1]!, dirs[i]!);
  if (closed) joinAt(0, dirs[count - 1]!, dirs[0]!);
  if (!closed && opts.cap === 'round') {
    out.push(positive(circle(pts[0]!, hw)), positive(circle(pts[pts.length - 1]!, hw)));
  }
  return out;
}

interface Edge {
  readonly x0: number;
  readonly y0: number;
  readonly y1: number;
  readonly slope: number;
  readonly dir: number;
}

/**
 * Fills polygons (each implicitly closed) with a winding rule and composites `colour` by the coverage, source-over,
 * onto the premultiplied canvas.
 */
function fillPolygons(
  canvas: Float32Array,
  polys: readonly (readonly Point[])[],
  rule: 'nonzero' | 'evenodd',
  colour: Rgb,
  ctx: { w: number; h: number; samples: number },
): void {
  const edges: Edge[] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  for (const poly of polys) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!;
      const b = poly[(i + 1) % poly.length]!;
      minX = Math.min(minX, a[0]);
      maxX = Math.max(maxX, a[0]);
      if (a[1] === b[1]) continue;
      const down = a[1] < b[1];
      const [p, q] = down ? [a, b] : [b, a];
      edges.push({ x0: p[0], y0: p[1], y1: q[1], slope: (q[0] - p[0]) / (q[1] - p[1]), dir: down ? 1 : -1 });
    }
  }
  if (!edges.length) return;
  edges.sort((e, f) => e.y0 - f.y0);
  const { w, h, samples } = ctx;
  const x0 = Math.max(0, Math.floor(minX));
  const x1 = Math.min(w, Math.ceil(maxX) + 1);
  if (x1 <= x0) return;
  const yStart = Math.max(0, Math.floor(edges[0]!.y0));
  let bottom = -Infinity;
  for (const e of edges) bottom = Math.max(bottom, e.y1);
  const yEnd = Math.min(h, Math.ceil(bottom));
  const span = x1 - x0;
  // Per row: direct coverage (partial pixels) and a difference array (runs of whole pixels).
  const cover = new Float32Array(span + 1);
  const delta = new Float32Array(span + 2);
  const weight = 1 / samples;
  let active: Edge[] = [];
  let next = 0;
  // Crossings of one sub-scanline: x and winding direction, kept sorted by x (insertion sort: they are few).
  let xs = new Float64Array(64);
  let ds = new Int8Array(64);
  const [r, g, b] = [colour[0], colour[1], colour[2]];
  for (let y = yStart; y < yEnd; y++) {
    let ended = false;
    for (const e of active) if (e.y1 <= y) ended = true;
    if (ended) active = active.filter((e) => e.y1 > y);
    while (next < edges.length && edges[next]!.y0 < y + 1) active.push(edges[next++]!);
    if (!active.length) continue;
    if (active.length > xs.length) {
      xs = new Float64Array(active.length * 2);
      ds = new Int8Array(active.length * 2);
    }
    let lo = span;
    let hi = -1;
    for (let s = 0; s < samples; s++) {
      const sy = y + (s + 0.5) / samples;
      let n = 0;
      for (const e of active) {
        if (!(e.y0 <= sy && sy < e.y1)) continue;
        const x = e.x0 + (sy - e.y0) * e.slope;
        let i = n++;
        while (i > 0 && xs[i - 1]! > x) {
          xs[i] = xs[i - 1]!;
          ds[i] = ds[i - 1]!;
          i--;
        }
        xs[i] = x;
        ds[i] = e.dir;
      }
      if (n < 2) continue;
      let wind = 0;
      for (let i = 0; i < n - 1; i++) {
        wind += ds[i]!;
        const inside = rule === 'nonzero' ? wind !== 0 : (wind & 1) === 1;
        if (!inside) continue;
        const xa = Math.max(x0, Math.min(x1, xs[i]!)) - x0;
        const xb = Math.max(x0, Math.min(x1, xs[i + 1]!)) - x0;
        if (xb <= xa) continue;
        const ia = Math.floor(xa);
        const ib = Math.floor(xb);
        if (ia < lo) lo = ia;
        if (ib > hi) hi = ib;
        if (ia === ib) {
          cover[ia]! += (xb - xa) * weight;
        } else {
          cover[ia]! += (ia + 1 - xa) * weight;
          cover[ib]! += (xb - ib) * weight;
          delta[ia + 1]! += weight;
          delta[ib]! -= weight;
        }
      }
    }
    if (hi < 0) continue;
    let run = 0;
    const row = (y * w + x0) * 4;
    const end = Math.min(span, hi + 1);
    for (let i = lo; i < end; i++) {
      run += delta[i]!;
      const a = Math.min(1, cover[i]! + run);
      if (a <= 1e-6) continue;
      const at = row + i * 4;
      const keep = 1 - a;
      canvas[at] = r * a + canvas[at]! * keep;
      canvas[at + 1] = g * a + canvas[at + 1]! * keep;
      canvas[at + 2] = b * a + canvas[at + 2]! * keep;
      canvas[at + 3] = a + canvas[at + 3]! * keep;
    }
    cover.fill(0, lo, hi + 2);
    delta.fill(0, lo, hi + 3);
  }
}
