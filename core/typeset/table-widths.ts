/**
 * Column widths of a table from its content (issue 12 point 4), the way automatic table layout does it
 * (CSS 2.1 §17.5.2.2, the common browser algorithm): every column has a minimum (its widest unbreakable piece —
 * a Han character, a Latin word, a number) and a natural width (its longest cell set on one line), both with the
 * cell padding. The table fills the type width: if the natural widths fit, the room left is shared in
 * proportion to them; otherwise columns that fit on one line within a fair share keep their natural width and
 * the others get their minimum plus the rest in proportion to how much more than it they would like. Widths set by dragging (fractions in the model) are used as they are.
 */

/** What one column's cells need, in points, padding included. */
export interface ColumnNeed {
  readonly min: number;
  readonly natural: number;
}

/** Column widths in points that fill `total`: from dragged fractions when given, else from the needs. */
export function columnWidths(needs: readonly ColumnNeed[], total: number, fractions?: readonly number[]): number[] {
  const n = needs.length;
  if (!n) return [];
  if (fractions && fractions.length === n) {
    const sum = fractions.reduce((a, b) => a + b, 0);
    return fractions.map((f) => (f / sum) * total);
  }
  const natural = needs.map((c) => Math.max(c.natural, c.min, 1));
  const naturalSum = natural.reduce((a, b) => a + b, 0);
  if (naturalSum <= total) return natural.map((w) => (w / naturalSum) * total);
  const min = needs.map((c) => Math.max(c.min, 1));
  const minSum = min.reduce((a, b) => a + b, 0);
  // Even the minimums do not fit: share the width in proportion to them (cells will break inside words).
  if (minSum >= total) return min.map((w) => (w / minSum) * total);
  // A column whose one-line width is within a fair share of what is left keeps it (a 序号 or 人数 column is never
  // wrapped to give a long 备注 a little more); the fair share is recomputed until no more columns qualify.
  const out: (number | undefined)[] = needs.map(() => undefined);
  let left = total;
  for (let changed = true; changed; ) {
    changed = false;
    const open = out.flatMap((w, i) => (w === undefined ? [i] : []));
    const fair = left / Math.max(1, open.length);
    for (const i of open) {
      if (natural[i]! <= fair && open.length > 1) {
        out[i] = natural[i]!;
        left -= natural[i]!;
        changed = true;
      }
    }
  }
  const open = out.flatMap((w, i) => (w === undefined ? [i] : []));
  const openMin = open.reduce((a, i) => a + min[i]!, 0);
  if (openMin > left) {
    // The wide columns cannot have their minimums: fall back to minimums plus shares by want for all columns.
    const want = natural.map((w, i) => w - min[i]!);
    const wantSum = want.reduce((a, b) => a + b, 0);
    const room = total - minSum;
    return min.map((w, i) => w + (wantSum > 0 ? (want[i]! / wantSum) * room : room / n));
  }
  // The rest share what is left: each its minimum, the room above the minimums by how much more each wants.
  const want = open.map((i) => natural[i]! - min[i]!);
  const wantSum = want.reduce((a, b) => a + b, 0);
  const room = left - openMin;
  open.forEach((i, k) => (out[i] = min[i]! + (wantSum > 0 ? (want[k]! / wantSum) * room : room / open.length)));
  return out.map((w) => w!);
}

/** Widths in points as fractions of their sum, rounded to 4 places (what the model stores after a drag). */
export function toFractions(widths: readonly number[]): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  if (sum <= 0) return widths.map(() => 1 / widths.length);
  const out = widths.map((w) => Math.round((w / sum) * 10000) / 10000);
  // Put the rounding remainder on the last column so that the fractions sum to exactly 1.
  const rest = 1 - out.slice(0, -1).reduce((a, b) => a + b, 0);
  out[out.length - 1] = Math.round(rest * 10000) / 10000;
  return out;
}
