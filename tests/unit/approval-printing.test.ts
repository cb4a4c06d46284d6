/**
 * The spooler interface and the printing service without a real printer: lp's arguments (never a shell),
 * lpstat parsing and CUPS errors in Chinese, the Windows stub, and the printing rules (final PDF only, known
 * printers only, valid page ranges, one job per distribution copy plus the register, 已印发 afterwards).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Approval } from '../../services/approval.js';
import {
  createSpooler,
  cupsSpooler,
  jobNumber,
  lpArguments,
  parseJobId,
  PrintError,
  type Exec,
  type SpoolJob,
  type Spooler,
} from '../../services/cups.js';
import { addSigner, signingServices } from '../helpers/signing.js';
import { createLibrary } from '../../services/library.js';
import type { Library } from '../../services/library-types.js';
import { createPrinting, type Printing } from '../../services/printing.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);
const PIN = 'Kq7-wzPv';

/** An exec that answers from a table and records its calls. */
function fakeExec(answers: Record<string, { stdout?: string; stderr?: string; error?: NodeJS.ErrnoException }>) {
  const calls: { file: string; args: readonly string[] }[] = [];
  const exec: Exec = async (file, args) => {
    calls.push({ file, args });
    const a = answers[`${file} ${args.join(' ')}`] ?? answers[file] ?? {};
    if (a.error) throw Object.assign(a.error, { stdout: a.stdout ?? '', stderr: a.stderr ?? '' });
    return { stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
  };
  return { exec, calls };
}

describe('cups', () => {
  const job: SpoolJob = { printer: 'PDF', file: '/tmp/a b;rm -rf x.pdf', copies: 2, duplex: true, pageRange: '1-3,5', title: '联络动态第8期' };

  it('builds lp arguments for execFile (no shell), options validated', () => {
    expect(lpArguments(job)).toEqual(['-d', 'PDF', '-n', '2', '-o', 'sides=two-sided-long-edge', '-P', '1-3,5', '-t', '联络动态第8期', '/tmp/a b;rm -rf x.pdf']);
    expect(lpArguments({ ...job, duplex: false, pageRange: '' })).toEqual(['-d', 'PDF', '-n', '2', '-t', '联络动态第8期', job.file]);
    expect(() => lpArguments({ ...job, file: '-o x.pdf' })).toThrow('绝对路径');
    expect(() => lpArguments({ ...job, pageRange: '1-3;lpr' })).toThrow('页码范围格式不正确');
    expect(() => lpArguments({ ...job, pageRange: '1,' })).toThrow(PrintError);
    expect(() => lpArguments({ ...job, copies: 0 })).toThrow('份数');
    expect(() => lpArguments({ ...job, printer: '-h' })).toThrow('打印机名称无效');
  });

  it('parses the job id from lp', () => {
    expect(parseJobId('request id is PDF-12 (1 file(s))\n')).toBe('PDF-12');
    expect(jobNumber('PDF-12')).toBe(12);
    expect(() => parseJobId('')).toThrow('无法识别任务编号');
  });

  it('lists printers with the default marked', async () => {
    const { exec, calls } = fakeExec({
      'lpstat -e': { stdout: 'PDF\nOffice_Laser\n' },
      'lpstat -d': { stdout: 'system default destination: Office_Laser\n' },
      'lpstat -l -p': { stdout: 'printer PDF is idle.\n\tDescription: PDF\nprinter Office_Laser is idle.\n\tDescription: 办公室激光打印机\n' },
    });
    expect(await cupsSpooler(exec).printers()).toEqual([
      { name: 'PDF', displayName: 'PDF', isDefault: false },
      { name: 'Office_Laser', displayName: '办公室激光打印机', isDefault: true },
    ]);
    expect(calls.every((c) => c.file === 'lpstat')).toBe(true);
  });

  it('says plainly when CUPS is missing or not running', async () => {
    const missing = fakeExec({ lpstat: { error: Object.assign(new Error('spawn lpstat ENOENT'), { code: 'ENOENT' }) } });
    await expect(cupsSpooler(missing.exec).printers()).rejects.toThrow('找不到 CUPS 打印系统');
    const stopped = fakeExec({ 'lpstat -e': { stdout: '' }, 'lpstat -r': { stdout: 'scheduler is not running\n' } });
    await expect(cupsSpooler(stopped.exec).printers()).rejects.toThrow('CUPS 打印服务没有运行');
    const empty = fakeExec({ 'lpstat -e': { stdout: '' }, 'lpstat -r': { stdout: 'scheduler is running\n' } });
    expect(await cupsSpooler(empty.exec).printers()).toEqual([]);
    const lpDown = fakeExec({
      lp: { error: Object.assign(new Error('exit 1'), { code: 1 as unknown as string }), stderr: 'lp: Error - The printer or class does not exist.' },
      'lpstat -r': { stdout: 'scheduler is not running\n' },
    });
    await expect(cupsSpooler(lpDown.exec).submit(job)).rejects.toThrow('CUPS 打印服务没有运行');
  });

  it('prints on Windows through pdf-to-printer with the same job settings', async () => {
    const calls: unknown[][] = [];
    const lib = {
      getPrinters: async () => [{ name: 'HP LaserJet' }, { name: '办公室打印机' }],
      getDefaultPrinter: async () => ({ name: '办公室打印机' }),
      print: async (...args: unknown[]) => {
        calls.push(args);
      },
    };
    const spooler = createSpooler({ platform: 'win32', windows: async () => lib });
    expect(await spooler.printers()).toEqual([
      { name: 'HP LaserJet', displayName: 'HP LaserJet', isDefault: false },
      { name: '办公室打印机', displayName: '办公室打印机', isDefault: true },
    ]);
    const id = await spooler.submit({ ...job, printer: 'HP LaserJet', copies: 3, duplex: true, pageRange: '1-2,4' });
    expect(id).toBe('HP LaserJet-1');
    expect(calls[0]![0]).toBe(job.file);
    expect(calls[0]![1]).toMatchObject({ printer: 'HP LaserJet', copies: 3, side: 'duplexlong', pages: '1-2,4' });
    await spooler.submit({ ...job, duplex: false, pageRange: '' });
    expect(calls[1]![1]).toMatchObject({ side: 'simplex' });
    expect(calls[1]![1]).not.toHaveProperty('pages');
    await expect(spooler.submit({ ...job, pageRange: '1;rm' })).rejects.toThrow('页码范围格式不正确');
    const broken = createSpooler({ platform: 'win32', windows: async () => Promise.reject(new Error('no module')) });
    await expect(broken.printers()).rejects.toThrow('无法加载 Windows 打印组件');
  });
});

describe('printing service (fake spooler)', () => {
  let typesetter: Typesetter;
  let root: string;
  let library: Library;
  let approval: Approval;
  let printing: Printing;
  let submitted: SpoolJob[];
  let id: string;

  beforeAll(() => {
    typesetter = createTypesetter();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'printing-unit-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  beforeEach(async () => {
    library = createLibrary({ dir: fs.mkdtempSync(path.join(root, 'lib-')) });
    const wired = signingServices({ library, typesetter });
    approval = wired.approval;
    await addSigner(approval, '张三', PIN);
    submitted = [];
    let n = 100;
    const spooler: Spooler = {
      printers: async () => [{ name: 'PDF', displayName: 'PDF', isDefault: true }],
      submit: async (job) => {
        expect(fs.readFileSync(job.file).subarray(0, 5).toString()).toBe('%PDF-');
        submitted.push(job);
        return `PDF-${++n}`;
      },
    };
    printing = createPrinting({ library, exporter: wired.exporter, spooler, tmpDir: root });
    id = library.importBytes(SAMPLE, 'sample.txt').id;
  });

  const request = { printer: 'PDF', copies: 2, duplex: true, pageRange: '', distribution: false };

  it('refuses an unsigned issue, an unknown printer and a bad page range', async () => {
    await expect(printing.print({ id, ...request })).rejects.toThrow('不能导出正式版：尚未签发');
    await approval.signOff(id, { signer: '张三', pin: PIN });
    await expect(printing.print({ id, ...request, printer: 'Nope' })).rejects.toThrow('没有名为“Nope”的打印机（可用：PDF）');
    await expect(printing.print({ id, ...request, pageRange: '1-2 -o x' })).rejects.toThrow('页码范围格式不正确');
    await expect(printing.print({ id, ...request, distribution: true, pageRange: '1' })).rejects.toThrow('不能指定页码范围');
    expect(submitted).toEqual([]);
  });

  it('prints the final PDF with copies, duplex and page range, and records it without changing the status', async () => {
    await approval.signOff(id, { signer: '张三', pin: PIN });
    const result = await printing.print({ id, ...request, pageRange: '1-2' }, { by: '编辑甲' });
    expect(result.jobs).toEqual([{ printer: 'PDF', jobId: 'PDF-101', copies: 2, title: '联络动态第8期' }]);
    expect(submitted[0]).toMatchObject({ printer: 'PDF', copies: 2, duplex: true, pageRange: '1-2' });
    expect(result.meta.status).toBe('approved');
    expect(result.meta.history.at(-1)).toMatchObject({ action: 'printed', by: '编辑甲' });
    expect(result.meta.history.at(-1)!.detail).toContain('2 份');
    // The temporary files are gone.
    expect(fs.existsSync(submitted[0]!.file)).toBe(false);
  });

  it('prints one job per distribution copy and the register, then marks the issue 已印发', async () => {
    const stored = library.read(id);
    const doc: BulletinDocument = {
      ...stored.document,
      issue: {
        ...stored.document.issue,
        distribution: [
          { text: '甲单位', copies: 2 },
          { text: '乙单位', copies: 1 },
          { text: '丙单位', copies: 3 },
        ],
      },
    };
    library.save(id, doc, stored.revision);
    await approval.signOff(id, { signer: '张三', pin: PIN });
    const result = await printing.print({ id, ...request, copies: 1, distribution: true }, { firstCopyNumber: 7 });
    expect(result.jobs).toHaveLength(7);
    expect(result.jobs.map((j) => j.title)).toEqual([
      '联络动态第8期-份号000007-甲单位',
      '联络动态第8期-份号000008-甲单位',
      '联络动态第8期-份号000009-乙单位',
      '联络动态第8期-份号000010-丙单位',
      '联络动态第8期-份号000011-丙单位',
      '联络动态第8期-份号000012-丙单位',
      '联络动态第8期-分发登记表',
    ]);
    expect(submitted.every((j) => j.copies === 1 && j.duplex)).toBe(true);
    expect(result.meta.status).toBe('printed');
    const last = result.meta.history.at(-1)!;
    expect(last.action).toBe('printed');
    expect(last.detail).toContain('打印机 PDF');
    expect(last.detail).toContain('共 6 份');
    expect(last.detail).toContain('份号 000007—000012');
    // Printed issues may be printed again (a reprint), still final.
    expect(approval.finalState(id).ok).toBe(true);
    // The register of this printing is kept with the issue (its 份号 read back with pdftotext); a 修订 archives it.
    const register = path.join(library.dir, 'registers', `${id}.pdf`);
    expect(execFileSync('pdftotext', [register, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('000007—000012');
    approval.reopen(id, { reason: '联系电话有误' });
    expect(fs.existsSync(register)).toBe(false);
    expect(approval.revisions.list(id)[0]).toMatchObject({ number: 1, hasFinalPdf: true, hasRegisterPdf: true });
    expect(library.read(id).meta.history.at(-1)?.detail).toBe('修订：联系电话有误；原印发版本（内容、签发记录、正式版、分发登记表）已存档为第 1 版');
  });
});
