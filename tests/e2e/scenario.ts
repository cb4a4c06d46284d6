/** Small helpers the end-to-end scenarios share (the harness itself is harness.ts). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { PreviewResult } from '../../electron/ipc/contract.js';
import type { Services } from '../../services/container.js';
import { readPdf } from '../helpers/pdf-readback.js';
import { afterAll, afterEach } from 'vitest';
import { launchApp, ROOT, shutdown, type LaunchedApp, type LaunchOptions } from './harness.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

/**
 * Code run in the page (page.evaluate) reaches the DOM through `globalThis as Any`: the repository's tsconfig
 * type-checks tests without the DOM library.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export const SAMPLE = SAMPLE_FILE;

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

/** The id of the issue open in the editor. */
export async function openIssueId(page: Page): Promise<string> {
  return (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
}

/** A PDF's text, every page's items joined, whitespace removed (pdf.js reports letter-spaced text with gaps). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pages = await readPdf(bytes);
  return pages.map((p) => p.items.map((i) => i.str).join('')).join('\n').replace(/[\s\u3000]+/g, '');
}

/**
 * Records what the preview is given to draw: wraps the services' preview worker (the page's previewRender goes
 * through it), so a scenario can read the text of the pages the preview canvas shows (its layout, or its PDF).
 */
export function recordPreviews(services: Services): { readonly results: PreviewResult[]; lastText(): Promise<string> } {
  const results: PreviewResult[] = [];
  const preview = services.preview as { render: Services['preview']['render']; renderPatch: Services['preview']['renderPatch'] };
  const render = preview.render.bind(services.preview);
  const renderPatch = preview.renderPatch.bind(services.preview);
  preview.render = async (document, options) => {
    const result = await render(document, options);
    results.push(result);
    return result;
  };
  // The live preview's edits come as patches; a 'resend' answer is no preview (the whole document follows).
  preview.renderPatch = async (patch, options) => {
    const result = await renderPatch(patch, options);
    if (result.kind !== 'resend') results.push(result);
    return result;
  };
  return {
    results,
    lastText: async () => {
      const last = results.at(-1);
      if (!last) return '';
      if (last.kind === 'pdf') return pdfText(last.pdf);
      // Pages the session had already are sent as keys only: take their text from the results that carried them
      // (their drawing data, or — for pages out of the view's window — their text lines).
      const byKey = new Map<string, string>();
      for (const r of results) {
        if (r.kind !== 'layout') continue;
        for (const p of r.layout.pages) {
          if (p.texts) byKey.set(p.key, p.texts.map((t) => t.text).join(''));
          else if (p.lines && !byKey.has(p.key)) byKey.set(p.key, p.lines.map((l) => l.text).join(''));
        }
      }
      return last.layout.pages.map((p) => byKey.get(p.key) ?? '').join('\n').replace(/[\s\u3000]+/g, '');
    },
  };
}

/**
 * A screenshot for a person to look at, only when E2E_SCREENSHOTS=1 (into tmp/, which git ignores):
 * `E2E_SCREENSHOTS=1 npx vitest run -c vitest.e2e.config.ts`.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: join(ROOT, 'tmp', `${name}.png`) });
}

/** What a describe block's tests use to start the app (see useApp). */
export interface AppScene {
  /** A fresh library folder for the current test (removed after it); returns its path. */
  library(): string;
  /** Launches the app; it is closed after the current test. */
  launch(options: LaunchOptions): Promise<LaunchedApp>;
  /** Launches the app over a fresh library and opens a new issue (新建); returns the app and the library folder. */
  newIssue(): Promise<{ app: LaunchedApp; dir: string }>;
  /** The app launched in the current test. */
  readonly app: LaunchedApp;
}

/**
 * The setup every end-to-end file shares: registers (in the calling describe block) the closing of the app and
 * the removal of its library folders after each test, and the browser's shutdown after all of them.
 */
export function useApp(): AppScene {
  let app: LaunchedApp | undefined;
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await app?.close();
    app = undefined;
    for (const c of cleanups.splice(0)) c();
  });
  afterAll(shutdown);

  const scene: AppScene = {
    library() {
      const lib = tempLibrary();
      cleanups.push(lib.cleanup);
      return lib.dir;
    },
    async launch(options) {
      app = await launchApp(options);
      return app;
    },
    async newIssue() {
      const dir = scene.library();
      const launched = await scene.launch({ libraryDir: dir });
      await launched.page.getByRole('button', { name: '新建', exact: true }).click();
      await launched.page.getByTestId('issue-screen').waitFor();
      return { app: launched, dir };
    },
    get app() {
      if (!app) throw new Error('no app launched in this test');
      return app;
    },
  };
  return scene;
}
