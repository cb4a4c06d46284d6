import { apply, lengthScale, multiply, type Matrix } from './matrix.js';
import { tightBounds, type PathSegment } from './path-segments.js';
import { colourOf, componentCount, DEVICE_GRAY, initialComponents, readColourSpace, type ColourSpace, type PaintColour } from './pdf-colour.js';
import type { PdfDocument } from './pdf-document.js';
import { isDict, isName, isOperator, isStream, PdfLexer, type PdfDict, type PdfStream, type PdfValue } from './pdf-objects.js';
import { MastheadArtError } from './svg-tree.js';
import type { ArtPath, LineCap, LineJoin } from './vector-art.js';

/**
 * A page's content stream run as a drawing (ISO 32000-1 §8 graphics, operators of Annex A): graphics state
 * (q Q cm w J j M d gs), path construction (m l c v y h re), painting (f F f* S s B B* b b* n), clipping (W W*),
 * colour (g G rg RG k K cs CS sc scn SC SCN), Form XObjects (Do, with their /Matrix, /BBox and /Resources), marked
 * content (optional content that does not print is left out) and compatibility sections. Every painted outline
 * becomes an ArtPath in device space (the page's default user space).
 *
 * What cannot be drawn faithfully as flat filled and stroked outlines is refused with the reason: text (unless
 * invisible, Tr 3), images (image XObjects, inline images), shadings and patterns, transparency (alpha below 1, soft
 * masks), dashed strokes, and clipping that actually cuts an outline. Clipping paths are followed as rectangles
 * (axis-aligned in device space): one holding the whole page box (the page or artboard clip drawing programs write)
 * clips nothing — the artwork, like an SVG's, is not cut at its page box; under a smaller one an outline inside is
 * drawn, one wholly outside is dropped, one across its edge is refused; an outline under any other clip path is
 * refused.
 */

interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The clip: none, a rectangle in device space, or 'complex' (a clip path that is not one). */
type Clip = Rect | 'complex' | undefined;

interface GState {
  ctm: Matrix;
  fillSpace: ColourSpace;
  fill: number[];
  strokeSpace: ColourSpace;
  stroke: number[];
  lineWidth: number;
  lineCap: LineCap;
  lineJoin: LineJoin;
  miterLimit: number;
  dashed: boolean;
  fillAlpha: number;
  strokeAlpha: number;
  softMask: boolean;
  clip: Clip;
  textRender: number;
}

export interface ContentOptions {
  readonly doc: PdfDocument;
  /** The page box in device space: a clip rectangle holding all of it clips nothing that is drawn. */
  readonly box: Rect;
  /** How close to a clip edge (device units) still counts as inside. */
  readonly tolerance: number;
  /** Whether an optional content group or membership dictionary (§8.11) is hidden when printed. */
  readonly hidden?: (oc: PdfValue | undefined) => boolean;
}

/** More outline points than this is refused (a 刊名 has a few thousand). */
const MAX_POINTS = 2_000_000;
const MAX_DEPTH = 12;

const CAPS: readonly LineCap[] = ['butt', 'round', 'square'];
const JOINS: readonly LineJoin[] = ['miter', 'round', 'bevel'];

/** Runs the content streams with the page's resources; the outlines painted, in device space. */
export function runContent(streams: readonly Uint8Array[], resources: PdfDict | undefined, opts: ContentOptions): ArtPath[] {
  const out: ArtPath[] = [];
  const state: GState = {
    ctm: [1, 0, 0, 1, 0, 0],
    fillSpace: DEVICE_GRAY,
    fill: [0],
    strokeSpace: DEVICE_GRAY,
    stroke: [0],
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    miterLimit: 10,
    dashed: false,
    fillAlpha: 1,
    strokeAlpha: 1,
    softMask: false,
    clip: undefined,
    textRender: 0,
  };
  // Content split over several streams is one stream (§7.8.2): join them with a space between.
  const parts: Uint8Array[] = [];
  for (const s of streams) parts.push(s, Uint8Array.of(10));
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  const points = { count: 0 };
  run(joined, resources, state, { ...opts, out, points, depth: 0, forms: new Set() });
  return out;
}

