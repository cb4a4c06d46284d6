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
 * Each figure is the median of `runs` runs (BENCH_RUNS, default 7) after one warm-up run. On Linux each command's
 * median CPU time (user + system) is given too, as "…CpuMs": on a busy machine it shows what the wall-clock time
 * would be on a quiet one.
 * Targets (issue 8, on a quiet machine): cliHelpMs ≤ 150, cliExportMs ≤ 600 (a fresh Node process typesetting the
 * sample with Typst 0.14 took 1,010 ms on the same machine), libraryList1000Ms and librarySearch1000Ms ≤ 300,
 * appSecondList1000Ms ≤ 50.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * CPU time (user + system, ms) of the finished children of this process, from /proc/self/stat (Linux; clock ticks
 * of 10 ms); undefined elsewhere. On a machine shared with other work, a child's CPU time is close to what its
 * wall-clock time would be on a quiet machine.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime (fields 16 and 17)
  } catch {
    return undefined;
  }
}

/** CPU medians by figure name (printed in the table). */
const cpu: Record<string, number | undefined> = {};

/** Runs `bulletin args` once; returns the wall-clock and CPU milliseconds of the whole process. */
function run(args: readonly string[], env: Record<string, string> = {}): { wall: number; cpu: number | undefined } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, BULLETIN_LIBRARY: '', BULLETIN_CACHE_DIR: cacheDir, ...env },
  });
  const wall = performance.now() - t0;
  const c1 = childrenCpuMs();
  if (result.status !== 0) throw new Error(`bulletin ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { wall, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0 };
}

/** The median wall-clock time of RUNS runs after a warm-up run (which also rebuilds the bundle if a source changed). */
function measure(name: string, args: readonly string[], env: Record<string, string> = {}): number {
  run(args, env);
  const runs = Array.from({ length: RUNS }, () => run(args, env));
  const cpus = runs.map((r) => r.cpu).filter((c): c is number => c !== undefined);
  cpu[name] = cpus.length ? median(cpus) : undefined;
  return median(runs.map((r) => r.wall));
}

/** The second listing of a library in one process (as the app lists again): wall-clock ms, and CPU ms in `cpus`. */
function appSecondList(dir: string, cpus: number[]): number {
  const library = createLibrary({ dir, listingCacheDir: cacheDir });
  library.list();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  library.list();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpus.push((c.user + c.system) / 1000);
  return wall;
}

try {
  const library = join(tmp, 'library');
  process.stderr.write('generating a library of 1,000 issues …\n');
  generateLibrary({ dir: library, count: 1000 });
  const pdf = join(tmp, 'sample.pdf');
  const appCpus: number[] = [];

  const results = {
    cliHelpMs: measure('cliHelpMs', ['--help']),
    cliExportMs: measure('cliExportMs', ['export', SAMPLE_FILE, '-o', pdf]),
    libraryList1000Ms: measure('libraryList1000Ms', ['--library', library, 'list']),
    librarySearch1000Ms: measure('librarySearch1000Ms', ['--library', library, 'list', '第 500 篇']),
    libraryListUncached1000Ms: measure('libraryListUncached1000Ms', ['--library', library, 'list'], { BULLETIN_CACHE_DIR: '' }),
    appSecondList1000Ms: median(Array.from({ length: RUNS }, () => appSecondList(library, appCpus))),
  };
  cpu.appSecondList1000Ms = median(appCpus);
  const rounded = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v)]));
  const targets: Record<string, number> = {
    cliHelpMs: 150,
    cliExportMs: 600,
    libraryList1000Ms: 300,
    librarySearch1000Ms: 300,
    appSecondList1000Ms: 50,
  };
  console.log('measure                      median ms   CPU ms   target');
  for (const [k, v] of Object.entries(rounded)) {
    const c = cpu[k] === undefined ? '' : String(Math.round(cpu[k]!));
    console.log(`${k.padEnd(28)} ${String(v).padStart(9)}   ${c.padStart(6)}   ${targets[k] ? `≤ ${targets[k]}` : ''}`);
  }
  const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
  console.log(`(${RUNS} runs each; load average ${loadAverage} on ${process.platform} ${process.arch})`);
  const cpuFigures = Object.fromEntries(
    Object.entries(cpu).flatMap(([k, v]) => (v === undefined ? [] : [[k.replace(/Ms$/, 'CpuMs'), Math.round(v)]])),
  );
  console.log(JSON.stringify({ ...rounded, ...cpuFigures, runs: RUNS, loadAverage }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
