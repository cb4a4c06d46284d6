/**
 * The final PDF as an archival, tagged file (issue 10, points 1–2), read back by programs we did not write:
 * pdfinfo (Tagged: yes, version ≥ 1.4, a metadata stream), qpdf --check, pdftotext (text unchanged by tagging and
 * PDF/A), pdf.js (the structure tree: roles, labels, reading order; the XMP packet's fields), pdfsig after the
 * sign-off's incremental update. The exporter's switch: PDF/A by default, off by the profile or per sign-off.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { structureLeaves, type Leaf } from '../helpers/pdf-structure-tree.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlainText } from '../../core/import/plain-text.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { xmpPacket } from '../../core/render/pdf-archive.js';
import { createIssueExporter } from '../../services/issue-export.js';
import { createLibrary } from '../../services/library.js';
import { loadOutputProfile, OutputProfileError } from '../../services/output-profile.js';
import { signPdf } from '../../services/pdf-signature.js';
import { createAuthority, issueSignerCertificate } from '../../services/signing-certificates.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { headingsIssue } from '../helpers/layout-issues.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { pdfsig } from '../helpers/signing.js';

const SIGN_OFF = { signer: '张主任', opinion: '同意印发', at: '2021-06-02T01:00:00.000Z', contentHash: 'ab'.repeat(32) };

let root: string;
let typesetter: Typesetter;
let document: BulletinDocument;
let archival: Buffer;
let plain: Buffer;
let headed: Buffer;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pdfa-tagged-'));
  document = importPlainText(fs.readFileSync(SAMPLE_FILE, 'utf8'), { today: '2021-06-02' }).document;
  typesetter = createTypesetter();
  const exporter = createIssueExporter({ library: createLibrary({ dir: path.join(root, 'lib') }), typesetter });
  archival = Buffer.from(await exporter.renderFinal(document, SIGN_OFF));
  plain = Buffer.from(await exporter.renderFinal(document, SIGN_OFF, { pdfa: false }));
  headed = Buffer.from(await exporter.renderFinal(headingsIssue(), SIGN_OFF));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (name: string, bytes: Uint8Array) => {
  const file = path.join(root, name);
  fs.writeFileSync(file, bytes);
  return file;
};

/** Leaves grouped by their innermost element (consecutive leaves with the same role path and parent run). */
function elementsOf(leaves: readonly Leaf[], role: string): string[] {
  return leaves.filter((l) => l.roles.at(-1) === role).map((l) => l.text);
}

describe('final PDF: PDF/A-2u', () => {
  it('is PDF ≥ 1.4, tagged, with XMP metadata; qpdf finds nothing wrong', () => {
    const file = write('final.pdf', archival);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    expect(Number(/PDF version:\s+([\d.]+)/.exec(info)![1])).toBeGreaterThanOrEqual(1.4);
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');
    expect(check.stderr).toBe('');
  });

  it('prints the same text as without PDF/A and tags', () => {
    const a = execFileSync('pdftotext', [write('a.pdf', archival), '-'], { encoding: 'utf8' });
    const b = execFileSync('pdftotext', [write('b.pdf', plain), '-'], { encoding: 'utf8' });
    expect(a).toBe(b);
    expect(a).toContain('联络动态');
  });

  it('carries XMP with the info dictionary\'s values, pdfaid 2/U and the sign-off schema, and a CMYK output intent', async () => {
    const pdf = await getDocument({ data: new Uint8Array(archival), verbosity: 0 }).promise;
    const { info, metadata } = await pdf.getMetadata();
    await pdf.destroy();
    const i = info as Record<string, unknown>;
    expect(metadata!.get('pdfaid:part')).toBe('2');
    expect(metadata!.get('pdfaid:conformance')).toBe('U');
    expect(metadata!.get('dc:title')).toBe(i.Title);
    expect(metadata!.get('dc:creator')).toEqual([i.Author]);
    expect(metadata!.get('bd:signer')).toBe('张主任');
    expect((i.Custom as Record<string, string>).Signer).toBe('张主任');
    const packet = xmpPacket({ info: { Signer: '张主任' }, created: new Date('2021-06-02T01:00:00Z') });
    expect(packet).toContain('<pdfaSchema:prefix>bd</pdfaSchema:prefix>');
    expect(packet).toContain('<xmp:CreateDate>2021-06-02T01:00:00Z</xmp:CreateDate>');
    // The output intent names an embedded 4-component ICC stream (qpdf shows the objects as JSON).
    type QpdfObject = { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } };
    const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', write('oi.pdf', archival)], { encoding: 'utf8' })) as {
      qpdf: [unknown, Record<string, QpdfObject>];
    };
    const objects = json.qpdf[1];
    const intent = Object.values(objects).find((o) => o.value?.['/S'] === '/GTS_PDFA1')?.value;
    expect(intent).toBeDefined();
    const icc = objects[`obj:${intent!['/DestOutputProfile'] as string}`]?.stream?.dict;
    expect(icc?.['/N']).toBe(4);
  });

  it('is switched off by the publication profile and per sign-off; the draft watermark is never PDF/A', async () => {
    const exporter = createIssueExporter({ library: createLibrary({ dir: path.join(root, 'lib2') }), typesetter });
    const off = { ...document, publication: { ...document.publication, finalPdfA: false } };
    const bytes = Buffer.from(await exporter.renderFinal(off, SIGN_OFF));
    expect(bytes.includes('/GTS_PDFA1')).toBe(false);
    expect(Buffer.from(await exporter.renderFinal(off, SIGN_OFF, { pdfa: true })).includes('/GTS_PDFA1')).toBe(true);
    expect(plain.includes('/GTS_PDFA1')).toBe(false);
    expect(archival.includes('/GTS_PDFA1')).toBe(true);
    const layout = typesetter.typeset(document).layout;
    await expect(typesetter.renderLayout(layout, document, { draft: true, pdfa: loadOutputProfile() })).rejects.toThrow(/样稿/);
    expect(() => loadOutputProfile({ iccDir: path.join(root, 'none') })).toThrow(OutputProfileError);
    fs.writeFileSync(path.join(root, 'ps_cmyk.icc'), Buffer.alloc(200));
    expect(() => loadOutputProfile({ iccDir: root })).toThrow(/不是 CMYK/);
  });

  it('stays valid and tagged after the sign-off\'s incremental signature', async () => {
    const now = new Date('2021-06-01T00:00:00Z');
    const authority = await createAuthority({ name: '签发机构', organization: '联络处', libraryId: 'test' }, now);
    const signer = await issueSignerCertificate({ subject: { name: '张主任', organization: '联络处', libraryId: 'test' }, authority, now });
    const signed = await signPdf(archival, {
      signer: { pkcs8: signer.pkcs8, certificate: signer.certificate, chain: [authority.certificate] },
      fields: { name: '张主任', reason: '签发：同意印发', signedAt: new Date('2021-06-02T01:00:00Z') },
    });
    const file = write('signed.pdf', signed);
    expect(pdfsig(file)).toContain('Signature Validation: Signature is Valid.');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    expect(spawnSync('qpdf', ['--check', file], { encoding: 'utf8' }).status).toBe(0);
  });
});

