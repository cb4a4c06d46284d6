import type { PreviewResult } from '../../services/preview-types.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { createExportWorker } from '../../services/export-worker.js';
import { ensurePackageBuilt } from '../helpers/package-build.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

/** The PDF of a preview made in 'pdf' mode (the default). */
function pdfOf(result: PreviewResult): Uint8Array {
  if (result.kind !== 'pdf') throw new Error('expected a PDF preview');
  return result.pdf;
}

/**
 * The package as electron-builder makes it: `--linux dir` with a stand-in Electron (tests/helpers/package-build.ts,
 * shared with the file:// end-to-end scenarios; the real binary cannot be downloaded here). That is enough to
 * check what resources/app.asar holds — not to run the app. The packaged preview thread is then run under plain
 * Node from the extracted archive, with the packaged fonts.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options: object): string[] };

let appOut = '';
let extracted = '';
let files = new Set<string>();
let skipReason: string | undefined;

beforeAll(async () => {
  const outcome = await ensurePackageBuilt();
  if (!outcome.ok) {
    skipReason = outcome.skip;
    return;
  }
  ({ appOut, extracted } = outcome.built);
  files = new Set(asar.listPackage(outcome.built.asarPath, {}).map((f) => f.split(path.sep).join('/')));
}, 600_000);

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
      '/out/assets/icc/ps_cmyk.icc',
      '/package.json',
    ]) {
      expect(files.has(f), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(files.has(`/${pkg.main}`)).toBe(true);
    // No sources: the app runs the bundles.
    expect([...files].filter((f) => /^\/(core|electron|renderer|cli|tests|scripts|bench)\//.test(f))).toEqual([]);
  });

  it('keeps the GrantFileProtocolExtraPrivileges fuse on: the renderer loads from file:// (tests/e2e/packaged.e2e.test.ts)', () => {
    // Turning it off makes file:// pages plain browser pages: module scripts and workers blocked, a blank window.
    const config = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(config).not.toMatch(/grantFileProtocolExtraPrivileges\s*:\s*false/i);
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