interface Run extends ContentOptions {
  readonly out: ArtPath[];
  readonly points: { count: number };
  readonly depth: number;
  readonly forms: Set<PdfStream>;
}

const copy = (s: GState): GState => ({ ...s, fill: [...s.fill], stroke: [...s.stroke] });

function run(data: Uint8Array, resources: PdfDict | undefined, initial: GState, ctx: Run): void {
  const lex = new PdfLexer(data);
  const stack: GState[] = [];
  let gs = copy(initial);
  let operands: PdfValue[] = [];
  let path: PathSegment[] = [];
  let start: [number, number] | undefined;
  let current: [number, number] | undefined;
  let pendingClip: 'nonzero' | 'evenodd' | undefined;
  // Marked content (BMC/BDC … EMC): whether each open section is optional content that is hidden (a layer that is
  // off or does not print); what is drawn inside one is left out, as a viewer leaves it out.
  const marked: boolean[] = [];
  let hiddenDepth = 0;
  const { doc } = ctx;

  const nums = (n: number): number[] => {
    if (operands.length < n) throw new MastheadArtError('PDF 绘图指令的参数不足，文件可能已损坏');
    const got = operands.slice(-n);
    if (got.some((v) => typeof v !== 'number')) throw new MastheadArtError('PDF 绘图指令的参数无效，文件可能已损坏');
    return got as number[];
  };
  const point = (x: number, y: number): [number, number] => {
    if (++ctx.points.count > MAX_POINTS) throw new MastheadArtError('PDF 刊名图过于复杂（路径点数过多），请简化后再导出');
    return apply(gs.ctm, x, y);
  };
  const moveTo = (x: number, y: number) => {
    const [px, py] = point(x, y);
    path.push({ op: 'M', x: px, y: py });
    start = current = [x, y];
  };
  const lineTo = (x: number, y: number) => {
    if (!current) return moveTo(x, y);
    const [px, py] = point(x, y);
    path.push({ op: 'L', x: px, y: py });
    current = [x, y];
  };
  const curveTo = (x1: number, y1: number, x2: number, y2: number, x: number, y: number) => {
    if (!current) moveTo(x1, y1);
    const [a, b] = point(x1, y1);
    const [c, d] = point(x2, y2);
    const [e, f] = point(x, y);
    path.push({ op: 'C', x1: a, y1: b, x2: c, y2: d, x: e, y: f });
    current = [x, y];
  };
  const close = () => {
    if (!current) return;
    path.push({ op: 'Z' });
    current = start;
  };
  const resource = (kind: string, name: string): PdfValue | undefined => {
    const dict = doc.resolve(resources?.get(kind));
    return isDict(dict) ? doc.resolve(dict.get(name)) : undefined;
  };

  const paint = (fill: 'nonzero' | 'evenodd' | undefined, stroke: boolean) => {
    const segments = path;
    if (pendingClip) {
      gs.clip = intersect(gs.clip, segments, ctx);
      pendingClip = undefined;
    }
    path = [];
    start = current = undefined;
    if ((!fill && !stroke) || !segments.length || hiddenDepth > 0) return;
    const fillColour = fill ? paintColour(gs.fillSpace, gs.fill) : undefined;
    const strokeColour = stroke ? paintColour(gs.strokeSpace, gs.stroke) : undefined;
    if ((fill && gs.fillAlpha < 0.999) || (stroke && gs.strokeAlpha < 0.999) || gs.softMask) {
      throw new MastheadArtError('PDF 刊名图使用了透明度或蒙版，无法按原样印刷：请在绘图软件中拼合透明度（或去掉透明效果）后再导出');
    }
    if (stroke && gs.dashed) throw new MastheadArtError('PDF 刊名图含有虚线描边：请在绘图软件中把描边轮廓化（扩展描边）后再导出');
    const width = gs.lineWidth * lengthScale(gs.ctm);
    const bounds = tightBounds(segments);
    if (!bounds) return;
    const reach = stroke ? width / 2 : 0;
    const box = { x0: bounds.x0 - reach, y0: bounds.y0 - reach, x1: bounds.x1 + reach, y1: bounds.y1 + reach };
    const where = placeInClip(box, gs.clip, ctx.tolerance);
    if (where === 'outside') return;
    if (where === 'across') {
      throw new MastheadArtError('PDF 刊名图含有剪切路径（剪切蒙版）裁掉的图形，无法按原样绘制：请在绘图软件中释放剪切蒙版或执行“裁剪”后再导出');
    }
    ctx.out.push({
      segments,
      ...(fillColour ? { fill: fillColour.rgb, ...(fillColour.cmyk ? { fillCmyk: fillColour.cmyk } : {}) } : {}),
      ...(strokeColour ? { stroke: strokeColour.rgb, ...(strokeColour.cmyk ? { strokeCmyk: strokeColour.cmyk } : {}) } : {}),
      fillRule: fill ?? 'nonzero',
      // A zero-width line is the thinnest line the device can draw (§8.4.3.2): a hairline, 0.1 pt here.
      strokeWidth: width > 0 ? width : 0.1,
      lineCap: gs.lineCap,
      lineJoin: gs.lineJoin,
      miterLimit: gs.miterLimit,
    });
  };

  const setSpace = (stroking: boolean) => {
    const name = operands[operands.length - 1];
    const cs = readColourSpace(name, { doc, resources: resources });
    if (stroking) {
      gs.strokeSpace = cs;
      gs.stroke = initialComponents(cs);
    } else {
      gs.fillSpace = cs;
      gs.fill = initialComponents(cs);
    }
  };
  const setComponents = (stroking: boolean) => {
    if (operands.some(isName)) throw new MastheadArtError('PDF 刊名图使用了图案或渐变填充，无法按原样绘制：请在绘图软件中把渐变/图案扩展为纯色图形后再导出');
    const cs = stroking ? gs.strokeSpace : gs.fillSpace;
    const values = nums(Math.min(operands.length, Math.max(1, componentCount(cs))));
    if (stroking) gs.stroke = values;
    else gs.fill = values;
  };
  const setDevice = (cs: ColourSpace, n: number, stroking: boolean) => {
    const values = nums(n);
    if (stroking) {
      gs.strokeSpace = cs;
      gs.stroke = values;
    } else {
      gs.fillSpace = cs;
      gs.fill = values;
    }
  };

  for (;;) {
    const token = lex.next();
    if (token === undefined) break;
    if (!isOperator(token)) {
      operands.push(token);
      if (operands.length > 64) throw new MastheadArtError('PDF 内容流无效（参数过多），文件可能已损坏');
      continue;
    }
    const op = token.op;
    switch (op) {
      case 'q':
        if (stack.length > 256) throw new MastheadArtError('PDF 内容流无效（q 嵌套过深）');
        stack.push(copy(gs));
        break;
      case 'Q':
        if (stack.length) gs = stack.pop()!;
        break;
      case 'cm': {
        const [a, b, c, d, e, f] = nums(6) as [number, number, number, number, number, number];
        gs.ctm = multiply(gs.ctm, [a, b, c, d, e, f]);
        break;
      }
      case 'w':
        gs.lineWidth = Math.abs(nums(1)[0]!);
        break;
      case 'J':
        gs.lineCap = CAPS[nums(1)[0]!] ?? 'butt';
        break;
      case 'j':
        gs.lineJoin = JOINS[nums(1)[0]!] ?? 'miter';
        break;
      case 'M':
        gs.miterLimit = Math.max(1, nums(1)[0]!);
        break;
      case 'd': {
        const arr = operands[operands.length - 2];
        gs.dashed = Array.isArray(arr) && arr.some((v) => typeof v === 'number' && v > 0);
        break;
      }
      case 'gs':
        applyExtGState(gs, resource('ExtGState', nameOf(operands[operands.length - 1])), doc);
        break;
      case 'ri':
      case 'i':
        break;
      case 'm': {
        const [x, y] = nums(2) as [number, number];
        moveTo(x, y);
        break;
      }
      case 'l': {
        const [x, y] = nums(2) as [number, number];
        lineTo(x, y);
        break;
      }
      case 'c': {
        const [a, b, c, d, e, f] = nums(6) as [number, number, number, number, number, number];
        curveTo(a, b, c, d, e, f);
        break;
      }
      case 'v': {
        const [c, d, e, f] = nums(4) as [number, number, number, number];
        const [a, b] = current ?? [c, d];
        curveTo(a, b, c, d, e, f);
        break;
      }
      case 'y': {
        const [a, b, e, f] = nums(4) as [number, number, number, number];
        curveTo(a, b, e, f, e, f);
        break;
      }
      case 'h':
        close();
        break;
      case 're': {
        const [x, y, w, h] = nums(4) as [number, number, number, number];
        moveTo(x, y);
        lineTo(x + w, y);
        lineTo(x + w, y + h);
        lineTo(x, y + h);
        close();
        break;
      }
      case 'f':
      case 'F':
        paint('nonzero', false);
        break;
      case 'f*':
        paint('evenodd', false);
        break;
      case 'S':
        paint(undefined, true);
        break;
      case 's':
        close();
        paint(undefined, true);
        break;
      case 'B':
        paint('nonzero', true);
        break;
      case 'B*':
        paint('evenodd', true);
        break;
      case 'b':
        close();
        paint('nonzero', true);
        break;
      case 'b*':
        close();
        paint('evenodd', true);
        break;
      case 'n':
        paint(undefined, false);
        break;
      case 'W':
        pendingClip = 'nonzero';
        break;
      case 'W*':
        pendingClip = 'evenodd';
        break;
      case 'g':
        setDevice(DEVICE_GRAY, 1, false);
        break;
      case 'G':
        setDevice(DEVICE_GRAY, 1, true);
        break;
      case 'rg':
        setDevice({ kind: 'rgb' }, 3, false);
        break;
      case 'RG':
        setDevice({ kind: 'rgb' }, 3, true);
        break;
      case 'k':
        setDevice({ kind: 'cmyk' }, 4, false);
        break;
      case 'K':
        setDevice({ kind: 'cmyk' }, 4, true);
        break;
      case 'cs':
        setSpace(false);
        break;
      case 'CS':
        setSpace(true);
        break;
      case 'sc':
      case 'scn':
        setComponents(false);
        break;
      case 'SC':
      case 'SCN':
        setComponents(true);
        break;
      case 'Tr':
        gs.textRender = nums(1)[0]!;
        break;
      case 'Tj':
      case 'TJ':
      case "'":
      case '"':
        if (gs.textRender !== 3 && hiddenDepth === 0) {
          throw new MastheadArtError('PDF 刊名图含有文字（使用字体），请先在绘图软件中把文字转为轮廓（转曲）后再导出');
        }
        break;
      case 'BI':
        if (hiddenDepth > 0) {
          skipInlineImage(lex);
          break;
        }
        throw new MastheadArtError('PDF 刊名图含有位图图像，无法作为矢量图绘制：请使用纯矢量的 PDF 或 SVG，或 600 dpi 以上的 PNG');
      case 'sh':
        if (hiddenDepth > 0) break;
        throw new MastheadArtError('PDF 刊名图使用了渐变（shading），无法按原样绘制：请在绘图软件中把渐变扩展为纯色图形后再导出');
      case 'Do':
        if (hiddenDepth === 0) drawXObject(nameOf(operands[operands.length - 1]));
        break;
      case 'BMC':
        marked.push(false);
        break;
      case 'BDC': {
        const tag = operands[operands.length - 2];
        const props = operands[operands.length - 1];
        const oc = isName(tag) && tag.name === 'OC' ? (isName(props) ? resource('Properties', props.name) : props) : undefined;
        const hidden = oc !== undefined && !!ctx.hidden?.(oc);
        marked.push(hidden);
        if (hidden) hiddenDepth++;
        break;
      }
      case 'EMC':
        if (marked.pop()) hiddenDepth--;
        break;
      case 'd0':
      case 'd1':
      case 'BX':
      case 'EX':
      case 'MP':
      case 'DP':
      case 'BT':
      case 'ET':
      case 'Tc':
      case 'Tw':
      case 'Tz':
      case 'TL':
      case 'Tf':
      case 'Ts':
      case 'Td':
      case 'TD':
      case 'Tm':
      case 'T*':
        break;
      default:
        // Unknown operators are skipped (§7.8.2 asks readers to ignore them inside BX … EX; writers put none elsewhere).
        break;
    }
    operands = [];
  }

  function drawXObject(name: string): void {
    const x = resource('XObject', name);
    if (!isStream(x)) throw new MastheadArtError(`PDF 引用了缺失的对象（${name}），文件可能已损坏`);
    const subtype = doc.resolve(x.dict.get('Subtype'));
    const kind = isName(subtype) ? subtype.name : '';
    if (kind === 'Image' && !ctx.hidden?.(doc.resolve(x.dict.get('OC')))) {
      throw new MastheadArtError('PDF 刊名图含有位图图像，无法作为矢量图绘制：请使用纯矢量的 PDF 或 SVG，或 600 dpi 以上的 PNG');
    }
    if (kind === 'PS' || ctx.hidden?.(doc.resolve(x.dict.get('OC')))) return;
    if (kind !== 'Form') throw new MastheadArtError(`PDF 含有无法识别的外部对象（${kind || name}）`);
    if (ctx.forms.has(x) || ctx.depth >= MAX_DEPTH) throw new MastheadArtError('PDF 的表单对象嵌套过深或循环引用，文件可能已损坏');
    const group = doc.resolve(x.dict.get('Group'));
    if (isDict(group) && isDict(doc.resolve(group.get('SMask')))) {
      throw new MastheadArtError('PDF 刊名图使用了透明度或蒙版，无法按原样印刷：请在绘图软件中拼合透明度后再导出');
    }
    const m = doc.resolve(x.dict.get('Matrix'));
    const matrix = Array.isArray(m) && m.length === 6 && m.every((v) => typeof v === 'number') ? (m as unknown as Matrix) : ([1, 0, 0, 1, 0, 0] as Matrix);
    const inner = copy(gs);
    inner.ctm = multiply(gs.ctm, matrix);
    const bbox = doc.resolve(x.dict.get('BBox'));
    if (Array.isArray(bbox) && bbox.length === 4 && bbox.every((v) => typeof v === 'number')) {
      const [a, b, c, d] = bbox as number[];
      const [x0, y0] = [Math.min(a!, c!), Math.min(b!, d!)];
      const [x1, y1] = [Math.max(a!, c!), Math.max(b!, d!)];
      const corners: PathSegment[] = [
        { op: 'M', ...xy(apply(inner.ctm, x0, y0)) },
        { op: 'L', ...xy(apply(inner.ctm, x1, y0)) },
        { op: 'L', ...xy(apply(inner.ctm, x1, y1)) },
        { op: 'L', ...xy(apply(inner.ctm, x0, y1)) },
        { op: 'Z' },
      ];
      // A rotated or skewed box is not a rectangle in device space: its clip is left out (writers make it generous).
      if (rectOf(corners)) inner.clip = intersect(inner.clip, corners, ctx);
    }
    const own = doc.resolve(x.dict.get('Resources'));
    ctx.forms.add(x);
    try {
      run(doc.decode(x), isDict(own) ? own : resources, inner, { ...ctx, depth: ctx.depth + 1 });
    } finally {
      ctx.forms.delete(x);
    }
  }
}

