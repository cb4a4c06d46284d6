/**
 * Damaged files in the library end to end: a truncated issue file and binary junk in issues/ are listed apart
 * with their Chinese reasons, the good issues list and open as usual, and the damaged files keep every byte
 * (nothing renames, rewrites or deletes them) while the library is used around them.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../services/library.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, clockFrom, sampleBytes, screenshot, waitSaved, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Bytes that are no text at all: NULs, invalid UTF-8, a PNG-like header. */
function junk(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = 0x2545f491;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).copy(bytes);
  return bytes;
}

describe.skipIf(!hasChromium)('损坏的文件', () => {
  const scene = useApp();

  it('截断的 JSON 和二进制垃圾文件：列出原因，正常的期刊照常列出和编辑，损坏的文件一字节不变', async () => {
    const dir = scene.library();
    const now = clockFrom('2021-06-20T09:00:00+08:00');
    const library = createLibrary({ dir: dir, now });
    const good = library.importBytes(sampleBytes(), 'lianluo-2021-08.txt');
    const second = library.create();
    const issues = join(dir, 'issues');

    // A torn write: the first half of a real issue file's text. Binary junk under an issue's name. A stray
    // non-issue file too (not listed: only *.json files are issues), which must stay as it is as well.
    const text = readFileSync(join(issues, `${good.id}.json`), 'utf8');
    const truncated = join(issues, '2021-009-trnc.json');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const garbage = join(issues, '2021-010-junk.json');
    writeFileSync(garbage, junk(64 * 1024));
    const stray = join(issues, '扫描件.bin');
    writeFileSync(stray, junk(4096));
    const damagedFiles = [truncated, garbage, stray];
    const before = new Map(damagedFiles.map((f) => [f, sha(f)]));
    const namesBefore = readdirSync(issues).sort();

    const app = await scene.launch({ libraryDir: dir, now });
    const { page, services } = app;
    const rows = page.locator('.issue-row');
    await poll(() => rows.count()).toBe(2);
    expect(await page.locator(`.issue-row[data-id="${good.id}"]`).textContent()).toContain('第8期');
    expect(await page.locator(`.issue-row[data-id="${second.id}"]`).count()).toBe(1);

    const damaged = page.getByTestId('damaged');
    await damaged.waitFor();
    expect(await damaged.textContent()).toContain('无法读取的文件（2）');
    const entry = (name: string) => damaged.locator('li', { hasText: name });
    expect(await entry('2021-009-trnc.json').textContent()).toMatch(/不是有效的 JSON：内容在第 \d+ 行第 \d+ 列意外结束，文件可能不完整/);
    expect(await entry('2021-010-junk.json').textContent()).toContain('不是文本文件');
    expect(await damaged.textContent()).not.toContain('扫描件');
    expect(await damaged.textContent()).toContain('保留原样');
    await screenshot(page, 'damaged-library');

    // Use the library around them: search, open and edit a good issue, come back.
    await page.getByLabel('搜索').fill('金丝楠木');
    await poll(() => rows.count()).toBe(1);
    await page.getByLabel('搜索').fill('');
    await poll(() => rows.count()).toBe(2);
    await page.locator(`.issue-row[data-id="${good.id}"]`).dblclick();
    await page.getByTestId('issue-screen').waitFor();
    await bodyEditor(page).locator(':scope > *').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type('损坏文件旁的修改。');
    await waitSaved(page);
    expect(JSON.stringify(services.library.read(good.id).document)).toContain('损坏文件旁的修改。');
    await page.getByRole('button', { name: '← 期刊库' }).click();
    await poll(() => rows.count()).toBe(2);
    expect(await damaged.textContent()).toContain('无法读取的文件（2）');
    await app.reload();
    await poll(() => rows.count()).toBe(2);
    await damaged.waitFor();

    // Every byte where it was; no file renamed, moved aside or added beside them.
    for (const [file, hash] of before) expect(sha(file), file).toBe(hash);
    const namesAfter = readdirSync(issues).sort();
    expect(namesAfter.filter((n) => !n.startsWith(good.id) && !n.startsWith(second.id))).toEqual(
      namesBefore.filter((n) => !n.startsWith(good.id) && !n.startsWith(second.id)),
    );
    expect(app.pageErrors).toEqual([]);
  });
});
