/**
 * Sign-off (签发): the PIN opens the signer's key (never stored, nor the key in clear), wrong PINs refused and five
 * in a row lock the signer out for 15 minutes (recorded), the sign-off recorded with the content hash and signed,
 * the final PDF made and digitally signed at sign-off, voided by a change through the library and by a file edited
 * on disk, and the final export refused unless the signed content is what is exported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Approval } from '../../services/approval.js';
import { contentHash } from '../../services/content-hash.js';
import { FinalExportRefused, issueFileName, type IssueExporter } from '../../services/issue-export.js';
import { addSigner, pdfsig, signingServices } from '../helpers/signing.js';
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
  ({ approval, exporter } = signingServices({ library, typesetter, now: clock }));
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
  it('keeps neither the PIN nor the private key in clear: no file of the library holds either', async () => {
    await addSigner(approval, '张三', PIN);
    await addSigner(approval, '李四', PIN);
    expect(approval.signing.list().map((s) => s.name)).toEqual(['张三', '李四']);
    const unlocked = await approval.signing.unlock('张三', PIN);
    const files = filesUnder(library.dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(PIN, 'utf8')), f).toBe(false);
      expect(bytes.includes(Buffer.from(PIN, 'utf16le')), f).toBe(false);
      expect(bytes.includes(unlocked.pkcs8), f).toBe(false);
      expect(bytes.includes(Buffer.from(unlocked.pkcs8.toString('base64'))), f).toBe(false);
    }
    const keys = library.signingData().signers.map((s) => s.key);
    expect(keys[0]!.salt).not.toBe(keys[1]!.salt);
    expect(keys[0]!.data).not.toBe(keys[1]!.data);
  });
});

describe('sign-off', () => {
  beforeEach(() => addSigner(approval, '张三', PIN));

  it('refuses a wrong PIN and an unknown signer, and changes nothing', async () => {
    const before = library.read(id).meta;
    expect(await approval.signOff(id, { signer: '张三', pin: 'wrong-pin', opinion: '同意' })).toEqual({ ok: false, reason: 'PIN 不正确（再错 4 次将锁定 15 分钟）' });
    expect(await approval.signOff(id, { signer: '王五', pin: PIN })).toEqual({ ok: false, reason: '签发人不存在：王五' });
    const after = library.read(id).meta;
    expect(after.status).toBe('draft');
    expect(after.signOff).toBeUndefined();
    expect(after.history).toEqual(before.history);
    expect(approval.finalState(id)).toEqual({ ok: false, reason: '尚未签发' });
    expect(fs.existsSync(path.join(library.dir, 'finals', `${id}.pdf`))).toBe(false);
  });

  it('locks a signer out for 15 minutes after 5 wrong PINs in a row, recorded in the history (no PIN anywhere)', async () => {
    let t = Date.UTC(2021, 5, 1, 9);
    const manual = signingServices({ library, typesetter, now: () => new Date(t) }).approval;
    for (let k = 0; k < 4; k++) expect((await manual.signOff(id, { signer: '张三', pin: `bad-pin-${k}` })).ok).toBe(false);
    expect(await manual.signOff(id, { signer: '张三', pin: 'bad-pin-4' })).toEqual({ ok: false, reason: 'PIN 连续错误 5 次，已锁定 15 分钟：请 15 分钟后再试' });
    const locked = library.read(id).meta.history.at(-1)!;
    expect(locked).toMatchObject({ action: 'locked', by: '张三' });
    expect(locked.detail).toContain('锁定 15 分钟');
    expect(library.signingData().events.at(-1)).toMatchObject({ action: 'locked', signer: '张三' });
    // The right PIN is refused while locked — also by a new instance (the count is kept in the library).
    t += 14 * 60_000;
    const again = signingServices({ library, typesetter, now: () => new Date(t) }).approval;
    expect(await again.signOff(id, { signer: '张三', pin: PIN })).toEqual({ ok: false, reason: 'PIN 连续错误 5 次，已锁定 15 分钟：请 1 分钟后再试' });
    expect(again.signing.list()[0]!.lockedUntil).toBe(new Date(Date.UTC(2021, 5, 1, 9, 15)).toISOString());
    t += 61_000;
    expect((await again.signOff(id, { signer: '张三', pin: PIN })).ok).toBe(true);
    for (const f of filesUnder(library.dir)) expect(fs.readFileSync(f).includes(Buffer.from('bad-pin-'))).toBe(false);
  });

  it('submits, then records signer, opinion, time, the content hash, the certificate and the signed final PDF', async () => {
    const submitted = approval.submit(id, '编辑甲');
    expect(submitted.status).toBe('submitted');
    expect(submitted.history.at(-1)).toMatchObject({ action: 'submitted', by: '编辑甲' });
    expect(() => approval.submit(id, '编辑甲')).toThrow('只有草稿可以送审');

    const result = await approval.signOff(id, { signer: '张三', pin: PIN, opinion: '同意印发，注意保密' });
    expect(result.ok).toBe(true);
    const meta = library.read(id).meta;
    expect(meta.status).toBe('approved');
    const fingerprint = approval.signing.list()[0]!.fingerprint!;
    expect(meta.signOff).toMatchObject({
      signer: '张三',
      opinion: '同意印发，注意保密',
      contentHash: contentHash(library.read(id).document),
      certificate: fingerprint,
    });
    expect(meta.signOff!.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Date.parse(meta.signOff!.at)).toBeGreaterThan(Date.UTC(2021, 5, 1, 8));
    expect(meta.history.at(-1)).toMatchObject({ action: 'approved', by: '张三' });
    expect(meta.history.at(-1)!.detail).toContain('签发意见：同意印发，注意保密');
    const state = approval.finalState(id);
    expect(state.ok && state.signOff).toEqual(meta.signOff);
    // Signing twice is refused.
    expect(await approval.signOff(id, { signer: '张三', pin: PIN })).toMatchObject({ ok: false });
  });

  it('signs a draft directly with the default opinion 同意印发', async () => {
    const result = await approval.signOff(id, { signer: '张三', pin: PIN, opinion: '' });
    expect(result.ok && result.meta.signOff?.opinion).toBe('同意印发');
  });

  it('a content edit saved through the library voids the sign-off (back to 草稿, recorded)', async () => {
    await approval.signOff(id, { signer: '张三', pin: PIN });
    const stored = library.read(id);
    const saved = library.save(id, edit(stored.document), stored.revision, { by: '编辑甲' });
    expect(saved.status).toBe('saved');
    const meta = library.read(id).meta;
    expect(meta.status).toBe('draft');
    expect(meta.signOff).toBeUndefined();
    expect(meta.history.at(-1)?.action).toBe('voided');
    expect(approval.finalState(id)).toEqual({ ok: false, reason: '签发后内容已修改，需重新签发' });
  });

  it('a file edited on disk voids the sign-off when it is read', async () => {
    await approval.signOff(id, { signer: '张三', pin: PIN });
    const file = path.join(library.dir, 'issues', `${id}.json`);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('联系群众办实事');
    fs.writeFileSync(file, text.replace('联系群众办实事', '联系群众办好事'));
    const meta = library.read(id).meta;
    expect(meta.status).toBe('draft');
    expect(meta.history.at(-1)?.action).toBe('voided');
    expect(approval.finalState(id)).toEqual({ ok: false, reason: '签发后内容已修改，需重新签发' });
    // Signing again restores it, with a new final PDF.
    expect((await approval.signOff(id, { signer: '张三', pin: PIN })).ok).toBe(true);
    expect(approval.finalState(id).ok).toBe(true);
  });
});

describe('export', () => {
  beforeEach(() => addSigner(approval, '张三', PIN));

  it('refuses the final PDF of an unsigned issue, and after a change', async () => {
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow(FinalExportRefused);
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow('尚未签发');
    await approval.signOff(id, { signer: '张三', pin: PIN });
    const stored = library.read(id);
    library.save(id, edit(stored.document), stored.revision);
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow('签发后内容已修改，需重新签发');
    expect(library.read(id).meta.history.some((h) => h.action === 'exported')).toBe(false);
  });

  it('the draft has the 样稿 watermark; the final PDF has none, names the signer, the date and the hash, and is digitally signed', async () => {
    const draft = await exporter.exportIssue(id, { final: false, by: '编辑甲' });
    expect(draft.fileName).toBe('联络动态2021年第8期（总第631期）（样稿）.pdf');
    const draftItems = (await readPdf(draft.bytes)).flatMap((p) => p.items);
    expect(draftItems.some((i) => i.rotated && i.str.includes('样'))).toBe(true);
    expect(library.read(id).meta.history.at(-1)).toMatchObject({ action: 'exported', by: '编辑甲', detail: `样稿：${draft.fileName}` });

    await approval.signOff(id, { signer: '张三', pin: PIN, opinion: '同意印发' });
    const signOff = library.read(id).meta.signOff!;
    const final = await exporter.exportIssue(id, { final: true, by: '编辑甲', target: '/tmp/x/正式.pdf' });
    expect(final.fileName).toBe('联络动态2021年第8期（总第631期）.pdf');
    expect(final.fileName).toBe(issueFileName(library.read(id).document, { final: true }));
    expect(final.pages).toBe(5);
    // The very file made at sign-off.
    expect(Buffer.from(final.bytes).equals(fs.readFileSync(path.join(library.dir, 'finals', `${id}.pdf`)))).toBe(true);
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
    expect(field('SignerCertificate')).toBe(`sha256:${signOff.certificate}`);
    expect(field('Keywords')).toContain('已签发');
    expect(field('Keywords')).toContain('签发人：张三');
    expect(info).not.toContain('样稿');
    const report = pdfsig(file);
    expect(report).toContain('Signer Certificate Common Name: 张三');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature is Valid');
  });

  it('refuses another layout for the final PDF, and a final PDF that is missing or was changed', async () => {
    await approval.signOff(id, { signer: '张三', pin: PIN });
    const { presetByName } = await import('../../core/typeset/preset.js');
    await expect(exporter.exportIssue(id, { final: true, preset: presetByName('compact') })).rejects.toThrow('不能另选版式');
    const stored = path.join(library.dir, 'finals', `${id}.pdf`);
    const bytes = fs.readFileSync(stored);
    const changed = Buffer.from(bytes);
    changed[changed.indexOf('/Producer') + 12] ^= 1;
    fs.writeFileSync(stored, changed);
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow('正式版文件缺失或已被改动');
    fs.rmSync(stored);
    await expect(exporter.exportIssue(id, { final: true })).rejects.toThrow('正式版文件缺失或已被改动');
    fs.writeFileSync(stored, bytes);
    expect((await exporter.exportIssue(id, { final: true })).bytes.length).toBe(bytes.length);
  });
});
