import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLibrary } from '../../services/library.js';
import { createLocalServices } from '../../services/local-services.js';
import { createServices } from '../../services/container.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { sampleBytes } from '../helpers/sample.js';
import { TEST_KDF } from '../helpers/signing.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'local-services-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('services/local-services.ts: the one in-process composition (command line and in-process app services)', () => {
  const library = createLibrary({ dir: path.join(tmp, 'lib') });
  const { id } = library.importBytes(sampleBytes(), '联络动态2021年第8期.txt', { today: '2021-06-02' });
  const local = createLocalServices({ library, kdf: TEST_KDF });

  it('校对 is the whole check: text and glyph items plus the 版面 facts of the typeset issue', async () => {
    const problems = await local.check(library.read(id).document);
    const layout = problems.filter((p) => p.code === 'layout');
    expect(layout.length).toBeGreaterThan(0);
    expect(layout.some((p) => p.message.startsWith('版面：'))).toBe(true);
  });

  it('the in-process app services give the same 校对 as the command line', async () => {
    const services = createServices({ libraryDir: library.dir, dialogs: scriptedDialogs(), inProcess: true, kdf: TEST_KDF });
    try {
      const document = library.read(id).document;
      const fromApp = await services.checker.check(document);
      const fromCli = await local.check(document);
      expect(fromApp.map((p) => p.message)).toEqual(fromCli.map((p) => p.message));
    } finally {
      await services.close();
    }
  });

  it('送审 runs the check: a new, empty issue is refused with the errors named and stays a draft', async () => {
    const created = library.create({ today: '2021-06-02' });
    await expect(local.approval.submitChecked(created.id, '测试员')).rejects.toThrow(/第1篇文章没有标题；第1篇文章没有正文/);
    expect(library.read(created.id).meta.status).toBe('draft');
  });
});
