#!/usr/bin/env node
// Bundles the Electron side with esbuild into out/ (the renderer is built by Vite into out/renderer):
//   out/main/main.cjs                  main process (CommonJS, Node platform)
//   out/main/export-worker-thread.cjs  the preview thread, next to main.cjs (export-worker.ts finds it there)
//   out/preload/preload.cjs            sandboxed preload: ONE CommonJS file whose only require is 'electron'
// npm packages stay external (they ship in the package's node_modules): pdfmake/pdfkit/fontkit are resolved at
// run time (the PDF backend reaches pdfkit's own fontkit, font-files.ts resolves the font packages).
// Writes out/build-info.json: the external packages main and the thread require (the package test checks them).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` builds elsewhere (tests build into a temporary folder); default: out/.
const outArg = process.argv.indexOf('--outdir');
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'out');

// CommonJS has no import.meta: give the bundle the URL of the file it runs from.
const importMetaShim = {
  banner: { js: "const __bulletinImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bulletinImportMetaUrl' },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  charset: 'utf8',
};

rmSync(join(out, 'main'), { recursive: true, force: true });
rmSync(join(out, 'preload'), { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const node = await build({
  ...common,
  ...importMetaShim,
  platform: 'node',
  target: 'node20',
  entryPoints: {
    main: 'electron/main.ts',
    'export-worker-thread': 'services/export-worker-thread.ts',
  },
  outdir: join(out, 'main'),
  outExtension: { '.js': '.cjs' },
  packages: 'external',
  external: ['electron'],
});

const preload = await build({
  ...common,
  platform: 'browser',
  target: 'chrome120',
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: join(out, 'preload'),
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
});

/** Bare imports left in a bundle, by package name. */
function externals(metafile) {
  const names = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports ?? []) {
      if (!imp.external) continue;
      const path = imp.path.replace(/^node:/, '');
      if (builtinModules.includes(path) || builtinModules.includes(path.split('/')[0])) continue;
      const parts = imp.path.split('/');
      names.add(imp.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

const preloadExternals = externals(preload.metafile);
const preloadBuiltins = Object.values(preload.metafile.outputs)
  .flatMap((o) => o.imports ?? [])
  .filter((i) => i.external && i.path !== 'electron');
if (preloadExternals.join() !== 'electron' || preloadBuiltins.length) {
  throw new Error(`the preload may only require 'electron'; it requires ${[...preloadExternals, ...preloadBuiltins.map((i) => i.path)].join(', ')}`);
}

const info = { main: externals(node.metafile).filter((n) => n !== 'electron'), preload: preloadExternals };
writeFileSync(join(out, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
console.log(`built ${out}/main/main.cjs, main/export-worker-thread.cjs, preload/preload.cjs (main requires: ${info.main.join(', ')})`);
