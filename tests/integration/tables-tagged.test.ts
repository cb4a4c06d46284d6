/**
 * Tables in tagged PDF (issue 12 point 4; core/render/pdf-structure.ts), read back by programs we did not write:
 * the sample with a table running over two pages, exported as PDF/A. pdf.js's structure tree has a Table of one
 * TR per row, the header row's cells TH and the others TD, each cell owning its text; the header row repeated on
 * the second page is marked as an artifact (pdf.js, and the TH cells own the header text once); qpdf --json shows
 * the TH elements with /Scope /Column; the file stays valid PDF/A-2 by the project's checker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { loadOutputProfile } from '../../services/output-profile.js';
import { checkPdfa } from '../../services/pdfa-check.js';
import { createTypesetter } from '../../services/typesetter.js';
import { structureLeaves, type StructNode } from '../helpers/pdf-structure-tree.js';
import { runTool, toolAvailable } from '../helpers/system-tools.js';
import { figuresTable, sampleWithTable, TABLE_HEADER } from '../helpers/table-issue.js';

/** Body rows: enough for the table to run from page 1 onto page 2. */
const ROWS = 26;
let dir: string;
let doc: BulletinDocument;
let bytes: Uint8Array;
let pages: number[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tables-tagged-'));
  doc = sampleWithTable(figuresTable(ROWS));
  const typesetter = createTypesetter();
  const layout = typesetter.typeset(doc).layout;
  // The pages the table is on.
  pages = layout.pages.flatMap((p, i) => (p.texts.some((t) => t.cell) ? [i + 1] : []));
  bytes = await typesetter.renderLayout(layout, doc, { pdfa: loadOutputProfile() });
  writeFileSync(join(dir, 'table.pdf'), bytes);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first node with a role, depth first. */
function find(nodes: readonly StructNode[], role: string): StructNode | undefined {
  for (const n of nodes) {
    if (n.role === role) return n;
    const inner = find(n.children ?? [], role);
    if (inner) return inner;
  }
  return undefined;
}

/** The text of an element's content leaves. */
function textOf(node: StructNode): string {
  // pdf.js puts a space between text items it finds apart (its own spacing guess; Han–digit spacing is a quarter em).
  return (node.children ?? []).map((c) => (c.type === 'content' ? (c.text ?? '') : textOf(c))).join('').replace(/\s+/g, '');
}

describe('a table in tagged PDF', () => {
  it('runs over two pages (the case of a repeated header)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it('pdf.js: Table → TR per row → TH (header) / TD cells, each owning its text', async () => {
    const { trees, leaves } = await structureLeaves(bytes);
    // Cells on the first page are in that page's tree; the element tree is one: read it from the table's first page.
    const table = find(trees[pages[0]! - 1]!.children ?? [], 'Table');
    expect(table).toBeDefined();
    const rows = (table!.children ?? []).filter((c) => c.role === 'TR');
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows.every((r) => (r.children ?? []).length === TABLE_HEADER.length)).toBe(true);
    expect(rows[0]!.children!.map((c) => c.role)).toEqual(TABLE_HEADER.map(() => 'TH'));
    expect(rows[0]!.children!.map(textOf)).toEqual(TABLE_HEADER);
    expect(rows.slice(1).every((r) => r.children!.every((c) => c.role === 'TD'))).toBe(true);
    expect(rows[1]!.children!.map(textOf)).toEqual(['1', '第1联络组所属单位', '10', '无']);
    // Every cell text is a leaf under Table/TR/TD (no table text tagged as a paragraph any more).
    const cellLeaves = leaves.filter((l) => l.roles.includes('Table'));
    expect(cellLeaves.length).toBeGreaterThan(ROWS * 3);
    expect(leaves.some((l) => l.roles.at(-1) === 'P' && l.text.includes('联络组所属单位'))).toBe(false);
    // The header's text is owned once: by the TH cells.
    expect(leaves.filter((l) => l.text.trim() === '单位名称').map((l) => l.roles.at(-1))).toEqual(['TH']);
  });

  it('pdf.js: the header row repeated on the next page is an artifact', async () => {
    const { artifactsByPage } = await structureLeaves(bytes);
    const second = artifactsByPage[pages[1]! - 1]!.join('');
    for (const h of TABLE_HEADER) expect(second).toContain(h);
    expect(artifactsByPage[pages[0]! - 1]!.join('')).not.toContain('单位名称');
  });

  it('qpdf --json: the structure elements carry /S /Table, /TR, /TH with /Scope /Column, /TD', () => {
    if (!toolAvailable('qpdf')) return;
    // qpdf 11's JSON version 2: "qpdf": [header, {"obj:N 0 R": {"value": {...}}}].
    const json = JSON.parse(runTool('qpdf', ['--json=2', '--json-key=qpdf', join(dir, 'table.pdf')], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
    const objects = Object.values(json.qpdf[1] as Record<string, { value?: Record<string, unknown> }>);
    const elems = objects.map((o) => o.value ?? {}).filter((v) => v['/Type'] === '/StructElem');
    const roles = elems.map((v) => v['/S']);
    expect(roles.filter((r) => r === '/Table')).toHaveLength(1);
    expect(roles.filter((r) => r === '/TR')).toHaveLength(ROWS + 1);
    expect(roles.filter((r) => r === '/TH')).toHaveLength(TABLE_HEADER.length);
    expect(roles.filter((r) => r === '/TD')).toHaveLength(ROWS * TABLE_HEADER.length);
    for (const th of elems.filter((v) => v['/S'] === '/TH')) expect(th['/A']).toEqual({ '/O': '/Table', '/Scope': '/Column' });
  });

  it('stays a valid PDF/A-2 file by the project\'s checker', async () => {
    const report = await checkPdfa(bytes);
    expect(report.results.filter((r) => !r.pass)).toEqual([]);
  });
});
