/**
 * A real CUPS server for the printing tests, with the cups-pdf printer "PDF" (platform notes, Printing).
 *
 * Debian packages relied on: cups (cupsd), cups-client (lp, lpstat, lpadmin), cups-bsd, cups-ipp-utils
 * (ipptool), printer-driver-cups-pdf (the cups-pdf backend and CUPS-PDF_opt.ppd), poppler-utils (pdfinfo).
 *
 * {@link startCups} uses the scheduler that is running, if any; otherwise, as root, it starts
 * `/usr/sbin/cupsd -f` detached (no systemd here) and keeps its PID, and {@link CupsServer.stop} ends exactly
 * that process (when no other test file of the run still uses it). A cupsd that was already running before
 * the tests (the system's) is used and left alone. The printer is added with lpadmin when missing. Nothing in /etc is edited by hand; cups-pdf
 * writes to its configured `Out` folder (${HOME}/PDF for the submitting user on Debian), each file named
 * after the job's title with "-job_<N>" appended (the PPD's default Label 2), which is how a job's output
 * is found.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const PRINTER = 'PDF';

export interface CupsServer {
  /** Whether this helper started cupsd (and will stop it). */
  readonly started: boolean;
  readonly pid?: number;
  readonly printer: string;
  /** Where cups-pdf writes the jobs of this user. */
  readonly outDir: string;
  stop(): Promise<void>;
}

/** Why CUPS cannot be used here, or undefined when it can (tests skip with this reason). */
export function cupsUnavailable(): string | undefined {
  for (const tool of ['/usr/sbin/cupsd', '/usr/bin/lp', '/usr/bin/lpstat', '/usr/sbin/lpadmin', '/usr/bin/ipptool']) {
    if (!existsSync(tool)) return `${tool} 不存在（apt-get install cups cups-client cups-bsd cups-ipp-utils printer-driver-cups-pdf）`;
  }
  if (!existsSync('/usr/lib/cups/backend/cups-pdf')) return 'cups-pdf 后端不存在（apt-get install printer-driver-cups-pdf）';
  if (!schedulerRunning() && process.getuid?.() !== 0) return '需要 root 才能启动 cupsd';
  return undefined;
}

