/**
 * Start-up and library cost of the `bulletin` command, measured as whole processes (child_process, as a user
 * types the command: `node bin/bulletin.mjs …`, the bundle in out/cli). Prints a table, then as its last line one
 * JSON object: {"cliHelpMs", "cliExportMs", "libraryList1000Ms", "librarySearch1000Ms", "libraryListUncached1000Ms",
 * "appSecondList1000Ms", "runs", "loadAverage"}.
 *  - cliHelpMs: `bulletin --help`;
 *  - cliExportMs: a fresh process exporting the sample to PDF, fonts included;
 *  - libraryList1000Ms / librarySearch1000Ms: `bulletin --library DIR list` and `list <词>` on a generated library
 *    of 1,000 issues, the listing cache written by an earlier listing (as after any use of the app or command);
 *  - libraryListUncached1000Ms: the same listing with no listing cache (every issue file read);
 *  - appSecondList1000Ms: in one process (as the app), the second listing of the same library.
 * Each figure is the median of `runs` runs (BENCH_RUNS, default 7) after one warm-up run.
 * Targets (issue 8, on a quiet machine): cliHelpMs ≤ 150, cliExportMs ≤ 600 (a fresh Node process typesetting the
 * sample with Typst 0.14 took 1,010 ms on the same machine), libraryList1000Ms and librarySearch1000Ms ≤ 300,
 * appSecondList1000Ms ≤ 50.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLibrary } from '../services/library.js';
import { generateLibrary } from '../tests/helpers/generated-library.js';
import { REPO_ROOT, SAMPLE_FILE } from '../tests/helpers/sample.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 7);
const BIN = join(REPO_ROOT, 'bin', 'bulletin.mjs');

const tmp = mkdtempSync(join(tmpdir(), 'cli-bench-'));
const cacheDir = join(tmp, 'cache');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `bulletin args` once; returns the wall-clock milliseconds of the whole process. */
function run(args: readonly string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, BULLETIN_LIBRARY: '', BULLETIN_CACHE_DIR: cacheDir, ...env },
  });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`bulletin ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return ms;
}

/** The median of RUNS runs after a warm-up run (which also rebuilds the bundle if a source changed). */
function measure(args: readonly string[], env: Record<string, string> = {}): number {
  run(args, env);
  return median(Array.from({ length: RUNS }, () => run(args, env)));
}

function appSecondList(dir: string): number {
  const library = createLibrary({ dir, listingCacheDir: cacheDir });
  library.list();
  const t0 = performance.now();
  library.list();
  return performance.now() - t0;
}

try {
  const library = join(tmp, 'library');
  process.stderr.write('generating a library of 1,000 issues …\n');
  generateLibrary({ dir: library, count: 1000 });
  const pdf = join(tmp, 'sample.pdf');

  const results = {
    cliHelpMs: measure(['--help']),
    cliExportMs: measure(['export', SAMPLE_FILE, '-o', pdf]),
    libraryList1000Ms: measure(['--library', library, 'list']),
    librarySearch1000Ms: measure(['--library', library, 'list', '第 500 篇']),
    libraryListUncached1000Ms: measure(['--library', library, 'list'], { BULLETIN_CACHE_DIR: '' }),
    appSecondList1000Ms: median(Array.from({ length: RUNS }, () => appSecondList(library))),
  };
  const rounded = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v)]));
  const targets: Record<string, number> = {
    cliHelpMs: 150,
    cliExportMs: 600,
    libraryList1000Ms: 300,
    librarySearch1000Ms: 300,
    appSecondList1000Ms: 50,
  };
  console.log('measure                      median ms   target');
  for (const [k, v] of Object.entries(rounded)) {
    console.log(`${k.padEnd(28)} ${String(v).padStart(9)}   ${targets[k] ? `≤ ${targets[k]}` : ''}`);
  }
  const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
  console.log(`(${RUNS} runs each; load average ${loadAverage} on ${process.platform} ${process.arch})`);
  console.log(JSON.stringify({ ...rounded, runs: RUNS, loadAverage }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
