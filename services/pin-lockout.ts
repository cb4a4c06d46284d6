import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FS, writeAtomic } from './library-fs.js';

/**
 * Wrong PINs per signer, kept in the library (`signing-lockout.json`) so that neither restarting the app nor
 * running the command line again resets them: {@link MAX_PIN_FAILURES} wrong PINs in a row lock the signer out
 * for {@link LOCKOUT_MS}; a right PIN clears the count. Only counts and times are stored — never a PIN.
 */

export const MAX_PIN_FAILURES = 5;
/** 15 minutes. */
export const LOCKOUT_MS = 15 * 60_000;

interface Entry {
  readonly failures: number;
  readonly lockedUntil?: string;
}

export interface PinLockout {
  /** Until when the signer is locked out, when that time is still to come. */
  lockedUntil(signer: string): Date | undefined;
  /** Counts a wrong PIN; `locked` when this one started a lockout (until `until`). */
  recordFailure(signer: string): { failures: number; locked: boolean; until?: Date };
  /** A right PIN: the count starts again. */
  clear(signer: string): void;
}

export function createPinLockout(options: { readonly dir: string; readonly now: () => Date }): PinLockout {
  const path = join(options.dir, 'signing-lockout.json');
  const read = (): Record<string, Entry> => {
    try {
      const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
      return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, Entry>) : {};
    } catch {
      return {};
    }
  };
  const write = (entries: Record<string, Entry>) => writeAtomic(NODE_FS, path, `${JSON.stringify(entries, null, 2)}\n`);

  return {
    lockedUntil(signer) {
      const until = read()[signer]?.lockedUntil;
      const t = until ? new Date(until) : undefined;
      return t && t.getTime() > options.now().getTime() ? t : undefined;
    },
    recordFailure(signer) {
      const entries = read();
      const failures = (Number(entries[signer]?.failures) || 0) + 1;
      if (failures >= MAX_PIN_FAILURES) {
        const until = new Date(options.now().getTime() + LOCKOUT_MS);
        write({ ...entries, [signer]: { failures: 0, lockedUntil: until.toISOString() } });
        return { failures, locked: true, until };
      }
      write({ ...entries, [signer]: { failures } });
      return { failures, locked: false };
    },
    clear(signer) {
      const entries = read();
      if (!(signer in entries)) return;
      const { [signer]: _gone, ...rest } = entries;
      write(rest);
    },
  };
}
