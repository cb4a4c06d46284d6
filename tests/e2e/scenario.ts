/** Small helpers the end-to-end scenarios share (the harness itself is harness.ts). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from './harness.js';

/**
 * Code run in the page (page.evaluate) reaches the DOM through `globalThis as Any`: the repository's tsconfig
 * type-checks tests without the DOM library.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export const SAMPLE = resolve(ROOT, '..', 'shared', 'samples', 'lianluo-2021-08.txt');

export function sampleBytes(): Uint8Array {
  return new Uint8Array(readFileSync(SAMPLE));
}

/** A fresh library folder (and a cleanup). */
export function tempLibrary(prefix = 'bulletin-e2e-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that starts at `iso` and runs at real speed (the library dates new issues by it). */
export function clockFrom(iso: string): () => Date {
  const start = Date.parse(iso);
  const t0 = Date.now();
  return () => new Date(start + (Date.now() - t0));
}

/** Waits until the save indicator says 已保存 (after a moment, so a change just made has reached the screen). */
export async function waitSaved(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForTimeout(150);
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout });
}

/** The article body editor (ProseMirror's contenteditable) of article `i`. */
export function bodyEditor(page: Page, i = 0): Locator {
  return page.locator(`[data-article="${i}"] .rich-body .ProseMirror`);
}

export function noteEditor(page: Page): Locator {
  return page.locator('.note-card .ProseMirror');
}

/** The labels the numbering plugin shows on the headings of an article body, in order. */
export async function headingLabels(page: Page, i = 0): Promise<string[]> {
  return bodyEditor(page, i)
    .locator('[data-level]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-label') ?? ''));
}

/** Waits until the preview has drawn a PDF and shows its page count; returns that count. */
export async function previewPageCount(page: Page, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const text = (globalThis as Any).document.querySelector('[data-testid="preview-count"]')?.textContent ?? '';
      return /共 (\d+) 页/.exec(text)?.[1] ?? false;
    },
    undefined,
    { timeout },
  );
  return Number(await handle.jsonValue());
}
