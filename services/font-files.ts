// Font files for the core's FontLibrary: the bundled families of fonts/manifest.json and the user's own font files.
// Node code (node:fs, node:path, node:module), usable from the Electron main process, the command line and tests;
// it never imports 'electron'.

import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontFace, FontLibrary, Weight } from '../core/fonts/font-library.js';
import type { BundledFamily, FontChoice, FontRole } from '../core/model/profile.js';
import { sfntTables, ttcFirstFace, woffToSfnt } from '../scripts/woff-to-sfnt.mjs';
import { openWithoutGlyf, type FaceWithoutGlyf } from './font-glyf.js';

/** A bundled family as the UI lists it (from fonts/manifest.json). */
export interface BundledFamilyInfo {
  readonly id: BundledFamily;
  /** Chinese display name, e.g. 思源宋体. */
  readonly name: string;
  /** The role this family is meant for by default. */
  readonly role: FontRole;
  /** A Chinese hint on its use, e.g. 正文、宋体. */
  readonly roleHint: string;
  /** SPDX id, 'OFL-1.1' for all bundled families. */
  readonly license: string;
  /** The npm package it comes from, as name@version. */
  readonly source: string;
}

/** Where to find the font folder. Both default to the repository's fonts/ folder (found from this module). */
export interface FontFilesOptions {
  /** The folder holding manifest.json (default: <repo>/fonts). */
  readonly fontsDir?: string;
  /** The folder for converted TTFs (default: <fontsDir>/cache). */
  readonly cacheDir?: string;
}

/** A FontLibrary backed by files, which can also list its bundled families. */
export type FontFiles = FontLibrary & { bundledFamilies(): BundledFamilyInfo[] };

interface PackageFile {
  readonly package: string;
  readonly path: string;
}
interface CacheFile {
  readonly cache: string;
  readonly from: PackageFile;
}
type ManifestFile = PackageFile | CacheFile;

interface ManifestFamily extends BundledFamilyInfo {
  readonly files: Readonly<Record<Weight, ManifestFile>>;
}

interface Manifest {
  readonly families: readonly ManifestFamily[];
}

const SFNT_TRUETYPE = 0x00010000;
const SFNT_OTTO = 0x4f54544f; // 'OTTO'
const SFNT_TRUE = 0x74727565; // 'true' (Apple TrueType)
const TTC = 0x74746366; // 'ttcf'
const WOFF = 0x774f4646; // 'wOFF'
const WOFF2 = 0x774f4632; // 'wOF2'

/** Tables pdfkit needs to embed a font, in addition to outlines (glyf or CFF). */
const REQUIRED_TABLES = ['cmap', 'head', 'hhea', 'hmtx', 'maxp'];

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Brings a font file's bytes to a standalone TTF/OTF: sfnt as is, the first face of a TTC, a WOFF 1.0 converted.
 * Throws (Chinese message, without the path) for WOFF2, unknown formats and fonts lacking tables pdfkit needs.
 */
function toSfnt(bytes: Buffer): Buffer {
  const magic = bytes.length >= 4 ? bytes.readUInt32BE(0) : -1;
  let sfnt: Buffer;
  switch (magic) {
    case SFNT_TRUETYPE:
    case SFNT_OTTO:
    case SFNT_TRUE:
      sfnt = bytes;
      break;
    case TTC:
      sfnt = ttcFirstFace(bytes);
      break;
    case WOFF:
      sfnt = woffToSfnt(bytes);
      break;
    case WOFF2:
      throw new Error('不支持 WOFF2 字体，请先转换为 TTF');
    default:
      throw new Error('无法识别的字体格式，需要 TTF、OTF 或 TTC 字体文件');
  }
  const { tables } = sfntTables(sfnt);
  const missing = REQUIRED_TABLES.filter((tag) => !tables.has(tag));
  if (missing.length > 0) throw new Error(`字体文件缺少必要的表：${missing.join('、')}`);
  if (!tables.has('glyf') && !tables.has('CFF ')) throw new Error('字体文件没有可用的字形轮廓（glyf 或 CFF 表）');
  return sfnt;
}

/** Writes through a temporary file and a rename, so a concurrent reader never sees a partial file. */
function writeAtomic(file: string, data: Uint8Array): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // no temporary file left
    }
    throw err;
  }
}

