import { FILE_CLAUSES } from './pdfa/clauses-file.js';
import { FONT_CLAUSES } from './pdfa/clauses-fonts.js';
import { GRAPHICS_CLAUSES } from './pdfa/clauses-graphics.js';
import { INTERACTIVE_CLAUSES } from './pdfa/clauses-interactive.js';
import { METADATA_CLAUSES } from './pdfa/clauses-metadata.js';
import { openPdfaDocument } from './pdfa/pdfa-document.js';
import type { ClauseResult, PdfaClause } from './pdfa/pdfa-types.js';

export type { ClauseResult, PdfaClause } from './pdfa/pdfa-types.js';

/**
 * The PDF/A-2 checker (veraPDF cannot be installed here): each clause of ISO 19005-2:2011 that applies to
 * what this program writes — text in embedded TrueType fonts, rules, CMYK colours, metadata, an optional
 * digital signature — tested from the file itself, in the standard's order. Used by the tests and by
 * `bulletin check --pdfa x.pdf`. Clauses about what we never write (images, forms, embedded files, optional
 * content…) are tested too, so a file that gains such content is not passed unseen. Logical structure
 * (§6.7, level A) is not checked: the target is level 2u. docs/pdfa-clauses.md lists the clauses.
 */

/** Every checked clause, in the standard's order. */
export const PDFA_CLAUSES: readonly PdfaClause[] = [
  ...FILE_CLAUSES,
  ...GRAPHICS_CLAUSES,
  ...FONT_CLAUSES,
  ...INTERACTIVE_CLAUSES,
  ...METADATA_CLAUSES,
].sort((a, b) => compareClauses(a.clause, b.clause));

/** Orders clause numbers as the standard does: 6.2.11.8 before 6.3.1, 6.6.4 before 6.8. */
function compareClauses(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

export interface PdfaReport {
  readonly results: readonly ClauseResult[];
  /** Whether every clause passed. */
  readonly pass: boolean;
}

/** Checks a PDF's bytes against every clause; throws a Chinese message when the file cannot be parsed. */
export async function checkPdfa(bytes: Uint8Array): Promise<PdfaReport> {
  const doc = await openPdfaDocument(bytes);
  const results = PDFA_CLAUSES.map((c): ClauseResult => {
    let problems: string[];
    try {
      problems = c.check(doc);
    } catch (e) {
      problems = [`检查出错：${(e as Error).message}`];
    }
    const shown = problems.length > 8 ? [...problems.slice(0, 8), `等共 ${problems.length} 处`] : problems;
    return { clause: c.clause, title: c.title, pass: problems.length === 0, problems: shown };
  });
  return { results, pass: results.every((r) => r.pass) };
}

/** The report as `bulletin check --pdfa` prints it: one line per clause, its problems indented, a summary. */
export function formatPdfaReport(report: PdfaReport): string[] {
  const lines: string[] = [];
  for (const r of report.results) {
    lines.push(`${r.pass ? '通过' : '不通过'}  ${r.clause}  ${r.title}`);
    for (const p of r.problems) lines.push(`        ${p}`);
  }
  const failed = report.results.filter((r) => !r.pass).length;
  lines.push(
    failed
      ? `PDF/A-2 检查：${report.results.length} 项中 ${failed} 项不通过`
      : `PDF/A-2 检查：${report.results.length} 项全部通过`,
  );
  return lines;
}
