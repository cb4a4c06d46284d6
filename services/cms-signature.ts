import { createHash, createPrivateKey, sign as signBytes, verify as verifyBytes, X509Certificate } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  id_data,
  id_messageDigest,
  id_signedData,
} from '@peculiar/asn1-cms';
import { AsnArray, AsnConvert, AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, GeneralName, GeneralNames } from '@peculiar/asn1-x509';

/**
 * CMS SignedData for PDF signatures, as PAdES baseline B (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached)
 * asks: detached content (the PDF's signed byte ranges), SHA-256, the signer's certificate and its issuer's in
 * `certificates`, and exactly the signed attributes content-type, message-digest and signing-certificate-v2
 * (RFC 5035: the SHA-256 of the signer's certificate with its issuer and serial). No signing-time attribute:
 * in PAdES the claimed signing time is the signature dictionary's /M.
 *
 * The ASN.1 structures are @peculiar/asn1-cms's; the ECDSA signature and the digests are node:crypto's.
 * {@link readDetachedSignature} reads such a SignedData back and checks it against the signed bytes.
 */

const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const ID_SHA256_RSA = '1.2.840.113549.1.1.11';
const ID_RSA = '1.2.840.113549.1.1.1';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

// --- The few structures @peculiar/asn1-cms does not declare (RFC 5035), declared with its schema decorators.

/** A bare OBJECT IDENTIFIER (the content-type attribute's value). */
class ObjectIdentifierValue {
  value = '';
  constructor(value = '') {
    this.value = value;
  }
}
AsnType({ type: AsnTypeTypes.Choice })(ObjectIdentifierValue);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(ObjectIdentifierValue.prototype, 'value');

/** IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber } */
class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
}
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, 'issuer');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(IssuerSerial.prototype, 'serialNumber');

/** ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash OCTET STRING, issuerSerial } */
class EssCertIdV2 {
  certHash = new OctetString();
  issuerSerial = new IssuerSerial();
}
AsnProp({ type: OctetString })(EssCertIdV2.prototype, 'certHash');
AsnProp({ type: IssuerSerial })(EssCertIdV2.prototype, 'issuerSerial');

class EssCertIdV2List extends AsnArray<EssCertIdV2> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: EssCertIdV2 })(EssCertIdV2List);

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } */
class SigningCertificateV2 {
  certs = new EssCertIdV2List();
}
AsnProp({ type: EssCertIdV2List })(SigningCertificateV2.prototype, 'certs');

/** The signed attributes as the SET OF that is signed (DER). */
class AttributeSet extends AsnArray<Attribute> {}
AsnType({ type: AsnTypeTypes.Set, itemType: Attribute })(AttributeSet);

// ---------------------------------------------------------------------------------------------------------

/** What signs: a PKCS#8 private key, its certificate and the issuer's (DER). */
export interface CmsSigner {
  readonly pkcs8: Uint8Array;
  readonly certificate: Uint8Array;
  readonly chain: readonly Uint8Array[];
}

/** A detached CAdES SignedData (DER ContentInfo) over `data`. */
export function signDetached(data: Uint8Array, signer: CmsSigner): Buffer {
  const cert = AsnConvert.parse(signer.certificate, Certificate);
  const key = createPrivateKey({ key: Buffer.from(signer.pkcs8), format: 'der', type: 'pkcs8' });
  const digest = createHash('sha256').update(data).digest();
  const certHash = createHash('sha256').update(signer.certificate).digest();
  const issuer = cert.tbsCertificate.issuer;
  const serialNumber = cert.tbsCertificate.serialNumber;

  const essCert = new EssCertIdV2();
  essCert.certHash = new OctetString(certHash);
  essCert.issuerSerial.issuer = new GeneralNames([new GeneralName({ directoryName: issuer })]);
  essCert.issuerSerial.serialNumber = serialNumber;
  const signingCertificate = new SigningCertificateV2();
  signingCertificate.certs = new EssCertIdV2List([essCert]);

  const attributes = sortedForDer([
    new Attribute({ attrType: ID_CONTENT_TYPE, attrValues: [AsnConvert.serialize(new ObjectIdentifierValue(id_data))] }),
    new Attribute({ attrType: id_messageDigest, attrValues: [AsnConvert.serialize(new OctetString(digest))] }),
    new Attribute({ attrType: ID_SIGNING_CERTIFICATE_V2, attrValues: [AsnConvert.serialize(signingCertificate)] }),
  ]);
  const signedBytes = Buffer.from(AsnConvert.serialize(new AttributeSet(attributes)));
  const isEc = key.asymmetricKeyType === 'ec';
  const signature = signBytes('sha256', signedBytes, isEc ? { key, dsaEncoding: 'der' } : key);

  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer, serialNumber }) }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithm: ID_SHA256 }),
    signedAttrs: attributes,
    signatureAlgorithm: new AlgorithmIdentifier(isEc ? { algorithm: ID_ECDSA_SHA256 } : { algorithm: ID_SHA256_RSA, parameters: null }),
    signature: new OctetString(signature),
  });
  const certificates = new CertificateSet(
    [signer.certificate, ...signer.chain].map((der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) })),
  );
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: ID_SHA256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates,
    signerInfos: new SignerInfos([signerInfo]),
  });
  return Buffer.from(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) })));
}

