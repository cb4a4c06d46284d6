import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';

/**
 * Reading and checking certificates with node:crypto alone (no certificate making here, so that the library,
 * which verifies sign-offs on every load, does not load @peculiar/x509): fingerprints, facts, the chain to the
 * authority, validity, whether a private key belongs to a certificate, PEM for .cer files.
 */

/** The facts of a certificate as the app and the command line show them. */
export interface CertificateFacts {
  readonly fingerprint: string;
  readonly commonName: string;
  readonly organization: string;
  /** The library id from OU "期刊库 <id>", when present. */
  readonly libraryId?: string;
  readonly issuerCommonName: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly isAuthority: boolean;
}

/** SHA-256 fingerprint of a DER certificate, lower-case hex. */
export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** A fingerprint as people read it: upper-case hex in pairs, "AB:CD:…". */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/** Reads a DER certificate; throws a Chinese message when it is not one. */
export function readCertificate(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new Error('证书已损坏（不是有效的 X.509 证书）');
  }
}

/** The facts of a DER certificate. */
export function certificateFacts(der: Uint8Array): CertificateFacts {
  const cert = readCertificate(der);
  const subject = parseDn(cert.subject);
  const issuer = parseDn(cert.issuer);
  const ou = subject.OU?.match(/^期刊库 (.+)$/)?.[1];
  return {
    fingerprint: fingerprintOf(der),
    commonName: subject.CN ?? '',
    organization: subject.O ?? '',
    ...(ou ? { libraryId: ou } : {}),
    issuerCommonName: issuer.CN ?? '',
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    isAuthority: cert.ca,
  };
}

/** Whether `cert` was issued (and signed) by `authority`. */
export function isIssuedBy(cert: X509Certificate, authority: X509Certificate): boolean {
  try {
    return authority.ca && cert.checkIssued(authority) && cert.verify(authority.publicKey);
  } catch {
    return false;
  }
}

/** Whether `at` lies within the certificate's validity. */
export function isValidAt(cert: X509Certificate, at: Date): boolean {
  const t = at.getTime();
  return t >= new Date(cert.validFrom).getTime() && t <= new Date(cert.validTo).getTime();
}

/** Whether a PKCS#8 private key is the key of the certificate's public key. */
export function keyMatchesCertificate(pkcs8: Uint8Array, cert: X509Certificate): boolean {
  try {
    const fromKey = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
    const fromCert = cert.publicKey.export({ type: 'spki', format: 'der' });
    return fromKey.equals(fromCert);
  } catch {
    return false;
  }
}

/** A certificate as PEM text (what a .cer file for recipients holds). */
export function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** The DER bytes of a .cer file, PEM or DER; throws a Chinese message when it holds no certificate. */
export function fromCertificateFile(bytes: Uint8Array): Buffer {
  const text = Buffer.from(bytes).toString('latin1');
  const pem = text.match(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/);
  const der = pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : Buffer.from(bytes);
  readCertificate(der);
  return der;
}

/** node's X509Certificate subject text ("CN=…\nO=…") as a map; escaped values are unescaped. */
function parseDn(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1).replace(/\\(.)/g, '$1');
  }
  return out;
}
