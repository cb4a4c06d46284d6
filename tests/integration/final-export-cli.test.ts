/**
 * The sign-off flow on the command line, run as an office runs it (`node bin/bulletin.mjs --library DIR …`):
 * import → approver add (PIN on stdin) → approve with a wrong PIN (exit 1) → approve → export --final → the
 * issue file edited on disk → export --final refused (exit 1) → approve again → print the distribution set
 * through CUPS (cups-pdf).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobNumber } from '../../services/cups.js';
import { createLibrary } from '../../services/library.js';
import { cupsUnavailable, jobAttributes, startCups, waitForOutput, type CupsServer } from '../helpers/cups.js';
import { readPdf } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
const SAMPLE = SAMPLE_FILE;
const BIN = path.join(ROOT, 'bin/bulletin.mjs');
const PIN = 'Kq7-wzPv';
const unavailable = cupsUnavailable();
if (unavailable && process.env.CI) throw new Error(`CUPS 不可用：${unavailable}`);

interface Run {
  readonly code: number | null;
  readonly out: string[];
  readonly err: string[];
}

function bulletin(args: readonly string[], input = ''): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, BULLETIN_LIBRARY: '' },
    timeout: 120_000,
  });
  const lines = (text: string) => text.split('\n').filter((l) => l !== '');
  return { code: result.status, out: lines(result.stdout), err: lines(result.stderr) };
}

let tmp: string;
let lib: string;
let id: string;
let server: CupsServer | undefined;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'final-export-cli-'));
  lib = path.join(tmp, 'lib');
  fs.mkdirSync(lib);
  if (!unavailable) server = await startCups();
});

afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('bulletin: 签发, final export and printing', () => {
  it('runs the whole flow', async () => {
    const imported = bulletin(['--library', lib, 'import', SAMPLE]);
    expect(imported.code).toBe(0);
    id = imported.out.at(-1)!;

    // A signer, the PIN on standard input; the PIN is stored nowhere in clear.
    const added = bulletin(['--library', lib, 'approver', 'add', '张三'], `${PIN}\n`);
    expect(added.code).toBe(0);
    expect(added.out.join('\n')).toContain('已添加签发人：张三');
    expect(bulletin(['--library', lib, 'approver', 'list']).out).toEqual(['张三']);
    const tooShort = bulletin(['--library', lib, 'approver', 'add', '李四'], '12\n');
    expect(tooShort.code).toBe(2);
    expect(tooShort.err.join('\n')).toContain('PIN 至少 4 位');
    const noPin = bulletin(['--library', lib, 'approve', id, '--approver', '张三'], '');
    expect(noPin.code).toBe(2);
    expect(noPin.err.join('\n')).toContain('标准输入');

    // Not signed off: the final export is refused; the default export is a 样稿.
    const unsigned = bulletin(['--library', lib, 'export', id, '-o', path.join(tmp, 'unsigned.pdf'), '--final']);
    expect(unsigned.code).toBe(1);
    expect(unsigned.err.join('\n')).toContain('不能导出正式版：尚未签发');
    expect(fs.existsSync(path.join(tmp, 'unsigned.pdf'))).toBe(false);
    const draftPath = path.join(tmp, 'draft.pdf');
    const draft = bulletin(['--library', lib, 'export', id, '-o', draftPath]);
    expect(draft.code).toBe(0);
    expect(draft.out.join('\n')).toContain('样稿');
    const draftItems = (await readPdf(fs.readFileSync(draftPath))).flatMap((p) => p.items);
    expect(draftItems.some((i) => i.rotated && i.str.includes('样'))).toBe(true);

    // A wrong PIN is refused, exit 1.
    const submitted = bulletin(['--library', lib, 'submit', id]);
    expect(submitted.code).toBe(0);
    const wrong = bulletin(['--library', lib, 'approve', id, '--approver', '张三'], 'Kq7-wzPx\n');
    expect(wrong.code).toBe(1);
    expect(wrong.err.join('\n')).toContain('PIN 不正确');
    const nobody = bulletin(['--library', lib, 'approve', id, '--approver', '王五'], `${PIN}\n`);
    expect(nobody.code).toBe(1);
    expect(nobody.err.join('\n')).toContain('签发人不存在');

    const approved = bulletin(['--library', lib, 'approve', id, '--approver', '张三', '--opinion', '同意印发，发至县级'], `${PIN}\n`);
    expect(approved.code).toBe(0);
    expect(approved.out.join('\n')).toContain('已签发');

    const finalPath = path.join(tmp, 'final.pdf');
    const final = bulletin(['--library', lib, 'export', id, '-o', finalPath, '--final']);
    expect(final.code).toBe(0);
    expect(final.out.join('\n')).toContain('联络动态2021年第8期（总第631期）.pdf');
    const info = execFileSync('pdfinfo', ['-custom', '-enc', 'UTF-8', finalPath], { encoding: 'utf8' });
    expect(info).toMatch(/^Signer:\s+张三$/m);
    expect(info).toMatch(/^ContentHash:\s+sha256:[0-9a-f]{64}$/m);
    const finalItems = (await readPdf(fs.readFileSync(finalPath))).flatMap((p) => p.items);
    expect(finalItems.some((i) => i.str.includes('样'))).toBe(false);

    // No file of the library holds the PIN.
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const f of files(lib)) expect(fs.readFileSync(f, 'utf8').includes(PIN), f).toBe(false);

    // The issue file edited on disk: the sign-off is void, the final export refused.
    const issueFile = path.join(lib, 'issues', `${id}.json`);
    const text = fs.readFileSync(issueFile, 'utf8');
    fs.writeFileSync(issueFile, text.replace('联系群众办实事', '联系群众办好事'));
    const changed = bulletin(['--library', lib, 'export', id, '-o', path.join(tmp, 'changed.pdf'), '--final']);
    expect(changed.code).toBe(1);
    expect(changed.err.join('\n')).toContain('签发后内容已修改，需重新签发');
    const history = bulletin(['--library', lib, 'history', id]);
    expect(history.code).toBe(0);
    expect(history.out[0]).toBe('状态：草稿');
    const actions = history.out.slice(1).map((l) => l.split('\t')[1]);
    expect(actions).toEqual(['导入', '导出', '送审', '签发', '导出', '签发作废']);
  }, 240_000);

  it.skipIf(!!unavailable)('prints the distribution set through CUPS and marks the issue 已印发', async () => {
    const printers = bulletin(['printers']);
    expect(printers.code).toBe(0);
    expect(printers.out.map((l) => l.split('\t')[0])).toContain('PDF');

    // Changed since sign-off: printing is refused too.
    const refused = bulletin(['--library', lib, 'print', id, '--printer', 'PDF', '--distribution']);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('签发后内容已修改');
    expect(bulletin(['--library', lib, 'approve', id, '--approver', '张三'], `${PIN}\n`).code).toBe(0);
    const unknown = bulletin(['--library', lib, 'print', id, '--printer', 'NoSuchPrinter']);
    expect(unknown.code).toBe(1);
    expect(unknown.err.join('\n')).toContain('没有名为“NoSuchPrinter”的打印机');
    const badRange = bulletin(['--library', lib, 'print', id, '--printer', 'PDF', '--pages', '1-2;x']);
    expect(badRange.code).toBe(1);
    expect(badRange.err.join('\n')).toContain('页码范围格式不正确');

    const entries = createLibrary({ dir: lib }).read(id).document.issue.distribution;
    const total = entries.reduce((n, e) => n + e.copies, 0);
    const printed = bulletin(['--library', lib, 'print', id, '--printer', 'PDF', '--distribution', '--duplex']);
    expect(printed.code, printed.err.join('\n')).toBe(0);
    const jobs = printed.out.filter((l) => /^PDF-\d+\t/.test(l));
    expect(jobs).toHaveLength(total + 1);
    expect(jobs[0]).toContain('份号000001');
    expect(jobs.at(-1)).toContain('分发登记表');
    expect(printed.out.at(-1)).toContain('已印发');
    const last = jobNumber(jobs.at(-1)!.split('\t')[0]!);
    expect(jobAttributes(last)['job-name']).toBe('联络动态第8期-分发登记表');
    for (const line of jobs) {
      const n = jobNumber(line.split('\t')[0]!);
      const attrs = jobAttributes(n);
      expect(attrs.copies).toBe('1');
      expect(attrs.sides).toBe('two-sided-long-edge');
      await waitForOutput(server!, n);
    }

    const history = bulletin(['--library', lib, 'history', id]);
    expect(history.out[0]).toBe('状态：已印发');
    expect(history.out.at(-1)).toContain(`份号 000001—${String(total).padStart(6, '0')}`);
  }, 240_000);
});
