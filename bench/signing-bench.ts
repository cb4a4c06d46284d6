// The cost of signing (npm run bench:signing): one guess of a PIN at the production key-derivation cost (what an
// attacker with a copy of the library pays per guess, and what a signer waits once per sign-off), and what it means
// for guessing every 6-digit PIN offline; the PDF signature and the verification of a sign-off record.
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { importPlainText } from '../core/import/plain-text.js';
import { signPdf } from '../services/pdf-signature.js';
import { createAuthority, issueSignerCertificate, readCertificate } from '../services/signing-certificates.js';
import { DEFAULT_KDF, openKey, sealKey } from '../services/signing-keys.js';
import { canonicalSignOff, checkSignOffRecord, signSignOff } from '../services/signoff-record.js';
import { createTypesetter } from '../services/typesetter.js';
import { SAMPLE_FILE } from '../tests/helpers/sample.js';

const best = async (runs: number, f: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return Math.min(...times);
};

const { N, r, p } = DEFAULT_KDF;
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
const sealed = await sealKey(Buffer.alloc(138, 7), '246810', { purpose: 'bench' });
const guess = await best(3, () => openKey(sealed, '000000', { purpose: 'bench' }).catch(() => undefined));
const memory = (128 * N * r) / 2 ** 20;
console.log(`scrypt N=2^${Math.log2(N)} r=${r} p=${p}: ${memory} MiB per guess, ${(guess / 1000).toFixed(2)} s per guess (best of 3, one core)`);
for (const cores of [4, 8, 16]) {
  const days = (1e6 * guess) / 1000 / cores / 86400;
  console.log(`  all 10^6 six-digit PINs on ${cores} cores (${cores * memory / 1024} GiB): ${days.toFixed(1)} days (half that on average)`);
}

const now = new Date();
const authority = await createAuthority({ name: '签发机构', organization: '编印单位', libraryId: 'bench' }, now);
const signer = await issueSignerCertificate({ subject: { name: '张主任', organization: '编印单位', libraryId: 'bench' }, authority, now });
const document = importPlainText(readFileSync(SAMPLE_FILE, 'utf8'), { today: '2021-06-02' }).document;
const pdf = (await createTypesetter().exportPdf(document, { draft: false })).bytes;
const fields = { name: '张主任', reason: '签发：同意印发', signedAt: now };
const signMs = await best(5, () => signPdf(pdf, { signer: { pkcs8: signer.pkcs8, certificate: signer.certificate, chain: [authority.certificate] }, fields }));
console.log(`PDF signature (incremental update + CMS) of the sample's final PDF: ${signMs.toFixed(1)} ms (best of 5)`);
const base = { signer: '张主任', opinion: '同意印发', at: now.toISOString(), contentHash: 'ab'.repeat(32), certificate: 'cd'.repeat(32), finalPdf: 'ef'.repeat(32) };
const record = signSignOff('2021-008-abcd', base, signer.pkcs8);
const trust = { authority: readCertificate(authority.certificate), certificates: new Map([['cd'.repeat(32), { name: '张主任', certificate: readCertificate(signer.certificate) }]]) };
const verifyMs = await best(5, async () => {
  for (let i = 0; i < 100; i++) checkSignOffRecord('2021-008-abcd', record, base.contentHash, () => trust);
});
console.log(`sign-off record verification (done on every load): ${(verifyMs / 100).toFixed(3)} ms per record; canonical form ${canonicalSignOff('2021-008-abcd', base).length} bytes`);
