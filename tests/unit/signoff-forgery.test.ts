/**
 * Forging a sign-off with write access to the library folder, and failing: the exact forgery of issue 14 (a
 * hand-written 已签发 meta with the right content hash), a copied valid record (to another issue with the same
 * content), an opinion or time changed in a valid record, the signer's certificate swapped in the profile, a
 * certificate made by another authority, a profile from another library. Each time the record is no sign-off:
 * the final export is refused with the reason, the status is not 已签发, the history says so, and the original
 * meta file is kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../services/approval.js';
import { contentHash } from '../../services/content-hash.js';
import { createLibrary } from '../../services/library.js';
import type { IssueMeta, Library } from '../../services/library-types.js';
import { createAuthority, issueSignerCertificate } from '../../services/signing-certificates.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { addSigner, signingServices } from '../helpers/signing.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);
const PIN = '246810';

let typesetter: Typesetter;
let root: string;
beforeAll(() => {
  typesetter = createTypesetter();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'forgery-test-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let library: Library;
let approval: Approval;
let id: string;

beforeEach(async () => {
  library = createLibrary({ dir: fs.mkdtempSync(path.join(root, 'lib-')) });
  ({ approval } = signingServices({ library, typesetter }));
  await addSigner(approval, '张主任', PIN);
  await addSigner(approval, '李副主任', '135790');
  id = library.importBytes(SAMPLE, 'lianluo-2021-08.txt').id;
});

const metaFile = (issue: string) => path.join(library.dir, 'issues', `${issue}.meta.json`);
const readMeta = (issue: string): IssueMeta => JSON.parse(fs.readFileSync(metaFile(issue), 'utf8')) as IssueMeta;
const writeMeta = (issue: string, meta: IssueMeta) => fs.writeFileSync(metaFile(issue), `${JSON.stringify(meta, null, 2)}\n`);

/** A fresh library object: nothing cached from before the files were changed by hand. */
const reopened = () => signingServices({ library: createLibrary({ dir: library.dir }), typesetter });

/** The original meta files kept aside when a record was set aside. */
const keptMetas = (issue: string) => {
  const dir = path.join(library.dir, 'backups', issue);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('-meta.json')) : [];
};

async function expectRefused(issue: string, reason: string | RegExp): Promise<void> {
  const services = reopened();
  const meta = services.approval.finalState(issue);
  expect(meta.ok).toBe(false);
  await expect(services.exporter.exportIssue(issue, { final: true })).rejects.toThrow(reason);
  const { meta: read } = createLibrary({ dir: library.dir }).read(issue);
  expect(read.status).not.toBe('approved');
  expect(read.signOff).toBeUndefined();
}

