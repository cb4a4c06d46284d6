import { createHash, createPrivateKey, sign as signBytes, verify as verifyBytes, type X509Certificate } from 'node:crypto';
import { fingerprintOf, isIssuedBy, isValidAt, readCertificate } from './certificate-checks.js';
import type { SigningData } from './signing-types.js';
import type { SignOff } from './library-types.js';

/**
 * The signed sign-off record. A sign-off (签发) in `issues/<id>.meta.json` carries, besides signer, opinion,
 * time and content hash, the SHA-256 fingerprint of the signer's certificate, the SHA-256 of the signed final
 * PDF made at sign-off, and an ECDSA (P-256, SHA-256) signature by the signer's key over the canonical form
 *
 *     ["bulletin-signoff", 1, issue id, content hash, signer, opinion, time, certificate fingerprint, final PDF hash]
 *
 * as JSON (UTF-8, no spaces). Verifying it needs the library's signing data: the certificate must be one of
 * the library's signer certificates (current or retired) of that signer's name, issued by the library's
 * authority, valid at the time signed — and the signature must hold. A record without a signature is an
 * old-format sign-off (旧版签发，无数字签名), which needs a new sign-off before anything final is made.
 */

/** The canonical bytes a sign-off's signature covers. */
export function canonicalSignOff(id: string, record: Omit<SignOff, 'signature'>): Buffer {
  const fields = ['bulletin-signoff', 1, id, record.contentHash, record.signer, record.opinion, record.at, record.certificate ?? '', record.finalPdf ?? ''];
  return Buffer.from(JSON.stringify(fields), 'utf8');
}

/** Signs a record with a PKCS#8 private key: the record with its signature (base64). */
export function signSignOff(id: string, record: Omit<SignOff, 'signature'>, pkcs8: Uint8Array): SignOff {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const signature = signBytes('sha256', canonicalSignOff(id, record), { key, dsaEncoding: 'der' });
  return { ...record, signature: signature.toString('base64') };
}

/** The outcome of checking a sign-off. */
export type SignOffCheck =
  | { readonly kind: 'valid' }
  /** No signature: a sign-off of the old format (or one written by hand). */
  | { readonly kind: 'legacy' }
  /** The content changed since it was signed. */
  | { readonly kind: 'changed' }
  /** It does not verify; `reason` says why (Chinese). */
  | { readonly kind: 'invalid'; readonly reason: string };

/** Prefix of every reason a record is not accepted (the history and the final export say it). */
export const UNVERIFIABLE = '签发记录无法验证';

/** The certificates the library trusts for sign-offs, looked up by fingerprint. */
export interface SignOffTrust {
  readonly authority?: X509Certificate;
  /** Every signer certificate ever issued here (current and retired), by fingerprint. */
  readonly certificates: ReadonlyMap<string, { readonly name: string; readonly certificate: X509Certificate }>;
}

/** The trust of a library's signing data; damaged certificates are left out (their records then fail). */
export function trustOf(signing: SigningData): SignOffTrust {
  const certificates = new Map<string, { name: string; certificate: X509Certificate }>();
  for (const entry of [...signing.retired, ...signing.signers]) {
    try {
      const der = Buffer.from(entry.certificate, 'base64');
      certificates.set(fingerprintOf(der), { name: entry.name, certificate: readCertificate(der) });
    } catch {
      // a damaged certificate verifies nothing
    }
  }
  let authority: X509Certificate | undefined;
  try {
    authority = signing.authority ? readCertificate(Buffer.from(signing.authority.certificate, 'base64')) : undefined;
  } catch {
    authority = undefined;
  }
  return { ...(authority ? { authority } : {}), certificates };
}

/** Checks a sign-off of issue `id` against the content's current hash and the library's trust. */
export function checkSignOffRecord(id: string, signOff: SignOff, contentHash: string, trust: () => SignOffTrust): SignOffCheck {
  if (signOff.contentHash !== contentHash) return { kind: 'changed' };
  if (!signOff.signature || !signOff.certificate) return { kind: 'legacy' };
  const known = trust();
  if (!known.authority) return invalid('本库没有可用的签发机构证书（出版设置文件缺失、损坏或来自另一个期刊库）');
  const entry = known.certificates.get(signOff.certificate);
  if (!entry) return invalid('签发记录所用的证书不在本库的签发人证书中（证书被替换，或出版设置文件来自另一个期刊库）');
  if (entry.name !== signOff.signer) return invalid(`证书属于“${entry.name}”，与签发人“${signOff.signer}”不符`);
  if (!isIssuedBy(entry.certificate, known.authority)) return invalid('签发人的证书不是本库签发机构签发的');
  const at = new Date(signOff.at);
  if (Number.isNaN(at.getTime()) || !isValidAt(entry.certificate, at)) return invalid('签发时间不在签发人证书的有效期内');
  let ok = false;
  try {
    ok = verifyBytes('sha256', canonicalSignOff(id, signOff), { key: entry.certificate.publicKey, dsaEncoding: 'der' }, Buffer.from(signOff.signature, 'base64'));
  } catch {
    ok = false;
  }
  return ok ? { kind: 'valid' } : invalid('数字签名不符（记录被改动、复制自其他期刊或伪造）');
}

/** SHA-256 (hex) of bytes: what a record says of its final PDF. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function invalid(detail: string): SignOffCheck {
  return { kind: 'invalid', reason: `${UNVERIFIABLE}：${detail}` };
}
