/**
 * Missing system programs (tests/helpers/system-tools.ts): a test that needs one fails under CI=true with a message
 * naming the Debian package, and only skips (with that message) elsewhere; every program the tests run is listed
 * there, and scripts/setup-system.sh installs every package listed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../helpers/sample.js';
import { findProgram, isCi, missingMessage, runTool, SYSTEM_TOOLS, toolAvailable } from '../helpers/system-tools.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Every .ts file under a folder of the repository. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(REPO_ROOT, dir, f));
}

describe('system tools the tests need', () => {
  it('under CI=true, a missing tool throws a message naming its package', () => {
    vi.stubEnv('PATH', '/nonexistent-folder');
    vi.stubEnv('CI', 'true');
    expect(() => toolAvailable('pdftotext')).toThrow(/poppler-utils/);
    expect(() => toolAvailable('qpdf', 'openssl')).toThrow(/qpdf openssl/);
    expect(() => runTool('pdfinfo', ['x.pdf'], { encoding: 'utf8' })).toThrow(/pdfinfo.*poppler-utils/);
  });

  it('outside CI, a missing tool warns with the same message and lets the test skip', () => {
    vi.stubEnv('PATH', '/nonexistent-folder');
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(toolAvailable('pdffonts')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('poppler-utils'));
  });

  it('reads CI as a flag: "true", "1", "yes" are on; unset, "", "false", "0" are off', () => {
    for (const on of ['true', '1', 'yes']) expect(isCi({ CI: on })).toBe(true);
    for (const off of [undefined, '', 'false', '0']) expect(isCi({ CI: off })).toBe(false);
  });

  it('finds programs on PATH and by absolute path', () => {
    expect(findProgram('node', { PATH: join(process.execPath, '..') })).toBe(process.execPath);
    expect(findProgram(process.execPath, { PATH: '' })).toBe(process.execPath);
    expect(findProgram('node', { PATH: '' })).toBeUndefined();
  });

  it('lists every program a test runs, and setup-system.sh installs every package listed', () => {
    const listed = new Set(Object.values(SYSTEM_TOOLS).map((t) => t.command.split('/').pop()));
    const files = [...tsFiles('tests'), ...tsFiles('bench')];
    const unlisted: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:execFileSync|spawnSync|spawn|execFile)\(\s*'([^']+)'/g)) {
        const program = m[1]!.split('/').pop()!;
        if (!listed.has(program)) unlisted.push(`${relative(REPO_ROOT, file)}: ${m[1]}`);
      }
    }
    expect(unlisted).toEqual([]);
    const script = readFileSync(join(REPO_ROOT, 'scripts/setup-system.sh'), 'utf8');
    const installed = new Set(/PACKAGES=\(([^)]*)\)/.exec(script)![1]!.split(/\s+/).filter(Boolean));
    const packages = new Set(Object.values(SYSTEM_TOOLS).map((t) => t.debianPackage));
    expect([...packages].filter((p) => !installed.has(p))).toEqual([]);
  });

  it('the global setup stops a CI run at once when a tool is missing, naming the package', () => {
    const code = `import('./tests/helpers/system-tools-setup.ts').then((m) => m.default()).then(() => console.log('passed'), (e) => { console.log(e.message); process.exitCode = 1; });`;
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const missing = run({ CI: 'true', CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/缺少测试所需的系统程序：\/nonexistent\/chromium.*软件包 chromium/);
    const local = run({ CI: '', CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(local.stdout.trim()).toBe('passed');
  });
});

describe('missingMessage', () => {
  it('names each program, what it is for, and each package once', () => {
    const message = missingMessage(['pdftotext', 'pdffonts', 'chromium']);
    expect(message).toContain('pdftotext（读回 PDF 的文字）');
    expect(message).toMatch(/软件包 poppler-utils chromium（/);
    expect(message).toContain('scripts/setup-system.sh');
  });
});
