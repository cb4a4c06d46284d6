/**
 * Typing run-in headings in the app (Chromium over the real services; issue 11, point 1): "一、健全工作机制。市人大…"
 * typed at a paragraph's start becomes a run-in heading — the phrase in the heading's face, the rest in the body
 * face, as the editor shows it — and the issue saved from typing prints the same PDF lines as the same text
 * imported from a .txt file; the 校对 panel shows its 版面 facts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../core/import/plain-text.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { createTypesetter } from '../../services/typesetter.js';
import { exportAndRead } from '../helpers/layout-checks.js';
import { lineText } from '../helpers/pdf-readback.js';
import { RUN_IN_BODY } from '../helpers/run-in-text.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, openIssueId, useApp, waitSaved, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('接排标题（输入）', () => {
  const scene = useApp();

  it('段首输入“一、健全工作机制。市人大…”：标题句用黑体，其后正文用正文字体，与导入同样文字的 PDF 行相同', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const editor = bodyEditor(page);
    await editor.click();
    for (const [i, paragraph] of RUN_IN_BODY.entries()) {
      if (i > 0) await page.keyboard.press('Enter');
      await page.keyboard.type(paragraph);
    }

    // The editor shows what will print: the run-in text after the phrase in the body face.
    const runIn = editor.locator('.bulletin-heading .bulletin-run-in-body');
    await poll(() => runIn.count()).toBe(3);
    expect(await runIn.nth(0).textContent()).toBe(RUN_IN_BODY[1]!.slice('一、健全工作机制。'.length));
    const fonts = await editor.locator('[data-level="1"]').first().evaluate((h: Any) => {
      const g = globalThis as Any;
      const body = h.querySelector('.bulletin-run-in-body');
      return { heading: g.getComputedStyle(h).fontFamily as string, body: g.getComputedStyle(body).fontFamily as string };
    });
    expect(fonts.heading).toMatch(/Sans/);
    expect(fonts.body).toMatch(/Serif/);

    // 校对 shows the layout facts (版面) of the typed issue.
    await page.getByRole('tab', { name: /校对/ }).click();
    const layout = page.locator('.problem-info', { hasText: '版面：共' });
    await poll(() => layout.count(), 30_000).toBe(1);
    expect(await layout.textContent()).toMatch(/版面：共\d+页；纯中文行在网格上/);

    await waitSaved(page);
    const id = await openIssueId(page);
    const typed = services.library.read(id).document;
    const imported = importPlainText(`代表联络站建设情况\n${RUN_IN_BODY.join('\n')}\n`, { today: '2021-06-02' }).document;
    expect(typed.issue.articles[0]!.body).toEqual(imported.issue.articles[0]!.body);

    // The same article in the same issue prints the same lines, whichever way its body came in.
    const withBody = (body: BulletinDocument['issue']['articles'][number]['body']): BulletinDocument => ({
      ...imported,
      issue: { ...imported.issue, articles: [{ ...imported.issue.articles[0]!, body }] },
    });
    const dir = mkdtempSync(join(tmpdir(), 'run-in-e2e-'));
    try {
      const typesetter = createTypesetter();
      const a = await exportAndRead(typesetter, imported, {}, dir, 'imported.pdf');
      const b = await exportAndRead(typesetter, withBody(typed.issue.articles[0]!.body), {}, dir, 'typed.pdf');
      const lines = (ex: typeof a) => ex.lines.map((p) => p.map((l) => `${l.y.toFixed(1)} ${lineText(l)}`));
      expect(lines(b)).toEqual(lines(a));
      expect(lines(a).flat().some((l) => l.includes('一、健全工作机制。市人大常委会'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(scene.app.pageErrors).toEqual([]);
  }, 120_000);
});
