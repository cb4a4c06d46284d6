/**
 * The `bulletin` command as a user runs it: `node bin/bulletin.mjs …` from the repository root, in a child
 * process. Exit codes: 0 done, 1 the issue has errors or cannot be printed (missing glyphs), 2 bad input or
 * bad usage — one line on stderr, never a stack trace.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '../../core/model/format.js';
import { documentText, pdfInfo, readPdf } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { runBulletin, type Run } from '../helpers/bulletin-cli.js';

const SAMPLE = SAMPLE_FILE;


const bulletin = (args: readonly string[]) => runBulletin(args, { timeout: 60_000, env: { NO_COLOR: '1' } });

/** Runs commands at most `limit` at a time (the machine has two cores). */
async function pool<T>(tasks: readonly (() => Promise<T>)[], limit = 3): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

let dir: string;
const out = (name: string) => join(dir, name);
const runs = new Map<string, Run>();

/** Bad inputs: each must exit 2 with one line on stderr. */
const BAD: Record<string, () => string[]> = {
  'a missing file': () => ['export', out('no-such-file.txt'), '-o', out('bad-missing.pdf')],
  'a directory': () => ['export', dir, '-o', out('bad-dir.pdf')],
  'random bytes': () => ['export', out('random.bin'), '-o', out('bad-random.pdf')],
  'invalid JSON': () => ['export', out('invalid.json'), '-o', out('bad-invalid.pdf')],
  'foreign JSON': () => ['export', out('foreign.json'), '-o', out('bad-foreign.pdf')],
  'empty text': () => ['export', out('empty.txt'), '-o', out('bad-empty.pdf')],
  'whitespace-only text': () => ['export', out('blank.txt'), '-o', out('bad-blank.pdf')],
  'an unknown command': () => ['frobnicate', SAMPLE],
  'an unknown --preset': () => ['export', SAMPLE, '-o', out('bad-preset.pdf'), '--preset', 'huge'],
  // A device would be read forever (the run's 60 s timeout turns a regression into a failure, not a hang).
  'a device (/dev/zero)': () => ['check', '/dev/zero'],
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bulletin-cli-'));
  // Deterministic "random" bytes (a linear congruential generator), some of them NUL.
  const random = Buffer.alloc(4096);
  let seed = 20210602;
  for (let i = 0; i < random.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    random[i] = seed >>> 24;
  }
  writeFileSync(out('random.bin'), random);
  writeFileSync(out('invalid.json'), '{"format": "bulletin-issue", "version": 1,');
  writeFileSync(out('foreign.json'), '{"a":1}');
  writeFileSync(out('empty.txt'), '');
  writeFileSync(out('blank.txt'), '  \n\t\n\u3000\u3000\n\n');

  // The issue file first: later commands read it.
  runs.set('import -o', await bulletin(['import', SAMPLE, '-o', out('sample.json')]));
  // The sample with a private-use character (no font has it) in an article paragraph.
  const parsed = parseDocument(readFileSync(out('sample.json'), 'utf8'));
  if (!parsed.ok) throw new Error('import -o did not write a readable issue file');
  const doc = parsed.document;
  const article = doc.issue.articles[0]!;
  const missing = {
    ...doc,
    issue: {
      ...doc.issue,
      articles: [
        {
          ...article,
          body: [{ type: 'paragraph' as const, content: [{ text: '这一段有一个字\uE000没有字形。' }] }, ...article.body],
        },
      ],
    },
  };
  writeFileSync(out('missing-glyph.json'), serializeDocument(missing));

  const commands: [string, string[]][] = [
    ['import', ['import', SAMPLE]],
    ['export', ['export', SAMPLE, '-o', out('sample.pdf')]],
    ['export --draft', ['export', SAMPLE, '-o', out('sample-draft.pdf'), '--draft']],
    ['export --preset compact', ['export', SAMPLE, '-o', out('sample-compact.pdf'), '--preset', 'compact']],
    ['export json', ['export', out('sample.json'), '-o', out('sample-from-json.pdf')]],
    ['check', ['check', SAMPLE]],
    ['check missing', ['check', out('missing-glyph.json')]],
    ['export missing', ['export', out('missing-glyph.json'), '-o', out('missing-glyph.pdf')]],
    ['--help', ['--help']],
    ...Object.entries(BAD).map(([name, args]): [string, string[]] => [name, args()]),
  ];
  const results = await pool(commands.map(([, args]) => () => bulletin(args)));
  commands.forEach(([name], i) => runs.set(name, results[i]!));
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (name: string) => {
  const r = runs.get(name);
  if (!r) throw new Error(`no run named ${name}`);
  return r;
};

describe('bulletin import', () => {
  it('prints the issue file of a text as JSON that parseDocument reads', () => {
    const r = run('import');
    expect(r.code, r.stderr).toBe(0);
    const parsed = parseDocument(r.stdout);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.issue).toMatchObject({ year: 2021, number: 8, totalNumber: 631, date: '2021-06-02' });
    expect(parsed.document.issue.articles).toHaveLength(1);
    // Notes on what the importer changed go to stderr, not into the JSON.
    expect(r.stderr).toMatch(/^提示：/m);
  });

  it('writes the issue file with -o', () => {
    const r = run('import -o');
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    expect(parseDocument(readFileSync(out('sample.json'), 'utf8')).ok).toBe(true);
    expect(readFileSync(out('sample.json'), 'utf8')).toBe(`${run('import').stdout.trimEnd()}\n`);
  });
});

