/**
 * The sign-off flow on the command line, run as an office runs it (`node bin/bulletin.mjs --library DIR …`):
 * import → approver init and add (管理口令 and PIN on stdin; the production key-derivation cost) → approve with a
 * wrong PIN (exit 1) → approve → export --final (digitally signed: pdfsig) → verify, export-cert, verify as a
 * recipient with the authority's .cer only → a byte changed: verify exit 1 → the issue file edited on disk →
 * export --final refused (exit 1) → the forgery of issue 14 (a hand-written 已签发 meta) refused → approve again →
 * print the distribution set through CUPS (cups-pdf).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobNumber } from '../../services/cups.js';
import { createLibrary } from '../../services/library.js';
import { cupsUnavailable, jobAttributes, startCups, waitForOutput, type CupsServer } from '../helpers/cups.js';
import { readPdf } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { hasOpenssl, pdfsig } from '../helpers/signing.js';
import { serializeDocument } from '../../core/model/format.js';
import { createHash } from 'node:crypto';
import { bulletinSync } from '../helpers/bulletin-cli.js';

const SAMPLE = SAMPLE_FILE;
const PIN = 'Kq7-wzPv';
const ADMIN = 'office-admin-9';
const unavailable = cupsUnavailable();
if (unavailable && process.env.CI) throw new Error(`CUPS 不可用：${unavailable}`);


const bulletin = (args: readonly string[], input = '', env: Record<string, string> = {}) =>
  bulletinSync(args, { input, timeout: 180_000, env: { BULLETIN_LIBRARY: '', ...env } });

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

    // The office authority (管理口令 on standard input), then a signer (管理口令 and PIN); neither is stored.
    const noAuthority = bulletin(['--library', lib, 'approver', 'add', '张三'], `${ADMIN}\n${PIN}\n`);
    expect(noAuthority.code).toBe(1);
    expect(noAuthority.err.join('\n')).toContain('本库尚未建立签发机构');
    const init = bulletin(['--library', lib, 'approver', 'init'], `${ADMIN}\n`);
    expect(init.code, init.err.join('\n')).toBe(0);
    expect(init.out[0]).toMatch(/^已建立签发机构：联络动态签发机构（证书指纹 ([0-9A-F]{2}:){31}[0-9A-F]{2}）$/);
    const wrongAdmin = bulletin(['--library', lib, 'approver', 'add', '张三'], `not-the-admin\n${PIN}\n`);
    expect(wrongAdmin.code).toBe(1);
    expect(wrongAdmin.err.join('\n')).toContain('管理口令不正确');
    const added = bulletin(['--library', lib, 'approver', 'add', '张三'], `${ADMIN}\n${PIN}\n`);
    expect(added.code, added.err.join('\n')).toBe(0);
    expect(added.out.join('\n')).toContain('已添加签发人：张三（证书指纹');
    const list = bulletin(['--library', lib, 'approver', 'list']).out;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatch(/^签发机构\t联络动态签发机构\t/);
    expect(list[1]).toMatch(/^张三\t([0-9A-F]{2}:){31}[0-9A-F]{2}\t有效期至 \d{4}-\d{2}-\d{2}$/);
    const tooShort = bulletin(['--library', lib, 'approver', 'add', '李四'], `${ADMIN}\n12345\n`);
    expect(tooShort.code).toBe(2);
    expect(tooShort.err.join('\n')).toContain('PIN 至少 6 位');
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
    // PDF/A-2u and tagged by default (issue 10).
    const plainInfo = execFileSync('pdfinfo', [finalPath], { encoding: 'utf8' });
    expect(plainInfo).toMatch(/^Tagged:\s+yes$/m);
    expect(plainInfo).toMatch(/^Metadata Stream:\s+yes$/m);
    expect(execFileSync('pdfinfo', ['-meta', finalPath], { encoding: 'utf8' })).toContain('<pdfaid:part>2</pdfaid:part>');
    const finalItems = (await readPdf(fs.readFileSync(finalPath))).flatMap((p) => p.items);
    expect(finalItems.some((i) => i.str.includes('样'))).toBe(false);
    // Digitally signed: poppler says valid, the whole document signed, by 张三.
    const sig = pdfsig(finalPath);
    expect(sig).toContain('Signer Certificate Common Name: 张三');
    expect(sig).toContain('Total document signed');
    expect(sig).toContain('Signature is Valid');

    // verify in the library: who, when, unchanged, the library's authority and signer.
    const verified = bulletin(['--library', lib, 'verify', finalPath]);
    expect(verified.code, verified.out.join('\n')).toBe(0);
    const said = verified.out.join('\n');
    expect(said).toContain('签名 1：签发人 张三');
    expect(said).toMatch(/签名时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(said).toContain('✓ 文件自签名后未被改动');
    expect(said).toContain('✓ 证书由本库签发机构“联络动态签发机构”签发');
    expect(said).toContain('✓ 与本库签发人“张三”的证书一致');
    // export-cert: the signer's certificate and the authority's, for recipients.
    const cer = path.join(tmp, '张三.cer');
    const exported = bulletin(['--library', lib, 'approver', 'export-cert', '张三', '-o', cer]);
    expect(exported.code).toBe(0);
    const authorityCer = path.join(tmp, '张三-签发机构.cer');
    if (hasOpenssl()) {
      // An independent reader of the .cer files: the subject, and the chain to the authority.
      expect(execFileSync('openssl', ['x509', '-in', cer, '-noout', '-subject', '-nameopt', 'utf8'], { encoding: 'utf8' })).toContain('CN=张三');
      expect(execFileSync('openssl', ['verify', '-CAfile', authorityCer, '-no_check_time', cer], { encoding: 'utf8' })).toContain('OK');
    }
    // A recipient: no library, only the authority's certificate.
    const away = { BULLETIN_LIBRARY: path.join(tmp, 'no-library-here') };
    const recipient = bulletin(['verify', finalPath, '--trust', authorityCer], '', away);
    expect(recipient.code, recipient.out.join('\n')).toBe(0);
    expect(recipient.out.join('\n')).toContain('✓ 证书由所信任的签发机构（张三-签发机构.cer）“联络动态签发机构”签发');
    const untrusted = bulletin(['verify', finalPath], '', away);
    expect(untrusted.code).toBe(1);
    expect(untrusted.out.join('\n')).toContain('没有可信任的签发机构证书');
    // One byte changed after signing.
    const bytes = fs.readFileSync(finalPath);
    bytes[bytes.indexOf('/Producer') + 12] ^= 1;
    const tampered = path.join(tmp, 'tampered.pdf');
    fs.writeFileSync(tampered, bytes);
    const broken = bulletin(['verify', tampered, '--trust', authorityCer], '', away);
    expect(broken.code).toBe(1);
    expect(broken.out.join('\n')).toContain('✗ 签名不成立：签名后文件内容被改动');
    expect(pdfsig(tampered)).toContain('Digest Mismatch');
    // A damaged certificate file given to trust: a clear refusal (exit 2), nothing verified.
    const damagedCer = path.join(tmp, 'damaged.cer');
    fs.writeFileSync(damagedCer, fs.readFileSync(authorityCer, 'utf8').replace(/[A-Za-z]{8}/, 'AAAAAAAA'));
    const badTrust = bulletin(['verify', finalPath, '--trust', damagedCer], '', away);
    expect(badTrust.code).toBe(2);
    expect(badTrust.err.join('\n')).toContain('证书已损坏（不是有效的 X.509 证书）');
    const notSigned = bulletin(['verify', draftPath, '--trust', authorityCer], '', away);
    expect(notSigned.code).toBe(1);
    expect(notSigned.out.join('\n')).toContain('文件没有数字签名');

    // No file of the library holds the PIN.
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const f of files(lib)) {
      expect(fs.readFileSync(f, 'utf8').includes(PIN), f).toBe(false);
      expect(fs.readFileSync(f, 'utf8').includes(ADMIN), f).toBe(false);
    }

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

    // The forgery of issue 14: a hand-written 已签发 meta with the right content hash, no PIN involved.
    const metaFile = path.join(lib, 'issues', `${id}.meta.json`);
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    const hash = createHash('sha256').update(serializeDocument(createLibrary({ dir: lib }).read(id).document), 'utf8').digest('hex');
    meta.status = 'approved';
    meta.signOff = { signer: '张三', opinion: '同意印发', at: '2021-06-02T02:00:00.000Z', contentHash: hash };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    const forged = bulletin(['--library', lib, 'export', id, '-o', path.join(tmp, 'forged.pdf'), '--final']);
    expect(forged.code).toBe(1);
    expect(forged.err.join('\n')).toContain('不能导出正式版：旧版签发（无数字签名），须重新签发后才能导出正式版');
    expect(fs.existsSync(path.join(tmp, 'forged.pdf'))).toBe(false);
    expect(bulletin(['--library', lib, 'history', id]).out.join('\n')).toContain('旧版签发（无数字签名）：张三');
  }, 600_000);

  it.skipIf(!!unavailable)('prints the distribution set through CUPS and marks the issue 已印发', async () => {
    const printers = bulletin(['printers']);
    expect(printers.code).toBe(0);
    expect(printers.out.map((l) => l.split('\t')[0])).toContain('PDF');

    // Not validly signed off (the forged record): printing is refused too.
    const refused = bulletin(['--library', lib, 'print', id, '--printer', 'PDF', '--distribution']);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('须重新签发');
    const both = bulletin(['--library', lib, 'approve', id, '--approver', '张三', '--pdfa', '--no-pdfa'], `${PIN}\n`);
    expect(both.code).toBe(2);
    expect(both.err.join('\n')).toContain('--pdfa 与 --no-pdfa 不能同时使用');
    // Signed off again without PDF/A (--no-pdfa): no XMP metadata, still signed and tagged.
    expect(bulletin(['--library', lib, 'approve', id, '--approver', '张三', '--no-pdfa'], `${PIN}\n`).code).toBe(0);
    const noPdfa = path.join(tmp, 'final-no-pdfa.pdf');
    expect(bulletin(['--library', lib, 'export', id, '-o', noPdfa, '--final']).code).toBe(0);
    const noPdfaInfo = execFileSync('pdfinfo', [noPdfa], { encoding: 'utf8' });
    expect(noPdfaInfo).toMatch(/^Metadata Stream:\s+no$/m);
    expect(noPdfaInfo).toMatch(/^Tagged:\s+yes$/m);
    expect(pdfsig(noPdfa)).toContain('Signature is Valid');
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

describe('bulletin submit: errors stop a release (issue 18)', () => {
  it('refuses an issue 校对 finds errors in, naming them; the issue stays a draft', () => {
    const dir = path.join(tmp, 'lib-errors');
    fs.mkdirSync(dir);
    const library = createLibrary({ dir });
    const { id } = library.create({ today: '2021-06-02' });
    const run = bulletin(['--library', dir, 'submit', id]);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain('校对发现 2 处错误，改正后才能送审：第1篇文章没有标题；第1篇文章没有正文');
    expect(createLibrary({ dir }).read(id).meta.status).toBe('draft');
  });
});