/** True when the bytes look like a TrueType sfnt whose table directory is intact (a usable cache file). */
function isTrueTypeSfnt(bytes: Buffer): boolean {
  if (bytes.length < 12 || bytes.readUInt32BE(0) !== SFNT_TRUETYPE) return false;
  try {
    return sfntTables(bytes).tables.has('glyf');
  } catch {
    return false;
  }
}

/**
 * Creates the font library of the app, the command line and tests.
 *
 * Bundled families (`{ kind: 'bundled' }`) come from fonts/manifest.json: package files are found with Node's
 * module resolution (from the fonts folder, then from this module); converted TTFs (LXGW WenKai) are read from the
 * cache folder, and if postinstall (scripts/prepare-fonts.mjs) did not run they are converted from the package's
 * WOFF on first use and written to the cache (atomically; a read-only cache is tolerated). Each file is read once:
 * the bytes are kept for the library's lifetime and shared between families using the same file — for a large
 * TrueType file (every bundled one) all its tables but glyf, the glyph data (95 % of a Chinese font) being read
 * from the open file as glyphs are embedded or drawn (FontFace.glyf, ./font-glyf.ts). Keys are
 * `<family>@<weight>`, e.g. `noto-serif-sc@regular`.
 *
 * User files (`{ kind: 'file' }`): TTF and OTF are used as they are; a TTC (e.g. simsun.ttc) gives its FIRST face
 * (SimSun, not NSimSun); a WOFF 1.0 is converted to TTF in memory; WOFF2 is refused ("不支持 WOFF2 字体，请先转换为
 * TTF"). Bold uses `boldPath`; without it bold uses the regular file, since the layout never asks pdfkit for
 * synthetic bold, bold text then simply looks regular. Keys are `file:<absolute path>#<size>-<mtime>`, so that a file
 * replaced on disk gets a new key (equal keys, equal bytes); the bytes are re-read only when size or mtime change.
 *
 * Every failure throws an Error with a Chinese message naming the file.
 */
