/** 2-D affine transforms as SVG writes them (SVG 1.1 §7.4): [a b c d e f] maps (x, y) to (ax + cy + e, bx + dy + f). */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m · n: n applied first, then m. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The factor lengths scale by (square root of the determinant's magnitude), for stroke widths. */
export function lengthScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

/**
 * A transform attribute (matrix, translate, scale, rotate, skewX, skewY, in order left to right).
 * Throws on text it cannot read.
 */
export function parseTransform(text: string): Matrix {
  let m: Matrix = IDENTITY;
  const re = /\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = re.exec(text))) {
    end = re.lastIndex;
    const args = (match[2]!.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? []).map(Number);
    const t = transformOf(match[1]!, args);
    if (!t) throw new Error(`无法识别的变换：${match[0].trim()}`);
    m = multiply(m, t);
  }
  if (text.slice(end).trim()) throw new Error(`无法识别的变换：${text.trim()}`);
  return m;
}

function transformOf(name: string, a: readonly number[]): Matrix | undefined {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  switch (name) {
    case 'matrix':
      return a.length === 6 ? (a as unknown as Matrix) : undefined;
    case 'translate':
      return a.length === 1 || a.length === 2 ? [1, 0, 0, 1, a[0]!, a[1] ?? 0] : undefined;
    case 'scale':
      return a.length === 1 || a.length === 2 ? [a[0]!, 0, 0, a[1] ?? a[0]!, 0, 0] : undefined;
    case 'rotate': {
      if (a.length !== 1 && a.length !== 3) return undefined;
      const c = Math.cos(rad(a[0]!));
      const s = Math.sin(rad(a[0]!));
      const r: Matrix = [c, s, -s, c, 0, 0];
      if (a.length === 1) return r;
      const [cx, cy] = [a[1]!, a[2]!];
      return multiply(multiply([1, 0, 0, 1, cx, cy], r), [1, 0, 0, 1, -cx, -cy]);
    }
    case 'skewX':
      return a.length === 1 ? [1, 0, Math.tan(rad(a[0]!)), 1, 0, 0] : undefined;
    case 'skewY':
      return a.length === 1 ? [1, Math.tan(rad(a[0]!)), 0, 1, 0, 0] : undefined;
    default:
      return undefined;
  }
}
