/**
 * Numbering of issues, for the library and the UI alike: 第N期 counts within a year and restarts at 1 every
 * January; 总第N期 runs on from the first issue. The numbers a new issue gets, and the warnings (期号 or 总期号
 * used twice, or a gap after the previous issue) shown when an issue is made, imported or edited.
 */

/** The numbers of an issue, and its id when it is in the library (so it is not compared with itself). */
export interface IssueNumbers {
  readonly id?: string;
  readonly year: number;
  readonly number: number;
  readonly totalNumber?: number;
}

/** The numbers of the issues in a library, e.g. its listing. */
export interface NumberedIssues {
  readonly issues: readonly IssueNumbers[];
}

/** The numbers a new issue of `year` gets: the year's last 期号 + 1 (or 1), the last 总期号 + 1 (or 1). */
export function nextNumbers(listing: NumberedIssues, year: number): { number: number; totalNumber: number } {
  let number = 0;
  let total = 0;
  for (const s of listing.issues) {
    if (s.year === year) number = Math.max(number, s.number);
    if (s.totalNumber !== undefined) total = Math.max(total, s.totalNumber);
  }
  return { number: number + 1, totalNumber: total + 1 };
}

/**
 * Warnings (Chinese) about an issue's numbers compared with the other issues of the library: the same 第N期
 * in the same year ("2021年第5期已存在（期号重复）"), the same 总期号 ("总第631期已存在（总期号重复）"), or a
 * gap after the previous issue ("期号不连续：2021年上一期为第3期", "总期号不连续：上一期为总第629期").
 * Empty when all is well. Pass `issue.id` when the issue is itself in the listing.
 */
export function numberingWarnings(listing: NumberedIssues, issue: IssueNumbers): string[] {
  const others = listing.issues.filter((s) => issue.id === undefined || s.id !== issue.id);
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
