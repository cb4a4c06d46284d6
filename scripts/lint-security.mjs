#!/usr/bin/env node
// `npm run lint:security`: Electronegativity over the Electron side (electron/: main, preload, handlers) together
// with the renderer (renderer/: index.html's CSP, the UI code), as ONE input so its global checks (navigation
// limits, permission handler, CSP) see main and page together. It fails (exit 1) on any HIGH or MEDIUM finding
// that docs/SECURITY.md does not explain: a row of its findings table naming the check and the file, e.g.
//   | PRELOAD_JS_CHECK | MEDIUM | electron/main.ts | why it stays |
// LOW and INFORMATIONAL findings are listed, never fatal. `--json` prints the result as one JSON line at the end.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

/** Parses Electronegativity's CSV (quoted fields may hold commas and doubled quotes). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field.trim()]);
  return rows.filter((r) => r.some((f) => f));
}

/** The accepted findings: rows of docs/SECURITY.md's tables, `| CHECK_ID | SEVERITY | file | reason |`. */
function explanations() {
  const text = readFileSync(join(root, 'docs/SECURITY.md'), 'utf8');
  const accepted = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim().replace(/`/g, ''));
    if (cells.length < 6 || !/^[A-Z_]+_CHECK$/.test(cells[1])) continue;
    if (cells[4].length < 20) continue; // a reason, not a placeholder
    accepted.push({ id: cells[1], file: cells[3] });
  }
  return accepted;
}

const staging = mkdtempSync(join(tmpdir(), 'electronegativity-'));
let findings;
try {
  cpSync(join(root, 'electron'), join(staging, 'electron'), { recursive: true });
  cpSync(join(root, 'renderer'), join(staging, 'renderer'), {
    recursive: true,
    filter: (src) => !/[\\/]node_modules([\\/]|$)/.test(src),
  });
  const report = join(staging, 'report.csv');
  try {
    await promisify(execFile)(
      join(root, 'node_modules/.bin/electronegativity'),
      ['-i', staging, '-o', report, '-r', '-v', 'false', '-e', electronVersion],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
    );
  } catch (err) {
    console.error(`electronegativity failed to run: ${err.message}`);
    process.exit(2);
  }
  const [header, ...rows] = parseCsv(readFileSync(report, 'utf8'));
  const col = (name) => header.indexOf(name);
  findings = rows.map((r) => ({
    id: r[col('issue')],
    severity: r[col('severity')],
    confidence: r[col('confidence')],
    file: r[col('filename')].split('\\').join('/'),
    location: r[col('location')],
    description: r[col('description')],
  }));
} finally {
  rmSync(staging, { recursive: true, force: true });
}

const accepted = explanations();
const serious = (f) => f.severity === 'HIGH' || f.severity === 'MEDIUM';
const explained = (f) => accepted.some((a) => a.id === f.id && (a.file === f.file || a.file === '*'));
const unexplained = findings.filter((f) => serious(f) && !explained(f));

for (const f of findings) {
  const mark = !serious(f) ? 'info' : explained(f) ? 'explained' : 'UNEXPLAINED';
  console.log(`${mark.padEnd(11)} ${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.location} — ${f.description}`);
}
console.log(
  `electronegativity (Electron ${electronVersion}): ${findings.length} findings, ` +
    `${findings.filter(serious).length} high/medium, ${unexplained.length} unexplained (see docs/SECURITY.md)`,
);
if (json) console.log(JSON.stringify({ findings, unexplained }));
process.exit(unexplained.length ? 1 : 0);
