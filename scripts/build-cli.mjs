#!/usr/bin/env node
// Bundles the `bulletin` command (cli/main.ts with the core and services it imports) with esbuild into out/cli/:
//   out/cli/main.mjs         the entry bin/bulletin.mjs imports (ESM; heavy parts loaded on demand are chunks)
//   out/cli/chunk-*.mjs      code split off at dynamic imports (signing, certificates, PDF signing)
//   out/cli/build-info.json  when the build started, the source files it read and the files it wrote (for the
//                            staleness check of bin/bulletin.mjs)
// npm packages stay external (resolved from node_modules at run time), as in scripts/build-electron.mjs.
//
// Run by postinstall and, when a source is newer than the bundle, by bin/bulletin.mjs itself (so a developer never
// runs stale code). Safe when two processes build at once: chunks have content-hashed names, and the entry and
// build-info.json are written last, each through a temporary file and a rename.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT = join(ROOT, 'out', 'cli');
export const CLI_ENTRY = join(CLI_OUT, 'main.mjs');
export const CLI_INFO = join(CLI_OUT, 'build-info.json');

/**
 * Modules find files next to their source (services/font-files.ts: `../fonts/`; createRequire for node_modules).
 * Each module of the bundle is given, as its import.meta.url, the URL of a file in services/ of the repository the
 * bundle was built from (found relative to the bundle, so the folder may move): relative paths then mean what they
 * mean in the sources.
 * @param {string} outDir
 */
function sourceUrlShim(outDir) {
  const root = `${relative(outDir, ROOT).split(sep).join('/')}/`;
  const url = `new URL(${JSON.stringify(`${root}services/bundle.mjs`)}, import.meta.url).href`;
  return { banner: { js: `const __bulletinSourceUrl = ${url};` }, define: { 'import.meta.url': '__bulletinSourceUrl' } };
}

/**
 * Builds the CLI bundle into `outDir` (default out/cli). Returns the source files it was made from (relative to the
 * repository root).
 * @param {{ outDir?: string, quiet?: boolean }} [options]
 */
export async function buildCli(options = {}) {
  const { build } = await import('esbuild');
  const outDir = resolve(options.outDir ?? CLI_OUT);
  const startedAt = Date.now(); // a source changed after this is newer than the bundle, even if esbuild read it
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'cli/main.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    packages: 'external',
    external: ['electron'],
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: options.quiet ? 'silent' : 'warning', // quiet (bin/bulletin.mjs): errors come back in the exception
    metafile: true,
    write: false,
    ...sourceUrlShim(outDir),
    plugins: [ONE_FONTKIT],
  });
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'main.mjs');
  // Chunks first (new names, nothing refers to them yet), then the entry, atomically.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === entry) - Number(b.path === entry));
  for (const file of files) writeAtomic(file.path, file.contents);
  // The sources, and what decides how they are built (this script, the TypeScript settings esbuild reads).
  // (Not node_modules, nor the plugin's virtual module, named `namespace:path`.)
  const sources = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/') && !p.includes(':'));
  const inputs = [...new Set([...sources, 'scripts/build-cli.mjs', 'tsconfig.json'])].sort();
  const outputs = files.map((f) => relative(outDir, f.path).split(sep).join('/'));
  writeAtomic(join(outDir, 'build-info.json'), `${JSON.stringify({ startedAt, inputs, outputs }, null, 2)}\n`);
  removeOldChunks(outDir, new Set(files.map((f) => f.path)));
  if (!options.quiet) console.log(`build-cli: ${relative(ROOT, entry)} from ${sources.length} source files`);
  return inputs;
}

/**
 * One fontkit per process: the typesetter's `import … from 'fontkit'` would load its ESM build, while pdfkit requires
 * the CommonJS build — two copies of fontkit and of its dependencies (restructure, unicode-properties and the data
 * it decompresses at load). The bundle takes the CommonJS one, the one pdfkit uses (as the app's CommonJS bundle
 * does by itself).
 */
const ONE_FONTKIT = {
  name: 'one-fontkit',
  setup(build) {
    build.onResolve({ filter: /^fontkit$/ }, () => ({ path: 'fontkit', namespace: 'one-fontkit' }));
    build.onLoad({ filter: /.*/, namespace: 'one-fontkit' }, () => ({
      contents:
        "import { createRequire } from 'node:module';\n" +
        "const fontkit = createRequire(import.meta.url)('fontkit');\n" +
        'export const create = (...args) => fontkit.create(...args);\n' +
        'export default fontkit;\n',
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Removes chunks the new entry does not use once they are over an hour old (a process started from the previous
 * bundle may still import its chunks lazily), and temporary files of killed builds (over a minute old).
 */
function removeOldChunks(outDir, keep) {
  const hourAgo = Date.now() - 3600_000;
  const minuteAgo = Date.now() - 60_000;
  for (const name of readdirSync(outDir)) {
    const path = join(outDir, name);
    if (keep.has(path) || !/^chunk-.*\.mjs$|\.tmp$/.test(name)) continue;
    try {
      if (statSync(path).mtimeMs < (name.endsWith('.tmp') ? minuteAgo : hourAgo)) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildCli().catch((err) => {
    console.error(`build-cli: error: ${err instanceof Error ? err.message : String(err)}`.replace(/\s+/g, ' '));
    process.exit(1);
  });
}
