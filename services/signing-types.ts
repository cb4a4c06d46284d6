
/**
 * What the library keeps for signing, in its profile file (`profile.json`, version 2, field `signing`): the
 * office's signing authority, the signers with their certificates and sealed private keys, every certificate a
 * signer ever had (so past sign-offs keep verifying), signers of the old format (PIN hash only), and a log of
 * what was done to the signers. Certificates are base64 DER; keys are {@link SealedKey}s — never in clear.
 */
export interface SigningData {
  readonly authority?: AuthorityRecord;
  readonly signers: readonly SignerRecord[];
  /** Certificates that signed before and are no longer a signer's current one (removed, or a new key made). */
  readonly retired: readonly RetiredCertificate[];
  /** Signers from a version-1 profile: a salted scrypt hash of the PIN, no key. They cannot sign. */
  readonly legacySigners: readonly LegacySignerRecord[];
  readonly events: readonly SignerEvent[];
}

/** The office's signing authority (签发机构): its CA certificate and its key sealed under the 管理口令. */
export interface AuthorityRecord {
  /** The library's id, also in every certificate's OU ("期刊库 <id>"). */
  readonly libraryId: string;
  readonly certificate: string;
  readonly key: SealedKey;
  readonly createdAt: string;
}

/** A signer (签发人): the certificate the authority issued, and the private key sealed under the signer's PIN. */
export interface SignerRecord {
  readonly name: string;
  readonly certificate: string;
  readonly key: SealedKey;
  readonly addedAt: string;
}

export interface RetiredCertificate {
  readonly name: string;
  readonly certificate: string;
  readonly retiredAt: string;
  /** Chinese: why (删除签发人, 重新生成密钥). */
  readonly reason: string;
}

/** A signer as the version-1 profile kept it: scrypt(PIN, salt). */
export interface LegacySignerRecord {
  readonly name: string;
  readonly salt: string;
  readonly hash: string;
  readonly scrypt: { readonly N: number; readonly r: number; readonly p: number; readonly keylen: number };
}

export { SIGNER_EVENT_NAMES, type SignerEventAction } from '../core/model/status.js';
import type { SignerEventAction } from '../core/model/status.js';

/** One line of the signers' log. */
export interface SignerEvent {
  readonly at: string;
  readonly action: SignerEventAction;
  readonly signer?: string;
  readonly by?: string;
  readonly detail?: string;
}

/** An empty signing part (a new library, or one whose profile has none yet). */
export const NO_SIGNING: SigningData = { signers: [], retired: [], legacySigners: [], events: [] };

/** The signing authority as the app and the command line show it. */
export interface AuthorityInfo {
  readonly libraryId: string;
  readonly commonName: string;
  /** SHA-256 of the CA certificate, hex. */
  readonly fingerprint: string;
  readonly notAfter: string;
}

/** A signer as listed (no key material). */
export interface SignerInfo {
  readonly name: string;
  /** SHA-256 of the signer's certificate, hex; absent for an old-format signer. */
  readonly fingerprint?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  /** An old-format signer (PIN hash only): must be added again before signing. */
  readonly legacy?: boolean;
  /** Whether the certificate has expired (at the time of listing). */
  readonly expired?: boolean;
  /** Until when the signer is locked out after wrong PINs (ISO), when locked. */
  readonly lockedUntil?: string;
}

/** A private key sealed under a secret. Every binary field is base64. */
export interface SealedKey {
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly cipher: 'aes-256-gcm';
  readonly iv: string;
  readonly data: string;
  readonly tag: string;
  /** SHA-256 (hex) of the fields above: tells a damaged key from a wrong secret. */
  readonly check: string;
}
