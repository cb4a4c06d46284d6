/**
 * The signers and the office authority: who may add and remove signers (the 管理口令), PIN rules and PIN changes,
 * a new key for a forgotten PIN, removal — each in the signers' log — with past sign-offs still verifying; old
 * (version-1) signers; an expired certificate; a damaged key or certificate; all refused in Chinese, nothing signed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../services/approval.js';
import { createLibrary } from '../../services/library.js';
import type { Library } from '../../services/library-types.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { ADMIN, addSigner, signingServices } from '../helpers/signing.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);
const PIN = '246810';

let typesetter: Typesetter;
let root: string;
beforeAll(() => {
  typesetter = createTypesetter();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'signers-test-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let library: Library;
let approval: Approval;
let t: number;
const now = () => new Date(t);

beforeEach(() => {
  t = Date.UTC(2021, 5, 1, 8);
  library = createLibrary({ dir: fs.mkdtempSync(path.join(root, 'lib-')), now });
  ({ approval } = signingServices({ library, typesetter, now }));
});

describe('the authority and who may add signers', () => {
  it('needs an authority, made once with a 管理口令 of 8 or more characters', async () => {
    await expect(approval.signing.add('张主任', PIN, { adminPassphrase: ADMIN })).rejects.toThrow('本库尚未建立签发机构');
    await expect(approval.signing.createAuthority('short')).rejects.toThrow('管理口令至少 8 位');
    const authority = await approval.signing.createAuthority(ADMIN, { by: '办公室' });
    expect(authority.commonName).toBe('联络动态签发机构');
    expect(authority.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await expect(approval.signing.createAuthority(ADMIN)).rejects.toThrow('本库已建立签发机构');
    expect(approval.signing.events()).toEqual([expect.objectContaining({ action: 'authority', by: '办公室' })]);
    expect(fs.readFileSync(path.join(library.dir, 'library-id'), 'utf8').trim()).toBe(authority.libraryId);
  });

  it('adding a signer needs the 管理口令 and a PIN of 6 or more characters; the certificate chains to the authority', async () => {
    await approval.signing.createAuthority(ADMIN);
    await expect(approval.signing.add('张主任', PIN, { adminPassphrase: 'not-the-passphrase' })).rejects.toThrow('管理口令不正确');
    await expect(approval.signing.add('张主任', '12345', { adminPassphrase: ADMIN })).rejects.toThrow('PIN 至少 6 位');
    await expect(approval.signing.add('  ', PIN, { adminPassphrase: ADMIN })).rejects.toThrow('签发人姓名不能为空');
    expect(approval.signing.list()).toEqual([]);
    const info = await approval.signing.add('张主任', PIN, { adminPassphrase: ADMIN, by: '办公室' });
    expect(info).toMatchObject({ name: '张主任', expired: false });
    expect(info.notAfter).toBe('2026-06-01T08:00:00.000Z');
    await expect(approval.signing.add('张主任', PIN, { adminPassphrase: ADMIN })).rejects.toThrow('已存在');
    const { signer, authority } = approval.signing.certificates('张主任');
    const { X509Certificate } = await import('node:crypto');
    expect(new X509Certificate(signer).checkIssued(new X509Certificate(authority))).toBe(true);
    expect(new X509Certificate(signer).subject).toContain('CN=张主任');
  });
});

describe('PINs, new keys and removal keep past sign-offs verifying', () => {
  let id: string;
  beforeEach(async () => {
    await addSigner(approval, '张主任', PIN);
    id = library.importBytes(SAMPLE, 'sample.txt').id;
    expect((await approval.signOff(id, { signer: '张主任', pin: PIN })).ok).toBe(true);
  });

  it('changes a PIN knowing the old one (same key and certificate), recorded', async () => {
    const before = approval.signing.list()[0]!.fingerprint;
    await expect(approval.signing.changePin('张主任', 'wrong-old', '975310')).rejects.toThrow('PIN 不正确');
    await expect(approval.signing.changePin('张主任', PIN, '123')).rejects.toThrow('新 PIN 至少 6 位');
    await approval.signing.changePin('张主任', PIN, '975310', { by: '张主任' });
    expect(approval.signing.list()[0]!.fingerprint).toBe(before);
    await expect(approval.signing.unlock('张主任', PIN)).rejects.toThrow('PIN 不正确');
    expect((await approval.signing.unlock('张主任', '975310')).name).toBe('张主任');
    expect(approval.signing.events().at(-1)).toMatchObject({ action: 'pin-changed', signer: '张主任', by: '张主任' });
    expect(approval.finalState(id).ok).toBe(true);
  });

  it('a forgotten PIN: a new key and certificate (the 管理口令); the old certificate is retired and still verifies', async () => {
    const old = approval.signing.list()[0]!.fingerprint;
    t += 86_400_000;
    await approval.signing.add('张主任', '864200', { adminPassphrase: ADMIN, replace: true });
    const renewed = approval.signing.list()[0]!.fingerprint;
    expect(renewed).not.toBe(old);
    expect(library.signingData().retired).toEqual([expect.objectContaining({ name: '张主任', reason: '重新生成密钥' })]);
    expect(approval.signing.events().at(-1)).toMatchObject({ action: 'rekeyed', signer: '张主任' });
    // The old sign-off verifies against the old certificate; new ones use the new key.
    expect(createLibrary({ dir: library.dir }).read(id).meta.status).toBe('approved');
    const second = library.importBytes(SAMPLE, 'second.txt').id;
    const signed = await approval.signOff(second, { signer: '张主任', pin: '864200' });
    expect(signed.ok && signed.meta.signOff?.certificate).toBe(renewed);
  });

  it('removes a signer (the 管理口令), recorded; the removed signer cannot sign, past sign-offs still verify', async () => {
    await expect(approval.signing.remove('张主任', { adminPassphrase: 'wrong-admin' })).rejects.toThrow('管理口令不正确');
    await approval.signing.remove('张主任', { adminPassphrase: ADMIN, by: '办公室' });
    expect(approval.signing.list()).toEqual([]);
    expect(approval.signing.events().at(-1)).toMatchObject({ action: 'removed', signer: '张主任', by: '办公室' });
    expect(createLibrary({ dir: library.dir }).read(id).meta.status).toBe('approved');
    expect(approval.finalState(id).ok).toBe(true);
    const other = library.importBytes(SAMPLE, 'other.txt').id;
    expect(await approval.signOff(other, { signer: '张主任', pin: PIN })).toEqual({ ok: false, reason: '签发人不存在：张主任' });
  });
});

describe('bad input: clear Chinese refusals, nothing signed, nothing lost', () => {
  let id: string;
  beforeEach(async () => {
    await addSigner(approval, '张主任', PIN);
    id = library.importBytes(SAMPLE, 'sample.txt').id;
  });

  const refused = async (reason: string | RegExp) => {
    const result = await approval.signOff(id, { signer: '张主任', pin: PIN });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
    expect(library.read(id).meta.status).toBe('draft');
    expect(fs.existsSync(path.join(library.dir, 'finals', `${id}.pdf`))).toBe(false);
  };
  const editProfile = (change: (signing: { signers: { key: Record<string, unknown>; certificate: string }[] }) => void) => {
    const file = path.join(library.dir, 'profile.json');
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(profile.signing);
    fs.writeFileSync(file, JSON.stringify(profile));
  };

  it('an expired certificate', async () => {
    t = Date.UTC(2026, 5, 2);
    await refused('签发人“张主任”的证书已于 2026-06-01 过期：须由管理员重新生成密钥和证书');
    expect(approval.signing.list()[0]!.expired).toBe(true);
  });

  it('a damaged key', async () => {
    editProfile((s) => {
      const data = Buffer.from(String(s.signers[0]!.key.data), 'base64');
      data[5] ^= 0x40;
      s.signers[0]!.key.data = data.toString('base64');
    });
    await refused('签发人“张主任”的密钥已损坏（校验值不符）：须由管理员重新生成密钥');
    editProfile((s) => {
      s.signers[0]!.key = { kdf: 'scrypt' };
    });
    await refused(/密钥已损坏/);
  });

  it('a damaged certificate', async () => {
    editProfile((s) => {
      s.signers[0]!.certificate = Buffer.from('not a certificate').toString('base64');
    });
    await refused('签发人“张主任”的证书已损坏：须由管理员重新生成密钥（忘记 PIN 时的办法）');
  });

  it('a version-1 profile: its signers are listed as old-format and must be added again', async () => {
    const file = path.join(library.dir, 'profile.json');
    const legacy = { name: '王主任', salt: 'ab12', hash: 'cd34', scrypt: { N: 16384, r: 8, p: 1, keylen: 32 } };
    fs.writeFileSync(file, JSON.stringify({ format: 'bulletin-profile', version: 1, profile: library.profile(), signers: [legacy] }));
    const fresh = signingServices({ library: createLibrary({ dir: library.dir, now }), typesetter, now }).approval;
    expect(fresh.signing.list()).toEqual([{ name: '王主任', legacy: true }]);
    expect(await fresh.signOff(id, { signer: '王主任', pin: PIN })).toEqual({
      ok: false,
      reason: '签发人“王主任”是旧版设置（只有 PIN 散列，没有密钥和证书），须由管理员重新添加后才能签发',
    });
  });
});
