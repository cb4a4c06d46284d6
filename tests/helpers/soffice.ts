/**
 * LibreOffice headless (Debian's libreoffice-writer-nogui) as the independent reader of the .docx files we write
 * and the maker of Word files we read. A missing soffice fails under CI=true and skips elsewhere (system-tools.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SYSTEM_TOOLS, toolAvailable } from './system-tools.js';

/** The soffice executable, or undefined when LibreOffice is not installed (an error under CI=true, see system-tools). */
export function findSoffice(): string | undefined {
  return toolAvailable('soffice') ? SYSTEM_TOOLS.soffice.command : undefined;
}

/**
 * Converts a file with `soffice --headless --convert-to <format>` into a fresh folder and returns the result's
 * bytes. Each call has its own LibreOffice profile, so parallel runs never wait for each other's lock.
 */
export function convertWith(soffice: string, input: string, format: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'soffice-'));
  try {
    execFileSync(
      soffice,
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', format, '--outdir', dir, input],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const ext = format.split(':')[0]!;
    return new Uint8Array(readFileSync(join(dir, `${basename(input).replace(/\.[^.]+$/u, '')}.${ext}`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
