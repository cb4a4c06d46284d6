import type { SealedKey } from './signing-types.js';
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Private keys at rest: a PKCS#8 (DER) private key sealed with AES-256-GCM under a key derived from a secret
 * (a signer's PIN, or the office administrator's 管理口令) by scrypt. The secret itself is never stored; the
 * key is never written in clear. node:crypto does all the cryptography (scrypt, AES-256-GCM).
 *
 * A sealed key also carries `check`, the SHA-256 of its stored fields: not a secret and no protection against
 * an attacker (who can recompute it), only a way to tell a damaged file (→ "密钥已损坏") from a wrong secret
 * (→ "PIN 不正确"), which AES-GCM alone cannot tell apart. The GCM additional data binds the sealed key to
 * what it belongs to (`purpose`, e.g. the certificate's fingerprint), so a sealed key copied onto another
 * signer's record does not open.
 */

/** scrypt parameters, stored with every sealed key so that a key opens with the parameters it was sealed with. */
export type { SealedKey } from './signing-types.js';

export interface KdfParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The cost used for every new key: N = 2^19, r = 8, p = 2 — 512 MiB of memory and two passes per guess.
 * Measured on this project's development machine (one core, see README 签发与印发): a few seconds per guess, so
 * trying all 10^6 six-digit PINs offline takes days on an eight-core desktop (README gives the figures).
 */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 19, r: 8, p: 2 };

/** Parameters below which a key is refused as damaged (a file cannot weaken a key below this by accident). */
const MIN_N = 2 ** 10;
const MAX_N = 2 ** 22;

/** The secret was wrong (the key and its check are intact). */
export class WrongSecretError extends Error {
  constructor() {
    super('口令不正确');
    this.name = 'WrongSecretError';
  }
}

/** The sealed key is damaged or not a sealed key. The message is Chinese. */
export class DamagedKeyError extends Error {
  constructor(reason: string) {
    super(`密钥已损坏（${reason}）`);
    this.name = 'DamagedKeyError';
  }
}

/** Seals a PKCS#8 DER private key under `secret`, bound to `purpose`. */
export async function sealKey(pkcs8: Uint8Array, secret: string, options: { purpose: string; kdf?: KdfParams }): Promise<SealedKey> {
  const params = options.kdf ?? DEFAULT_KDF;
  const salt = randomBytes(16);
  const key = await derive(secret, salt, params);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(options.purpose, 'utf8'));
  const data = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  const fields = {
    kdf: 'scrypt' as const,
    N: params.N,
    r: params.r,
    p: params.p,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm' as const,
    iv: iv.toString('base64'),
    data: data.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
  return { ...fields, check: checkOf(fields) };
}

/**
 * Opens a sealed key with `secret`: the PKCS#8 DER bytes. Throws {@link DamagedKeyError} when the sealed key
 * is not intact, {@link WrongSecretError} when the secret (or the purpose) is wrong.
 */
export async function openKey(sealed: SealedKey, secret: string, options: { purpose: string }): Promise<Buffer> {
  const parts = checkSealed(sealed);
  const key = await derive(secret, parts.salt, sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
  decipher.setAAD(Buffer.from(options.purpose, 'utf8'));
  decipher.setAuthTag(parts.tag);
  try {
    return Buffer.concat([decipher.update(parts.data), decipher.final()]);
  } catch {
    throw new WrongSecretError();
  }
}

/** Whether a value has the shape of a sealed key and its check matches (no secret needed). */
export function checkSealed(sealed: SealedKey): { salt: Buffer; iv: Buffer; data: Buffer; tag: Buffer } {
  if (typeof sealed !== 'object' || sealed === null) throw new DamagedKeyError('不是密钥记录');
  if (sealed.kdf !== 'scrypt' || sealed.cipher !== 'aes-256-gcm') throw new DamagedKeyError('未知的加密方式');
  const { N, r, p } = sealed;
  const isPow2 = Number.isInteger(N) && N >= MIN_N && N <= MAX_N && (N & (N - 1)) === 0;
  if (!isPow2 || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) {
    throw new DamagedKeyError('密钥派生参数无效');
  }
  const salt = base64(sealed.salt);
  const iv = base64(sealed.iv);
  const data = base64(sealed.data);
  const tag = base64(sealed.tag);
  if (!salt || salt.length < 16 || !iv || iv.length !== 12 || !data || data.length < 32 || !tag || tag.length !== 16) {
    throw new DamagedKeyError('字段缺失或长度不对');
  }
  const { check: _check, ...fields } = sealed;
  const expected = Buffer.from(checkOf(fields), 'hex');
  const actual = Buffer.from(typeof sealed.check === 'string' ? sealed.check : '', 'hex');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new DamagedKeyError('校验值不符');
  return { salt, iv, data, tag };
}

/** scrypt(secret, salt) with the given cost, 32 bytes; the secret is normalized (NFC) first. */
function derive(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const { N, r, p } = params;
  // scrypt needs 128·N·r bytes (plus 128·r·p); leave room.
  const maxmem = 128 * N * r * 2 + 128 * r * p + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, 32, { N, r, p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function checkOf(fields: Omit<SealedKey, 'check'>): string {
  const text = [fields.kdf, fields.N, fields.r, fields.p, fields.salt, fields.cipher, fields.iv, fields.data, fields.tag].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function base64(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  return Buffer.from(value, 'base64');
}
