import type { PathSegment } from './path-segments.js';

/**
 * SVG path data (SVG 1.1 §8.3, the grammar of §8.3.9): every command, absolute and relative — M L H V C S Q T A Z —
 * reduced to absolute M, L, C and Z. Quadratic curves are raised to cubics; elliptical arcs become cubic pieces of
 * at most 90° after the endpoint-to-centre conversion of SVG 1.1 Appendix F.6.5 (radii scaled up when too small,
 * F.6.6). Throws an Error (its message in Chinese) on malformed data.
 */
export function parsePathData(d: string): PathSegment[] {
  const out: PathSegment[] = [];
  const reader = new PathReader(d);
  let cx = 0;
  let cy = 0;
  let startX = 0;
  let startY = 0;
  /** The last cubic's second control point / the last quadratic's control point, for S and T. */
  let lastC: [number, number] | undefined;
  let lastQ: [number, number] | undefined;
  let command = '';
  const num = (): number => reader.number();
  const flag = (): boolean => reader.flag();
  while (!reader.done()) {
    const letter = reader.command();
    if (letter) command = letter;
    else if (!command) {
      throw new Error(`路径数据有误（须以 M 开始）：${d.slice(0, 60)}`);
    } else if (command === 'M') command = 'L';
    else if (command === 'm') command = 'l';
    else if (command === 'Z' || command === 'z') throw new Error(`路径数据有误（Z 后多出数字）：${d.slice(0, 60)}`);
    if (!out.length && command !== 'M' && command !== 'm') throw new Error(`路径数据有误（须以 M 开始）：${d.slice(0, 60)}`);
    const rel = command === command.toLowerCase();
    const ox = rel ? cx : 0;
    const oy = rel ? cy : 0;
    const upper = command.toUpperCase();
    let nextC: [number, number] | undefined;
    let nextQ: [number, number] | undefined;
    switch (upper) {
      case 'M': {
        cx = ox + num();
        cy = oy + num();
        startX = cx;
        startY = cy;
        out.push({ op: 'M', x: cx, y: cy });
        break;
      }
      case 'L': {
        cx = ox + num();
        cy = oy + num();
        out.push({ op: 'L', x: cx, y: cy });
        break;
      }
      case 'H':
        cx = ox + num();
        out.push({ op: 'L', x: cx, y: cy });
        break;
      case 'V':
        cy = oy + num();
        out.push({ op: 'L', x: cx, y: cy });
        break;
      case 'C': {
        const x1 = ox + num();
        const y1 = oy + num();
        const x2 = ox + num();
        const y2 = oy + num();
        cx = ox + num();
        cy = oy + num();
        out.push({ op: 'C', x1, y1, x2, y2, x: cx, y: cy });
        nextC = [x2, y2];
        break;
      }
      case 'S': {
        const [x1, y1] = lastC ? [2 * cx - lastC[0], 2 * cy - lastC[1]] : [cx, cy];
        const x2 = ox + num();
        const y2 = oy + num();
        cx = ox + num();
        cy = oy + num();
        out.push({ op: 'C', x1, y1, x2, y2, x: cx, y: cy });
        nextC = [x2, y2];
        break;
      }
      case 'Q':
      case 'T': {
        const [qx, qy] = upper === 'Q' ? [ox + num(), oy + num()] : lastQ ? [2 * cx - lastQ[0], 2 * cy - lastQ[1]] : [cx, cy];
        const x = ox + num();
        const y = oy + num();
        out.push(quadToCubic(cx, cy, qx, qy, x, y));
        cx = x;
        cy = y;
        nextQ = [qx, qy];
        break;
      }
      case 'A': {
        const rx = num();
        const ry = num();
        const rotation = num();
        const large = flag();
        const sweep = flag();
        const x = ox + num();
        const y = oy + num();
        out.push(...arcToCubics({ x0: cx, y0: cy, rx, ry, rotation, large, sweep, x, y }));
        cx = x;
        cy = y;
        break;
      }
      case 'Z':
        out.push({ op: 'Z' });
        cx = startX;
        cy = startY;
        break;
      default:
        throw new Error(`路径数据有误（未知命令 ${command}）`);
    }
    lastC = nextC;
    lastQ = nextQ;
  }
  return out;
}

/**
 * Reads path data as the grammar does, a token at a time: numbers (exponents included, "1.5.5" is two numbers),
 * command letters, and arc flags as single characters — minified data writes them without separators
 * ("a5 5 0 015 5").
 */
class PathReader {
  private pos = 0;
  constructor(private readonly d: string) {}

