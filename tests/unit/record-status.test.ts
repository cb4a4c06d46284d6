/**
 * A signed or printed issue is a record (issue 18): 校对 errors stop 送审 and 签发; 草稿 → 已签发 in one act
 * (送审并签发) records both steps; 撤回签发 and 修订 need a reason, are recorded, and a 修订 keeps the printed
 * version — issue file, signed meta, final PDF — whole in revisions/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from '../../core/check/index.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { ReleaseBlocked, type Approval } from '../../services/approval.js';
import { createLibrary } from '../../services/library.js';
import type { Library } from '../../services/library-types.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { addSigner, signingServices } from '../helpers/signing.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);
const PIN = '246810';

let typesetter: Typesetter;
let root: string;
beforeAll(() => {
  typesetter = createTypesetter();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'record-status-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function setup(): { library: Library; approval: Approval } {
  const library = createLibrary({ dir: fs.mkdtempSync(path.join(root, 'lib-')) });
  const check = async (document: BulletinDocument) => checkDocument(document, { hasGlyph: (cp) => typesetter.hasGlyph(document, cp) });
  const { approval } = signingServices({ library, typesetter, check });
  return { library, approval };
}

describe('errors stop a release', () => {
  it('an issue without title or body is refused 送审 and 签发, naming the errors; warnings do not block', async () => {
    const { library, approval } = setup();
    await addSigner(approval, '张主任', PIN);
    const { id } = library.create();
    const errors = await approval.releaseErrors(id);
    expect(errors.map((e) => e.message)).toEqual(['第1篇文章没有标题', '第1篇文章没有正文']);
    await expect(approval.submitChecked(id, '李编辑')).rejects.toThrow(ReleaseBlocked);
    await expect(approval.submitChecked(id, '李编辑')).rejects.toThrow('校对发现 2 处错误，改正后才能送审：第1篇文章没有标题；第1篇文章没有正文');
    const refused = await approval.signOff(id, { signer: '张主任', pin: PIN });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toContain('改正后才能签发');
    expect(!refused.ok && refused.problems?.length).toBe(2);
    expect(library.read(id).meta.status).toBe('draft');
    expect(library.read(id).meta.history.map((h) => h.action)).toEqual(['created']);
  });
});

describe('送审并签发, 撤回签发 and 修订', () => {
  it('from 草稿 the sign-off records both steps; 撤回签发 needs a reason and returns to 草稿', async () => {
    const { library, approval } = setup();
    await addSigner(approval, '张主任', PIN);
    const { id } = library.importBytes(SAMPLE, 'sample.txt');
    const signed = await approval.signOff(id, { signer: '张主任', pin: PIN });
    expect(signed.ok).toBe(true);
    const history = library.read(id).meta.history;
    expect(history.slice(-2).map((h) => [h.action, h.detail?.slice(0, 5)])).toEqual([
      ['submitted', '送审并签发'],
      ['approved', '签发意见：'],
    ]);
    expect(() => approval.reopen(id, { reason: ' ' })).toThrow('请填写原因');
    const meta = approval.reopen(id, { by: '李编辑', reason: '第二篇标题有误' });
    expect(meta.status).toBe('draft');
    expect(meta.signOff).toBeUndefined();
    expect(meta.history.at(-1)).toMatchObject({ action: 'withdrawn', by: '李编辑', detail: '撤回签发：第二篇标题有误' });
    expect(approval.finalState(id).ok).toBe(false);
    expect(() => approval.reopen(id, { reason: '再来一次' })).toThrow('无需撤回签发或修订');
  });

  it('修订 of a printed issue archives the printed version whole; the revision is signed again', async () => {
    const { library, approval } = setup();
    await addSigner(approval, '张主任', PIN);
    const { id } = library.importBytes(SAMPLE, 'sample.txt');
    approval.submit(id, '李编辑');
    expect((await approval.signOff(id, { signer: '张主任', pin: PIN })).ok).toBe(true);
    const final = approval.finalState(id);
    if (!final.ok) throw new Error(final.reason);
    library.updateMeta(id, (m) => ({ ...m, status: 'printed' }));
    const printedFile = library.exportFile(id);

    const meta = approval.reopen(id, { reason: '联系电话有误' });
    expect(meta.status).toBe('draft');
    expect(meta.history.at(-1)).toMatchObject({ action: 'revised' });
    expect(meta.history.at(-1)?.detail).toBe('修订：联系电话有误；原印发版本（内容、签发记录、正式版）已存档为第 1 版');
    const [kept] = approval.revisions.list(id);
    expect(kept).toMatchObject({ number: 1, hasFinalPdf: true });
    expect(fs.readFileSync(path.join(kept!.dir, 'issue.json'), 'utf8')).toBe(printedFile);
    const archivedMeta = JSON.parse(fs.readFileSync(path.join(kept!.dir, 'meta.json'), 'utf8'));
    expect(archivedMeta).toMatchObject({ status: 'printed', signOff: { signer: '张主任' } });
    // Read back for the read-only view (查看第 1 版); a version printed without the distribution run has no register.
    const opened = approval.revisions.open(id, 1);
    expect(opened).toMatchObject({ number: 1, hasFinalPdf: true, hasRegisterPdf: false, meta: { status: 'printed', signOff: { signer: '张主任' } } });
    expect(opened.document).toEqual(library.read(id).document);
    expect(() => approval.revisions.open(id, 2)).toThrow('第 2 版印发稿不在存档中');
    fs.writeFileSync(path.join(kept!.dir, 'issue.json'), '{ 损坏');
    expect(() => approval.revisions.open(id, 1)).toThrow('第 1 版印发稿的内容文件缺失或已损坏，无法打开');
    expect(Buffer.compare(approval.revisions.finalPdf(id, 1)!, final.pdf)).toBe(0);

    approval.submit(id, '李编辑');
    expect((await approval.signOff(id, { signer: '张主任', pin: PIN })).ok).toBe(true);
    expect(library.read(id).meta.status).toBe('approved');
    // The archived version is untouched by the new sign-off.
    expect(Buffer.compare(approval.revisions.finalPdf(id, 1)!, final.pdf)).toBe(0);
  });
});
