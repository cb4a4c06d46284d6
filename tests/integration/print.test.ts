/**
 * Printing through a real CUPS server and the cups-pdf printer (tests/helpers/cups.ts starts cupsd when it is
 * not running, and stops it by PID afterwards): the printers are listed, a job's copies and sides read back
 * over IPP (ipptool Get-Job-Attributes), cups-pdf writes the output file, and the distribution run makes one
 * job per copy on the 送 list — each copy stamped with its 份号 — plus the 分发登记表, then marks the issue 已印发.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { addSigner, pdfsig, signingServices } from '../helpers/signing.js';
import type { Approval } from '../../services/approval.js';
import { jobNumber } from '../../services/cups.js';
import { createLibrary } from '../../services/library.js';
import type { Library } from '../../services/library-types.js';
import { createPrinting, type Printing } from '../../services/printing.js';
import { createTypesetter } from '../../services/typesetter.js';
import { cupsUnavailable, jobAttributes, startCups, waitForOutput, type CupsServer } from '../helpers/cups.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);
const PIN = 'Kq7-wzPv';
const unavailable = cupsUnavailable();
if (unavailable && process.env.CI) throw new Error(`CUPS 不可用：${unavailable}`);

const RECIPIENTS = [
  { text: '全国人大常委会办公厅联络局、研究室、新闻局', copies: 2 },
  { text: '省人大常委会组成人员', copies: 1 },
  { text: '各市州、县市区人大常委会联工委', copies: 3 },
];

function pdftotext(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' });
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return Number(/^Pages:\s*(\d+)/m.exec(info)?.[1]);
}

describe.skipIf(!!unavailable)('printing through CUPS (cups-pdf)', () => {
  let server: CupsServer;
  let root: string;
  let library: Library;
  let approval: Approval;
  let printing: Printing;
  let id: string;
  let issuePages: number;

  beforeAll(async () => {
    server = await startCups();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'print-test-'));
    library = createLibrary({ dir: path.join(root, 'lib') });
    const typesetter = createTypesetter();
    const wired = signingServices({ library, typesetter });
    approval = wired.approval;
    const exporter = wired.exporter;
    printing = createPrinting({ library, exporter, tmpDir: root, keepFiles: true });
    id = library.importBytes(SAMPLE, 'lianluo-2021-08.txt').id;
    const stored = library.read(id);
    const doc: BulletinDocument = { ...stored.document, issue: { ...stored.document.issue, distribution: RECIPIENTS } };
    library.save(id, doc, stored.revision);
    issuePages = typesetter.typeset(doc).layout.pages.length;
    await addSigner(approval, '张三', PIN);
    expect((await approval.signOff(id, { signer: '张三', pin: PIN, opinion: '同意印发' })).ok).toBe(true);
  });

  afterAll(async () => {
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists the printers, PDF among them', async () => {
    const printers = await printing.printers();
    expect(printers.map((p) => p.name)).toContain('PDF');
  });

  it('prints 2 copies two-sided: copies and sides read back over IPP, the output file is a PDF', async () => {
    const result = await printing.print({ id, printer: 'PDF', copies: 2, duplex: true, pageRange: '', distribution: false });
    expect(result.jobs).toHaveLength(1);
    const job = result.jobs[0]!;
    expect(job.jobId).toMatch(/^PDF-\d+$/);
    const attrs = jobAttributes(jobNumber(job.jobId));
    console.log(`job ${job.jobId}: copies=${attrs.copies} sides=${attrs.sides} job-name=${attrs['job-name']}`);
    expect(attrs.copies).toBe('2');
    expect(attrs.sides).toBe('two-sided-long-edge');
    expect(attrs['job-name']).toBe('联络动态第8期');
    // What went to CUPS is the digitally signed final PDF made at sign-off: poppler verifies it.
    const handed = (job as { file?: string }).file!;
    expect(fs.readFileSync(handed).equals(fs.readFileSync(path.join(library.dir, 'finals', `${id}.pdf`)))).toBe(true);
    const report = pdfsig(handed);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    const out = await waitForOutput(server, jobNumber(job.jobId));
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // One file: copies are a job attribute, not repeated pages.
    expect(pdfPages(out)).toBe(issuePages);
    expect(result.meta.history.at(-1)).toMatchObject({ action: 'printed' });
    expect(result.meta.status).toBe('approved');
  });

  it('a page range reaches the printer as page-ranges', async () => {
    const result = await printing.print({ id, printer: 'PDF', copies: 1, duplex: false, pageRange: '1-2', distribution: false });
    const attrs = jobAttributes(jobNumber(result.jobs[0]!.jobId));
    expect(attrs['page-ranges']).toBe('1-2');
    expect(attrs.sides ?? 'one-sided').toBe('one-sided');
    await waitForOutput(server, jobNumber(result.jobs[0]!.jobId));
  });

  it('the distribution run: one job per copy, each stamped with its 份号, then the 分发登记表; the issue is 已印发', async () => {
    const result = await printing.print({ id, printer: 'PDF', copies: 1, duplex: true, pageRange: '', distribution: true }, { by: '印发员' });
    const total = RECIPIENTS.reduce((n, r) => n + r.copies, 0);
    expect(result.jobs).toHaveLength(total + 1);
    console.log(`distribution jobs: ${result.jobs.map((j) => j.jobId).join(', ')}`);
    const numbers = ['000001', '000002', '000003', '000004', '000005', '000006'];
    const recipients = RECIPIENTS.flatMap((r) => Array.from({ length: r.copies }, () => r.text));
    for (const [k, job] of result.jobs.slice(0, total).entries()) {
      expect(job.title).toBe(`联络动态第8期-份号${numbers[k]}-${recipients[k]}`);
      const attrs = jobAttributes(jobNumber(job.jobId));
      expect(attrs.copies).toBe('1');
      expect(attrs.sides).toBe('two-sided-long-edge');
      expect(attrs['job-name']).toBe(job.title);
      // The PDF handed to CUPS carries the 份号 and the recipient on its first page only.
      const first = pdftotext(job.file!, { first: 1, last: 1 }).replace(/\s+/g, '');
      expect(first).toContain(numbers[k]);
      expect(first).toContain(recipients[k]!.replace(/\s+/g, ''));
      expect(pdftotext(job.file!, { first: 2, last: issuePages })).not.toContain(numbers[k]);
      const out = await waitForOutput(server, jobNumber(job.jobId));
      expect(pdfPages(out)).toBe(issuePages);
    }
    const register = result.jobs.at(-1)!;
    expect(register.title).toBe('联络动态第8期-分发登记表');
    const text = pdftotext(register.file!).replace(/\s+/g, '');
    expect(text).toContain('《联络动态》2021年第8期分发登记表');
    for (const r of RECIPIENTS) expect(text).toContain(r.text.replace(/\s+/g, ''));
    for (const range of ['000001—000002', '000003', '000004—000006', '000001—000006']) expect(text).toContain(range);
    for (const head of ['序号', '收件单位', '份数', '份号', '签收', '日期']) expect(text).toContain(head);
    const registerOut = await waitForOutput(server, jobNumber(register.jobId));
    expect(fs.readFileSync(registerOut).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const meta = library.read(id).meta;
    expect(meta.status).toBe('printed');
    const printed = meta.history.at(-1)!;
    expect(printed).toMatchObject({ action: 'printed', by: '印发员' });
    expect(printed.detail).toContain('打印机 PDF');
    expect(printed.detail).toContain('共 6 份');
    expect(printed.detail).toContain('份号 000001—000006');
  }, 180_000);
});
