/**
 * Sign-off (签发): signers' PINs stored only as salted scrypt hashes, wrong PINs refused, the sign-off recorded
 * with the content hash, voided by a change through the library and by a file edited on disk, and the final
 * export refused unless the signed content is what is exported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { createApproval, type Approval } from '../../services/approval.js';
import { contentHash } from '../../services/content-hash.js';
import { createIssueExporter, FinalExportRefused, issueFileName, type IssueExporter } from '../../services/issue-export.js';
import { createLibrary } from '../../services/library.js';
import type { Library } from '../../services/library-types.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { documentText, readPdf } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);
/** Letters outside hex, so it can never appear inside a hash or salt by chance. */
const PIN = 'Kq7-wzPv';

let typesetter: Typesetter;
let root: string;
beforeAll(() => {
  typesetter = createTypesetter();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'approval-test-'));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** A clock one second further on every call. */
function ticking(start = Date.UTC(2021, 5, 1, 8)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

let library: Library;
let approval: Approval;
let exporter: IssueExporter;
let id: string;
let clock: () => Date;

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(root, 'lib-'));
  clock = ticking();
  library = createLibrary({ dir, now: clock });
  approval = createApproval({ library, now: clock });
  exporter = createIssueExporter({ library, typesetter, approval });
  id = library.importBytes(SAMPLE, 'lianluo-2021-08.txt').id;
});

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

function edit(doc: BulletinDocument): BulletinDocument {
  const [first, ...rest] = doc.issue.articles;
  return { ...doc, issue: { ...doc.issue, articles: [{ ...first!, title: `${first!.title}（修改）` }, ...rest] } };
}

describe('signers', () => {
  it('stores the PIN only as a salted scrypt hash: the PIN is in no file of the library', () => {
    approval.addSigner('张三', PIN);
    approval.addSigner('李四', PIN);
    expect(approval.signers()).toEqual(['张三', '李四']);
    const records = library.signerRecords();
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r.scrypt).toEqual({ N: 16384, r: 8, p: 1, keylen: 32 });
      expect(r.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    // Same PIN, different salts: different hashes.
    expect(records[0]!.salt).not.toBe(records[1]!.salt);
    expect(records[0]!.hash).not.toBe(records[1]!.hash);
    const files = filesUnder(library.dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(PIN, 'utf8')), f).toBe(false);
      expect(bytes.includes(Buffer.from(PIN, 'utf16le')), f).toBe(false);
    }
    expect(approval.verifyPin('张三', PIN)).toBe(true);
    expect(approval.verifyPin('张三', 'Kq7-wzPx')).toBe(false);
    expect(approval.verifyPin('王五', PIN)).toBe(false);
  });

  it('refuses a short PIN, an empty name and a duplicate; removes a signer', () => {
    expect(() => approval.addSigner('张三', '123')).toThrow('PIN 至少 4 位');
    expect(() => approval.addSigner('  ', PIN)).toThrow('签发人姓名不能为空');
    approval.addSigner('张三', PIN);
    expect(() => approval.addSigner('张三', PIN)).toThrow('已存在');
    approval.addSigner('张三', 'new-pin-9', { replace: true });
    expect(approval.verifyPin('张三', 'new-pin-9')).toBe(true);
    expect(approval.removeSigner('张三')).toBe(true);
    expect(approval.removeSigner('张三')).toBe(false);
    expect(approval.signers()).toEqual([]);
  });
});

