/**
 * A clone works on its own: no source, test, benchmark, script or README example reads a file outside the
 * repository — no sibling folder (the old `../shared/samples/…`), no absolute path into the machine the project was
 * written on, no relative path that climbs above the repository's root; and every repository file the README's
 * commands name exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/sample.js';

/** Folders whose files are checked (generated and installed folders are not). */
const FOLDERS = ['bin', 'cli', 'core', 'services', 'electron', 'renderer', 'tests', 'bench', 'scripts', 'docs', 'fonts', 'samples', '.ci'];
/** Files at the root that are checked. */
const ROOT_FILES = ['README.md', 'package.json', 'vite.config.ts', 'vitest.config.ts', 'vitest.e2e.config.ts', 'electron-builder.yml', 'tsconfig.json'];
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|json|md|sh|yml|yaml|html|css)$|^run$/;
const SKIP = new Set(['node_modules', 'cache', 'line-snapshots']);

function files(): string[] {
  const out = ROOT_FILES.map((f) => join(REPO_ROOT, f)).filter((f) => existsSync(f));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (TEXT.test(entry.name)) out.push(path);
    }
  };
  for (const folder of FOLDERS) if (existsSync(join(REPO_ROOT, folder))) walk(join(REPO_ROOT, folder));
  return out;
}

/** "file:line: text" for each line of each checked file that `bad` says is wrong. */
function offending(bad: (line: string, file: string) => boolean): string[] {
  const found: string[] = [];
  for (const file of files()) {
    if (file === __filename) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (bad(line, file)) found.push(`${relative(REPO_ROOT, file)}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
  }
  return found;
}

const SIBLING = ['..', 'shared'].join('/');
const MACHINE_ROOTS = ['/' + 'work/', '/' + 'tmp/lone'];

describe('a clone works on its own', () => {
  it('checks a real set of files', () => {
    const checked = files().map((f) => relative(REPO_ROOT, f));
    expect(checked).toContain('README.md');
    expect(checked).toContain(join('tests', 'helpers', 'sample.ts'));
    expect(checked.length).toBeGreaterThan(150);
  });

  it('names no sibling folder such as ../shared', () => {
    expect(offending((line) => line.includes(SIBLING))).toEqual([]);
  });

  it('names no absolute path into the development machine', () => {
    expect(offending((line) => MACHINE_ROOTS.some((root) => line.includes(root)))).toEqual([]);
  });

  it('has no relative path that climbs above the repository root', () => {
    const climbing = /['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g;
    expect(
      offending((line, file) =>
        [...line.matchAll(climbing)].some((m) => !`${resolve(dirname(file), m[1]!)}${sep}`.startsWith(`${REPO_ROOT}${sep}`)),
      ),
    ).toEqual([]);
  });

  it('every repository file the README’s commands name exists (the sample among them)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const named = new Set<string>();
    for (const block of blocks) {
      for (const m of block.matchAll(/(?:^|\s)((?:samples|scripts|tests|bench|docs|fonts|bin)\/[^\s'"()（），。；]+)/g)) named.add(m[1]!);
    }
    expect([...named]).toContain('samples/联络动态2021年第8期.txt');
    expect([...named].filter((p) => !existsSync(join(REPO_ROOT, p)))).toEqual([]);
  });
});