describe('final PDF: tagged', () => {
  it('has the issue\'s structure: masthead and text as P, titles H1, headings H2–H5 with their number as Lbl, 送 as L/LI', async () => {
    const doc = headingsIssue();
    const { leaves } = await structureLeaves(headed);
    expect(leaves.filter((l) => l.roles[0] !== 'Document')).toEqual([]);
    const titles = elementsOf(leaves, 'H1');
    expect(titles.join('').replace(/\s/g, '')).toBe(doc.issue.articles.map((a) => a.title.replace(/\s/g, '')).join(''));
    // Standalone headings: 一、 as H2, 及时办理反馈 (level 3, numbered 2. after the run-in 1.) as H4; each starts with its Lbl.
    const levels = new Set(leaves.map((l) => l.roles[1]).filter((r) => /^H[2-5]$/.test(r ?? '')));
    expect([...levels].sort()).toEqual(['H2', 'H4']);
    const labels = leaves.filter((l) => /^H[2-5]$/.test(l.roles[1] ?? '') && l.roles.at(-1) === 'Lbl').map((l) => l.text);
    expect(labels.slice(0, 2)).toEqual(['一、', '2.']);
    for (const l of labels) expect(l).toMatch(/^(?:[一二三四五六七八九十]+、|\d+\.)$/);
    const h2 = leaves.filter((l) => l.roles[1] === 'H2' && l.roles.at(-1) === 'H2').map((l) => l.text.replace(/\s/g, ''));
    expect(h2.join('')).toContain('基本情况');
    // A run-in heading (（一）健全工作制度。 followed by its text) is a P whose number is an Lbl.
    expect(leaves.some((l) => l.roles.join('/') === 'Document/P/Lbl' && l.text === '（一）')).toBe(true);
    // The 送 list: L > LI > (Lbl 送：, LBody).
    const list = leaves.filter((l) => l.roles[1] === 'L');
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]!.roles).toEqual(['Document', 'L', 'LI', 'Lbl']);
    expect(list[0]!.text).toBe('送：');
    expect(list.some((l) => l.roles.at(-1) === 'LBody')).toBe(true);
    // The 供稿 line and the masthead are P.
    expect(elementsOf(leaves, 'P').some((t) => /供稿）$/.test(t))).toBe(true);
    expect(leaves[0]!.roles).toEqual(['Document', 'P']);
    // The masthead's rows, each a P of its own, in order.
    expect(leaves.slice(0, 3).map((l) => l.text.replace(/\s/g, ''))).toEqual([doc.publication.name, doc.publication.pinyin, `第${doc.issue.number}期`].map((t) => t.replace(/\s/g, '')));
  });

  it('reads in the issue\'s order, page numbers are artifacts', async () => {
    const { leaves, artifacts, contentOrder } = await structureLeaves(archival);
    const treeText = leaves.map((l) => l.text).join('');
    expect(treeText.replace(/\s/g, '')).toBe(contentOrder.replace(/\s/g, ''));
    // Titles and first heading labels come in model order.
    const positions = document.issue.articles.map((a) => treeText.replace(/\s/g, '').indexOf(a.title.replace(/\s/g, '')));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(artifacts.join('')).toMatch(/— 2 —/);
    expect(treeText).not.toMatch(/— \d+ —/);
  });
});
