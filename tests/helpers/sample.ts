/**
 * The sample issue the tests, benchmarks and README examples use: 《联络动态》2021年第8期 as text pulled out of its
 * PDF, kept in the repository (samples/) so that a lone clone has everything it needs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the bundled sample issue (UTF-8 text). */
export const SAMPLE_FILE = join(REPO_ROOT, 'samples', '联络动态2021年第8期.txt');

/** The sample's bytes. */
export function sampleBytes(): Buffer {
  return readFileSync(SAMPLE_FILE);
}
