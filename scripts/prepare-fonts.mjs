#!/usr/bin/env node
// postinstall: converts the bundled WOFF 1.0 fonts listed in fonts/manifest.json (LXGW WenKai, published on npm
// only as web fonts) to TTF files in fonts/cache/, and checks that the package fonts the manifest names exist.
//
// Fast when already done: an output is skipped when it exists, is newer than its input, and fonts/cache/prepared.json
// records the input's size and package version and the output's size. `--force` converts everything again.
// On any error it prints one line and exits 1, so `npm install` / `npm ci` fail visibly.
// Built-ins only (fontkit, a dependency of the app, is used for a final check when it can be imported).

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sfntTables, woffToSfnt } from './woff-to-sfnt.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FONTS_DIR = join(ROOT, 'fonts');
const CACHE_DIR = join(FONTS_DIR, 'cache');
const STAMP_FILE = join(CACHE_DIR, 'prepared.json');
const STAMP_VERSION = 1;
const require = createRequire(import.meta.url);

/** Code points every converted font must cover: 中, and 𠮷 (U+20BB7, outside the BMP). */
const REQUIRED_CODE_POINTS = [0x4e2d, 0x20bb7];

/**
 * The installed directory and version of an npm package.
 * @param {string} name
 */
function packageInfo(name) {
  let pkgJson;
  try {
    pkgJson = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(`package ${name} is not installed (run npm install)`);
  }
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return { dir: dirname(pkgJson), version: String(version) };
}

/** @param {string} file */
function readJsonOrEmpty(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Writes `data` to `file` through a temporary file and a rename, so readers never see a partial file.
 * @param {string} file
 * @param {string | Uint8Array} data
 */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}

let fontkitPromise;
/** fontkit, or null when it cannot be imported (the check is then skipped). */
function loadFontkit() {
  fontkitPromise ??= import('fontkit').then(
    (m) => m.default ?? m,
    () => null,
  );
  return fontkitPromise;
}

/**
 * Checks a converted font: TrueType outlines (glyf/loca), and, with fontkit, that it parses and covers
 * REQUIRED_CODE_POINTS.
 * @param {Buffer} sfnt
 * @param {string} name
 */
async function verify(sfnt, name) {
  const { flavor, tables } = sfntTables(sfnt);
  if (flavor !== 0x00010000 || !tables.has('glyf') || !tables.has('loca')) {
    throw new Error(`${name}: expected TrueType outlines (glyf table), got flavor 0x${flavor.toString(16)}`);
  }
  const fontkit = await loadFontkit();
  if (!fontkit) return 'fontkit check skipped';
  const font = fontkit.create(sfnt);
  if (font.type !== 'TTF' || !font.directory?.tables?.glyf) throw new Error(`${name}: fontkit does not read it as TTF`);
  for (const cp of REQUIRED_CODE_POINTS) {
    if (!font.hasGlyphForCodePoint(cp)) {
      throw new Error(`${name}: no glyph for U+${cp.toString(16).toUpperCase()} (${String.fromCodePoint(cp)})`);
    }
  }
  return `${font.numGlyphs} glyphs`;
}

async function main() {
  const force = process.argv.includes('--force');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(FONTS_DIR, 'manifest.json'), 'utf8'));
  } catch (err) {
    throw new Error(`cannot read fonts/manifest.json: ${err instanceof Error ? err.message : err}`);
  }
  if (!Array.isArray(manifest?.families)) throw new Error('fonts/manifest.json has no families list');
  const stamp = readJsonOrEmpty(STAMP_FILE);
  const entries = stamp.version === STAMP_VERSION && stamp.files ? { ...stamp.files } : {};
  let stampChanged = false;
  const lines = [];

  for (const family of manifest.families) {
    for (const [weight, spec] of Object.entries(family.files)) {
      const what = `${family.id}@${weight}`;
      if (spec.package) {
        const file = join(packageInfo(spec.package).dir, spec.path);
        if (!existsSync(file)) throw new Error(`${what}: missing ${relative(ROOT, file)}`);
        continue;
      }
      if (!spec.cache || !spec.from) throw new Error(`${what}: bad manifest entry`);

      const pkg = packageInfo(spec.from.package);
      const input = join(pkg.dir, spec.from.path);
      const output = join(CACHE_DIR, spec.cache);
      let inStat;
      try {
        inStat = statSync(input);
      } catch {
        throw new Error(`${what}: missing ${relative(ROOT, input)}`);
      }
      const outStat = existsSync(output) ? statSync(output) : null;
      const prev = entries[spec.cache];
      if (
        !force &&
        outStat &&
        outStat.mtimeMs > inStat.mtimeMs &&
        prev &&
        prev.inputSize === inStat.size &&
        prev.inputVersion === pkg.version &&
        prev.outputSize === outStat.size
      ) {
        continue;
      }

      const t0 = performance.now();
      const sfnt = woffToSfnt(readFileSync(input));
      const check = await verify(sfnt, spec.cache);
      mkdirSync(CACHE_DIR, { recursive: true });
      writeAtomic(output, sfnt);
      entries[spec.cache] = {
        input: `${spec.from.package}/${spec.from.path}`,
        inputVersion: pkg.version,
        inputSize: inStat.size,
        outputSize: sfnt.length,
      };
      stampChanged = true;
      const mb = (sfnt.length / 1048576).toFixed(1);
      lines.push(`${spec.cache} (${mb} MB, ${check}, ${Math.round(performance.now() - t0)} ms)`);
    }
  }

  if (stampChanged) writeAtomic(STAMP_FILE, `${JSON.stringify({ version: STAMP_VERSION, files: entries }, null, 2)}\n`);
  console.log(lines.length ? `prepare-fonts: converted ${lines.join('; ')}` : 'prepare-fonts: fonts up to date');
}

main().catch((err) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`prepare-fonts: error: ${message.replace(/\s+/g, ' ')}`);
  process.exit(1);
});
