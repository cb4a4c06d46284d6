import type { Problem } from '../core/check/problem.js';

/**
 * Errors stop a release: the 校对 findings of severity 'error' (no title, no body, a character no font has, an
 * unpaired quote or bracket, …) refuse 送审 and 签发. Warnings never do.
 */

/** The problems that stop a release: the errors, in the order found. */
export function blockingErrors(problems: readonly Problem[]): readonly Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** How many errors are named in a refusal's message before "等". */
const NAMED = 3;

/** A release refused because of 校对 errors; the message names the first few, `problems` holds them all. */
export class ReleaseBlocked extends Error {
  readonly problems: readonly Problem[];
  constructor(step: string, problems: readonly Problem[]) {
    const named = problems.slice(0, NAMED).map((p) => p.message).join('；');
    super(`校对发现 ${problems.length} 处错误，改正后才能${step}：${named}${problems.length > NAMED ? ' 等' : ''}`);
    this.name = 'ReleaseBlocked';
    this.problems = problems;
  }
}