export function createFontFiles(options: FontFilesOptions = {}): FontFiles {
  const fontsDir = resolve(options.fontsDir ?? fileURLToPath(new URL('../fonts/', import.meta.url)));
  const cacheDir = resolve(options.cacheDir ?? join(fontsDir, 'cache'));
  const requires = [createRequire(join(fontsDir, 'manifest.json')), createRequire(import.meta.url)];

  let manifest: Manifest | undefined;
  /** Bytes by absolute file path (bundled files; cache files by their cache path). */
  const fileBytes = new Map<string, Buffer>();
  /** Bundled TrueType files held without their glyph data (./font-glyf.ts), by absolute path. */
  const withoutGlyf = new Map<string, FaceWithoutGlyf>();

  /** A bundled file held without its glyph data, or undefined when it is not such a file. */
  function openBundled(file: string): FaceWithoutGlyf | undefined {
    let known = withoutGlyf.get(file);
    if (!known) {
      known = openWithoutGlyf(file);
      if (known) withoutGlyf.set(file, known);
    }
    return known;
  }
  /** Bundled faces by key. */
  const bundledFaces = new Map<string, FontFace>();
  /** User faces by absolute path, with the size and mtime they were read at. */
  const userFaces = new Map<string, { size: number; mtimeMs: number; face: FontFace }>();

  function loadManifest(): Manifest {
    if (manifest) return manifest;
    const file = join(fontsDir, 'manifest.json');
    let parsed: Manifest;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    } catch (err) {
      throw new Error(`无法读取内置字体清单 ${file}：${errorMessage(err)}`);
    }
    if (!parsed || !Array.isArray(parsed.families)) throw new Error(`内置字体清单格式错误：${file}`);
    manifest = parsed;
    return parsed;
  }

  function packagePath(spec: PackageFile): string {
    for (const req of requires) {
      try {
        return join(dirname(req.resolve(`${spec.package}/package.json`)), spec.path);
      } catch {
        // try the next resolution base
      }
    }
    throw new Error(`找不到字体包 ${spec.package}，请先运行 npm install`);
  }

  function readPackageFile(spec: PackageFile): Buffer {
    const file = packagePath(spec);
    const known = fileBytes.get(file);
    if (known) return known;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new Error(
        errorCode(err) === 'ENOENT'
          ? `找不到内置字体文件：${file}（请重新运行 npm install）`
          : `无法读取内置字体文件 ${file}：${errorMessage(err)}`,
      );
    }
    fileBytes.set(file, bytes);
    return bytes;
  }

  function readCacheFile(spec: CacheFile): Buffer {
    const file = join(cacheDir, spec.cache);
    const known = fileBytes.get(file);
    if (known) return known;
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = undefined; // not prepared yet
    }
    if (!bytes || !isTrueTypeSfnt(bytes)) {
      const source = readPackageFile(spec.from);
      try {
        bytes = woffToSfnt(source);
      } catch (err) {
        throw new Error(`无法转换内置字体 ${spec.from.package}/${spec.from.path}：${errorMessage(err)}`);
      } finally {
        fileBytes.delete(packagePath(spec.from)); // the WOFF is not needed once converted
      }
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeAtomic(file, bytes);
      } catch {
        // A read-only cache (e.g. an installed app) only costs a conversion per start.
      }
    }
    fileBytes.set(file, bytes);
    return bytes;
  }

  function bundledFace(family: BundledFamily, weight: Weight): FontFace {
    const key = `${family}@${weight}`;
    const known = bundledFaces.get(key);
    if (known) return known;
    const entry = loadManifest().families.find((f) => f.id === family);
    if (!entry) throw new Error(`未知的内置字体：${family}`);
    const spec = entry.files[weight];
    if (!spec) throw new Error(`内置字体 ${entry.name} 没有${weight === 'bold' ? '粗体' : '常规'}字重`);
    // Large TrueType files keep their glyph data on disk (read as glyphs are embedded or drawn).
    const path = 'cache' in spec ? join(cacheDir, spec.cache) : packagePath(spec);
    let slim = openBundled(path);
    let bytes: Uint8Array | undefined = slim?.bytes;
    if (!slim) {
      bytes = 'cache' in spec ? readCacheFile(spec) : readPackageFile(spec);
      // A cache file just converted and written: hold it as the others.
      slim = 'cache' in spec ? openBundled(path) : undefined;
      if (slim) {
        fileBytes.delete(path);
        bytes = slim.bytes;
      }
    }
    const face: FontFace = Object.freeze(slim ? { key, bytes: slim.bytes, glyf: slim.glyf } : { key, bytes: bytes! });
    bundledFaces.set(key, face);
    return face;
  }

  function userFace(path: string): FontFace {
    if (!path) throw new Error('未指定字体文件');
    const file = resolve(path);
    let size: number;
    let mtimeMs: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error(`不是字体文件：${file}`);
      size = st.size;
      mtimeMs = Math.round(st.mtimeMs);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') throw new Error(`找不到字体文件：${file}`);
      if (errorCode(err) === undefined) throw err;
      throw new Error(`无法读取字体文件 ${file}：${errorMessage(err)}`);
    }
    const known = userFaces.get(file);
    if (known && known.size === size && known.mtimeMs === mtimeMs) return known.face;
    let raw: Buffer;
    try {
      raw = readFileSync(file);
    } catch (err) {
      throw new Error(`无法读取字体文件 ${file}：${errorMessage(err)}`);
    }
    let bytes: Buffer;
    try {
      bytes = toSfnt(raw);
    } catch (err) {
      throw new Error(`字体文件无法使用：${file}。${errorMessage(err)}`);
    }
    // A plain TrueType file is held without its glyph data, like the bundled ones (a TTC or WOFF stays whole).
    const slim = bytes === raw ? openWithoutGlyf(file) : undefined;
    const key = `file:${file}#${size}-${mtimeMs}`;
    const face: FontFace = Object.freeze(slim ? { key, bytes: slim.bytes, glyf: slim.glyf } : { key, bytes });
    userFaces.set(file, { size, mtimeMs, face });
    return face;
  }

  return {
    face(choice: FontChoice, weight: Weight): FontFace {
      if (choice.kind === 'bundled') return bundledFace(choice.family, weight);
      return userFace(weight === 'bold' && choice.boldPath ? choice.boldPath : choice.path);
    },
    bundledFamilies(): BundledFamilyInfo[] {
      return loadManifest().families.map(({ id, name, role, roleHint, license, source }) => ({
        id,
        name,
        role,
        roleHint,
        license,
        source,
      }));
    },
  };
}
