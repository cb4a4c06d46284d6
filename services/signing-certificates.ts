import 'reflect-metadata'; // @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill
import { generateKeyPair, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export * from './certificate-checks.js';

/**
 * The library's certificates (X.509), made with @peculiar/x509 over node:crypto's WebCrypto:
 *
 *  - the office's own signing authority (签发机构): an ECDSA P-256 key pair and a self-signed CA certificate
 *    (basicConstraints CA, path length 0, keyCertSign), made once per library, valid 20 years;
 *  - one certificate per signer (签发人), issued by that authority: ECDSA P-256, keyUsage digitalSignature and
 *    nonRepudiation, valid 5 years, subject CN = the signer's name, O = the 编印单位, OU = "期刊库 <id>".
 *
 * Certificates are kept as DER; their fingerprint is the SHA-256 of the DER (lower-case hex). Checking is done
 * with node:crypto's X509Certificate.
 */

/** ECDSA on P-256 with SHA-256: 128-bit security, instant key generation, read by Acrobat, Foxit and poppler. */
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** node:crypto's WebCrypto, typed as @peculiar/x509 expects (the services compile without the DOM types). */
type X509Crypto = NonNullable<Parameters<typeof x509.X509CertificateGenerator.create>[1]>;
type X509KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];
type X509Key = X509KeyPair['privateKey'];
const CRYPTO = webcrypto as unknown as X509Crypto;

/** Years a certificate is valid. */
export const AUTHORITY_YEARS = 20;
export const SIGNER_YEARS = 5;

/** A key pair (PKCS#8 DER private key) with its certificate (DER). */
export interface KeyAndCertificate {
  readonly pkcs8: Buffer;
  readonly certificate: Buffer;
}

/** What the library tells its certificates apart by. */
export interface CertificateSubject {
  /** 签发人姓名, or the authority's name. */
  readonly name: string;
  /** The 编印单位 (O). */
  readonly organization: string;
  /** The library's id (OU "期刊库 <id>"). */
  readonly libraryId: string;
}




/** Makes the office's signing authority: a key pair and its self-signed CA certificate. */
export async function createAuthority(subject: CertificateSubject, now: Date): Promise<KeyAndCertificate> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: nameOf(subject),
      notBefore: minutesBefore(now, 5),
      notAfter: yearsAfter(now, AUTHORITY_YEARS),
      signingAlgorithm: ALGORITHM,
      keys: keys.crypto,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.crypto.publicKey, false, CRYPTO),
      ],
    },
    CRYPTO,
  );
  return { pkcs8: keys.pkcs8, certificate: Buffer.from(cert.rawData) };
}

/** Makes a signer's key pair and a certificate for it, issued by `authority`. */
export async function issueSignerCertificate(options: {
  readonly subject: CertificateSubject;
  readonly authority: KeyAndCertificate;
  readonly now: Date;
}): Promise<KeyAndCertificate> {
  const { subject, authority, now } = options;
  const keys = await newKeyPair();
  const authorityCert = new x509.X509Certificate(new Uint8Array(authority.certificate));
  const signingKey = (await webcrypto.subtle.importKey('pkcs8', authority.pkcs8, KEY_ALGORITHM, false, ['sign'])) as unknown as X509Key;
  const notAfter = yearsAfter(now, SIGNER_YEARS);
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial(),
      subject: nameOf(subject),
      issuer: authorityCert.subjectName,
      notBefore: minutesBefore(now, 5),
      notAfter: notAfter < authorityCert.notAfter ? notAfter : authorityCert.notAfter,
      signingAlgorithm: ALGORITHM,
      publicKey: keys.crypto.publicKey,
      signingKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.crypto.publicKey, false, CRYPTO),
        await x509.AuthorityKeyIdentifierExtension.create(authorityCert, false, CRYPTO),
      ],
    },
    CRYPTO,
  );
  return { pkcs8: keys.pkcs8, certificate: Buffer.from(cert.rawData) };
}








// ---------------------------------------------------------------------------------------------------------

async function newKeyPair(): Promise<{ pkcs8: Buffer; crypto: X509KeyPair }> {
  const { privateKey, publicKey } = await new Promise<{ privateKey: Buffer; publicKey: Buffer }>((resolve, reject) =>
    generateKeyPair(
      'ec',
      { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } },
      (error, pub, priv) => (error ? reject(error) : resolve({ privateKey: priv, publicKey: pub })),
    ),
  );
  const crypto: X509KeyPair = {
    privateKey: (await webcrypto.subtle.importKey('pkcs8', privateKey, KEY_ALGORITHM, true, ['sign'])) as unknown as X509Key,
    publicKey: (await webcrypto.subtle.importKey('spki', publicKey, KEY_ALGORITHM, true, ['verify'])) as unknown as X509Key,
  };
  return { pkcs8: privateKey, crypto };
}

function nameOf(subject: CertificateSubject): x509.JsonName {
  return [
    { CN: [subject.name] },
    ...(subject.organization.trim() ? [{ O: [subject.organization.trim()] }] : []),
    { OU: [`期刊库 ${subject.libraryId}`] },
  ];
}

/** A positive random 16-byte serial number (hex). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function yearsAfter(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

function minutesBefore(date: Date, minutes: number): Date {
  return new Date(date.getTime() - minutes * 60_000);
}