describe('sign-off', () => {
  beforeEach(() => approval.addSigner('张三', PIN));

  it('refuses a wrong PIN and an unknown signer, and changes nothing', () => {
    const before = library.read(id).meta;
    expect(approval.signOff(id, { signer: '张三', pin: 'wrong-pin', opinion: '同意' })).toEqual({ ok: false, reason: 'PIN 不正确' });
    expect(approval.signOff(id, { signer: '王五', pin: PIN })).toEqual({ ok: false, reason: '签发人不存在' });
    const after = library.read(id).meta;
    expect(after.status).toBe('draft');
    expect(after.signOff).toBeUndefined();
    expect(after.history).toEqual(before.history);
    expect(approval.finalState(id)).toEqual({ ok: false, reason: '尚未签发' });
  });

  it('locks a signer out for a minute after 5 wrong PINs in a row (no PIN recorded anywhere)', () => {
    let t = Date.UTC(2021, 5, 1, 9);
    const manual = createApproval({ library, now: () => new Date(t) });
    for (let k = 0; k < 5; k++) expect(manual.signOff(id, { signer: '张三', pin: `bad-${k}` })).toEqual({ ok: false, reason: 'PIN 不正确' });
    expect(manual.signOff(id, { signer: '张三', pin: PIN })).toEqual({ ok: false, reason: 'PIN 连续错误 5 次，请 60 秒后再试' });
    t += 61_000;
    expect(manual.signOff(id, { signer: '张三', pin: PIN }).ok).toBe(true);
  });

  it('submits, then records signer, opinion, time and the content hash', () => {
    const submitted = approval.submit(id, '编辑甲');
    expect(submitted.status).toBe('submitted');
    expect(submitted.history.at(-1)).toMatchObject({ action: 'submitted', by: '编辑甲' });
    expect(() => approval.submit(id, '编辑甲')).toThrow('只有草稿可以送审');

    const result = approval.signOff(id, { signer: '张三', pin: PIN, opinion: '同意印发，注意保密' });
    expect(result.ok).toBe(true);
    const meta = library.read(id).meta;
    expect(meta.status).toBe('approved');
    expect(meta.signOff).toMatchObject({
      signer: '张三',
      opinion: '同意印发，注意保密',
      contentHash: contentHash(library.read(id).document),
    });
    expect(Date.parse(meta.signOff!.at)).toBeGreaterThan(Date.UTC(2021, 5, 1, 8));
    expect(meta.history.at(-1)).toMatchObject({ action: 'approved', by: '张三', detail: '签发意见：同意印发，注意保密' });
    expect(approval.finalState(id)).toEqual({ ok: true, signOff: meta.signOff });
    // Signing twice is refused.
    expect(approval.signOff(id, { signer: '张三', pin: PIN })).toMatchObject({ ok: false });
  });

  it('signs a draft directly with the default opinion 同意印发', () => {
    const result = approval.signOff(id, { signer: '张三', pin: PIN, opinion: '' });
    expect(result.ok && result.meta.signOff?.opinion).toBe('同意印发');
  });

  it('a content edit saved through the library voids the sign-off (back to 草稿, recorded)', () => {
    approval.signOff(id, { signer: '张三', pin: PIN });
    const stored = library.read(id);
    const saved = library.save(id, edit(stored.document), stored.revision, { by: '编辑甲' });
    expect(saved.status).toBe('saved');
    const meta = library.read(id).meta;
    expect(meta.status).toBe('draft');
    expect(meta.signOff).toBeUndefined();
    expect(meta.history.at(-1)?.action).toBe('voided');
    expect(approval.finalState(id)).toEqual({ ok: false, reason: '签发后内容已修改，需重新签发' });
  });

  it('a file edited on disk voids the sign-off when it is read', () => {
    approval.signOff(id, { signer: '张三', pin: PIN });
    const file = path.join(library.dir, 'issues', `${id}.json`);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('联系群众办实事');
    fs.writeFileSync(file, text.replace('联系群众办实事', '联系群众办好事'));
    const meta = library.read(id).meta;
    expect(meta.status).toBe('draft');
    expect(meta.history.at(-1)?.action).toBe('voided');
    expect(approval.finalState(id)).toEqual({ ok: false, reason: '签发后内容已修改，需重新签发' });
    // Signing again restores it.
    expect(approval.signOff(id, { signer: '张三', pin: PIN }).ok).toBe(true);
    expect(approval.finalState(id).ok).toBe(true);
  });
});

describe('export', () => {
  beforeEach(() => approval.addSigner('张三', PIN));

  it('refuses the final PDF of an unsigned issue, and after a change', async () => {
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow(FinalExportRefused);
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow('尚未签发');
    approval.signOff(id, { signer: '张三', pin: PIN });
    const stored = library.read(id);
    library.save(id, edit(stored.document), stored.revision);
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow('签发后内容已修改，需重新签发');
    expect(library.read(id).meta.history.some((h) => h.action === 'exported')).toBe(false);
  });

  it('the draft has the 样稿 watermark; the final PDF has none and names the signer, the date and the hash', async () => {
    const draft = await exporter.exportIssue(id, { final: false, by: '编辑甲' });
    expect(draft.fileName).toBe('联络动态2021年第8期（总第631期）（样稿）.pdf');
    const draftItems = (await readPdf(draft.bytes)).flatMap((p) => p.items);
    expect(draftItems.some((i) => i.rotated && i.str.includes('样'))).toBe(true);
    expect(library.read(id).meta.history.at(-1)).toMatchObject({ action: 'exported', by: '编辑甲', detail: `样稿：${draft.fileName}` });

    approval.signOff(id, { signer: '张三', pin: PIN, opinion: '同意印发' });
    const signOff = library.read(id).meta.signOff!;
    const final = await exporter.exportIssue(id, { final: true, by: '编辑甲', target: '/tmp/x/正式.pdf' });
    expect(final.fileName).toBe('联络动态2021年第8期（总第631期）.pdf');
    expect(final.fileName).toBe(issueFileName(library.read(id).document, { final: true }));
    const pages = await readPdf(final.bytes);
    expect(pages.flatMap((p) => p.items).some((i) => i.str.includes('样'))).toBe(false);
    expect(documentText(pages)).toContain('联系群众办实事');
    expect(library.read(id).meta.history.at(-1)).toMatchObject({ action: 'exported', detail: '正式版：/tmp/x/正式.pdf' });

    const file = path.join(root, `final-${id}.pdf`);
    fs.writeFileSync(file, final.bytes);
    const info = execFileSync('pdfinfo', ['-custom', '-enc', 'UTF-8', file], { encoding: 'utf8' });
    const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim();
    expect(field('Signer')).toBe('张三');
    expect(field('SignedAt')).toBe(signOff.at);
    expect(field('SignOffOpinion')).toBe('同意印发');
    expect(field('ContentHash')).toBe(`sha256:${signOff.contentHash}`);
    expect(field('Keywords')).toContain('已签发');
    expect(field('Keywords')).toContain('签发人：张三');
    expect(info).not.toContain('样稿');
  });
});
