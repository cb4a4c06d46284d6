/** The print plan and report (renderer/app/approval/print-summary.ts): pages in a range, sheets, the register apart. */
import { describe, expect, it } from 'vitest';
import { pagesInRange, printedMessage, printPlan, sheetsFor } from '../../renderer/app/approval/print-summary.js';

describe('print summary', () => {
  it('counts pages of a range within the issue, and sheets one- and two-sided', () => {
    expect(pagesInRange('', 5)).toBe(5);
    expect(pagesInRange('1-3,5', 5)).toBe(4);
    expect(pagesInRange('2-9', 4)).toBe(3);
    expect(pagesInRange('1,1,2', 4)).toBe(2);
    expect(sheetsFor(5, true)).toBe(3);
    expect(sheetsFor(5, false)).toBe(5);
  });

  it('says what will be printed, the register apart', () => {
    expect(printPlan({ distribution: true, copies: 8, pages: 4, duplex: true, pageRange: '' })).toBe(
      '将印制 8 份（每份 4 页，份号 1—8）+ 分发登记表，双面，约 17 张纸',
    );
    expect(printPlan({ distribution: false, copies: 3, pages: 4, duplex: false, pageRange: '1-2' })).toBe('将打印 3 份，每份 2 页，单面，共 6 张纸');
    expect(printPlan({ distribution: true, copies: 8, pages: undefined, duplex: true, pageRange: '' })).toBe('将印制 8 份 + 分发登记表，双面');
  });

  it('reports what was printed without job ids', () => {
    const job = (title: string, copies = 1) => ({ printer: 'PDF', jobId: `PDF-${title.length}`, copies, title });
    const meta = {} as never;
    const jobs = [...Array.from({ length: 8 }, (_, i) => job(`联络动态第8期-份号00000${i + 1}-单位`)), job('联络动态第8期-分发登记表')];
    expect(printedMessage({ jobs, meta }, true)).toBe('已印发：8 份 + 分发登记表（打印机 PDF）');
    expect(printedMessage({ jobs: [job('联络动态第8期', 3)], meta }, false)).toBe('已提交打印：3 份（打印机 PDF）');
  });
});
