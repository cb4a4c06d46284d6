/**
 * The Word channels through the same `dispatch` the main process uses, over the real services with scripted
 * dialogs: word:importIssue (dropped bytes, or the open dialog), word:readArticle, export:docx; bad files give a
 * Chinese error and leave the library as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../electron/handlers.js';
import type { Channel, ResponseOf } from '../../electron/ipc/contract.js';
import { createServices, type Services } from '../../services/container.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { contributionDocx } from '../helpers/docx-fixtures.js';
import { TEST_KDF } from '../helpers/signing.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'word-handlers-'));
const dialogs = scriptedDialogs();
let services: Services;
let handlers: Handlers;

beforeAll(() => {
  services = createServices({ libraryDir: path.join(tmp, 'library'), dialogs, operator: '测试员', kdf: TEST_KDF, inProcess: true });
  handlers = createHandlers(services);
});
afterAll(async () => {
  await services.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function call<C extends Channel>(channel: C, request: unknown): Promise<ResponseOf<C>> {
  const envelope = await dispatch(handlers, channel, request);
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value as ResponseOf<C>;
}

describe('Word channels', () => {
  let id = '';

  it('word:importIssue takes dropped bytes and answers the new id with the import report', async () => {
    const result = await call('word:importIssue', { name: '稿件.docx', bytes: contributionDocx() });
    if ('canceled' in result) throw new Error('canceled');
    id = result.id;
    expect(result.notes.some((n) => n.kind === 'numbering')).toBe(true);
    const stored = services.library.read(id);
    expect(stored.document.issue.articles[0]!.title).toBe('岳阳市推进代表联络站提质增效');
    expect(stored.meta.history[0]!.detail).toBe('从 稿件.docx 导入');
  });

  it('word:importIssue asks with the open dialog when no file is given; canceled stays canceled', async () => {
    const file = path.join(tmp, '来稿.docx');
    writeFileSync(file, contributionDocx());
    dialogs.answer('openWordFile', file);
    const result = await call('word:importIssue', {});
    expect('canceled' in result).toBe(false);
    dialogs.answer('openWordFile', undefined);
    expect(await call('word:importIssue', {})).toEqual({ canceled: true });
  });

  it('word:readArticle reads one article without storing anything', async () => {
    const before = services.library.list().issues.length;
    const result = await call('word:readArticle', { name: '稿件.docx', bytes: contributionDocx() });
    if ('canceled' in result) throw new Error('canceled');
    expect(result.name).toBe('稿件.docx');
    expect(result.articles.map((a) => a.contributor)).toEqual(['岳阳市人大常委会']);
    expect(services.library.list().issues.length).toBe(before);
  });

  it('refuses a bad file with one Chinese message and a half-given request as invalid; the library unchanged', async () => {
    const before = services.library.list().issues.map((i) => i.id).sort();
    const bad = await dispatch(handlers, 'word:importIssue', { name: '坏.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]) });
    expect(bad).toEqual({ ok: false, error: '文件已损坏，无法解压（不是完整的 Word 文档）' });
    const half = await dispatch(handlers, 'word:readArticle', { name: '坏.docx' });
    expect(half.ok).toBe(false);
    expect(half.ok ? '' : half.error).toMatch(/请求无效/);
    expect(services.library.list().issues.map((i) => i.id).sort()).toEqual(before);
  });

  it('export:docx writes the .docx where the save dialog says, with the suggested name, and records it', async () => {
    const target = path.join(tmp, '导出');
    dialogs.answer('saveDocx', target);
    const result = await call('export:docx', { id });
    expect(result).toEqual({ path: `${target}.docx` });
    expect(dialogs.asked.at(-1)).toEqual({ method: 'saveDocx', defaultName: expect.stringMatching(/^联络动态\d{4}年第1期\.docx$/) });
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(`${target}.docx`)))['word/document.xml']);
    expect(xml).toContain('岳阳市推进代表联络站提质增效');
    expect(services.library.read(id).meta.history.at(-1)!.detail).toBe(`Word：${target}.docx`);
    dialogs.answer('saveDocx', undefined);
    expect(await call('export:docx', { id })).toEqual({ canceled: true });
  });
});
