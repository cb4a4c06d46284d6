/**
 * The PDF signature (PAdES baseline B by incremental update), checked by programs we did not write: poppler's
 * pdfsig (signature valid, whole document signed; a byte changed after signing → digest mismatch; bytes appended
 * → not the whole document), openssl cms (the CMS verifies over the byte ranges and chains to the office
 * authority), qpdf --check; for the writer's classic cross-reference table and for a cross-reference stream.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfSignatures, chainsTo } from '../../services/pdf-signature-verify.js';
import { signPdf } from '../../services/pdf-signature.js';
import { createAuthority, issueSignerCertificate, toPem, type KeyAndCertificate } from '../../services/signing-certificates.js';
import { createTypesetter } from '../../services/typesetter.js';
import { importPlainText } from '../../core/import/plain-text.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { canRun, hasOpenssl, pdfsig } from '../helpers/signing.js';

const hasQpdf = canRun('qpdf');

let root: string;
let plain: Buffer;
let authority: KeyAndCertificate;
let signer: KeyAndCertificate;
const FIELDS = { name: '张主任', reason: '签发：同意印发', location: '湖南省人大常委会联络处', signedAt: new Date('2021-06-02T01:00:00Z') };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-signature-'));
  const document = importPlainText(fs.readFileSync(SAMPLE_FILE, 'utf8'), { today: '2021-06-02' }).document;
  plain = Buffer.from((await createTypesetter().exportPdf(document, { draft: false })).bytes);
  const now = new Date('2021-06-01T00:00:00Z');
  authority = await createAuthority({ name: '联络动态签发机构', organization: '湖南省人大常委会联络处', libraryId: 'test' }, now);
  signer = await issueSignerCertificate({ subject: { name: '张主任', organization: '湖南省人大常委会联络处', libraryId: 'test' }, authority, now });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const sign = (pdf: Buffer) => signPdf(pdf, { signer: { pkcs8: signer.pkcs8, certificate: signer.certificate, chain: [authority.certificate] }, fields: FIELDS });
const write = (name: string, bytes: Uint8Array) => {
  const file = path.join(root, name);
  fs.writeFileSync(file, bytes);
  return file;
};

/** The signed ranges and the CMS of the last signature, read from the raw bytes (not through our reader). */
function rawSignature(pdf: Buffer): { data: Buffer; cms: Buffer } {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1)!.slice(1).map(Number);
  const [a, la, b, lb] = ranges as [number, number, number, number];
  const padded = Buffer.from(text.slice(a + la + 1, b - 1), 'hex');
  // DER SEQUENCE with a two-byte length (30 82 hi lo): the CMS ends there, the zeros after it are padding.
  expect([padded[0], padded[1]]).toEqual([0x30, 0x82]);
  const cms = padded.subarray(0, 4 + padded.readUInt16BE(2));
  return { data: Buffer.concat([pdf.subarray(a, a + la), pdf.subarray(b, b + lb)]), cms };
}

describe('signing a PDF', () => {
  it('appends an incremental update: the original bytes stay, pdfsig finds a valid ETSI.CAdES.detached signature over the whole file', async () => {
    const signed = await sign(plain);
    expect(signed.subarray(0, plain.length - 8).equals(plain.subarray(0, plain.length - 8))).toBe(true);
    const file = write('signed.pdf', signed);
    const report = pdfsig(file);
    expect(report).toContain('Signer Certificate Common Name: 张主任');
    expect(report).toContain('Signing Time: Jun 02 2021');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    if (hasQpdf) expect(spawnSync('qpdf', ['--check', file], { encoding: 'utf8' }).stdout).toContain('No syntax or stream encoding errors');
    // The metadata and the text are untouched.
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+5/);
    const [ours] = await readPdfSignatures(signed);
    expect(ours).toMatchObject({ subFilter: 'ETSI.CAdES.detached', signerName: '张主任', coversWholeFile: true, intact: true, signingCertificateBound: true });
    expect(ours!.signedAt).toBe('2021-06-02T01:00:00.000Z');
    expect(chainsTo(ours!, authority.certificate)).toEqual({ issued: true, validAtSigning: true });
  });

  it('a byte changed after signing: pdfsig reports a digest mismatch, and so does our reader', async () => {
    const signed = await sign(plain);
    const changed = Buffer.from(signed);
    const at = changed.indexOf('/Producer');
    changed[at + 12] ^= 1;
    const report = pdfsig(write('changed.pdf', changed));
    expect(report).toContain('Digest Mismatch');
    expect(report).not.toContain('Signature is Valid');
    expect((await readPdfSignatures(changed))[0]!.intact).toBe(false);
  });

  it('bytes appended after signing: not the whole document any more', async () => {
    const signed = await sign(plain);
    const appended = Buffer.concat([signed, Buffer.from('\n1000 0 obj\n(added)\nendobj\n')]);
    expect(pdfsig(write('appended.pdf', appended))).not.toContain('Total document signed');
    expect((await readPdfSignatures(appended))[0]).toMatchObject({ intact: true, coversWholeFile: false });
  });

  it.skipIf(!hasOpenssl())('openssl verifies the CMS over the signed ranges and its chain to the office authority', async () => {
    const signed = await sign(plain);
    const { data, cms } = rawSignature(signed);
    const ca = write('ca.pem', Buffer.from(toPem(authority.certificate)));
    // Checked at the signing time (the test certificates are from 2021).
    const at = String(FIELDS.signedAt.getTime() / 1000);
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', write('sig.der', cms), '-content', write('data.bin', data), '-attime', at, '-CAfile', ca, '-purpose', 'any', '-out', '/dev/null'];
    const ok = spawnSync('openssl', args, { encoding: 'utf8' });
    expect(ok.stderr).toContain('Verification successful');
    // Another authority does not vouch for it.
    const other = await createAuthority({ name: '其他机构', organization: 'x', libraryId: 'x' }, new Date('2021-06-01T00:00:00Z'));
    const wrong = spawnSync('openssl', [...args.slice(0, -6), '-CAfile', write('other.pem', Buffer.from(toPem(other.certificate))), '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(wrong.stderr).not.toContain('Verification successful');
  });

  it.skipIf(!hasQpdf)('signs a file whose cross-reference is a stream (object streams), with an update of the same kind', async () => {
    const source = write('plain.pdf', plain);
    const streams = path.join(root, 'streams.pdf');
    execFileSync('qpdf', ['--object-streams=generate', source, streams]);
    const compressed = fs.readFileSync(streams);
    expect(compressed.toString('latin1')).toContain('/XRef');
    const signed = await sign(compressed);
    expect(signed.subarray(compressed.length).toString('latin1')).toContain('/Type /XRef');
    const file = write('streams-signed.pdf', signed);
    const report = pdfsig(file);
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature is Valid');
    expect(spawnSync('qpdf', ['--check', file], { encoding: 'utf8' }).stdout).toContain('No syntax or stream encoding errors');
  });

  it('refuses what is not a PDF, in Chinese', async () => {
    await expect(sign(Buffer.from('not a pdf at all'))).rejects.toThrow(/PDF/);
  });
});
