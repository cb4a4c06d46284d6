import { IDENTITY, lengthScale, multiply, parseTransform, type Matrix } from './matrix.js';
import { transformSegments, type PathSegment } from './path-segments.js';
import { parsePaint, type Rgb } from './svg-colour.js';
import { parsePathData } from './svg-path-data.js';
import { MastheadArtError, parseSvgTree, type SvgElement } from './svg-tree.js';
import type { ArtPath, LineCap, LineJoin, VectorArtwork } from './vector-art.js';

/**
 * SVG → vector artwork: the drawing elements of SVG 1.1 (path, rect with rounded corners, circle, ellipse, line,
 * polyline, polygon), grouped by <g>/<svg>/<use>, with their transforms composed down the tree and their
 * presentation attributes, style="" declarations and simple <style> rules (tag, .class, #id) inherited as SVG's
 * cascade does. Paint is fill and stroke in flat colours (a gradient paints in its first stop's colour). Text
 * (<text>) is refused: it would need the drawing program's fonts; convert it to outlines first.
 */

/** Inherited paint state (SVG 1.1 §11, the properties a 刊名 uses). */
interface Paint {
  readonly fill: Rgb | null;
  readonly stroke: Rgb | null;
  readonly strokeWidth: number;
  readonly lineCap: LineCap;
  readonly lineJoin: LineJoin;
  readonly miterLimit: number;
  readonly fillRule: 'nonzero' | 'evenodd';
  readonly color: Rgb;
  readonly visible: boolean;
}

const INITIAL: Paint = {
  fill: [0, 0, 0],
  stroke: null,
  strokeWidth: 1,
  lineCap: 'butt',
  lineJoin: 'miter',
  miterLimit: 4,
  fillRule: 'nonzero',
  color: [0, 0, 0],
  visible: true,
};

/** Elements that hold nothing drawn directly (definitions, metadata). */
const NOT_DRAWN = new Set(['defs', 'title', 'desc', 'metadata', 'style', 'symbol', 'clippath', 'mask', 'lineargradient', 'radialgradient', 'pattern', 'marker', 'filter']);

type Rules = readonly { readonly selector: string; readonly declarations: Readonly<Record<string, string>> }[];

interface Walk {
  readonly ids: ReadonlyMap<string, SvgElement>;
  readonly rules: Rules;
  readonly out: ArtPath[];
  /** <use> nesting, to refuse reference cycles. */
  readonly using: Set<SvgElement>;
}

/** Reads SVG text as vector artwork; throws MastheadArtError with the reason in Chinese. */
export function svgToArtwork(text: string): VectorArtwork {
  const root = parseSvgTree(text);
  const box = viewBox(root);
  const ids = new Map<string, SvgElement>();
  const rules: { selector: string; declarations: Record<string, string> }[] = [];
  const index = (el: SvgElement) => {
    if (el.attrs.id) ids.set(el.attrs.id, el);
    if (el.name === 'style') rules.push(...parseStyleSheet(el.text));
    el.children.forEach(index);
  };
  index(root);
  const out: ArtPath[] = [];
  const origin: Matrix = [1, 0, 0, 1, -box.x, -box.y];
  const walk: Walk = { ids, rules, out, using: new Set() };
  for (const child of root.children) visit(child, { matrix: origin, paint: paintOf(root, INITIAL, walk) }, walk);
  if (!out.length) throw new MastheadArtError('SVG 中没有可绘制的图形（路径、矩形、圆等）');
  const title = root.children.find((c) => c.name === 'title')?.text.trim();
  return { kind: 'vector', width: box.width, height: box.height, paths: out, ...(title ? { title } : {}) };
}

function viewBox(root: SvgElement): { x: number; y: number; width: number; height: number } {
  const vb = root.attrs.viewBox ?? root.attrs.viewbox;
  if (vb) {
    const n = vb.trim().split(/[\s,]+/).map(Number);
    if (n.length !== 4 || n.some((v) => !Number.isFinite(v)) || n[2]! <= 0 || n[3]! <= 0) {
      throw new MastheadArtError(`SVG 的 viewBox 无效（${vb}）`);
    }
    return { x: n[0]!, y: n[1]!, width: n[2]!, height: n[3]! };
  }
  const width = length(root.attrs.width);
  const height = length(root.attrs.height);
  if (!(width > 0) || !(height > 0)) throw new MastheadArtError('SVG 没有 viewBox，也没有宽度和高度，无法确定大小');
  return { x: 0, y: 0, width, height };
}

/** A length in user units: plain numbers and px; mm/cm/in/pt at 96 user units per inch (CSS). */
function length(value: string | undefined, fallback = NaN): number {
  if (value === undefined) return fallback;
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(px|pt|mm|cm|in)?\s*$/.exec(value);
  if (!m) return fallback;
  const n = Number(m[1]);
  const unit = { px: 1, pt: 96 / 72, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 }[m[2] ?? 'px'] ?? 1;
  return n * unit;
}