describe('bulletin export', () => {
  it('writes a PDF of the sample', () => {
    const r = run('export');
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    expect(r.stdout).toContain('已导出');
    const bytes = readFileSync(out('sample.pdf'));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfInfo(out('sample.pdf')).pages).toBeGreaterThanOrEqual(4);
  });

  it('marks a --draft 样稿 on every page', async () => {
    const r = run('export --draft');
    expect(r.code, r.stderr).toBe(0);
    const pages = await readPdf(readFileSync(out('sample-draft.pdf')));
    for (const p of pages) {
      expect(p.items.filter((i) => i.rotated).map((i) => i.str).join('').replace(/\s/g, '')).toBe('样稿');
    }
    const final = await readPdf(readFileSync(out('sample.pdf')));
    expect(final.every((p) => p.items.every((i) => !i.rotated))).toBe(true);
  });

  it('sets --preset compact in 14 pt on fewer pages', async () => {
    const r = run('export --preset compact');
    expect(r.code, r.stderr).toBe(0);
    expect(pdfInfo(out('sample-compact.pdf')).pages).toBeLessThan(pdfInfo(out('sample.pdf')).pages);
    const pages = await readPdf(readFileSync(out('sample-compact.pdf')));
    const sizes = pages[1]!.items.filter((i) => i.str.trim()).map((i) => Math.round(i.fontSize));
    expect(sizes.filter((s) => s === 14).length).toBeGreaterThan(sizes.length / 2);
  });

  it('gives the same PDF text from the imported JSON as from the text', async () => {
    const r = run('export json');
    expect(r.code, r.stderr).toBe(0);
    expect(pdfInfo(out('sample-from-json.pdf')).pages).toBe(pdfInfo(out('sample.pdf')).pages);
    const fromJson = documentText(await readPdf(readFileSync(out('sample-from-json.pdf'))));
    const fromText = documentText(await readPdf(readFileSync(out('sample.pdf'))));
    expect(fromJson).toBe(fromText);
  });
});

describe('bulletin check', () => {
  it('passes the sample', () => {
    const r = run('check');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  it('fails a document with a character no font has, naming it', () => {
    const r = run('check missing');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stdout).toContain('U+E000');
  });

  it('refuses to export that document: exit 1, 缺字, no file', () => {
    const r = run('export missing');
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stderr).toContain('缺字');
    expect(r.stderr).toContain('U+E000');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(existsSync(out('missing-glyph.pdf'))).toBe(false);
  });
});

describe('bad input', () => {
  it.each(Object.keys(BAD))('%s: exit 2, one line on stderr, no stack trace', (name) => {
    const r = run(name);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.split('\n').filter((l) => /^\s+at /.test(l))).toEqual([]);
    expect(lines(r.stderr), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/\p{Script=Han}/u);
    expect(r.stdout).toBe('');
    for (const a of BAD[name]!()) if (a.endsWith('.pdf')) expect(existsSync(a)).toBe(false);
  });

  it('--help: exit 0 with the usage', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法');
    expect(r.stdout).toContain('bulletin export');
    expect(r.stderr).toBe('');
  });
});