  private skip(): void {
    while (this.pos < this.d.length && /[\s,]/.test(this.d[this.pos]!)) this.pos++;
  }

  done(): boolean {
    this.skip();
    return this.pos >= this.d.length;
  }

  /** The command letter at the position, consumed; undefined when a number follows. */
  command(): string | undefined {
    this.skip();
    const c = this.d[this.pos];
    if (c && /[MmLlHhVvCcSsQqTtAaZz]/.test(c)) {
      this.pos++;
      return c;
    }
    if (c && !/[-+.\d]/.test(c)) throw new Error(`路径数据有误（无法识别“${this.d.slice(this.pos, this.pos + 12).trim()}”）`);
    return undefined;
  }

  number(): number {
    this.skip();
    const re = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
    re.lastIndex = this.pos;
    const m = re.exec(this.d);
    if (!m) throw new Error(`路径数据有误（第 ${this.pos + 1} 个字符处应为数字）：${this.d.slice(0, 60)}`);
    this.pos = re.lastIndex;
    return Number(m[0]);
  }

  flag(): boolean {
    this.skip();
    const c = this.d[this.pos];
    if (c !== '0' && c !== '1') throw new Error(`路径数据有误（圆弧标志只能是 0 或 1）：${this.d.slice(0, 60)}`);
    this.pos++;
    return c === '1';
  }
}

function quadToCubic(x0: number, y0: number, qx: number, qy: number, x: number, y: number): PathSegment {
  return { op: 'C', x1: x0 + (2 / 3) * (qx - x0), y1: y0 + (2 / 3) * (qy - y0), x2: x + (2 / 3) * (qx - x), y2: y + (2 / 3) * (qy - y), x, y };
}

interface Arc {
  readonly x0: number;
  readonly y0: number;
  readonly rx: number;
  readonly ry: number;
  /** Degrees. */
  readonly rotation: number;
  readonly large: boolean;
  readonly sweep: boolean;
  readonly x: number;
  readonly y: number;
}

/** An elliptical arc as cubic Béziers (SVG 1.1 Appendix F.6.5–F.6.6). */
export function arcToCubics(a: Arc): PathSegment[] {
  if (a.x0 === a.x && a.y0 === a.y) return [];
  let rx = Math.abs(a.rx);
  let ry = Math.abs(a.ry);
  if (rx === 0 || ry === 0) return [{ op: 'L', x: a.x, y: a.y }];
  const phi = (a.rotation * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (a.x0 - a.x) / 2;
  const dy = (a.y0 - a.y) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  let coef = Math.sqrt(Math.max(0, num / den));
  if (a.large === a.sweep) coef = -coef;
  const cxp = (coef * rx * y1p) / ry;
  const cyp = (-coef * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (a.x0 + a.x) / 2;
  const cy = sin * cxp + cos * cyp + (a.y0 + a.y) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) => {
    const sign = ux * vy - uy * vx < 0 ? -1 : 1;
    const dot = ux * vx + uy * vy;
    const len = Math.hypot(ux, uy) * Math.hypot(vx, vy);
    return sign * Math.acos(Math.max(-1, Math.min(1, dot / len)));
  };
  const theta1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let delta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!a.sweep && delta > 0) delta -= 2 * Math.PI;
  if (a.sweep && delta < 0) delta += 2 * Math.PI;
  const pieces = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
  const step = delta / pieces;
  const k = (4 / 3) * Math.tan(step / 4);
  const point = (t: number): [number, number] => {
    const ex = rx * Math.cos(t);
    const ey = ry * Math.sin(t);
    return [cos * ex - sin * ey + cx, sin * ex + cos * ey + cy];
  };
  const deriv = (t: number): [number, number] => {
    const ex = -rx * Math.sin(t);
    const ey = ry * Math.cos(t);
    return [cos * ex - sin * ey, sin * ex + cos * ey];
  };
  const out: PathSegment[] = [];
  for (let p = 0; p < pieces; p++) {
    const t1 = theta1 + p * step;
    const t2 = t1 + step;
    const [px1, py1] = point(t1);
    const [dx1, dy1] = deriv(t1);
    const [px2, py2] = p === pieces - 1 ? [a.x, a.y] : point(t2);
    const [dx2, dy2] = deriv(t2);
    out.push({ op: 'C', x1: px1 + k * dx1, y1: py1 + k * dy1, x2: px2 - k * dx2, y2: py2 - k * dy2, x: px2, y: py2 });
  }
  return out;
}
