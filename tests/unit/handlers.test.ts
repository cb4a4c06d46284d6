import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { createHandlers, dispatch, errorMessage, type Handlers } from '../../electron/handlers.js';
import { CHANNELS, type Channel, type Envelope, type ResponseOf } from '../../electron/ipc/contract.js';
import { createServices, type Services } from '../../services/container.js';
import { pdfsig, TEST_KDF } from '../helpers/signing.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import type { StoredIssue } from '../../services/library-types.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE_PATH = SAMPLE_FILE;
const SAMPLE = new Uint8Array(readFileSync(SAMPLE_PATH));

const tmp = mkdtempSync(path.join(tmpdir(), 'handlers-'));
const dialogs = scriptedDialogs();
let services: Services;
let handlers: Handlers;

beforeAll(() => {
  services = createServices({ libraryDir: path.join(tmp, 'library'), dialogs, version: '9.9.9', operator: '测试员', kdf: TEST_KDF });
  handlers = createHandlers(services);
});
afterAll(async () => {
  await services.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Calls a channel as the renderer would: through dispatch, with an unknown-typed request. */
async function call<C extends Channel>(channel: C, request: unknown): Promise<ResponseOf<C>> {
  const envelope = await dispatch(handlers, channel, request);
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value as ResponseOf<C>;
}

function answer(method: 'openIssueFile' | 'saveIssueFile' | 'savePdf' | 'saveOfd' | 'chooseFontFile' | 'chooseMastheadArt', value: string | undefined): void {
  dialogs.answer(method, value);
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
const CHINESE = /[\u4e00-\u9fff]/;

describe('handlers', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('app:info', async () => {
    const info = await call('app:info', {});
    expect(info).toEqual({ version: '9.9.9', libraryDir: path.join(tmp, 'library'), platform: process.platform });
  });

  let id = '';
  let stored: StoredIssue;

  it('create → read → save → read round trip through dispatch', async () => {
    const created = await call('library:create', {});
    expect(created.id).toMatch(/^\d{4}-\d{3}-[a-z0-9]{4}$/);
    const imported = await call('library:importText', { name: 'lianluo-2021-08.txt', bytes: SAMPLE });
    id = imported.id;
    stored = await call('library:read', { id });
    expect(stored.document.issue.articles.length).toBeGreaterThan(0);

    const changed: BulletinDocument = {
      ...stored.document,
      issue: { ...stored.document.issue, articles: [{ ...stored.document.issue.articles[0]!, title: '改过的标题' }, ...stored.document.issue.articles.slice(1)] },
    };
    const saved = await call('library:save', { id, document: changed, revision: stored.revision });
    expect(saved.status).toBe('saved');
    const again = await call('library:read', { id });
    expect(again.document.issue.articles[0]!.title).toBe('改过的标题');
    expect(again.revision).not.toBe(stored.revision);
    // Saving against the old revision is a conflict, not an overwrite.
    const stale = await call('library:save', { id, document: stored.document, revision: stored.revision });
    expect(stale.status).toBe('conflict');
    stored = again;

    const listing = await call('library:list', {});
    expect(listing.issues.map((i) => i.id)).toContain(id);
    expect(listing.issues.map((i) => i.id)).toContain(created.id);
  });

  it('preview:render returns a PDF from the worker thread', async () => {
    const result = await call('preview:render', { document: stored.document, draft: true });
    if (result.kind !== 'pdf') throw new Error('expected the PDF');
    expect(result.pdf).toBeInstanceOf(Uint8Array);
    expect(isPdf(result.pdf)).toBe(true);
    expect(result.pages).toBeGreaterThanOrEqual(1);
    expect(result.missing).toEqual([]);
  });

  it('preview:render takes a patch of the session’s last document through the worker thread, or answers resend', async () => {
    const doc = stored.document;
    const { articles, ...issue } = doc.issue;
    const title = '补丁改过的标题';
    const patch = { base: 1, version: 2, issue, articleCount: articles.length, articles: [{ index: 0, article: { ...articles[0]!, title } }] };
    const live = { draft: true, mode: 'layout', session: 'handlers-patch' };
    // The thread has no document for the session yet: resend.
    expect(await call('preview:render', { ...live, patch })).toEqual({ kind: 'resend' });
    const whole = await call('preview:render', { ...live, document: doc, version: 1 });
    const patched = await call('preview:render', { ...live, patch });
    if (whole.kind !== 'layout' || patched.kind !== 'layout') throw new Error('expected layouts');
    const text = (r: typeof whole) => r.layout.pages.flatMap((p) => p.texts ?? []).map((t) => t.text).join('');
    expect(text(patched)).toContain(title);
    expect(text(whole)).not.toContain(title);
    // Version 1 is gone from the session now.
    expect(await call('preview:render', { ...live, patch })).toEqual({ kind: 'resend' });
  });

  it('check:run lists problems with the typesetter’s glyph coverage', async () => {
    const doc = stored.document;
    const odd = String.fromCodePoint(0xe000);
    const withOdd: BulletinDocument = {
      ...doc,
      issue: { ...doc.issue, articles: [{ ...doc.issue.articles[0]!, title: `标题${odd}` }, ...doc.issue.articles.slice(1)] },
    };
    const { problems } = await call('check:run', { document: withOdd });
    expect(problems.some((p) => p.severity === 'error' && p.message.includes('U+E000'))).toBe(true);
  });

  it('export:pdf writes the draft where the dialog says, with the default name …（样稿）.pdf', async () => {
    const target = path.join(tmp, 'out-draft.pdf');
    answer('savePdf', target);
    const result = await call('export:pdf', { id, final: false });
    expect(result).toEqual({ path: target });
    expect(isPdf(readFileSync(target))).toBe(true);
    const asked = dialogs.asked.at(-1)!;
    expect(asked.method).toBe('savePdf');
    expect(asked.defaultName).toMatch(/^联络动态2021年第8期.*（样稿）\.pdf$/);
    const { meta } = await call('library:read', { id });
    expect(meta.history.some((h) => h.action === 'exported' && h.detail?.includes(target))).toBe(true);
  });

  it('export:pdf adds .pdf when the chosen name has none, and a canceled dialog answers { canceled: true }', async () => {
    const target = path.join(tmp, 'no-extension');
    answer('savePdf', target);
    expect(await call('export:pdf', { id, final: false })).toEqual({ path: `${target}.pdf` });
    answer('savePdf', undefined);
    expect(await call('export:pdf', { id, final: false })).toEqual({ canceled: true });
  });

  it('export:ofd writes a draft OFD (in the worker thread) where the dialog says, …（样稿）.ofd; final refused before any dialog', async () => {
    const target = path.join(tmp, 'out-draft');
    answer('saveOfd', target);
    expect(await call('export:ofd', { id, final: false })).toEqual({ path: `${target}.ofd` });
    const bytes = readFileSync(`${target}.ofd`);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a ZIP package
    expect(Buffer.from(bytes).includes(Buffer.from('OFD.xml'))).toBe(true);
    const asked = dialogs.asked.at(-1)!;
    expect(asked.method).toBe('saveOfd');
    expect(asked.defaultName).toMatch(/^联络动态2021年第8期.*（样稿）\.ofd$/);
    const { meta } = await call('library:read', { id });
    expect(meta.history.some((h) => h.action === 'exported' && h.detail?.includes('样稿（OFD）'))).toBe(true);
    const before = dialogs.asked.length;
    const envelope = await dispatch(handlers, 'export:ofd', { id, final: true });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error).toMatch(CHINESE);
    expect(dialogs.asked.length).toBe(before);
  });

  it('export:pdf final is refused for an unsigned issue before any dialog, in Chinese', async () => {
    const before = dialogs.asked.length;
    const envelope = await dispatch(handlers, 'export:pdf', { id, final: true });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error).toMatch(CHINESE);
    expect(dialogs.asked.length).toBe(before);
  });

  it('authority and signers over IPC: wrong 管理口令 refused in Chinese, fingerprints listed, PIN change, removal', async () => {
    const refused = await dispatch(handlers, 'approval:addSigner', { name: '王五', pin: '246810', adminPassphrase: 'x', replace: false });
    expect(refused).toEqual({ ok: false, error: '本库尚未建立签发机构：请先由管理员在“期刊设置”中建立（bulletin approver init）' });
    const { authority } = await call('approval:createAuthority', { passphrase: 'office-admin-9' });
    expect(authority.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const wrongAdmin = await dispatch(handlers, 'approval:addSigner', { name: '王五', pin: '246810', adminPassphrase: 'wrong-admin', replace: false });
    expect(wrongAdmin).toEqual({ ok: false, error: '管理口令不正确' });
    const { signer } = await call('approval:addSigner', { name: '王五', pin: '246810', adminPassphrase: 'office-admin-9', replace: false });
    expect(signer.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const profile = await call('profile:get', {});
    expect(profile.authority).toEqual(authority);
    expect(profile.signers.find((s) => s.name === '王五')).toEqual(signer);
    expect(profile.signerEvents?.map((e) => e.action)).toEqual(['authority', 'added']);
    const badPin = await dispatch(handlers, 'approval:changePin', { name: '王五', oldPin: '000000', newPin: '135790' });
    expect(!badPin.ok && badPin.error).toBe('PIN 不正确（再错 4 次将锁定 15 分钟）');
    await call('approval:changePin', { name: '王五', oldPin: '246810', newPin: '135790' });
    await call('approval:removeSigner', { name: '王五', adminPassphrase: 'office-admin-9' });
    expect((await call('profile:get', {})).signers.some((s) => s.name === '王五')).toBe(false);
    expect((await call('profile:get', {})).signerEvents?.map((e) => e.action)).toEqual(['authority', 'added', 'pin-changed', 'removed']);
  });

  it('sign-off (final PDF rendered in the worker, signed here), then the final export is that signed file', async () => {
    await call('approval:addSigner', { name: '张主任', pin: '246810', adminPassphrase: 'office-admin-9', replace: false });
    await call('approval:submit', { id, by: '编辑甲' });
    const wrong = await call('approval:signOff', { id, signer: '张主任', pin: '000000', opinion: '同意印发' });
    expect(wrong.ok).toBe(false);
    const signed = await call('approval:signOff', { id, signer: '张主任', pin: '246810', opinion: '同意印发' });
    expect(signed.ok).toBe(true);
    const target = path.join(tmp, 'final.pdf');
    answer('savePdf', target);
    expect(await call('export:pdf', { id, final: true })).toEqual({ path: target });
    expect(dialogs.asked.at(-1)!.defaultName).toMatch(/^联络动态2021年第8期(（总第\d+期）)?\.pdf$/);
    expect(isPdf(readFileSync(target))).toBe(true);
    const report = pdfsig(target);
    expect(report).toContain('Signer Certificate Common Name: 张主任');
    expect(report).toContain('Signature is Valid');
  });

  it('library:saveAs writes the issue file where the user chooses', async () => {
    const target = path.join(tmp, 'copy');
    answer('saveIssueFile', target);
    const result = await call('library:saveAs', { id });
    expect(result).toEqual({ path: `${target}.json` });
    expect(readFileSync(`${target}.json`, 'utf8')).toBe(services.library.exportFile(id));
    expect(dialogs.asked.at(-1)!.defaultName).toMatch(/^联络动态2021年第8期.*\.json$/);
  });

  it('library:openFile imports the chosen file into the library', async () => {
    const file = path.join(tmp, '来稿.txt');
    writeFileSync(file, SAMPLE);
    answer('openIssueFile', file);
    const opened = await call('library:openFile', {});
    expect('id' in opened && opened.id).toBeTruthy();
    if (!('id' in opened)) return;
    const read = await call('library:read', { id: opened.id });
    expect(read.document.issue.articles.length).toBe(stored.document.issue.articles.length);
    answer('openIssueFile', undefined);
    expect(await call('library:openFile', {})).toEqual({ canceled: true });
  });

  it('journal write / read / discard', async () => {
    await call('journal:write', { id, document: stored.document });
    const journal = await call('journal:read', { id });
    expect(journal.document?.issue.number).toBe(stored.document.issue.number);
    await call('journal:discard', { id });
    expect((await call('journal:read', { id })).document).toBeUndefined();
  });

  it('fonts:list names the bundled families; fonts:chooseFile refuses an unusable file in Chinese', async () => {
    const { families } = await call('fonts:list', {});
    expect(families.map((f) => f.id)).toEqual(expect.arrayContaining(['noto-serif-sc', 'noto-sans-sc', 'lxgw-wenkai']));
    expect(families.every((f) => CHINESE.test(f.name))).toBe(true);
    const notFont = path.join(tmp, 'not-a-font.ttf');
    writeFileSync(notFont, 'hello');
    answer('chooseFontFile', notFont);
    const envelope = await dispatch(handlers, 'fonts:chooseFile', {});
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error).toMatch(/字体/);
  });

  it('masthead:chooseArt embeds a checked SVG, refuses an unsafe one with the reason, and answers 取消', async () => {
    const good = path.join(tmp, '刊名.svg');
    writeFileSync(good, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><path d="M0 0h40v10H0z" fill="#e60012"/></svg>');
    const bad = path.join(tmp, 'bad.svg');
    writeFileSync(bad, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><script>x()</script></svg>');
    answer('chooseMastheadArt', good);
    const ok = await call('masthead:chooseArt', {});
    expect(ok).toMatchObject({ ok: true, kind: 'vector', spec: { kind: 'embedded', mime: 'image/svg+xml', name: '刊名.svg' } });
    answer('chooseMastheadArt', bad);
    expect(await call('masthead:chooseArt', {})).toEqual({ ok: false, reason: 'bad.svg：SVG 含有脚本（<script>）' });
    expect(await call('masthead:chooseArt', {})).toEqual({ canceled: true });
  });

  it('print:printers answers the system’s printers, or why there are none, in Chinese', async () => {
    const envelope = await dispatch(handlers, 'print:printers', {});
    if (envelope.ok) expect(Array.isArray((envelope.value as ResponseOf<'print:printers'>).printers)).toBe(true);
    else expect(envelope.error).toMatch(/^(?!操作失败)[\s\S]*[\u4e00-\u9fff]/); // e.g. CUPS not installed or not running
  });

  it('app:flushed acknowledges a flush the main process is waiting for', async () => {
    const sent: unknown[] = [];
    const waiting = services.flush.request((r) => sent.push(r), 'quit', 5000);
    expect(sent).toEqual([{ reason: 'quit', timeoutMs: 5000 }]);
    await call('app:flushed', {});
    expect(await waiting).toBe('flushed');
    expect(await services.flush.request(() => {}, 'close', 20)).toBe('timeout');
  });
});

describe('dispatch', () => {
  it('rejects invalid requests with a Chinese message listing every problem', async () => {
    const bad = (await dispatch(handlers, 'library:read', { id: '../../etc/passwd', extra: 1 })) as Envelope<unknown>;
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error).toMatch(/^请求无效（library:read）/);
    expect(bad.error).toContain('request.id');
    expect(bad.error).toContain('request.extra');
    expect(bad.error).toContain('未知字段');

    const missing = await dispatch(handlers, 'export:pdf', { final: 'yes' });
    expect(!missing.ok && missing.error).toContain('缺少必填字段');
    expect(!missing.ok && missing.error).toContain('request.final');

    const notObject = await dispatch(handlers, 'app:info', null);
    expect(!notObject.ok && notObject.error).toMatch(CHINESE);
  });

  it('rejects unknown channels', async () => {
    const envelope = await dispatch(handlers, 'library:format', {});
    expect(envelope).toEqual({ ok: false, error: '未知的通道：library:format' });
    expect((await dispatch(handlers, '__proto__', {})).ok).toBe(false);
    expect((await dispatch(handlers, 'toString', {})).ok).toBe(false);
  });

  it('passes Chinese errors through and wraps the rest as 操作失败', async () => {
    const notThere = await dispatch(handlers, 'library:read', { id: '2020-001-zzzz' });
    expect(notThere.ok).toBe(false);
    expect(!notThere.ok && notThere.error).toMatch(CHINESE);
    expect(!notThere.ok && notThere.error).not.toMatch(/^操作失败/);

    const seen: string[] = [];
    const throwing = { ...handlers, 'app:info': async () => { throw new TypeError('x is undefined'); } } as Handlers;
    const envelope = await dispatch(throwing, 'app:info', {}, { onUnexpected: (ch) => seen.push(ch) });
    expect(envelope).toEqual({ ok: false, error: '操作失败：x is undefined' });
    expect(seen).toEqual(['app:info']);
  });

  it('names file-system errors in Chinese', () => {
    const err = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/x/y.pdf' });
    expect(errorMessage(err)).toBe('没有权限访问文件：/x/y.pdf');
    expect(errorMessage(Object.assign(new Error('nope'), { code: 'ENOSPC' }))).toBe('磁盘空间不足，文件未写入');
    expect(errorMessage('plain')).toBe('操作失败：plain');
    // Other file-system failures are named from services/disk-errors.ts; a temporary file's folder is shown.
    const long = Object.assign(new Error('ENAMETOOLONG: name too long'), { code: 'ENAMETOOLONG', path: '/导出 目录/.很长.pdf.123.abc.tmp' });
    expect(errorMessage(long)).toBe('路径或文件名太长：/导出 目录');
    expect(errorMessage(Object.assign(new Error('EIO'), { code: 'EIO' }))).toBe('磁盘读写错误');
  });

  it('a write into a folder that does not exist fails with a Chinese message, nothing half-written', async () => {
    const target = path.join(tmp, 'no-such-folder', 'x.pdf');
    answer('savePdf', target);
    const listing = await call('library:list', {});
    const some = listing.issues[0]!.id;
    const envelope = await dispatch(handlers, 'export:pdf', { id: some, final: false });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error).toMatch(CHINESE);
    expect(existsSync(target)).toBe(false);
  });
});

describe('services: typesetting in the worker thread, or in process on request', () => {
  it('the main process holds no typesetter; check, export and printing go to the worker; inProcess gives the same answers', async () => {
    expect('typesetter' in services).toBe(false);
    const local = createServices({ libraryDir: path.join(tmp, 'library'), dialogs: scriptedDialogs(), inProcess: true });
    try {
      const { id } = local.library.importBytes(SAMPLE, 'lianluo-2021-08.txt');
      const { document } = local.library.read(id);
      const odd = String.fromCodePoint(0xe000);
      const withOdd: BulletinDocument = {
        ...document,
        issue: { ...document.issue, articles: [{ ...document.issue.articles[0]!, title: `标题${odd}` }, ...document.issue.articles.slice(1)] },
      };
      expect(await local.checker.check(withOdd)).toEqual(await services.checker.check(withOdd));
      await expect(local.exporter.exportIssue(id, { final: true })).rejects.toThrow('不能导出正式版：尚未签发');
      await expect(services.exporter.exportIssue(id, { final: true })).rejects.toThrow('不能导出正式版：尚未签发');
      const a = await local.exporter.exportIssue(id, { final: false });
      const b = await services.exporter.exportIssue(id, { final: false });
      expect(a.pages).toBe(b.pages);
      expect(a.fileName).toBe(b.fileName);
      // Both exports are in the history, whichever instance wrote them.
      expect(services.library.read(id).meta.history.filter((h) => h.action === 'exported').length).toBe(2);
    } finally {
      await local.close();
    }
  });
});

describe('printers: the operating system lists them, the spooler knows the default', () => {
  it('merges the app-side list (Electron getPrintersAsync) with the spooler default', async () => {
    const spooler = {
      printers: async () => [{ name: 'PDF', displayName: 'PDF', isDefault: true }],
      submit: async () => 'PDF-1',
    };
    const local = createServices({
      libraryDir: path.join(tmp, 'library-printers'),
      dialogs: scriptedDialogs(),
      spooler,
      listPrinters: async () => [
        { name: 'Office_Laser', displayName: '办公室激光打印机' },
        { name: 'PDF', displayName: 'PDF 打印机' },
      ],
    });
    try {
      const result = await dispatch(createHandlers(local), 'print:printers', {});
      expect(result).toEqual({
        ok: true,
        value: {
          printers: [
            { name: 'Office_Laser', displayName: '办公室激光打印机', isDefault: false },
            { name: 'PDF', displayName: 'PDF 打印机', isDefault: true },
          ],
        },
      });
    } finally {
      await local.preview.close();
    }
  });
});
