import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

interface Finding {
  readonly id: string;
  readonly severity: string;
  readonly file: string;
  readonly location: string;
  readonly description: string;
}

describe('security checklist (Electronegativity)', () => {
  it('npm run lint:security: no HIGH or MEDIUM finding that docs/SECURITY.md does not explain', async () => {
    // Runs the script; the tool has crashed once under a full parallel test run (empty output): one retry,
    // with what it said on stderr in the failure message if it happens again.
    const runOnce = async () => {
      try {
        const r = await promisify(execFile)(process.execPath, [path.join(root, 'scripts/lint-security.mjs'), '--json'], {
          cwd: root,
          maxBuffer: 64 * 1024 * 1024,
        });
        return { stdout: r.stdout, stderr: r.stderr, code: 0 };
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string; code?: number };
        return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: e.code ?? 1 };
      }
    };
    let run = await runOnce();
    if (!run.stdout.trim().split('\n').at(-1)?.startsWith('{')) run = await runOnce();
    const { stdout, code } = run;
    expect(stdout.trim().split('\n').at(-1)?.startsWith('{'), `${stdout}\n${run.stderr}`).toBe(true);
    const last = stdout.trim().split('\n').at(-1) ?? '';
    expect(code, stdout).not.toBe(2); // the tool itself ran
    const result = JSON.parse(last) as { findings: Finding[]; unexplained: Finding[] };
    expect(result.unexplained.map((f) => `${f.severity} ${f.id} ${f.file}:${f.location} ${f.description}`)).toEqual([]);
    expect(code).toBe(0);
    // The checks ran over main and the page: main's CSP header was seen.
    expect(result.findings.some((f) => f.id === 'CSP_GLOBAL_CHECK' && f.file === 'electron/main.ts')).toBe(true);
    // What Electronegativity would flag as missing is not missing.
    const ids = new Set(result.findings.map((f) => f.id));
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'AUXCLICK_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
      'DANGEROUS_FUNCTIONS_JS_CHECK',
    ]) {
      expect(ids.has(id), id).toBe(false);
    }
  }, 300_000);

  it('the CSP header of main.ts is the <meta> CSP of renderer/index.html plus frame-ancestors', () => {
    const main = readFileSync(path.join(root, 'electron/main.ts'), 'utf8');
    const header = /'Content-Security-Policy': \[\s*"([^"]+)"/.exec(main)?.[1];
    expect(header).toBeTruthy();
    let html = '';
    try {
      html = readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    } catch {
      return; // the renderer is not there yet
    }
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeTruthy();
    const directives = (csp: string) => csp.split(';').map((d) => d.trim()).filter(Boolean);
    expect(directives(header!)).toEqual([...directives(meta!).filter((d) => !d.startsWith('frame-ancestors')), "frame-ancestors 'none'"]);
  });

  it('main.ts keeps the window locked down', () => {
    const main = readFileSync(path.join(root, 'electron/main.ts'), 'utf8');
    for (const setting of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'webSecurity: true',
      "setWindowOpenHandler(() => ({ action: 'deny' }))",
      'setPermissionRequestHandler((_contents, _permission, callback) => callback(false))',
      "contents.on('will-navigate'",
      'app.requestSingleInstanceLock()',
      'app.enableSandbox()',
    ]) {
      expect(main, setting).toContain(setting);
    }
    expect(main).not.toMatch(/nodeIntegration: true|contextIsolation: false|sandbox: false|webSecurity: false/);
  });
});
