/**
 * Issue 5, items 4 and 8, on the command line: `bulletin` (node bin/bulletin.mjs) handed damaged or
 * foreign input — truncated JSON, a file of a newer version, a 100 MB file, binary junk, a folder, lone
 * surrogates — exits with 2 and exactly one line in Chinese on stderr (no stack trace), writes nothing,
 * and leaves the input byte for byte as it was. The 100 MB file must be refused from its size alone: the
 * child runs with a preload that reports any readFileSync of a file that large.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../core/model/format.js';
import { sampleDocument } from '../helpers/fault-writer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
const BIN = path.join(ROOT, 'bin/bulletin.mjs');

/** Preloaded into the child: says so on stderr when a file over 64 MB is read whole. */
const NO_BIG_READS = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const big = (file) => {
  try { return (typeof file === 'string' || file instanceof URL) && fs.statSync(file).size > 64 * 1024 * 1024; } catch { return false; }
};
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (big(file)) process.stderr.write('TEST: a file over 64 MB was read whole\\n');
  return readFileSync.call(this, file, ...rest);
};
const readFile = fs.promises.readFile;
fs.promises.readFile = function (file, ...rest) {
  if (big(file)) process.stderr.write('TEST: a file over 64 MB was read whole\\n');
  return readFile.call(this, file, ...rest);
};
syncBuiltinESMExports();
`;
const PRELOAD = `data:text/javascript,${encodeURIComponent(NO_BIG_READS)}`;

interface Run {
  readonly code: number | null;
  readonly out: string[];
  readonly err: string[];
  readonly ms: number;
}

function bulletin(args: readonly string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, BULLETIN_LIBRARY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = (text: string) => text.split('\n').filter((l) => l !== '');
      resolve({ code, out: lines(out), err: lines(err), ms: Date.now() - started });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** What identifies a file's content and state: its hash, size and modification time. */
function fingerprint(file: string): string {
  const st = fs.statSync(file);
  if (st.isDirectory()) return `dir:${fs.readdirSync(file).join(',')}:${st.mtimeMs}`;
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return `${hash.digest('hex')}:${st.size}:${st.mtimeMs}`;
}

let tmp: string;
const inputs: Record<string, string> = {};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-cli-'));
  const valid = serializeDocument(sampleDocument());
  const raw = JSON.parse(valid) as { issue: { articles: { title: string }[] } };
  const put = (name: string, content: string | Uint8Array) => {
    inputs[name] = path.join(tmp, name);
    fs.writeFileSync(inputs[name], content);
  };
  put('truncated.json', valid.slice(0, Math.floor(valid.length / 2)));
  put('truncated-no-extension', valid.slice(0, 1234));
  put('version-99.json', JSON.stringify({ ...JSON.parse(valid), version: 99 }));
  put('foreign.json', JSON.stringify({ format: 'something-else', version: 1, data: [1, 2, 3] }));
  put('array.json', '[1, 2, 3]');
  put('empty.txt', '');
  put('whitespace.txt', ' \n\u3000\n\t\n');
  // Binary junk: with NUL bytes, and without (neither UTF-8 nor GB18030).
  const junk = Buffer.alloc(4096);
  let seed = 12345;
  for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  put('junk.bin', junk);
  put('junk.txt', junk);
  put('junk-no-nul.txt', Buffer.from(junk.map((b) => (b === 0 ? 0xff : b | 0x80))));
  put('png.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  // Lone surrogates: escaped in the JSON text, and as raw (CESU-8) bytes in the file.
  raw.issue.articles[0]!.title = `坏标题\ud800尾`;
  put('lone-surrogate.json', JSON.stringify(raw, null, 2));
  const title = Buffer.from('"title": "', 'utf8');
  const text = Buffer.from(valid, 'utf8');
  const at = text.indexOf(title) + title.length;
  put('raw-surrogate.json', Buffer.concat([text.subarray(0, at), Buffer.from([0xed, 0xa0, 0x80]), text.subarray(at)]));
  // 100 MB, sparse (made without writing it), under both kinds of name.
  for (const name of ['huge.json', 'huge.txt']) {
    inputs[name] = path.join(tmp, name);
    fs.writeFileSync(inputs[name], '{"format": "bulletin-issue", ');
    fs.truncateSync(inputs[name], 100 * 1024 * 1024);
  }
  inputs.folder = path.join(tmp, 'a-folder.json');
  fs.mkdirSync(inputs.folder);
  fs.writeFileSync(path.join(inputs.folder, 'inside.txt'), 'x');
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * The commands an input is given to. The file commands (import, export, check) read their input through one
 * function and `--library … import` through another: every input goes through both (check, library import);
 * a few go through every command.
 */
function commands(name: string, input: string, n: number): { args: string[]; writes: string }[] {
  const pdf = path.join(tmp, `out-${n}.pdf`);
  const json = path.join(tmp, `out-${n}.json`);
  const lib = path.join(tmp, `lib-${n}`);
  const all = ['huge.json', 'truncated.json', 'version-99.json', 'lone-surrogate.json'].includes(name);
  return [
    { args: ['check', input], writes: '' },
    { args: ['--library', lib, 'import', input], writes: path.join(lib, 'issues') },
    ...(all
      ? [
          { args: ['import', input], writes: '' },
          { args: ['import', input, '-o', json], writes: json },
          { args: ['export', input, '-o', pdf], writes: pdf },
        ]
      : []),
  ];
}

/** The reason each input must give, in the one line. */
const EXPECTED: Record<string, RegExp> = {
  'truncated.json': /不是有效的简报文件（JSON 格式错误）.*意外结束，文件可能不完整/,
  'truncated-no-extension': /不是有效的简报文件（JSON 格式错误）/,
  'version-99.json': /文件版本过新.*文件版本 99 比本程序支持的版本 1 新，请升级程序/,
  'foreign.json': /这不是简报文件/,
  'array.json': /这不是简报文件/,
  'empty.txt': /文件是空的/,
  'whitespace.txt': /文件是空的/,
  'junk.bin': /这不是文本文件（含有二进制内容）/,
  'junk.txt': /这不是文本文件（含有二进制内容）/,
  'junk-no-nul.txt': /这不是文本文件|无法识别文件的文字编码/,
  'png.json': /这不是文本文件（含有二进制内容）/,
  'lone-surrogate.json': /简报文件内容有 1 处错误.*issue\.articles\[0\]\.title：含有不成对的代理字符 U\+D800/,
  'raw-surrogate.json': /不是有效的简报文件|简报文件内容有|无法识别文件的文字编码|这不是/,
  'huge.json': /文件过大（100\.0 MB），不像是简报文件/,
  'huge.txt': /文件过大（100\.0 MB），不像是简报文件/,
  folder: /这是一个文件夹，不是文件/,
};

describe('bulletin on damaged and foreign input', () => {
  it('exits 2 with one Chinese line, writes nothing, leaves the input as it was', async () => {
    const names = Object.keys(EXPECTED);
    const before = Object.fromEntries(names.map((name) => [name, fingerprint(inputs[name]!)]));
    const jobs = names.flatMap((name, i) =>
      commands(name, inputs[name]!, i).map(({ args, writes }) => async () => ({ name, args, writes, run: await bulletin(args) })),
    );
    const results = await pool(jobs, 2);
    const timings: string[] = [];
    for (const { name, args, writes, run } of results) {
      const what = `${name}: bulletin ${args.join(' ')}\nstdout: ${run.out.join('\n')}\nstderr: ${run.err.join('\n')}`;
      expect(run.code, what).toBe(2);
      expect(run.err, what).toHaveLength(1);
      const line = run.err[0]!;
      expect(line, what).toMatch(/^错误：/);
      expect(line, what).toMatch(EXPECTED[name]!);
      expect(line, what).not.toMatch(/\bat \S+ \(|node:internal|Error\b|TEST:/);
      // Nothing on stdout, and no output file (nor an issue in the library).
      expect(run.out, what).toEqual([]);
      if (writes) expect(fs.existsSync(writes), what).toBe(false);
      if (name.startsWith('huge')) timings.push(`${args[0] === '--library' ? 'library import' : args[0]} ${name} ${run.ms} ms`);
    }
    for (const name of names) expect(fingerprint(inputs[name]!), `${name} changed`).toBe(before[name]);
    console.log(`[fault-cli] ${results.length} runs; 100 MB refused in: ${timings.join(', ')}`);
  }, 180_000);

  // A file without read permission cannot be made as root (root reads it anyway), and the tests run as root
  // in CI; elsewhere it is checked here.
  it.skipIf(process.getuid?.() === 0)('refuses a file it may not read, with one line', async () => {
    const file = path.join(tmp, 'secret.txt');
    fs.writeFileSync(file, '机密');
    fs.chmodSync(file, 0o000);
    const run = await bulletin(['check', file]);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([`错误：无法读取文件：${file}`]);
  });
});