/** Moves past an inline image's data (after ID, up to EI) so that the operators after it are read. */
function skipInlineImage(lex: PdfLexer): void {
  const b = lex.bytes;
  for (;;) {
    const t = lex.next();
    if (t === undefined) return;
    if (isOperator(t) && t.op === 'ID') break;
  }
  for (let i = lex.pos + 1; i + 2 < b.length; i++) {
    if (b[i] === 0x45 && b[i + 1] === 0x49 && (b[i + 2] === undefined || b[i + 2]! <= 0x20) && b[i - 1]! <= 0x20) {
      lex.pos = i + 2;
      return;
    }
  }
  lex.pos = b.length;
}

const xy = ([x, y]: [number, number]) => ({ x, y });

function nameOf(v: PdfValue | undefined): string {
  if (!isName(v)) throw new MastheadArtError('PDF 绘图指令缺少资源名称，文件可能已损坏');
  return v.name;
}

function paintColour(space: ColourSpace, comps: readonly number[]): PaintColour {
  const c = colourOf(space, comps);
  if (!c) throw new MastheadArtError('PDF 刊名图使用了图案或渐变填充，无法按原样绘制：请在绘图软件中把渐变/图案扩展为纯色图形后再导出');
  return c;
}

/** The graphics state parameters of an ExtGState (§8.4.5) a drawing depends on. */
function applyExtGState(gs: GState, v: PdfValue | undefined, doc: PdfDocument): void {
  if (!isDict(v)) return;
  const get = (k: string) => doc.resolve(v.get(k));
  const lw = get('LW');
  if (typeof lw === 'number') gs.lineWidth = Math.abs(lw);
  const lc = get('LC');
  if (typeof lc === 'number') gs.lineCap = CAPS[lc] ?? 'butt';
  const lj = get('LJ');
  if (typeof lj === 'number') gs.lineJoin = JOINS[lj] ?? 'miter';
  const ml = get('ML');
  if (typeof ml === 'number') gs.miterLimit = Math.max(1, ml);
  const d = get('D');
  if (Array.isArray(d)) {
    const arr = doc.resolve(d[0]);
    gs.dashed = Array.isArray(arr) && arr.some((x) => typeof x === 'number' && x > 0);
  }
  const ca = get('ca');
  if (typeof ca === 'number') gs.fillAlpha = ca;
  const CA = get('CA');
  if (typeof CA === 'number') gs.strokeAlpha = CA;
  const smask = get('SMask');
  if (smask !== undefined) gs.softMask = !(isName(smask) && smask.name === 'None');
}

