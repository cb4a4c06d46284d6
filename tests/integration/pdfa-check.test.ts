/**
 * The PDF/A-2 checker (services/pdfa-check.ts, `bulletin check --pdfa`): today's PDF fails the clauses it
 * does not meet yet (no output intent, no XMP) and passes the others; a PDF made PDF/A-2u in
 * the test (tests/helpers/pdfa-fixture.ts) passes every clause, and qpdf finds nothing wrong with it; variants
 * of it that break one rule each fail exactly that clause.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { checkPdfa, PDFA_CLAUSES, type PdfaReport } from '../../services/pdfa-check.js';
import { createTypesetter } from '../../services/typesetter.js';
import { CMYK_PROFILE, pdfaFixture, XMP_PDFA2U } from '../helpers/pdfa-fixture.js';
import { sampleBytes, SAMPLE_FILE } from '../helpers/sample.js';
import { fileAvailable, toolAvailable } from '../helpers/system-tools.js';
import { addSigner, signingServices } from '../helpers/signing.js';
import { createLibrary } from '../../services/library.js';
import { runBulletin } from '../helpers/bulletin-cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasTools = toolAvailable('qpdf', 'pdfinfo', 'pdffonts', 'pdftotext');
const hasProfile = fileAvailable(CMYK_PROFILE, 'libgs-common', 'PDF/A 测试用的 CMYK 输出特性文件');

/** The clauses an ordinary export (not the final PDF, which is PDF/A-2u) does not meet: output intent and XMP. */
const TODAY = ['6.2.3', '6.2.4.3', '6.6.2.1', '6.6.2.3.1', '6.6.4'];
const failed = (r: PdfaReport) => r.results.filter((x) => !x.pass).map((x) => x.clause);

/** Adds a graphics state to page 1's resources (unused by the content, so only its own clause can fail). */
function addGraphicsState(pdf: PDFDocument, state: Record<string, string>): void {
  const resources = pdf.getPage(0).node.Resources()!;
  const existing = resources.lookupMaybe(PDFName.of('ExtGState'), PDFDict);
  const map = existing ?? pdf.context.obj({});
  map.set(PDFName.of('GSTest'), pdf.context.obj(state));
  if (!existing) resources.set(PDFName.of('ExtGState'), map);
}

