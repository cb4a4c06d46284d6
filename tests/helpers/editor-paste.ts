/**
 * Clipboard and drag-and-drop into the app's editors, as the browser delivers them, for the e2e tests: a
 * `paste` ClipboardEvent (text/html, text/plain and files in a DataTransfer), a `copy` that reads back what the
 * editor put on the clipboard, and a `dragover` + `drop` DragEvent with files at an element's corner. One home for
 * the setup the paste, picture, table, proofreading and editor tests shared.
 */
import type { Page } from 'playwright-core';

/** What a paste carries. Files are given as bytes (sent to the page as arrays of numbers). */
export interface PasteData {
  readonly html?: string;
  readonly text?: string;
  readonly files?: readonly { readonly name: string; readonly type?: string; readonly bytes: Uint8Array }[];
}

/** The body editor of an article (the ProseMirror element), as a CSS selector. */
export function bodySelector(article = 0): string {
  return `[data-article="${article}"] .rich-body .ProseMirror`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- objects of the page, typed by the browser
type Any = any;

/** Dispatches a paste on the element matching `selector`; resolves with the milliseconds the page spent in it. */
export async function pasteInto(page: Page, selector: string, data: PasteData): Promise<number> {
  const files = (data.files ?? []).map((f) => ({ name: f.name, type: f.type ?? '', bytes: [...f.bytes] }));
  return page.evaluate(
    ({ selector, html, text, files }) => {
      const g = globalThis as Any;
      const target = g.document.querySelector(selector);
      if (!target) throw new Error(`no element ${selector}`);
      const transfer = new g.DataTransfer();
      if (html !== undefined) transfer.setData('text/html', html);
      if (text !== undefined) transfer.setData('text/plain', text);
      for (const f of files) transfer.items.add(new g.File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      const t0 = g.performance.now();
      target.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      return g.performance.now() - t0;
    },
    { selector, html: data.html, text: data.text, files },
  );
}

/** Dispatches a copy on the element matching `selector` and returns what the editor put on the clipboard. */
export async function copyFrom(page: Page, selector: string): Promise<{ html: string; text: string }> {
  return page.evaluate((selector) => {
    const g = globalThis as Any;
    const target = g.document.querySelector(selector);
    const transfer = new g.DataTransfer();
    target.dispatchEvent(new g.ClipboardEvent('copy', { clipboardData: transfer, bubbles: true, cancelable: true }));
    return { html: transfer.getData('text/html') as string, text: transfer.getData('text/plain') as string };
  }, selector);
}

/** Drags files onto the element matching `selector` and drops them 5 px inside its top-left corner. */
export async function dropInto(page: Page, selector: string, files: NonNullable<PasteData['files']>): Promise<void> {
  const sent = files.map((f) => ({ name: f.name, type: f.type ?? '', bytes: [...f.bytes] }));
  await page.evaluate(
    ({ selector, files }) => {
      const g = globalThis as Any;
      const target = g.document.querySelector(selector);
      const transfer = new g.DataTransfer();
      for (const f of files) transfer.items.add(new g.File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      const r = target.getBoundingClientRect();
      const init = { dataTransfer: transfer, bubbles: true, cancelable: true, clientX: r.left + 5, clientY: r.top + 5 };
      target.dispatchEvent(new g.DragEvent('dragover', init));
      target.dispatchEvent(new g.DragEvent('drop', init));
    },
    { selector, files: sent },
  );
}
