/**
 * 导出OFD in the app: the toolbar button and the menu command (Ctrl+Shift+E) ask where to save with the name
 * …（样稿）.ofd and write an OFD package through the services (the export worker); the history records it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../services/dialogs.js';
import { unzipFiles } from '../helpers/ofd-package-check.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { SAMPLE, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('导出OFD', () => {
  const scene = useApp();

  it('工具栏“导出OFD”与菜单命令写出 OFD 样稿', async () => {
    const dir = scene.library();
    const first = join(dir, '按钮.ofd');
    const second = join(dir, '菜单.ofd');
    const dialogs = scriptedDialogs();
    dialogs.answer('saveOfd', first);
    dialogs.answer('saveOfd', second);
    const app = await scene.launch({ libraryDir: dir, dialogs });
    const { page } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();

    await page.getByRole('button', { name: '导出OFD' }).click();
    await poll(() => existsSync(first), 30_000).toBe(true);
    expect(dialogs.asked.at(-1)).toEqual({ method: 'saveOfd', defaultName: '联络动态2021年第8期（总第631期）（样稿）.ofd' });
    const files = unzipFiles(readFileSync(first));
    expect(files.get('OFD.xml')!.toString('utf8')).toContain('<ofd:Title>联络动态 2021年第8期（总第631期）</ofd:Title>');
    expect([...files.keys()].filter((k) => /Pages\/Page_\d+\/Content\.xml$/.test(k))).toHaveLength(5);
    await poll(() => page.getByText(/已导出 OFD 样稿/).count(), 10_000).toBeGreaterThan(0);

    await app.sendMenu('exportOfd');
    await poll(() => existsSync(second), 30_000).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
