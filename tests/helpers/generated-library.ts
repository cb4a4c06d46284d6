/**
 * A library of many issues, generated from the sample for the listing benchmark and tests: each issue is the
 * sample with its own year, 期号, 总期号, date and title, saved as the app saves it (issue file, then the meta the
 * first listing writes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { serializeDocument } from '../../core/model/format.js';
import { createLibrary } from '../../services/library.js';
import { sampleBytes, SAMPLE_FILE } from './sample.js';

/** Options of {@link generateLibrary}. */
export interface GeneratedLibraryOptions {
  /** The library folder (created if needed; should be empty). */
  readonly dir: string;
  /** How many issues. */
  readonly count: number;
}

/** Issues per year in a generated library. */
const PER_YEAR = 40;

/** Writes `count` issues into `dir` and lists the library once (which writes each issue's meta). Returns the ids. */
export function generateLibrary(options: GeneratedLibraryOptions): string[] {
  const sample = readInput(sampleBytes(), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
  mkdirSync(join(options.dir, 'issues'), { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const document = variant(sample, i);
    const { year, number } = document.issue;
    const id = `${year}-${String(number).padStart(3, '0')}-${(i * 7919).toString(36).padStart(4, '0').slice(-4)}`;
    writeFileSync(join(options.dir, 'issues', `${id}.json`), serializeDocument(document));
    ids.push(id);
  }
  createLibrary({ dir: options.dir }).list();
  return ids;
}

/** The sample as issue `i` of the generated library: its numbers, date and first title are its own. */
function variant(sample: BulletinDocument, i: number): BulletinDocument {
  const year = 2000 + Math.floor(i / PER_YEAR);
  const number = (i % PER_YEAR) + 1;
  const month = String(1 + (number % 12)).padStart(2, '0');
  const [first, ...rest] = sample.issue.articles;
  const articles = first ? [{ ...first, title: `${first.title}（第 ${i + 1} 篇）` }, ...rest] : rest;
  const issue = { ...sample.issue, year, number, totalNumber: 100 + i, date: `${year}-${month}-15`, articles };
  return { ...sample, issue };
}
