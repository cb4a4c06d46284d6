import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers.js';
import {
  buildApi,
  CHANNELS,
  EVENTS,
  methodName,
  REQUESTS,
  validateRequest,
  type Channel,
  type Envelope,
  type EventName,
} from '../../electron/ipc/contract.js';
import { createServices } from '../../services/container.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { readInput } from '../../core/io/read-input.js';
import { sampleBytes } from '../helpers/sample.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

describe('the IPC contract', () => {
  it('every channel has a validator and a handler', () => {
    expect(CHANNELS.length).toBeGreaterThan(20);
    expect(Object.keys(REQUESTS)).toEqual(CHANNELS);
    for (const channel of CHANNELS) expect(typeof REQUESTS[channel], channel).toBe('function');
    const services = createServices({
      libraryDir: path.join(tmpdir(), 'never-written'),
      dialogs: scriptedDialogs(),
      preview: {
        render: () => Promise.reject(new Error('unused')),
        renderPatch: () => Promise.reject(new Error('unused')),
        check: () => Promise.reject(new Error('unused')),
        checkFont: () => Promise.reject(new Error('unused')),
        exportIssue: () => Promise.reject(new Error('unused')),
        renderFinal: () => Promise.reject(new Error('unused')),
        print: () => Promise.reject(new Error('unused')),
        printers: () => Promise.reject(new Error('unused')),
        preparePicture: () => Promise.reject(new Error('unused')),
        previewPages: () => Promise.reject(new Error('unused')),
        close: async () => {},
      },
    });
    const handlers = createHandlers(services);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(typeof handlers[channel], channel).toBe('function');
  });

  it('channel names are prefix:camelCase and methodName maps them 1:1 without collisions', () => {
    const names = CHANNELS.map(methodName);
    expect(new Set(names).size).toBe(CHANNELS.length);
    expect(names).not.toContain('on');
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
    for (const name of names) expect(name).toMatch(/^[a-z][A-Za-z]*$/);
    expect(methodName('library:importText')).toBe('libraryImportText');
    expect(methodName('app:info')).toBe('appInfo');
    // Events are not channels.
    for (const event of EVENTS) expect(CHANNELS).not.toContain(event as string);
  });

  it('channel strings appear only in electron/ipc/contract.ts (electron/, renderer/, cli/)', () => {
    const prefixes = [...new Set(CHANNELS.map((c) => c.split(':')[0]!))];
    const literal = new RegExp(`(['"\`])((?:${prefixes.join('|')}):[A-Za-z]+)\\1`, 'g');
    const events = new Set<string>(EVENTS);
    const offenders: string[] = [];
    for (const file of sourceFiles(['electron', 'renderer', 'cli'])) {
      if (path.relative(root, file) === path.join('electron', 'ipc', 'contract.ts')) continue;
      const code = stripComments(readFileSync(file, 'utf8'));
      for (const m of code.matchAll(literal)) {
        // Event names are typed by the API's `on` (and the main process sends them): allowed.
        if (events.has(m[2]!)) continue;
        offenders.push(`${path.relative(root, file)}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('rejects invalid requests with problems: wrong types, extra fields, missing id, path-like ids', () => {
    const problems = (channel: Channel, request: unknown) => {
      const result = validateRequest(channel, request);
      expect(result.ok, JSON.stringify(request)).toBe(false);
      return result.ok ? [] : result.problems;
    };
    expect(problems('library:read', { id: 7 })).toEqual([{ path: 'request.id', reason: expect.stringContaining('应为字符串') }]);
    expect(problems('library:read', {})).toEqual([{ path: 'request.id', reason: '缺少必填字段' }]);
    expect(problems('library:read', { id: '2021-008-abcd', evil: true })).toEqual([{ path: 'request.evil', reason: '未知字段' }]);
    for (const id of ['../x', '..', 'a/b', 'a\\b', '/etc/passwd', '.hidden', 'C:\\x', '2021-008-abcd/../../x', '']) {
      expect(problems('library:read', { id }).map((p) => p.path), id).toEqual(['request.id']);
    }
    expect(problems('library:restoreBackup', { id: '2021-008-abcd', backupId: '../../profile' })[0]!.path).toBe('request.backupId');
    expect(problems('export:pdf', { id: '2021-008-abcd', final: 'true' })[0]!.path).toBe('request.final');
    expect(problems('print:run', { id: '2021-008-abcd', printer: 'PDF', copies: 0, duplex: false, pageRange: '', distribution: false })[0]!.path).toBe(
      'request.copies',
    );
    expect(problems('library:importText', { name: 'a.txt', bytes: [1, 2, 3] })[0]!.path).toBe('request.bytes');
    expect(problems('preview:render', { document: { publication: {} }, draft: true }).length).toBeGreaterThan(1);
    expect(problems('app:info', null)).toHaveLength(1);
    expect(problems('app:info', { x: 1 })).toEqual([{ path: 'request.x', reason: '未知字段' }]);
    expect(problems('nope' as Channel, {})[0]!.reason).toContain('未知的通道');
    // Every reason is Chinese.
    for (const p of problems('approval:signOff', { id: 1, signer: '', pin: 3, opinion: null, more: 1 })) {
      expect(p.reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('preview:render takes a whole document (with a version) or a patch, checked like documents', () => {
    const doc = readInput(sampleBytes(), { name: 'sample.txt', today: '2021-06-02' }).document;
    const { articles, ...issue } = doc.issue;
    const patch = { base: 1, version: 2, issue, articleCount: articles.length, articles: [{ index: 0, article: articles[0]! }] };
    const live = { draft: true, mode: 'layout', session: 's1', view: { page: 1, count: 24 } };
    expect(validateRequest('preview:render', { ...live, document: doc, version: 1 }).ok).toBe(true);
    const ok = validateRequest('preview:render', { ...live, patch });
    expect(ok.ok).toBe(true);
    expect(ok.ok && ok.value.patch).toEqual(patch);
    expect(validateRequest('preview:render', { ...live, patch: { ...patch, publication: doc.publication } }).ok).toBe(true);

    const problems = (request: unknown) => {
      const result = validateRequest('preview:render', request);
      expect(result.ok, JSON.stringify(request).slice(0, 200)).toBe(false);
      return result.ok ? [] : result.problems;
    };
    const paths = (request: unknown) => problems(request).map((p) => p.path);
    // An article checked as in a file.
    expect(paths({ ...live, patch: { ...patch, articles: [{ index: 0, article: { title: 7, body: [], contributor: '' } }] } })).toEqual([
      'request.patch.articles[0].article.title',
    ]);
    const badBlock = { title: 't', body: [{ type: 'chart', content: [] }], contributor: '' };
    expect(paths({ ...live, patch: { ...patch, articles: [{ index: 0, article: badBlock }] } })).toEqual(['request.patch.articles[0].article.body[0].type']);
    // Indexes within articleCount, each once.
    expect(paths({ ...live, patch: { ...patch, articles: [{ index: articles.length, article: articles[0] }] } })).toEqual([
      'request.patch.articles[0].index',
    ]);
    expect(paths({ ...live, patch: { ...patch, articles: [{ index: -1, article: articles[0] }] } })).toEqual(['request.patch.articles[0].index']);
    const twice = [{ index: 0, article: articles[0] }, { index: 0, article: articles[0] }];
    expect(problems({ ...live, patch: { ...patch, articles: twice } })).toEqual([
      { path: 'request.patch.articles[1].index', reason: expect.stringContaining('重复') },
    ]);
    expect(paths({ ...live, patch: { ...patch, articleCount: 0 } })).toEqual(['request.patch.articleCount']);
    // The issue's fields without its articles, checked as in a file.
    expect(paths({ ...live, patch: { ...patch, issue: { ...issue, articles } } })).toEqual(['request.patch.issue.articles']);
    expect(paths({ ...live, patch: { ...patch, issue: { ...issue, date: '2021-13-40' } } })).toEqual(['request.patch.issue.date']);
    expect(paths({ ...live, patch: { ...patch, base: 'x' } })).toEqual(['request.patch.base']);
    expect(paths({ ...live, patch: { ...patch, publication: { name: '' } } }).length).toBeGreaterThan(1);
    // A patch is for the live preview of a session only, and never comes with a document.
    expect(paths({ draft: true, patch })).toEqual(['request.mode', 'request.session']);
    expect(paths({ ...live, mode: 'pdf', patch })).toEqual(['request.mode']);
    expect(paths({ ...live, patch, document: doc })).toEqual(['request.document']);
    expect(paths({ ...live, document: doc, version: -1 })).toEqual(['request.version']);
    // Every reason is Chinese.
    for (const p of problems({ ...live, patch: { ...patch, articles: twice, issue: { ...issue, year: 1 } } })) expect(p.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts well-formed requests, including real library ids and backup ids', () => {
    expect(validateRequest('library:read', { id: '2021-008-k3x9' })).toEqual({ ok: true, value: { id: '2021-008-k3x9' } });
    expect(validateRequest('library:restoreBackup', { id: '2021-008-k3x9', backupId: '2026-11-28T12-00-00-000Z-2' }).ok).toBe(true);
    expect(validateRequest('library:list', {}).ok).toBe(true);
    expect(validateRequest('library:list', { query: '代表', trash: true }).ok).toBe(true);
    expect(validateRequest('app:flushed', {}).ok).toBe(true);
  });

  it('buildApi makes one method per channel (plus on), forwarding to invoke and unwrapping envelopes', async () => {
    const calls: [Channel, unknown][] = [];
    const subscribed: EventName[] = [];
    const api = buildApi({
      invoke: async (channel, request): Promise<Envelope<unknown>> => {
        calls.push([channel, request]);
        return channel === 'library:read' ? { ok: false, error: '找不到期刊' } : { ok: true, value: { echoed: channel } };
      },
      subscribe: (event, listener) => {
        subscribed.push(event);
        listener('save');
        return () => {};
      },
    });
    const methods = Object.keys(api).filter((k) => k !== 'on');
    expect(methods.sort()).toEqual(CHANNELS.map(methodName).sort());
    for (const channel of CHANNELS) expect(typeof (api as unknown as Record<string, unknown>)[methodName(channel)]).toBe('function');
    expect(await api.appInfo({})).toEqual({ echoed: 'app:info' });
    await expect(api.libraryRead({ id: '2021-008-k3x9' })).rejects.toThrow('找不到期刊');
    expect(calls).toEqual([
      ['app:info', {}],
      ['library:read', { id: '2021-008-k3x9' }],
    ]);
    const got: unknown[] = [];
    const off = api.on('menu:command', (c) => got.push(c));
    expect(typeof off).toBe('function');
    expect(got).toEqual(['save']);
    expect(subscribed).toEqual(['menu:command']);
  });

  it('the preload is nothing but buildApi over ipcRenderer', () => {
    const preload = stripComments(readFileSync(path.join(root, 'electron', 'preload.ts'), 'utf8'));
    expect(preload).toContain("contextBridge.exposeInMainWorld(\n  'bulletin',\n  buildApi(");
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync|postMessage)\b/);
  });
});

/** .ts/.tsx/.js/.mjs/.cjs files under the given folders (node_modules and build output left out). */
function sourceFiles(dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // a folder that does not exist yet
    }
    for (const name of names) {
      if (name === 'node_modules' || name === 'out' || name === 'dist') continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name)) files.push(full);
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return files;
}

/** Removes block comments and line comments that start a line or follow code after whitespace. */
function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}
