import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FS, writeAtomic } from './library-fs.js';
import type { Library } from './library-types.js';
import type { PinLockout } from './pin-lockout.js';
import { MAX_PIN_FAILURES } from './pin-lockout.js';
import { certificateFacts, fingerprintOf, isIssuedBy, isValidAt, keyMatchesCertificate, readCertificate } from './certificate-checks.js';
import { DamagedKeyError, openKey, sealKey, WrongSecretError, type KdfParams } from './signing-keys.js';
import type { AuthorityInfo, SignerEvent, SignerInfo, SigningData } from './signing-types.js';

/**
 * The signers (签发人) and the office's signing authority (签发机构), over the signing part of the library's
 * profile file. Who may do what:
 *
 *  - making the authority (once per library) sets the 管理口令, which seals the authority's key;
 *  - adding a signer, making a new key for one (a forgotten PIN), and removing one need the 管理口令 — whoever
 *    can add a signer can sign as anyone, so an editor with access to the library folder cannot;
 *  - changing a PIN needs the old PIN; signing needs the PIN (five wrong PINs in a row: locked 15 minutes).
 *
 * Every change is written to the signers' log. A certificate that is replaced or removed moves to `retired`, so
 * the sign-offs it made keep verifying.
 */

export const MIN_PIN_LENGTH = 6;
export const MIN_PASSPHRASE_LENGTH = 8;

/** A refusal, with a Chinese message fit for the user. */
export class SigningError extends Error {
  constructor(
    message: string,
    readonly code: 'no-authority' | 'unknown-signer' | 'legacy' | 'locked' | 'wrong-pin' | 'damaged' | 'expired' | 'foreign' | 'input',
    readonly details: { readonly lockedNow?: boolean; readonly until?: Date } = {},
  ) {
    super(message);
    this.name = 'SigningError';
  }
}

/** A signer whose key the PIN has opened: what signing needs. */
export interface UnlockedSigner {
  readonly name: string;
  readonly pkcs8: Buffer;
  readonly certificate: Buffer;
  readonly fingerprint: string;
  readonly authority: Buffer;
  /** The 编印单位 in the certificate (the PDF signature's /Location). */
  readonly organization: string;
}

export interface Signers {
  authority(): AuthorityInfo | undefined;
  createAuthority(passphrase: string, options?: { by?: string }): Promise<AuthorityInfo>;
  list(): SignerInfo[];
  events(): readonly SignerEvent[];
  /** Adds a signer (a new key and certificate); `replace` makes a new key for an existing one (forgotten PIN). */
  add(name: string, pin: string, options: { adminPassphrase: string; replace?: boolean; by?: string }): Promise<SignerInfo>;
  remove(name: string, options: { adminPassphrase: string; by?: string }): Promise<void>;
  changePin(name: string, oldPin: string, newPin: string, options?: { by?: string }): Promise<void>;
  /** Opens a signer's key with the PIN, after every check; counts wrong PINs. */
  unlock(name: string, pin: string): Promise<UnlockedSigner>;
  /** A signer's current certificate and the authority's (DER). */
  certificates(name: string): { signer: Buffer; authority: Buffer };
  /** The authority's certificate (DER). */
  authorityCertificate(): Buffer;
}

export interface SignersOptions {
  readonly library: Library;
  readonly lockout: PinLockout;
  readonly now: () => Date;
  /** The key-derivation cost for new keys (tests pass a cheap one); DEFAULT_KDF otherwise. */
  readonly kdf?: KdfParams;
}

