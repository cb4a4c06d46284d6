import type { PrintResult } from '../../../electron/ipc/contract.js';

/**
 * What printing says it will do before it does it (copies, pages, sheets of paper) and what it did after, the
 * 分发登记表 counted apart from the copies: "8 份 + 分发登记表".
 */

/** The pages a range such as "1-3,5" picks out of `pages` (all of them when the range is empty). */
export function pagesInRange(range: string, pages: number): number {
  const text = range.replace(/\s+/g, '');
  if (!text) return pages;
  const picked = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a)) continue;
    const to = Number.isInteger(b) ? b! : a!;
    for (let p = Math.max(1, a!); p <= Math.min(pages, to); p++) picked.add(p);
  }
  return picked.size;
}

/** Sheets of paper for one copy of `pages` pages. */
export function sheetsFor(pages: number, duplex: boolean): number {
  return duplex ? Math.ceil(pages / 2) : pages;
}

/** The plan, in one sentence, of a print run; `pages` is the page count (undefined while unknown). */
export function printPlan(options: {
  readonly distribution: boolean;
  /** Copies of a plain print; for the distribution run, the 送 list's total. */
  readonly copies: number;
  readonly pages: number | undefined;
  readonly duplex: boolean;
  readonly pageRange: string;
}): string {
  const { distribution, copies, pages, duplex } = options;
  const side = duplex ? '双面' : '单面';
  if (pages === undefined) {
    return distribution ? `将印制 ${copies} 份 + 分发登记表，${side}` : `将打印 ${copies} 份，${side}`;
  }
  if (distribution) {
    const sheets = copies * sheetsFor(pages, duplex);
    return `将印制 ${copies} 份（每份 ${pages} 页，份号 1—${copies}）+ 分发登记表，${side}，约 ${sheets + 1} 张纸`;
  }
  const each = pagesInRange(options.pageRange, pages);
  return `将打印 ${copies} 份，每份 ${each} 页，${side}，共 ${copies * sheetsFor(each, duplex)} 张纸`;
}

/** What a print run did, for the notice: the copies, and the register apart. */
export function printedMessage(result: PrintResult, distribution: boolean): string {
  const printer = result.jobs[0]?.printer ?? '';
  if (distribution) {
    const copies = result.jobs.filter((j) => !j.title.endsWith('分发登记表')).reduce((s, j) => s + j.copies, 0);
    const register = result.jobs.some((j) => j.title.endsWith('分发登记表'));
    return `已印发：${copies} 份${register ? ' + 分发登记表' : ''}（打印机 ${printer}）`;
  }
  const copies = result.jobs.reduce((s, j) => s + j.copies, 0);
  return `已提交打印：${copies} 份（打印机 ${printer}）`;
}