/** The rectangle a path is, when it is one axis-aligned rectangle in device space. */
function rectOf(segments: readonly PathSegment[]): Rect | undefined {
  const pts: [number, number][] = [];
  for (const s of segments) {
    if (s.op === 'C') return undefined;
    if (s.op === 'M' && pts.length) return undefined;
    if (s.op !== 'Z') pts.push([s.x, s.y]);
  }
  if (pts.length === 5 && Math.abs(pts[4]![0] - pts[0]![0]) < 1e-6 && Math.abs(pts[4]![1] - pts[0]![1]) < 1e-6) pts.pop();
  if (pts.length !== 4) return undefined;
  const eps = 1e-6;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[(i + 1) % 4]!;
    if (Math.abs(ax - bx) > eps && Math.abs(ay - by) > eps) return undefined;
  }
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** The clip after intersecting with a clip path. */
function intersect(clip: Clip, segments: readonly PathSegment[], opts: { box: Rect; tolerance: number }): Clip {
  if (clip === 'complex') return clip;
  const r = rectOf(segments);
  if (!r) return 'complex';
  const { box, tolerance } = opts;
  // The page or artboard clip drawing programs write: the artwork, like an SVG's, is not cut at its page box.
  if (r.x0 <= box.x0 + tolerance && r.y0 <= box.y0 + tolerance && r.x1 >= box.x1 - tolerance && r.y1 >= box.y1 - tolerance) return clip;
  if (!clip) return r;
  const out = { x0: Math.max(clip.x0, r.x0), y0: Math.max(clip.y0, r.y0), x1: Math.min(clip.x1, r.x1), y1: Math.min(clip.y1, r.y1) };
  if (out.x1 < out.x0 - tolerance || out.y1 < out.y0 - tolerance) return { x0: 0, y0: 0, x1: -1, y1: -1 };
  return out;
}

function placeInClip(box: Rect, clip: Clip, tolerance: number): 'inside' | 'outside' | 'across' {
  if (!clip) return 'inside';
  if (clip === 'complex') return 'across';
  if (clip.x1 < clip.x0) return 'outside';
  if (box.x0 >= clip.x1 || box.x1 <= clip.x0 || box.y0 >= clip.y1 || box.y1 <= clip.y0) return 'outside';
  if (box.x0 >= clip.x0 - tolerance && box.x1 <= clip.x1 + tolerance && box.y0 >= clip.y0 - tolerance && box.y1 <= clip.y1 + tolerance) return 'inside';
  return 'across';
}