function parseDeclarations(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const i = part.indexOf(':');
    if (i > 0) out[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim().replace(/\s*!important$/, '');
  }
  return out;
}

function parseStyleSheet(text: string): { selector: string; declarations: Record<string, string> }[] {
  const out: { selector: string; declarations: Record<string, string> }[] = [];
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of clean.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const declarations = parseDeclarations(m[2]!);
    for (const selector of m[1]!.split(',')) out.push({ selector: selector.trim(), declarations });
  }
  return out;
}

function matches(selector: string, el: SvgElement): boolean {
  if (selector === '*') return true;
  if (selector.startsWith('.')) return (el.attrs.class ?? '').split(/\s+/).includes(selector.slice(1));
  if (selector.startsWith('#')) return el.attrs.id === selector.slice(1);
  return selector.toLowerCase() === el.name;
}

/** The element's own property values: presentation attributes, then style sheet rules, then style="" (CSS order). */
function declared(el: SvgElement, walk: Walk): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(el.attrs)) out[k.toLowerCase()] = v;
  for (const rule of walk.rules) if (matches(rule.selector, el)) Object.assign(out, rule.declarations);
  if (el.attrs.style) Object.assign(out, parseDeclarations(el.attrs.style));
  return out;
}

function paintValue(value: string, current: Rgb, walk: Walk, what: string): Rgb | null {
  const ref = /^url\(\s*['"]?#([^'")]+)['"]?\s*\)\s*(.*)$/.exec(value.trim());
  if (ref) {
    const target = walk.ids.get(ref[1]!);
    const stop = target?.children.find((c) => c.name === 'stop');
    if (stop) {
      const decl = { ...stop.attrs, ...parseDeclarations(stop.attrs.style ?? '') };
      const colour = parsePaint(decl['stop-color'] ?? 'black', current);
      if (colour !== undefined) return colour;
    }
    if (ref[2]) return paintValue(ref[2], current, walk, what);
    return [0, 0, 0];
  }
  const colour = parsePaint(value, current);
  if (colour === undefined) throw new MastheadArtError(`SVG 的${what}颜色无法识别（${value.slice(0, 40)}）`);
  return colour;
}

function paintOf(el: SvgElement, parent: Paint, walk: Walk): Paint {
  const d = declared(el, walk);
  const color = d.color ? (parsePaint(d.color, parent.color) ?? parent.color) : parent.color;
  const opacityNone = (k: string) => d[k] !== undefined && Number(d[k]) === 0;
  let fill = d.fill !== undefined && d.fill !== 'inherit' ? paintValue(d.fill, color, walk, '填充') : parent.fill;
  let stroke = d.stroke !== undefined && d.stroke !== 'inherit' ? paintValue(d.stroke, color, walk, '描边') : parent.stroke;
  if (opacityNone('fill-opacity')) fill = null;
  if (opacityNone('stroke-opacity')) stroke = null;
  const visible = parent.visible && d.display !== 'none' && d.visibility !== 'hidden' && !opacityNone('opacity');
  return {
    fill,
    stroke,
    strokeWidth: d['stroke-width'] !== undefined ? length(d['stroke-width'], parent.strokeWidth) : parent.strokeWidth,
    lineCap: (['butt', 'round', 'square'] as const).find((v) => v === d['stroke-linecap']) ?? parent.lineCap,
    lineJoin: (['miter', 'round', 'bevel'] as const).find((v) => v === d['stroke-linejoin']) ?? parent.lineJoin,
    miterLimit: d['stroke-miterlimit'] !== undefined ? Number(d['stroke-miterlimit']) || parent.miterLimit : parent.miterLimit,
    fillRule: d['fill-rule'] === 'evenodd' ? 'evenodd' : d['fill-rule'] === 'nonzero' ? 'nonzero' : parent.fillRule,
    color,
    visible,
  };
}

function transformOf(el: SvgElement): Matrix {
  const t = el.attrs.transform;
  if (!t) return IDENTITY;
  try {
    return parseTransform(t);
  } catch (error) {
    throw new MastheadArtError(`SVG 的变换无法识别（${(error as Error).message}）`);
  }
}