function c(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `lpstat -r` prints "scheduler is running" or "scheduler is not running" (exit code 0 either way). */
export function schedulerRunning(): boolean {
  try {
    return /scheduler is running/.test(c('lpstat', ['-r']));
  } catch {
    return false;
  }
}

async function waitFor(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts cupsd if needed and makes sure the PDF printer exists and accepts jobs. Test files run in parallel
 * processes: a lock folder serialises starting and stopping, and a small state file counts the users of the
 * cupsd this helper started, so the last one to stop ends it (by its PID) and no one stops it under another.
 */
export async function startCups(): Promise<CupsServer> {
  const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  let ours = false;
  let pid: number | undefined;
  await withLock(async () => {
    const state = readState();
    if (!schedulerRunning()) {
      mkdirSync('/run/cups', { recursive: true });
      const child = spawn('/usr/sbin/cupsd', ['-f'], { detached: true, stdio: 'ignore' });
      child.unref();
      pid = child.pid;
      ours = true;
      writeState({ pid: pid!, users: [{ token, pid: process.pid }] });
      await waitFor('cupsd 启动', schedulerRunning, 20_000);
    } else if (state && alive(state.pid)) {
      // A cupsd another test file of this run started: use it, and count ourselves in.
      pid = state.pid;
      ours = true;
      writeState({ pid: state.pid, users: [...state.users.filter((u) => alive(u.pid)), { token, pid: process.pid }] });
    }
    const printers = c('lpstat', ['-e']).split('\n').map((l) => l.trim());
    if (!printers.includes(PRINTER)) {
      c('lpadmin', ['-p', PRINTER, '-v', 'cups-pdf:/', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd', '-E']);
    } else {
      c('cupsenable', [PRINTER]);
      c('cupsaccept', [PRINTER]);
    }
  });
  return {
    started: ours,
    pid,
    printer: PRINTER,
    outDir: cupsPdfOutDir(),
    async stop() {
      removeOutputs();
      if (!ours || pid === undefined) return;
      await withLock(async () => {
        const state = readState();
        const users = (state?.users ?? []).filter((u) => u.token !== token && alive(u.pid));
        if (state && users.length) {
          writeState({ pid: state.pid, users });
          return;
        }
        rmSync(STATE, { force: true });
        try {
          process.kill(pid!, 'SIGTERM');
        } catch {
          return; // already gone
        }
        await waitFor('cupsd 退出', () => !alive(pid!), 20_000).catch(() => undefined);
      });
    },
  };
}

const LOCK = join(tmpdir(), 'bulletin-test-cups.lock');
const STATE = join(tmpdir(), 'bulletin-test-cups.json');

interface State {
  readonly pid: number;
  readonly users: readonly { readonly token: string; readonly pid: number }[];
}

function readState(): State | undefined {
  try {
    return JSON.parse(readFileSync(STATE, 'utf8')) as State;
  } catch {
    return undefined;
  }
}

function writeState(state: State): void {
  writeFileSync(STATE, JSON.stringify(state));
}

/** Runs `fn` holding a lock folder (mkdir is atomic); a lock older than a minute is taken as stale. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 60_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > end) throw new Error('等待 CUPS 测试锁超时');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** cups-pdf's output folder for this user: the `Out` setting of /etc/cups/cups-pdf.conf, ${HOME} and ${USER} filled in. */
export function cupsPdfOutDir(): string {
  const user = userInfo();
  let out = '/var/spool/cups-pdf/${USER}';
  try {
    const conf = readFileSync('/etc/cups/cups-pdf.conf', 'utf8');
    const m = /^Out\s+(.+)$/m.exec(conf);
    if (m) out = m[1]!.trim();
  } catch {
    // the default
  }
  return out.replace(/\$\{HOME\}/g, user.homedir).replace(/\$\{USER\}/g, user.username);
}

/** cups-pdf files the tests waited for: removed when the server handle is stopped. */
const outputs: string[] = [];

function removeOutputs(): void {
  for (const f of outputs.splice(0)) rmSync(f, { force: true });
}

/** Waits (up to `timeoutMs`) for cups-pdf's output of job N ("…-job_N.pdf", complete) and returns its path. */
export async function waitForOutput(server: CupsServer, jobNumber: number, timeoutMs = 20_000): Promise<string> {
  const suffix = `-job_${jobNumber}.pdf`;
  let found: string | undefined;
  let lastSize = -1;
  await waitFor(`cups-pdf 输出任务 ${jobNumber}`, () => {
    if (!existsSync(server.outDir)) return false;
    const name = readdirSync(server.outDir).find((f) => f.endsWith(suffix));
    if (!name) return false;
    found = join(server.outDir, name);
    // Complete when the job is completed and the size has settled.
    const size = statSync(found).size;
    const settled = size > 0 && size === lastSize && jobState(jobNumber) === 'completed';
    lastSize = size;
    return settled;
  }, timeoutMs);
  outputs.push(found!);
  return found!;
}

/** Get-Job-Attributes over IPP (ipptool), as attribute name → value text. */
export function jobAttributes(jobNumber: number): Record<string, string> {
  const dir = join(tmpdir(), 'bulletin-ipptool');
  mkdirSync(dir, { recursive: true });
  const test = join(dir, 'get-job-attributes.test');
  writeFileSync(
    test,
    `{
  NAME "Get-Job-Attributes"
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri job-uri $uri
  ATTR name requesting-user-name $user
  ATTR keyword requested-attributes all
  STATUS successful-ok
}
`,
  );
  const out = c('ipptool', ['-tv', `ipp://localhost/jobs/${jobNumber}`, test]);
  const attrs: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^\s+([a-z0-9-]+) \([^)]*\) = (.*)$/.exec(line);
    if (m) attrs[m[1]!] = m[2]!.trim();
  }
  return attrs;
}

/** The job's state keyword (pending, processing, completed, aborted…). */
export function jobState(jobNumber: number): string {
  return jobAttributes(jobNumber)['job-state'] ?? '';
}
