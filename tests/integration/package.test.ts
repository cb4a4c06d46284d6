import type { PreviewResult } from '../../services/preview-types.js';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { createExportWorker } from '../../services/export-worker.js';
import { ensureRendererBuilt } from '../e2e/harness.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

/** The PDF of a preview made in 'pdf' mode (the default). */
function pdfOf(result: PreviewResult): Uint8Array {
  if (result.kind !== 'pdf') throw new Error('expected a PDF preview');
  return result.pdf;
}

/**
 * The package as electron-builder makes it: `--linux dir` with a stand-in Electron (a folder holding an empty
 * executable named `electron`, see the platform notes: the real binary cannot be downloaded here). That is
 * enough to check what resources/app.asar holds — not to run the app. The packaged preview thread is then
 * run under plain Node from the extracted archive, with the packaged fonts.
 *
 * The build is `npm run build`'s two steps: the renderer through the end-to-end harness's ensureRendererBuilt
 * (Vite, only when out/renderer is stale, under the lock parallel test files share), then
 * scripts/build-electron.mjs.
 */

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options: object): string[]; extractAll(archive: string, dest: string): void };

const work = mkdtempSync(path.join(tmpdir(), 'package-'));
const appOut = path.join(work, 'linux-unpacked');
let files = new Set<string>();
let skipReason: string | undefined;

beforeAll(async () => {
  await ensureRendererBuilt();
  await run(process.execPath, [path.join(root, 'scripts/build-electron.mjs')], { cwd: root });

  // A stand-in Electron: electron-builder copies this folder instead of downloading the real one.
  const electronDist = path.join(work, 'electron-dist');
  mkdirSync(path.join(electronDist, 'locales'), { recursive: true });
  writeFileSync(path.join(electronDist, 'electron'), '');
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  for (const locale of ['en-US', 'zh-CN', 'de']) writeFileSync(path.join(electronDist, 'locales', `${locale}.pak`), '');

  try {
    await run(
      path.join(root, 'node_modules/.bin/electron-builder'),
      ['--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${work}`, '--publish', 'never'],
      { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (err) {
    const output = `${(err as { stdout?: string }).stdout ?? ''}\n${(err as { stderr?: string }).stderr ?? ''}`;
    // Only a failed download (no network) is a reason to skip; any other failure is a real one.
    if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|ETIMEDOUT|cannot download|download failed/i.test(output)) {
      skipReason = `electron-builder needs a download it cannot make offline here: ${output.trim().split('\n').slice(-3).join(' | ')}`;
      return;
    }
    throw new Error(`electron-builder failed:\n${output}`);
  }
  files = new Set(asar.listPackage(path.join(appOut, 'resources', 'app.asar'), {}).map((f) => f.split(path.sep).join('/')));
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron-builder --linux dir', () => {
  it('packs out/main, out/preload, out/renderer, the font manifest and licences, and package.json', (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    for (const f of [
      '/out/main/main.cjs',
      '/out/main/export-worker-thread.cjs',
      '/out/preload/preload.cjs',
      '/out/renderer/index.html',
      '/fonts/manifest.json',
      '/fonts/LICENSES/NotoSerifSC-OFL.txt',
      '/fonts/LICENSES/NotoSansSC-OFL.txt',
      '/fonts/LICENSES/LXGWWenKai-OFL.txt',
      '/fonts/LICENSES/ArtifexPSCMYK-ICC.txt',
      '/assets/icc/ps_cmyk.icc',
      '/package.json',
    ]) {
      expect(files.has(f), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(files.has(`/${pkg.main}`)).toBe(true);
    // No sources: the app runs the bundles.
    expect([...files].filter((f) => /^\/(core|electron|renderer|cli|tests|scripts|bench)\//.test(f))).toEqual([]);
  });

  it('packs every font file the manifest names from a package (the Noto TTFs) under node_modules', (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const manifest = JSON.parse(readFileSync(path.join(root, 'fonts/manifest.json'), 'utf8')) as {
      families: { files: Record<string, { package?: string; path?: string; from?: { package: string; path: string } }> }[];
    };
    const wanted = new Set<string>();
    for (const family of manifest.families) {
      for (const file of Object.values(family.files)) {
        if (file.package && file.path) wanted.add(`/node_modules/${file.package}/${file.path}`);
        if (file.from) wanted.add(`/node_modules/${file.from.package}/${file.from.path}`);
      }
    }
    expect([...wanted].some((f) => f.endsWith('NotoSerifSC_400Regular.ttf'))).toBe(true);
    for (const f of wanted) expect(files.has(f), f).toBe(true);
  });

  it('packs the packages the bundles require at run time, and no development packages', (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const info = JSON.parse(readFileSync(path.join(root, 'out/build-info.json'), 'utf8')) as { main: string[] };
    for (const name of [...info.main, 'pdfkit']) expect(files.has(`/node_modules/${name}/package.json`), name).toBe(true);
    for (const dev of ['vitest', 'typescript', 'playwright-core', 'electron', 'electron-builder', 'vite', 'esbuild', 'tsx', 'fast-check', 'pdfjs-dist', '@types/node', '@doyensec/electronegativity', 'react', 'prosemirror-view']) {
      expect(files.has(`/node_modules/${dev}`), dev).toBe(false);
    }
    expect([...files].filter((f) => /\.(woff2|png)$/.test(f))).toEqual([]);
  });

  it('puts the converted LXGW WenKai TTFs in resources/fonts/cache', (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    for (const name of ['LXGWWenKai-Regular.ttf', 'LXGWWenKai-Bold.ttf']) {
      const file = path.join(appOut, 'resources', 'fonts', 'cache', name);
      expect(existsSync(file), name).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(1_000_000);
      expect(readFileSync(file).readUInt32BE(0)).toBe(0x00010000);
    }
  });

  it('the packaged preview thread renders with the packaged fonts (under Node, from the extracted archive)', async (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const extracted = path.join(work, 'extracted');
    asar.extractAll(path.join(appOut, 'resources', 'app.asar'), extracted);
    // As main.ts sets it up when app.isPackaged: manifest in the app, converted TTFs in resources.
    const worker = createExportWorker({
      threadUrl: pathToFileURL(path.join(extracted, 'out/main/export-worker-thread.cjs')),
      fonts: { fontsDir: path.join(extracted, 'fonts'), cacheDir: path.join(appOut, 'resources', 'fonts', 'cache') },
    });
    try {
      const sample = readFileSync(SAMPLE_FILE);
      const doc = readInput(sample, { name: 'sample.txt' }).document;
      const result = await worker.render(doc, { draft: false });
      expect(Buffer.from(pdfOf(result).subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(result.pages).toBeGreaterThanOrEqual(1);
      expect(result.missing).toEqual([]);
    } finally {
      await worker.close();
    }
  });
});
