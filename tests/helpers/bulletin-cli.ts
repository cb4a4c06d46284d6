/**
 * Running the `bulletin` command as a user does (`node bin/bulletin.mjs …` in the repository root), for the
 * integration tests: {@link runBulletin} asynchronously with the whole output, {@link bulletinSync} synchronously
 * (with text on stdin, e.g. a PIN) with the output as non-empty lines.
 */
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './sample.js';

/** The command's entry point. */
export const BIN = path.join(REPO_ROOT, 'bin/bulletin.mjs');

export interface RunOptions {
  /** Added to (or overriding) process.env. */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before the process is killed. */
  readonly timeout: number;
}

/** What a run printed, whole. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a run printed, as non-empty lines. */
export interface LinesRun {
  readonly code: number | null;
  readonly out: string[];
  readonly err: string[];
}

/** Runs `bulletin …args`; a process that could not run or was killed has code -1. */
export function runBulletin(args: readonly string[], options: RunOptions): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: options.timeout, env: { ...process.env, ...options.env } },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** Runs `bulletin …args` to the end, `input` on its stdin. */
export function bulletinSync(args: readonly string[], options: RunOptions & { readonly input?: string }): LinesRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
    timeout: options.timeout,
  });
  const lines = (text: string) => text.split('\n').filter((l) => l !== '');
  return { code: result.status, out: lines(result.stdout), err: lines(result.stderr) };
}
