/**
 * docs/ARCHITECTURE.md and docs/layout-rules.md name files and folders of the repository; every one of them must
 * exist, so the documents stay true of the tree when code moves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/sample.js';

/** Top-level folders of the repository a path in a document starts with. */
const TOP = ['core', 'services', 'electron', 'renderer', 'cli', 'tests', 'scripts', 'assets', 'fonts', 'docs', 'bench', 'samples', 'bin'];
const PATH = new RegExp(`(?<![\\w./-])(?:${TOP.join('|')})/[\\p{L}\\p{N}_./*<>-]*`, 'gu');
const ROOT_FILES = /(?<![\w./-])(?:package\.json|electron-builder\.yml|tsconfig\.json|vite\.config\.ts|vitest\.config\.ts|README\.md|\.ci\/run)(?![\w.])/g;

/** The repository paths a Markdown text names, each with its line. */
function namedPaths(markdown: string): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  markdown
    .split('\n')
    .forEach((text, i) => {
      for (const m of [...text.matchAll(PATH), ...text.matchAll(ROOT_FILES)]) {
        // Trailing sentence punctuation is not part of the path; placeholders (<id>, <n>x<n>) and globs are
        // checked up to the folder that holds them.
        let path = m[0].replace(/[.,;:)]+$/, '');
        if (/[*<>]/.test(path)) path = path.slice(0, path.search(/[*<>]/)).replace(/[^/]*$/, '');
        out.push({ path: path.replace(/\/$/, ''), line: i + 1 });
      }
    });
  return out;
}

describe.each(['docs/ARCHITECTURE.md', 'docs/layout-rules.md'])('%s', (doc) => {
  it('names only paths that exist', () => {
    const named = namedPaths(readFileSync(join(REPO_ROOT, doc), 'utf8'));
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter((p) => !existsSync(join(REPO_ROOT, p.path))).map((p) => `${doc}:${p.line}: ${p.path}`);
    expect(missing).toEqual([]);
  });
});

it('reads paths out of prose, placeholders and globs up to their folder', () => {
  const text = 'See core/typeset/no-such-stage.ts. Backups in `backups/<id>`, icons in assets/icons/png/<n>x<n>.png;\nand `package.json`, not app.asar/fonts/manifest.json.';
  expect(namedPaths(text)).toEqual([
    { path: 'core/typeset/no-such-stage.ts', line: 1 },
    { path: 'assets/icons/png', line: 1 },
    { path: 'package.json', line: 2 },
  ]);
});
