/**
 * The sample and the test issues set the same lines on the same pages, in both presets, as recorded in
 * tests/fixtures/line-snapshots/*.json. Moving code around must not move a line; a deliberate change to the
 * rules (a title break, a punctuation fix) updates the snapshot in the same commit, saying which lines moved.
 * Regenerate with `UPDATE_LINE_SNAPSHOTS=1 npx vitest run tests/unit/line-snapshot.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { readInput } from '../../core/io/read-input.js';
import { PRESETS } from '../../core/typeset/preset.js';
import { typeset } from '../../core/typeset/typeset.js';
import { createFontFiles } from '../../services/font-files.js';
import { pageLines } from '../helpers/page-lines.js';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';

const SNAPSHOTS = join(REPO_ROOT, 'tests', 'fixtures', 'line-snapshots');
const ISSUES = [
  { key: 'sample', file: SAMPLE_FILE },
  { key: 'lianluo-2021-11-headings', file: join(REPO_ROOT, 'tests', 'fixtures', 'lianluo-2021-11-headings.txt') },
  { key: 'lianluo-2021-12-two-articles', file: join(REPO_ROOT, 'tests', 'fixtures', 'lianluo-2021-12-two-articles.txt') },
  { key: 'lianluo-2021-14-long', file: join(REPO_ROOT, 'tests', 'fixtures', 'lianluo-2021-14-long.txt') },
] as const;

let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(createFontFiles());
});

describe('lines on pages, before and after', () => {
  for (const { key, file } of ISSUES) {
    it(`${key}: every page sets the recorded lines`, () => {
      const { document } = readInput(readFileSync(file), { name: `${key}.txt`, today: '2021-06-02' });
      const actual: Record<string, string[][]> = {};
      for (const [name, preset] of Object.entries(PRESETS)) {
        actual[name] = pageLines(typeset(document, { faces, preset }).layout);
      }
      const path = join(SNAPSHOTS, `${key}.json`);
      if (process.env.UPDATE_LINE_SNAPSHOTS === '1' || !existsSync(path)) {
        writeFileSync(path, `${JSON.stringify(actual, null, 1)}\n`);
      }
      const recorded = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[][]>;
      for (const name of Object.keys(PRESETS)) {
        const want = recorded[name] ?? [];
        const got = actual[name] ?? [];
        expect(got.length, `${key} ${name}: pages`).toBe(want.length);
        want.forEach((lines, p) => expect(got[p], `${key} ${name}: page ${p + 1}`).toEqual(lines));
      }
    });
  }
});