function visit(el: SvgElement, state: { matrix: Matrix; paint: Paint }, walk: Walk): void {
  if (NOT_DRAWN.has(el.name)) return;
  if (el.name === 'text' || el.name === 'tspan' || el.name === 'textpath') {
    throw new MastheadArtError('SVG 含有文字（<text>），请先在绘图软件中把文字转为轮廓（路径）');
  }
  const paint = paintOf(el, state.paint, walk);
  let matrix = multiply(state.matrix, transformOf(el));
  if (el.name === 'g' || el.name === 'svg' || el.name === 'a' || el.name === 'switch') {
    if (el.name === 'svg') matrix = multiply(matrix, [1, 0, 0, 1, length(el.attrs.x, 0), length(el.attrs.y, 0)]);
    for (const child of el.children) visit(child, { matrix, paint }, walk);
    return;
  }
  if (el.name === 'use') {
    const ref = (el.attrs.href ?? el.attrs['xlink:href'] ?? '').trim();
    const target = walk.ids.get(ref.slice(1));
    if (!target || walk.using.has(target)) return;
    walk.using.add(target);
    const at = multiply(matrix, [1, 0, 0, 1, length(el.attrs.x, 0), length(el.attrs.y, 0)]);
    if (target.name === 'symbol') for (const child of target.children) visit(child, { matrix: at, paint }, walk);
    else visit(target, { matrix: at, paint }, walk);
    walk.using.delete(target);
    return;
  }
  const shape = shapeSegments(el);
  if (!shape || !shape.length || !paint.visible) return;
  if (!paint.fill && !paint.stroke) return;
  walk.out.push({
    segments: transformSegments(shape, matrix),
    ...(paint.fill && !(el.name === 'line') ? { fill: paint.fill } : {}),
    ...(paint.stroke ? { stroke: paint.stroke } : {}),
    fillRule: paint.fillRule,
    strokeWidth: paint.strokeWidth * lengthScale(matrix),
    lineCap: paint.lineCap,
    lineJoin: paint.lineJoin,
    miterLimit: paint.miterLimit,
  });
}

function numbers(text: string | undefined): number[] {
  return (text?.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? []).map(Number);
}

/** A basic shape's outline (SVG 1.1 §9), or a path's; undefined for elements that draw nothing. */
export function shapeSegments(el: SvgElement): PathSegment[] | undefined {
  const a = el.attrs;
  const n = (k: string) => length(a[k], 0);
  switch (el.name) {
    case 'path':
      try {
        return parsePathData(a.d ?? '');
      } catch (error) {
        throw new MastheadArtError(`SVG ${(error as Error).message}`);
      }
    case 'rect': {
      const [x, y, w, h] = [n('x'), n('y'), n('width'), n('height')];
      if (w <= 0 || h <= 0) return undefined;
      let rx = a.rx !== undefined ? n('rx') : a.ry !== undefined ? n('ry') : 0;
      let ry = a.ry !== undefined ? n('ry') : rx;
      rx = Math.min(rx, w / 2);
      ry = Math.min(ry, h / 2);
      if (rx <= 0 || ry <= 0) {
        return [{ op: 'M', x, y }, { op: 'L', x: x + w, y }, { op: 'L', x: x + w, y: y + h }, { op: 'L', x, y: y + h }, { op: 'Z' }];
      }
      return parsePathData(
        `M${x + rx} ${y}H${x + w - rx}A${rx} ${ry} 0 0 1 ${x + w} ${y + ry}V${y + h - ry}A${rx} ${ry} 0 0 1 ${x + w - rx} ${y + h}` +
          `H${x + rx}A${rx} ${ry} 0 0 1 ${x} ${y + h - ry}V${y + ry}A${rx} ${ry} 0 0 1 ${x + rx} ${y}Z`,
      );
    }
    case 'circle':
    case 'ellipse': {
      const [cx, cy] = [n('cx'), n('cy')];
      const rx = el.name === 'circle' ? n('r') : n('rx');
      const ry = el.name === 'circle' ? n('r') : n('ry');
      if (rx <= 0 || ry <= 0) return undefined;
      return parsePathData(`M${cx + rx} ${cy}A${rx} ${ry} 0 0 1 ${cx} ${cy + ry}A${rx} ${ry} 0 0 1 ${cx - rx} ${cy}A${rx} ${ry} 0 0 1 ${cx} ${cy - ry}A${rx} ${ry} 0 0 1 ${cx + rx} ${cy}Z`);
    }
    case 'line':
      return [{ op: 'M', x: n('x1'), y: n('y1') }, { op: 'L', x: n('x2'), y: n('y2') }];
    case 'polyline':
    case 'polygon': {
      const p = numbers(a.points);
      if (p.length < 4) return undefined;
      const out: PathSegment[] = [{ op: 'M', x: p[0]!, y: p[1]! }];
      for (let i = 2; i + 1 < p.length; i += 2) out.push({ op: 'L', x: p[i]!, y: p[i + 1]! });
      if (el.name === 'polygon') out.push({ op: 'Z' });
      return out;
    }
    default:
      return undefined;
  }
}