export function createSigners(options: SignersOptions): Signers {
  const { library, lockout, now } = options;
  const at = () => now().toISOString();
  const markerPath = join(library.dir, 'library-id');
  const data = () => library.signingData();
  const save = (next: SigningData, event: Omit<SignerEvent, 'at'>) =>
    library.saveSigningData({ ...next, events: [...next.events, { at: at(), ...withoutUndefined(event) }] });
  const kdf = options.kdf ? { kdf: options.kdf } : {};

  const requireAuthority = (signing: SigningData) => {
    const authority = signing.authority;
    if (!authority) throw new SigningError('本库尚未建立签发机构：请先由管理员在“期刊设置”中建立（bulletin approver init）', 'no-authority');
    const marker = readMarker(markerPath);
    if (marker && marker !== authority.libraryId) {
      throw new SigningError('出版设置文件来自另一个期刊库（签发机构不同），不能签发；请恢复本库原来的 profile.json', 'foreign');
    }
    let certificate: Buffer;
    try {
      certificate = Buffer.from(authority.certificate, 'base64');
      readCertificate(certificate);
    } catch {
      throw new SigningError('签发机构的证书已损坏，不能签发', 'damaged');
    }
    return { record: authority, certificate };
  };

  /** Opens the authority's key with the 管理口令. */
  const openAuthority = async (signing: SigningData, passphrase: string) => {
    const { record, certificate } = requireAuthority(signing);
    try {
      const pkcs8 = await openKey(record.key, passphrase, { purpose: authorityPurpose(record.libraryId, fingerprintOf(certificate)) });
      return { pkcs8, certificate, libraryId: record.libraryId };
    } catch (error) {
      if (error instanceof WrongSecretError) throw new SigningError('管理口令不正确', 'wrong-pin');
      if (error instanceof DamagedKeyError) throw new SigningError(`签发机构的${error.message}`, 'damaged');
      throw error;
    }
  };

  const findSigner = (signing: SigningData, name: string) => {
    const signer = signing.signers.find((s) => s.name === name);
    if (signer) return signer;
    if (signing.legacySigners.some((s) => s.name === name)) {
      throw new SigningError(`签发人“${name}”是旧版设置（只有 PIN 散列，没有密钥和证书），须由管理员重新添加后才能签发`, 'legacy');
    }
    throw new SigningError(`签发人不存在：${name}`, 'unknown-signer');
  };

  const info = (): AuthorityInfo | undefined => {
    const authority = data().authority;
    if (!authority) return undefined;
    try {
      const facts = certificateFacts(Buffer.from(authority.certificate, 'base64'));
      return { libraryId: authority.libraryId, commonName: facts.commonName, fingerprint: facts.fingerprint, notAfter: facts.notAfter };
    } catch {
      return { libraryId: authority.libraryId, commonName: '（证书已损坏）', fingerprint: '', notAfter: '' };
    }
  };

  return {
    authority: info,
    events: () => data().events,

    async createAuthority(passphrase, opts = {}) {
      const signing = data();
      if (signing.authority) throw new SigningError('本库已建立签发机构', 'input');
      if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new SigningError(`管理口令至少 ${MIN_PASSPHRASE_LENGTH} 位`, 'input');
      const profile = library.profile();
      const libraryId = randomUUID();
      // Loaded when needed: @peculiar/x509 only makes certificates (every command would pay for loading it).
      const { createAuthority } = await import('./signing-certificates.js');
      const made = await createAuthority({ name: `${profile.name || '简报'}签发机构`, organization: profile.unit, libraryId }, now());
      const key = await sealKey(made.pkcs8, passphrase, { purpose: authorityPurpose(libraryId, fingerprintOf(made.certificate)), ...kdf });
      writeAtomic(NODE_FS, markerPath, `${libraryId}\n`);
      const authority = { libraryId, certificate: made.certificate.toString('base64'), key, createdAt: at() };
      save({ ...signing, authority }, { action: 'authority', by: opts.by, detail: `证书指纹 ${fingerprintOf(made.certificate)}` });
      return info()!;
    },

    list() {
      const signing = data();
      const t = now();
      const current: SignerInfo[] = signing.signers.map((s) => {
        const locked = lockout.lockedUntil(s.name);
        try {
          const facts = certificateFacts(Buffer.from(s.certificate, 'base64'));
          return {
            name: s.name,
            fingerprint: facts.fingerprint,
            notBefore: facts.notBefore,
            notAfter: facts.notAfter,
            expired: t.getTime() > Date.parse(facts.notAfter),
            ...(locked ? { lockedUntil: locked.toISOString() } : {}),
          };
        } catch {
          return { name: s.name };
        }
      });
      const legacy = signing.legacySigners.filter((l) => !signing.signers.some((s) => s.name === l.name)).map((l) => ({ name: l.name, legacy: true }));
      return [...current, ...legacy];
    },

    async add(name, pin, opts) {
      const clean = name.trim();
      if (!clean) throw new SigningError('签发人姓名不能为空', 'input');
      if (/[\r\n\t]/.test(clean) || [...clean].length > 40) throw new SigningError('签发人姓名应为一行，不超过 40 个字符', 'input');
      if ([...pin].length < MIN_PIN_LENGTH) throw new SigningError(`PIN 至少 ${MIN_PIN_LENGTH} 位`, 'input');
      const signing = data();
      const existing = signing.signers.find((s) => s.name === clean);
      if (existing && !opts.replace) throw new SigningError(`签发人“${clean}”已存在（忘记 PIN 时可重新生成密钥）`, 'input');
      const authority = await openAuthority(signing, opts.adminPassphrase);
      const profile = library.profile();
      const { issueSignerCertificate } = await import('./signing-certificates.js');
      const made = await issueSignerCertificate({
        subject: { name: clean, organization: profile.unit, libraryId: authority.libraryId },
        authority: { pkcs8: authority.pkcs8, certificate: authority.certificate },
        now: now(),
      });
      const fingerprint = fingerprintOf(made.certificate);
      const key = await sealKey(made.pkcs8, pin, { purpose: signerPurpose(fingerprint), ...kdf });
      const record = { name: clean, certificate: made.certificate.toString('base64'), key, addedAt: at() };
      const retired = existing ? [...signing.retired, { name: clean, certificate: existing.certificate, retiredAt: at(), reason: '重新生成密钥' }] : signing.retired;
      const index = signing.signers.findIndex((s) => s.name === clean);
      const signers = index < 0 ? [...signing.signers, record] : signing.signers.map((s, i) => (i === index ? record : s));
      const legacySigners = signing.legacySigners.filter((l) => l.name !== clean);
      save(
        { ...signing, signers, retired, legacySigners },
        { action: existing ? 'rekeyed' : 'added', signer: clean, by: opts.by, detail: `证书指纹 ${fingerprint}` },
      );
      lockout.clear(clean);
      return this.list().find((s) => s.name === clean)!;
    },

    async remove(name, opts) {
      const signing = data();
      const signer = signing.signers.find((s) => s.name === name.trim());
      const legacy = signing.legacySigners.some((s) => s.name === name.trim());
      if (!signer && !legacy) throw new SigningError(`签发人不存在：${name}`, 'unknown-signer');
      await openAuthority(signing, opts.adminPassphrase);
      const retired = signer ? [...signing.retired, { name: signer.name, certificate: signer.certificate, retiredAt: at(), reason: '删除签发人' }] : signing.retired;
      save(
        { ...signing, signers: signing.signers.filter((s) => s !== signer), legacySigners: signing.legacySigners.filter((s) => s.name !== name.trim()), retired },
        { action: 'removed', signer: name.trim(), by: opts.by, detail: '以往的签发记录仍可验证' },
      );
    },

    async changePin(name, oldPin, newPin, opts = {}) {
      if ([...newPin].length < MIN_PIN_LENGTH) throw new SigningError(`新 PIN 至少 ${MIN_PIN_LENGTH} 位`, 'input');
      const unlocked = await this.unlock(name, oldPin);
      const signing = data();
      const key = await sealKey(unlocked.pkcs8, newPin, { purpose: signerPurpose(unlocked.fingerprint), ...kdf });
      const signers = signing.signers.map((s) => (s.name === unlocked.name ? { ...s, key } : s));
      save({ ...signing, signers }, { action: 'pin-changed', signer: unlocked.name, by: opts.by, detail: '密钥与证书不变' });
    },

    async unlock(name, pin) {
      const clean = name.trim();
      const signing = data();
      const signer = findSigner(signing, clean);
      const { certificate: authorityDer } = requireAuthority(signing);
      const until = lockout.lockedUntil(clean);
      if (until) throw new SigningError(lockedMessage(until, now()), 'locked', { until });
      let certificate: Buffer;
      try {
        certificate = Buffer.from(signer.certificate, 'base64');
        readCertificate(certificate);
      } catch {
        throw new SigningError(`签发人“${clean}”的证书已损坏：须由管理员重新生成密钥（忘记 PIN 时的办法）`, 'damaged');
      }
      const cert = readCertificate(certificate);
      if (!isIssuedBy(cert, readCertificate(authorityDer))) {
        throw new SigningError(`签发人“${clean}”的证书不是本库签发机构签发的（出版设置文件可能来自另一个期刊库或被改动），不能签发`, 'foreign');
      }
      if (!isValidAt(cert, now())) {
        const facts = certificateFacts(certificate);
        const expired = now().getTime() > Date.parse(facts.notAfter);
        const when = (expired ? facts.notAfter : facts.notBefore).slice(0, 10);
        throw new SigningError(
          expired ? `签发人“${clean}”的证书已于 ${when} 过期：须由管理员重新生成密钥和证书` : `签发人“${clean}”的证书 ${when} 才生效`,
          'expired',
        );
      }
      const fingerprint = fingerprintOf(certificate);
      let pkcs8: Buffer;
      try {
        pkcs8 = await openKey(signer.key, pin, { purpose: signerPurpose(fingerprint) });
      } catch (error) {
        if (error instanceof DamagedKeyError) throw new SigningError(`签发人“${clean}”的${error.message}：须由管理员重新生成密钥`, 'damaged');
        if (!(error instanceof WrongSecretError)) throw error;
        const failed = lockout.recordFailure(clean);
        if (failed.locked) throw new SigningError(lockedMessage(failed.until!, now()), 'locked', { lockedNow: true, until: failed.until! });
        const left = MAX_PIN_FAILURES - failed.failures;
        throw new SigningError(`PIN 不正确（再错 ${left} 次将锁定 15 分钟）`, 'wrong-pin');
      }
      if (!keyMatchesCertificate(pkcs8, cert)) throw new SigningError(`签发人“${clean}”的密钥与证书不符（出版设置文件可能被改动）`, 'damaged');
      lockout.clear(clean);
      return { name: clean, pkcs8, certificate, fingerprint, authority: authorityDer, organization: certificateFacts(certificate).organization };
    },

    certificates(name) {
      const signing = data();
      const { certificate: authority } = requireAuthority(signing);
      const signer = findSigner(signing, name.trim());
      return { signer: Buffer.from(signer.certificate, 'base64'), authority };
    },

    authorityCertificate: () => requireAuthority(data()).certificate,
  };
}

function authorityPurpose(libraryId: string, fingerprint: string): string {
  return `bulletin-authority:${libraryId}:${fingerprint}`;
}

function signerPurpose(fingerprint: string): string {
  return `bulletin-signer:${fingerprint}`;
}

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `PIN 连续错误 ${MAX_PIN_FAILURES} 次，已锁定 15 分钟：请 ${minutes} 分钟后再试`;
}

function readMarker(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