let dir: string;
let ours: Uint8Array;
let good: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pdfa-check-'));
  const doc = readInput(sampleBytes(), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
  ours = (await createTypesetter().exportPdf(doc)).bytes;
  good = await pdfaFixture(ours);
  writeFileSync(join(dir, 'ours.pdf'), ours);
  writeFileSync(join(dir, 'good.pdf'), good);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bulletin = (args: readonly string[]) => runBulletin(args, { timeout: 60_000 });

describe('PDF/A-2 checker', () => {
  it('lists each clause once, numbered as ISO 19005-2, and docs/pdfa-clauses.md names every one', () => {
    const numbers = PDFA_CLAUSES.map((c) => c.clause);
    expect(new Set(numbers).size).toBe(numbers.length);
    const docs = readFileSync(join(ROOT, 'docs/pdfa-clauses.md'), 'utf8');
    for (const n of numbers) expect(docs, n).toContain(`| ${n} |`);
  });

  it("today's PDF fails the clauses it does not meet yet, and only those", async () => {
    const report = await checkPdfa(ours);
    expect(report.pass).toBe(false);
    expect(failed(report)).toEqual(TODAY);
    const byClause = new Map(report.results.map((r) => [r.clause, r]));
    expect(byClause.get('6.2.3')!.problems).toEqual(['没有 GTS_PDFA1 输出意图']);
    expect(byClause.get('6.2.4.3')!.problems.join()).toContain('DeviceCMYK');
  });

  it.skipIf(!hasTools)("qpdf --check and poppler (pdfinfo, pdffonts, pdftotext) read today's PDF and the PDF/A-2u fixture without a warning", () => {
    for (const file of ['ours.pdf', ...(hasProfile ? ['good.pdf'] : [])]) {
      const qpdf = spawnSync('qpdf', ['--check', join(dir, file)], { encoding: 'utf8' });
      expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0);
      expect(qpdf.stdout).toContain('No syntax or stream encoding errors');
      expect(qpdf.stderr).toBe('');
      for (const tool of ['pdfinfo', 'pdffonts', 'pdftotext']) {
        const run = spawnSync(tool, tool === 'pdftotext' ? [join(dir, file), '-'] : [join(dir, file)], { encoding: 'utf8' });
        expect(run.status, `${tool} ${file}`).toBe(0);
        expect(run.stderr, `${tool} ${file}`).toBe('');
      }
    }
  });

  it.skipIf(!hasProfile || !hasTools)('passes a PDF made PDF/A-2u, which qpdf --check also accepts', async () => {
    const report = await checkPdfa(good);
    expect(failed(report)).toEqual([]);
    expect(report.pass).toBe(true);
    expect(execFileSync('qpdf', ['--check', join(dir, 'good.pdf')], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  });

  it.skipIf(!hasProfile || !hasTools)('fails exactly the clause a variant breaks', async () => {
    const pdfjsIcc = readFileSync(createRequire(import.meta.url).resolve('pdfjs-dist/iccs/CGATS001Compat-v2-micro.icc'));
    const variants: [string, Promise<Uint8Array>][] = [
      ['6.2.3', pdfaFixture(ours, { icc: pdfjsIcc })], // an input (scanner) profile, not an output profile
      ['6.6.4', pdfaFixture(ours, { xmp: XMP_PDFA2U.replace('<pdfaid:part>2<', '<pdfaid:part>1<') })],
      ['6.6.2.3.1', pdfaFixture(ours, { xmp: XMP_PDFA2U.replace('<pdfaSchema:namespaceURI>urn:bulletin-desk:signoff:1<', '<pdfaSchema:namespaceURI>urn:other<') })],
      [
        '6.5.1',
        pdfaFixture(ours, {
          tamper: (pdf) => pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: 'app.alert(1)' })),
        }),
      ],
      ['6.5.2', pdfaFixture(ours, { tamper: (pdf) => pdf.getPage(0).node.set(PDFName.of('AA'), pdf.context.obj({})) })],
      ['6.2.5', pdfaFixture(ours, { tamper: (pdf) => addGraphicsState(pdf, { Type: 'ExtGState', TR: 'Identity' }) })],
      ['6.2.10', pdfaFixture(ours, { tamper: (pdf) => addGraphicsState(pdf, { Type: 'ExtGState', BM: 'Dissolve' }) })],
      [
        '6.2.11.7',
        pdfaFixture(ours, {
          tamper: (pdf) => {
            for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
              if (obj instanceof PDFDict && obj.get(PDFName.of('ToUnicode'))) {
                obj.delete(PDFName.of('ToUnicode'));
                break;
              }
            }
          },
        }),
      ],
    ];
    for (const [clause, made] of variants) expect(failed(await checkPdfa(await made)), clause).toEqual([clause]);
    // A PDF 1.3 header (same length as pdf-lib's %PDF-1.7).
    const old = new Uint8Array(good);
    old.set(new TextEncoder().encode('%PDF-1.3'), 0);
    expect(failed(await checkPdfa(old))).toEqual(['6.1.2']);
    // Bytes after %%EOF.
    const trailing = new Uint8Array([...good, ...new TextEncoder().encode('garbage\n')]);
    expect(failed(await checkPdfa(trailing))).toEqual(['6.1.3']);
    // Encrypted by qpdf (empty user password): 6.1.3.
    execFileSync('qpdf', ['--encrypt', '', 'owner-pw', '256', '--', join(dir, 'good.pdf'), join(dir, 'encrypted.pdf')]);
    expect(failed(await checkPdfa(readFileSync(join(dir, 'encrypted.pdf'))))).toContain('6.1.3');
  });

  it('a signed final PDF (PDF/A-2u by default) passes every clause; its signature covers the file (6.4.3) until bytes are added', async () => {
    const library = createLibrary({ dir: join(dir, 'lib') });
    const { approval, exporter } = signingServices({ library, typesetter: createTypesetter() });
    const { id } = library.importBytes(sampleBytes(), 'lianluo-2021-08.txt');
    await addSigner(approval, '张三', 'Kq7-wzPv');
    expect((await approval.signOff(id, { signer: '张三', pin: 'Kq7-wzPv' })).ok).toBe(true);
    const signed = (await exporter.exportIssue(id, { final: true })).bytes;
    expect(failed(await checkPdfa(signed))).toEqual([]);
    const extended = new Uint8Array([...signed, ...new TextEncoder().encode('% appended\n%%EOF\n')]);
    expect(failed(await checkPdfa(extended))).toContain('6.4.3');
  });

  it('bulletin check --pdfa: one line per clause in Chinese, exit 1 on failure, 0 when all pass; unreadable → exit 2', async () => {
    const bad = await bulletin(['check', '--pdfa', join(dir, 'ours.pdf')]);
    expect(bad.code, bad.stderr).toBe(1);
    const lines = bad.stdout.split('\n').filter((l) => /^(通过|不通过) /.test(l));
    expect(lines).toHaveLength(PDFA_CLAUSES.length);
    expect(bad.stdout).toMatch(/^不通过 {2}6\.2\.3 {2}输出意图/m);
    expect(bad.stdout).toMatch(/^通过 {2}6\.2\.11\.4\.1 {2}字体嵌入/m);
    expect(bad.stdout).toContain(`PDF/A-2 检查：${PDFA_CLAUSES.length} 项中 ${TODAY.length} 项不通过`);
    if (hasProfile) {
      const ok = await bulletin(['check', '--pdfa', join(dir, 'good.pdf')]);
      expect(ok.code, ok.stdout).toBe(0);
      expect(ok.stdout).toContain('全部通过');
    }
    writeFileSync(join(dir, 'not.pdf'), 'not a pdf');
    const broken = await bulletin(['check', '--pdfa', join(dir, 'not.pdf')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^错误：无法解析 PDF/);
  });
});
