/**
 * Numbering of issues, for the library and the UI alike: 第N期 counts within a year and restarts at 1 every
 * January; 总第N期 runs on from the first issue. The numbers a new issue gets, and the warnings (期号 or 总期号
 * used twice, or a gap after the previous issue) shown when an issue is made, imported or edited.
 *
 * Each publication of a library (./publication.ts) is its own series: a 增刊's 第N期 and 总期号 count only the
 * 增刊's issues, and a publication without 总期号 gives its new issues none. Pass the {@link Series} to count in.
 */

/** The numbers of an issue, and its id when it is in the library (so it is not compared with itself). */
export interface IssueNumbers {
  readonly id?: string;
  readonly year: number;
  readonly number: number;
  readonly totalNumber?: number;
  /** The id of the publication the issue belongs to (a library listing always says). */
  readonly publication?: string;
}

/** The numbers of the issues in a library, e.g. its listing. */
export interface NumberedIssues {
  readonly issues: readonly IssueNumbers[];
}

/**
 * The series issues are counted in: the issues of one publication (its id; all issues when absent), and whether
 * its issues carry a 总期号 ('own', the default) or not ('none').
 */
export interface Series {
  readonly publication?: string;
  readonly totalNumbering?: 'own' | 'none';
}

/** The issues of a series: those of its publication (every issue when the series names none). */
export function issuesOfSeries<T extends IssueNumbers>(issues: readonly T[], series: Series = {}): T[] {
  return series.publication === undefined ? [...issues] : issues.filter((s) => s.publication === series.publication);
}

/**
 * The numbers a new issue of `year` gets in a series: the year's last 期号 + 1 (or 1), and — unless the series has
 * no 总期号 — the last 总期号 + 1 (or 1).
 */
export function nextNumbers(listing: NumberedIssues, year: number, series: Series = {}): { number: number; totalNumber?: number } {
  let number = 0;
  let total = 0;
  for (const s of issuesOfSeries(listing.issues, series)) {
    if (s.year === year) number = Math.max(number, s.number);
    if (s.totalNumber !== undefined) total = Math.max(total, s.totalNumber);
  }
  return series.totalNumbering === 'none' ? { number: number + 1 } : { number: number + 1, totalNumber: total + 1 };
}

/**
 * Warnings (Chinese) about an issue's numbers compared with the other issues of the library: the same 第N期
 * in the same year ("2021年第5期已存在（期号重复）"), the same 总期号 ("总第631期已存在（总期号重复）"), or a
 * gap after the previous issue ("期号不连续：2021年上一期为第3期", "总期号不连续：上一期为总第629期").
 * Empty when all is well. Pass `issue.id` when the issue is itself in the listing, and the series (its
 * publication) to compare only with the issues of the same publication.
 */
export function numberingWarnings(listing: NumberedIssues, issue: IssueNumbers, series: Series = {}): string[] {
  const others = issuesOfSeries(listing.issues, series).filter((s) => issue.id === undefined || s.id !== issue.id);
  const warnings: string[] = [];
  if (others.some((s) => s.year === issue.year && s.number === issue.number)) {
    warnings.push(`${issue.year}年第${issue.number}期已存在（期号重复）`);
  } else {
    const previous = maxBelow(others.filter((s) => s.year === issue.year).map((s) => s.number), issue.number);
    if (previous !== undefined && previous !== issue.number - 1) {
      warnings.push(`期号不连续：${issue.year}年上一期为第${previous}期`);
    }
  }
  const total = issue.totalNumber;
  if (total !== undefined) {
    const totals = others.flatMap((s) => (s.totalNumber === undefined ? [] : [s.totalNumber]));
    if (totals.includes(total)) {
      warnings.push(`总第${total}期已存在（总期号重复）`);
    } else {
      const previous = maxBelow(totals, total);
      if (previous !== undefined && previous !== total - 1) warnings.push(`总期号不连续：上一期为总第${previous}期`);
    }
  }
  return warnings;
}

function maxBelow(values: readonly number[], limit: number): number | undefined {
  let best: number | undefined;
  for (const v of values) if (v < limit && (best === undefined || v > best)) best = v;
  return best;
}
