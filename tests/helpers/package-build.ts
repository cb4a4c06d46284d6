import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureRendererBuilt } from '../e2e/harness.js';

/**
 * The package as electron-builder makes it, shared by the packaging test (tests/integration/package.test.ts) and
 * the file:// end-to-end scenarios (tests/e2e/packaged.e2e.test.ts): `electron-builder --linux dir` with a
 * stand-in Electron (a folder holding an empty executable named `electron`: the real binary cannot be
 * downloaded here) into out/package/, and its app.asar extracted to out/package/extracted/ (Chromium cannot
 * read an archive; Electron reads it transparently, so the files are the same).
 *
 * Built once and reused while app.asar is newer than the sources it is made from (see INPUTS); a lock folder keeps parallel test files from building at the same time.
 */

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { extractAll(archive: string, dest: string): void };

export const PACKAGE_DIR = path.join(root, 'out', 'package');

export interface BuiltPackage {
  /** electron-builder's linux-unpacked folder (resources/app.asar, resources/fonts/cache). */
  readonly appOut: string;
  readonly asarPath: string;
  /** app.asar extracted: out/main, out/preload, out/renderer, fonts, node_modules. */
  readonly extracted: string;
}

export type PackageOutcome = { readonly ok: true; readonly built: BuiltPackage } | { readonly ok: false; readonly skip: string };

/** What the package is made from: when any is newer than app.asar, build again. */
const INPUTS = ['core', 'services', 'electron', 'renderer', 'fonts/manifest.json', 'package.json', 'package-lock.json', 'electron-builder.yml', 'scripts/build-electron.mjs', 'vite.config.ts'];

function newest(file: string): number {
  if (!existsSync(file)) return 0;
  const st = statSync(file);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(file)
    .filter((e) => e !== 'node_modules' && !e.startsWith('.'))
    .reduce((m, e) => Math.max(m, newest(path.join(file, e))), st.mtimeMs);
}

let building: Promise<PackageOutcome> | undefined;

/** Builds the app (renderer, main, preload) and the package when stale; extracts app.asar. */
export function ensurePackageBuilt(): Promise<PackageOutcome> {
  return (building ??= build());
}

async function build(): Promise<PackageOutcome> {
  await ensureRendererBuilt();
  const appOut = path.join(PACKAGE_DIR, 'linux-unpacked');
  const asarPath = path.join(appOut, 'resources', 'app.asar');
  const extracted = path.join(PACKAGE_DIR, 'extracted');
  const lock = path.join(root, 'out', '.package-build.lock');
  await takeLock(lock);
  try {
    const fresh = existsSync(asarPath) && statSync(asarPath).mtimeMs >= Math.max(...INPUTS.map((i) => newest(path.join(root, i))));
    if (!fresh) {
      await run(process.execPath, [path.join(root, 'scripts/build-electron.mjs')], { cwd: root });
      rmSync(PACKAGE_DIR, { recursive: true, force: true });
      const electronDist = path.join(PACKAGE_DIR, 'electron-dist');
      mkdirSync(path.join(electronDist, 'locales'), { recursive: true });
      writeFileSync(path.join(electronDist, 'electron'), '');
      chmodSync(path.join(electronDist, 'electron'), 0o755);
      for (const locale of ['en-US', 'zh-CN', 'de']) writeFileSync(path.join(electronDist, 'locales', `${locale}.pak`), '');
      try {
        await run(
          path.join(root, 'node_modules/.bin/electron-builder'),
          ['--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${PACKAGE_DIR}`, '--publish', 'never'],
          { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
        );
      } catch (err) {
        const output = `${(err as { stdout?: string }).stdout ?? ''}\n${(err as { stderr?: string }).stderr ?? ''}`;
        // Only a failed download (no network) is a reason to skip; any other failure is a real one.
        if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|ETIMEDOUT|cannot download|download failed/i.test(output)) {
          return { ok: false, skip: `electron-builder needs a download it cannot make offline here: ${output.trim().split('\n').slice(-3).join(' | ')}` };
        }
        throw new Error(`electron-builder failed:\n${output}`);
      }
    }
    if (!existsSync(extracted) || statSync(extracted).mtimeMs < statSync(asarPath).mtimeMs) {
      rmSync(extracted, { recursive: true, force: true });
      asar.extractAll(asarPath, extracted);
    }
    return { ok: true, built: { appOut, asarPath, extracted } };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function takeLock(lock: string): Promise<void> {
  mkdirSync(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - started > 600_000) throw new Error('等待打包超时');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