/** What {@link readDetachedSignature} finds. */
export interface DetachedSignature {
  /** The signer's certificate (DER), found by the SignerInfo's issuer and serial number. */
  readonly signerCertificate?: Buffer;
  /** Every certificate the SignedData carries (DER). */
  readonly certificates: readonly Buffer[];
  /** The message-digest attribute equals the SHA-256 of the signed bytes. */
  readonly digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer's certificate. */
  readonly signatureValid: boolean;
  /** The signing-certificate-v2 attribute names the signer's certificate (PAdES baseline B). */
  readonly signingCertificateMatches: boolean;
}

/** Reads a DER CMS SignedData (as found in a PDF's /Contents, zero padding allowed) and checks it against `data`. */
export function readDetachedSignature(cms: Uint8Array, data: Uint8Array): DetachedSignature {
  const info = AsnConvert.parse(withoutPadding(cms), ContentInfo);
  if (info.contentType !== id_signedData) throw new Error('签名数据不是 CMS SignedData');
  const signedData = AsnConvert.parse(info.content, SignedData);
  const certificates = (signedData.certificates ?? [])
    .filter((c) => c.certificate)
    .map((c) => Buffer.from(AsnConvert.serialize(c.certificate!)));
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || !signerInfo.signedAttrs) throw new Error('签名数据中没有签名者信息');
  const sid = signerInfo.sid.issuerAndSerialNumber;
  const signerCertificate = sid
    ? certificates.find((der) => {
        const c = AsnConvert.parse(der, Certificate).tbsCertificate;
        return equalBytes(c.serialNumber, sid.serialNumber) && equalBytes(AsnConvert.serialize(c.issuer), AsnConvert.serialize(sid.issuer));
      })
    : undefined;
  const attrs = signerInfo.signedAttrs;
  const value = (oid: string) => attrs.find((a) => a.attrType === oid)?.attrValues[0];
  const digestValue = value(id_messageDigest);
  const digest = createHash('sha256').update(data).digest();
  const digestMatches = digestValue !== undefined && equalBytes(AsnConvert.parse(digestValue, OctetString).buffer, digest);
  let signatureValid = false;
  let signingCertificateMatches = false;
  if (signerCertificate) {
    const signed = signerInfo.signedAttrsRaw
      ? Buffer.concat([Buffer.from([0x31]), Buffer.from(signerInfo.signedAttrsRaw).subarray(1)])
      : Buffer.from(AsnConvert.serialize(new AttributeSet(attrs)));
    const publicKey = new X509Certificate(signerCertificate).publicKey;
    const algorithm = signerInfo.signatureAlgorithm.algorithm;
    const ok = [ID_ECDSA_SHA256, ID_SHA256_RSA, ID_RSA].includes(algorithm);
    signatureValid =
      ok &&
      verifyBytes('sha256', signed, publicKey.asymmetricKeyType === 'ec' ? { key: publicKey, dsaEncoding: 'der' } : publicKey, Buffer.from(signerInfo.signature.buffer));
    const ess = value(ID_SIGNING_CERTIFICATE_V2);
    if (ess) {
      const parsed = AsnConvert.parse(ess, SigningCertificateV2);
      const hash = createHash('sha256').update(signerCertificate).digest();
      signingCertificateMatches = parsed.certs.some((c) => equalBytes(c.certHash.buffer, hash));
    }
  }
  return { ...(signerCertificate ? { signerCertificate } : {}), certificates, digestMatches, signatureValid, signingCertificateMatches };
}

/** DER SET OF: the elements in ascending order of their encodings (X.690 11.6). */
function sortedForDer(attributes: Attribute[]): Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(AsnConvert.serialize(a)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return encoded.map((e) => e.a);
}

/** A /Contents value is padded with zeros after the DER: cut it at the DER's own length. */
function withoutPadding(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x30) return bytes;
  const first = bytes[1]!;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const n = first & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + bytes[2 + i]!;
  return bytes.subarray(0, 2 + n + length);
}

function equalBytes(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean {
  const x = ArrayBuffer.isView(a) ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : Buffer.from(a);
  const y = ArrayBuffer.isView(b) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : Buffer.from(b);
  return x.equals(y);
}
