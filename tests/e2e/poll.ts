import { expect } from 'vitest';

/** expect.poll with a patient timeout: the end-to-end suite may run beside others on a busy machine. */
export function poll<T>(fn: () => T | Promise<T>, timeout = 20_000) {
  return expect.poll(fn, { timeout, interval: 100 });
}