describe('forging a sign-off by writing the library files', () => {
  it('the forgery of the issue: a hand-written 已签发 meta with the right content hash exports nothing final', async () => {
    const hash = contentHash(library.read(id).document);
    const meta = readMeta(id);
    const forged: IssueMeta = {
      ...meta,
      status: 'approved',
      signOff: { signer: '张主任', opinion: '同意印发', at: '2021-06-02T02:00:00.000Z', contentHash: hash },
    };
    writeMeta(id, forged);
    await expectRefused(id, '旧版签发（无数字签名），须重新签发后才能导出正式版');
    const read = createLibrary({ dir: library.dir }).read(id).meta;
    expect(read.status).toBe('submitted');
    expect(read.legacySignOff?.signer).toBe('张主任');
    expect(read.history.at(-1)!.detail).toContain('旧版签发（无数字签名）');
    expect(keptMetas(id)).toHaveLength(1);
    // The same with made-up signature fields: not verifiable, back to 草稿.
    writeMeta(id, { ...forged, signOff: { ...forged.signOff!, certificate: 'ab'.repeat(32), signature: 'MEUCIQ' + 'A'.repeat(90) } });
    await expectRefused(id, '签发记录无法验证');
    const again = createLibrary({ dir: library.dir }).read(id).meta;
    expect(again.status).toBe('draft');
    expect(again.history.at(-1)).toMatchObject({ action: 'voided' });
    expect(again.history.at(-1)!.detail).toContain('签发记录无法验证');
  });

  it('a valid record copied to another issue (same content, even its final PDF) does not verify there', async () => {
    const other = library.importBytes(SAMPLE, 'copy.txt').id;
    expect(contentHash(library.read(other).document)).toBe(contentHash(library.read(id).document));
    expect((await approval.signOff(id, { signer: '张主任', pin: PIN })).ok).toBe(true);
    const signed = readMeta(id);
    writeMeta(other, { ...readMeta(other), status: 'approved', signOff: signed.signOff! });
    fs.copyFileSync(path.join(library.dir, 'finals', `${id}.pdf`), path.join(library.dir, 'finals', `${other}.pdf`));
    await expectRefused(other, '签发记录无法验证：数字签名不符');
    expect(createLibrary({ dir: library.dir }).read(other).meta.status).toBe('draft');
    expect(keptMetas(other)).toHaveLength(1);
    // The original is untouched.
    expect(reopened().approval.finalState(id).ok).toBe(true);
  });

  it('changing the opinion or the time of a valid record breaks it', async () => {
    expect((await approval.signOff(id, { signer: '张主任', pin: PIN, opinion: '同意印发' })).ok).toBe(true);
    const signed = readMeta(id);
    const original = fs.readFileSync(metaFile(id));
    for (const change of [{ opinion: '同意印发，并发至县级' }, { at: '2021-06-01T00:00:00.000Z' }, { signer: '李副主任' }]) {
      writeMeta(id, { ...signed, signOff: { ...signed.signOff!, ...change } });
      await expectRefused(id, '签发记录无法验证');
      fs.writeFileSync(metaFile(id), original);
      expect(reopened().approval.finalState(id).ok).toBe(true);
    }
  });

  it("swapping the signer's certificate in the profile for another one voids the records it signed", async () => {
    expect((await approval.signOff(id, { signer: '张主任', pin: PIN })).ok).toBe(true);
    const data = library.signingData();
    const other = data.signers.find((s) => s.name === '李副主任')!;
    const profileFile = path.join(library.dir, 'profile.json');
    const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
    profile.signing.signers = profile.signing.signers.map((s: { name: string }) => (s.name === '张主任' ? { ...s, certificate: other.certificate } : s));
    fs.writeFileSync(profileFile, JSON.stringify(profile));
    await expectRefused(id, /签发记录无法验证：签发记录所用的证书不在本库的签发人证书中/);
  });

  it('a certificate and key made by another authority, put in the profile under the signer’s name, cannot sign or verify', async () => {
    const now = new Date();
    const foreign = await createAuthority({ name: '假冒签发机构', organization: 'x', libraryId: 'other' }, now);
    const made = await issueSignerCertificate({ subject: { name: '张主任', organization: 'x', libraryId: 'other' }, authority: foreign, now });
    const profileFile = path.join(library.dir, 'profile.json');
    const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
    profile.signing.signers = profile.signing.signers.map((s: { name: string }) => (s.name === '张主任' ? { ...s, certificate: made.certificate.toString('base64') } : s));
    fs.writeFileSync(profileFile, JSON.stringify(profile));
    const services = reopened();
    const result = await services.approval.signOff(id, { signer: '张主任', pin: PIN });
    expect(result).toEqual({ ok: false, reason: '签发人“张主任”的证书不是本库签发机构签发的（出版设置文件可能来自另一个期刊库或被改动），不能签发' });
  });

  it('a profile from another library: signing refused with a clear message, existing sign-offs not accepted, nothing lost', async () => {
    expect((await approval.signOff(id, { signer: '张主任', pin: PIN })).ok).toBe(true);
    const otherDir = fs.mkdtempSync(path.join(root, 'other-'));
    const other = signingServices({ library: createLibrary({ dir: otherDir }), typesetter });
    await addSigner(other.approval, '张主任', PIN);
    const ours = fs.readFileSync(path.join(library.dir, 'profile.json'));
    fs.copyFileSync(path.join(otherDir, 'profile.json'), path.join(library.dir, 'profile.json'));
    const services = reopened();
    expect(await services.approval.signOff(library.importBytes(SAMPLE, 'new.txt').id, { signer: '张主任', pin: PIN })).toEqual({
      ok: false,
      reason: '出版设置文件来自另一个期刊库（签发机构不同），不能签发；请恢复本库原来的 profile.json',
    });
    await expectRefused(id, '签发记录无法验证');
    // The original record is kept aside; with our profile back it verifies again.
    const kept = keptMetas(id);
    expect(kept).toHaveLength(1);
    fs.writeFileSync(path.join(library.dir, 'profile.json'), ours);
    fs.copyFileSync(path.join(library.dir, 'backups', id, kept[0]!), metaFile(id));
    expect(reopened().approval.finalState(id).ok).toBe(true);
  });
});
