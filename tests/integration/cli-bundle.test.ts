/**
 * The `bulletin` command runs a bundle (out/cli, scripts/build-cli.mjs), not TypeScript compiled at start, and
 * rebuilds it when a source changed. Run in a copy of the repository's sources whose node_modules lacks tsx (every
 * other package linked to the real one), so nothing can fall back to compiling TypeScript on the fly.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';

let copy: string;

/** Runs `node bin/bulletin.mjs …` in the copy. */
function bulletin(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/bulletin.mjs', ...args], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, BULLETIN_LIBRARY: '', BULLETIN_CACHE_DIR: '' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function buildInfo(): { startedAt: number; inputs: string[] } {
  return JSON.parse(fs.readFileSync(path.join(copy, 'out/cli/build-info.json'), 'utf8'));
}

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bundle-'));
  for (const dir of ['bin', 'scripts', 'cli', 'core', 'services', 'assets']) {
    fs.cpSync(path.join(REPO_ROOT, dir), path.join(copy, dir), { recursive: true });
  }
  for (const file of ['package.json', 'tsconfig.json']) fs.copyFileSync(path.join(REPO_ROOT, file), path.join(copy, file));
  fs.symlinkSync(path.join(REPO_ROOT, 'fonts'), path.join(copy, 'fonts'));
  const modules = path.join(copy, 'node_modules');
  fs.mkdirSync(modules);
  for (const name of fs.readdirSync(path.join(REPO_ROOT, 'node_modules'))) {
    if (name === 'tsx' || name === '.bin') continue;
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name));
  }
}, 60_000);

afterAll(() => {
  fs.rmSync(copy, { recursive: true, force: true });
});

describe('the bulletin command runs a bundle', () => {
  it('builds the bundle when there is none, and runs without tsx', () => {
    expect(fs.existsSync(path.join(copy, 'out'))).toBe(false);
    const help = bulletin('--help');
    expect(help.err).toBe('');
    expect(help.code).toBe(0);
    expect(help.out).toContain('bulletin export');
    expect(fs.existsSync(path.join(copy, 'out/cli/main.mjs'))).toBe(true);
    expect(buildInfo().inputs).toContain('cli/main.ts');
    expect(fs.readFileSync(path.join(copy, 'bin/bulletin.mjs'), 'utf8')).not.toMatch(/from 'tsx|import\('tsx/);
  });

  it('loads no npm package at start: fontkit, pdfmake, the Word and signing packages come in only when a command needs them', () => {
    // Follow the static imports from the entry through the chunks; dynamic import("…") is on demand.
    const outDir = path.join(copy, 'out/cli');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = fs.readFileSync(path.join(outDir, file), 'utf8');
      for (const m of code.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"|^import\s*"([^"]+)"/gms)) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith('./')) visit(spec.slice(2));
        else if (!spec.startsWith('node:')) packages.add(spec);
      }
    };
    visit('main.mjs');
    expect(seen.size).toBeGreaterThan(1);
    expect([...packages]).toEqual([]);
  });

  it('exports the sample from the bundle, fonts found as from the sources', () => {
    const pdf = path.join(copy, 'out.pdf');
    const r = bulletin('export', SAMPLE_FILE, '-o', pdf);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('rebuilds when a source it was made from changed, so a developer never runs stale code', () => {
    const before = buildInfo().startedAt;
    const unchanged = bulletin('--help');
    expect(buildInfo().startedAt).toBe(before); // up to date: not rebuilt
    expect(unchanged.out).not.toContain('（测试改动）');
    const main = path.join(copy, 'cli/main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('显示本说明', '显示本说明（测试改动）'));
    const changed = bulletin('--help');
    expect(changed.code).toBe(0);
    expect(changed.out).toContain('显示本说明（测试改动）');
    expect(buildInfo().startedAt).toBeGreaterThan(before);
  });

  it('rebuilds when a file of the bundle was removed', () => {
    const info = JSON.parse(fs.readFileSync(path.join(copy, 'out/cli/build-info.json'), 'utf8')) as { outputs: string[] };
    const chunk = info.outputs.find((o) => o.startsWith('chunk-'))!;
    fs.rmSync(path.join(copy, 'out/cli', chunk));
    const r = bulletin('--help');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(copy, 'out/cli', chunk))).toBe(true);
  });

  it('rebuilds a damaged build record, and says so in one Chinese line when the sources do not build', () => {
    fs.writeFileSync(path.join(copy, 'out/cli/build-info.json'), '{"inputs": ');
    expect(bulletin('--help').code).toBe(0);
    expect(buildInfo().inputs.length).toBeGreaterThan(10);
    const main = path.join(copy, 'cli/main.ts');
    fs.appendFileSync(main, '\nexport const broken = ;\n');
    const r = bulletin('--help');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')[0]).toMatch(/^错误：无法生成 bulletin 命令的程序包/);
  });
});
