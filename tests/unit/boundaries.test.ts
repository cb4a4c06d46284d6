/**
 * The floors of the house (docs/ARCHITECTURE.md, "Folders"), checked on every import of every source file:
 *  - core/ imports no Electron, no file system (fs, node:fs, fs/promises) and no DOM (no DOM global in its code;
 *    core/tsconfig.json, part of `npm run typecheck`, checks it without the DOM library), and nothing from the
 *    folders above it;
 *  - services/ imports no Electron and nothing from electron/, renderer/ or cli/ (the IPC contract imports
 *    its shapes from services/, not the other way round);
 *  - renderer/ imports core, and from services/ and electron/ only types (`import type`), never Node;
 *  - cli/ stands on core and services, never on electron/ or renderer/.
 * A violation names the file and the line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/sample.js';

/** One import (or re-export, dynamic import, require) of a file. */
interface ImportSite {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  /** `import type` / `export type`: erased, no run-time dependency. */
  readonly typeOnly: boolean;
  /** The top folder of the repository it resolves to, for a relative specifier. */
  readonly folder?: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Removes comments (keeping line breaks, so line numbers hold) but not strings. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g, (m, lead: string | undefined) =>
    m.startsWith('/*') ? m.replace(/[^\n]/g, ' ') : `${lead ?? ''}`,
  );
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Every import site of a file. */
function importsOf(file: string): ImportSite[] {
  const text = withoutComments(readFileSync(join(REPO_ROOT, file), 'utf8'));
  const sites: ImportSite[] = [];
  const add = (index: number, specifier: string, typeOnly: boolean) => {
    const folder = specifier.startsWith('.')
      ? relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), specifier)).split(/[\\/]/)[0]
      : undefined;
    sites.push({ file, line: lineOf(text, index), specifier, typeOnly, ...(folder ? { folder } : {}) });
  };
  const statement = /^[ \t]*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(statement)) add(m.index ?? 0, m[3]!, m[2] !== undefined);
  const dynamic = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(dynamic)) add(m.index ?? 0, m[1]!, false);
  return sites;
}

const where = (s: ImportSite, why: string): string => `${s.file}:${s.line}: ${why} ('${s.specifier}')`;
const FS = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isElectron = (s: ImportSite) => s.specifier === 'electron' || s.specifier.startsWith('electron/');

/** DOM globals, looked for in core's code (comments removed). */
const DOM_GLOBALS =
  /(?<![\w/.$'"])(?:window|document|navigator|localStorage|sessionStorage)\s*\.(?!js['"])|\b(?:HTML\w*Element|DOMParser|XMLSerializer|MutationObserver|requestAnimationFrame)\b/g;

describe('floors', () => {
  it('finds the imports it checks (the scanner reads multi-line, type-only and dynamic imports)', () => {
    const sites = importsOf('renderer/app/issue/IssueScreen.tsx');
    expect(sites.some((s) => s.specifier === 'react' && !s.typeOnly)).toBe(true);
    expect(sites.some((s) => s.folder === 'services' && s.typeOnly)).toBe(true);
    expect(importsOf('services/library.ts').some((s) => s.specifier === './library-types.js' && s.typeOnly && s.line > 1)).toBe(true);
  });

  it('core imports no Electron, no file system, no DOM, and nothing above it', () => {
    const bad: string[] = [];
    for (const file of sourceFiles('core')) {
      for (const s of importsOf(file)) {
        if (isElectron(s)) bad.push(where(s, 'core imports Electron'));
        if (FS.has(s.specifier)) bad.push(where(s, 'core reads the file system'));
        if (s.folder && s.folder !== 'core' && !(s.folder === 'assets' && s.specifier.endsWith('.json'))) {
          bad.push(where(s, `core imports ${s.folder}/`));
        }
      }
      const text = withoutComments(readFileSync(join(REPO_ROOT, file), 'utf8'));
      for (const m of text.matchAll(DOM_GLOBALS)) bad.push(`${file}:${lineOf(text, m.index ?? 0)}: core uses the DOM (${m[0]})`);
    }
    expect(bad).toEqual([]);
  });

  it('core type-checks without the DOM library and without Node types', () => {
    const config = readFileSync(join(REPO_ROOT, 'core', 'tsconfig.json'), 'utf8');
    expect(config).toMatch(/"lib":\s*\["ES2023"\]/);
    expect(config).toMatch(/"types":\s*\[\]/);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.typecheck).toContain('tsc -p core/tsconfig.json');
  });

  it('services imports no Electron and nothing from electron/, renderer/ or cli/', () => {
    const bad: string[] = [];
    for (const file of sourceFiles('services')) {
      for (const s of importsOf(file)) {
        if (isElectron(s)) bad.push(where(s, 'services imports Electron'));
        if (s.folder && ['electron', 'renderer', 'cli'].includes(s.folder)) bad.push(where(s, `services imports ${s.folder}/`));
      }
    }
    expect(bad).toEqual([]);
  });

  it('the renderer imports only types from services/ and electron/, and no Node', () => {
    const bad: string[] = [];
    for (const file of sourceFiles('renderer')) {
      for (const s of importsOf(file)) {
        if (s.folder && ['services', 'electron'].includes(s.folder) && !s.typeOnly) {
          bad.push(where(s, `the renderer imports a run-time value from ${s.folder}/ (use import type, or move it to core)`));
        }
        if (isElectron(s)) bad.push(where(s, 'the renderer imports Electron'));
        if (NODE.has(s.specifier)) bad.push(where(s, 'the renderer imports Node'));
        if (s.folder === 'cli') bad.push(where(s, 'the renderer imports cli/'));
      }
    }
    expect(bad).toEqual([]);
  });

  it('cli stands on core and services, never on electron/ or renderer/', () => {
    const bad: string[] = [];
    for (const file of sourceFiles('cli')) {
      for (const s of importsOf(file)) {
        if (isElectron(s) || (s.folder && ['electron', 'renderer'].includes(s.folder))) bad.push(where(s, `cli imports ${s.specifier}`));
      }
    }
    expect(bad).toEqual([]);
  });
});
