/**
 * Paths as users have them: a library, fonts and exports under folders with Chinese characters and spaces, a
 * path longer than Windows' classic 260-character limit, a file name too long for the disk, a read-only font
 * folder, a read-only export folder and a read-only library — through the `bulletin` command and the services.
 * What works, works; what cannot, says why in one Chinese line (never a stack trace, never English errno text).
 * Read-only disks are real (tmpfs mounted read-only: even root cannot write), see tests/helpers/mounts.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { createServices } from '../../services/container.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { createTypesetter } from '../../services/typesetter.js';
import { mountsAvailable, mountTmpfs, MOUNT_SKIP, type Mounted } from '../helpers/mounts.js';
import { pdffonts, pdfInfo } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { bulletinSync, type LinesRun as Run } from '../helpers/bulletin-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SANS = path.join(ROOT, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');


const bulletin = (args: readonly string[]) => bulletinSync(args, { timeout: 120_000, env: { BULLETIN_LIBRARY: '' } });

/** One line of Chinese, no stack trace, no bare errno text. */
function expectChineseRefusal(run: Run, reason: RegExp): void {
  expect(run.code, run.err.join('\n')).toBe(2);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(/^错误：/);
  expect(run.err[0]).toMatch(reason);
  expect(run.err[0]).not.toMatch(/\bat \S+:\d+|E[A-Z]{3,}:|Error:/);
}

let base: string;
const mounts: Mounted[] = [];

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), '用户 路径-'));
});
afterAll(() => {
  for (const m of mounts.splice(0)) m.release();
  fs.rmSync(base, { recursive: true, force: true });
});

/** A folder path of more than `chars` characters under `parent`, each part a Chinese name with spaces (≤ 255 bytes). */
function longFolder(parent: string, chars: number): string {
  let dir = parent;
  for (let k = 1; dir.length <= chars; k++) dir = path.join(dir, `第${k}层 联络动态 编辑部 文件夹 很长的名字 ${'简报'.repeat(10)}`);
  return dir;
}

describe('bulletin: Chinese folders with spaces, long paths', () => {
  it('a library and an export under Chinese folder names with spaces', () => {
    const lib = path.join(base, '我的 文档', '联络动态 期刊库');
    const imported = bulletin(['--library', lib, 'import', SAMPLE_FILE]);
    expect(imported.code, imported.err.join('\n')).toBe(0);
    const id = imported.out.at(-1)!;
    expect(bulletin(['--library', lib, 'list']).out.join('\n')).toContain(id);
    const out = path.join(base, '导出 文件（2021）', '联络动态 2021年第8期.pdf');
    fs.mkdirSync(path.dirname(out));
    const exported = bulletin(['--library', lib, 'export', id, '-o', out]);
    expect(exported.code, exported.err.join('\n')).toBe(0);
    expect(pdfInfo(out).pages).toBe(5);
  });

  it('a library and an export deeper than 260 characters (Windows’ MAX_PATH)', () => {
    const lib = longFolder(path.join(base, '长路径'), 300);
    expect(lib.length).toBeGreaterThan(300);
    const imported = bulletin(['--library', lib, 'import', SAMPLE_FILE]);
    expect(imported.code, imported.err.join('\n')).toBe(0);
    const id = imported.out.at(-1)!;
    const out = path.join(lib, '导出', '联络动态2021年第8期（总第631期）（样稿）.pdf');
    fs.mkdirSync(path.dirname(out));
    expect(out.length).toBeGreaterThan(300);
    const exported = bulletin(['--library', lib, 'export', id, '-o', out]);
    expect(exported.code, exported.err.join('\n')).toBe(0);
    expect(pdfInfo(out).pages).toBe(5);
    expect(bulletin(['--library', lib, 'backups', id]).code).toBe(0);
  });

  it('a file name of 247 bytes (fits the disk) exports; its temporary twin is shortened', () => {
    const dir = path.join(base, '长 名字');
    fs.mkdirSync(dir);
    const name = `${'联络动态编辑部'.repeat(11)}简报导出.pdf`; // no room left for ".<name>.<pid>.<time>.tmp"
    expect(Buffer.byteLength(name)).toBe(247);
    const run = bulletin(['export', SAMPLE_FILE, '-o', path.join(dir, name)]);
    expect(run.code, run.err.join('\n')).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([name]);
  });

  it('a file name too long for the disk: one Chinese line, nothing written', () => {
    const dir = path.join(base, '太长 的名字');
    fs.mkdirSync(dir);
    const out = path.join(dir, `${'联络动态编辑部导出的简报'.repeat(10)}.pdf`); // 360 bytes > 255
    const run = bulletin(['export', SAMPLE_FILE, '-o', out]);
    expectChineseRefusal(run, /路径或文件名太长/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an export into a folder that does not exist: one Chinese line', () => {
    const run = bulletin(['export', SAMPLE_FILE, '-o', path.join(base, '没有 这个 文件夹', 'a.pdf')]);
    expectChineseRefusal(run, /找不到文件夹/);
  });
});

describe('read-only folders (real read-only disks)', () => {
  it('a user font in a read-only folder whose name has Chinese and spaces is embedded', (ctx) => {
    if (!mountsAvailable()) ctx.skip(MOUNT_SKIP);
    const disk = mountTmpfs({
      sizeKb: 16 * 1024,
      readOnly: true,
      name: '单位 字体（只读）',
      fill: (dir) => fs.copyFileSync(SANS, path.join(dir, '机关 黑体.ttf')),
    });
    mounts.push(disk);
    const fontFile = path.join(disk.dir, '机关 黑体.ttf');
    expect(() => fs.writeFileSync(path.join(disk.dir, 'x'), '')).toThrow(/EROFS/);
    const issueFile = path.join(base, '只读 字体.json');
    expect(bulletin(['import', SAMPLE_FILE, '-o', issueFile]).code).toBe(0);
    const data = JSON.parse(fs.readFileSync(issueFile, 'utf8'));
    data.publication.fonts.hei = { kind: 'file', path: fontFile };
    fs.writeFileSync(issueFile, JSON.stringify(data));
    const out = path.join(base, '只读 字体.pdf');
    const run = bulletin(['export', issueFile, '-o', out]);
    expect(run.code, run.err.join('\n')).toBe(0);
    const fonts = pdffonts(out);
    expect(fonts.some((f) => /NotoSansSC/.test(f.name) && f.emb && f.sub)).toBe(true);
  });

  it('an export into a read-only folder: one Chinese line', (ctx) => {
    if (!mountsAvailable()) ctx.skip(MOUNT_SKIP);
    const disk = mountTmpfs({ sizeKb: 64, readOnly: true, name: '只读 导出' });
    mounts.push(disk);
    const run = bulletin(['export', SAMPLE_FILE, '-o', path.join(disk.dir, '联络动态.pdf')]);
    expectChineseRefusal(run, /只读/);
  });

  it('a read-only library can be listed; importing into it is refused in Chinese', (ctx) => {
    if (!mountsAvailable()) ctx.skip(MOUNT_SKIP);
    let id = '';
    const disk = mountTmpfs({
      sizeKb: 8 * 1024,
      readOnly: true,
      name: '共享 期刊库（只读）',
      fill: (dir) => {
        const run = bulletin(['--library', dir, 'import', SAMPLE_FILE]);
        expect(run.code, run.err.join('\n')).toBe(0);
        id = run.out.at(-1)!;
      },
    });
    mounts.push(disk);
    const listed = bulletin(['--library', disk.dir, 'list']);
    expect(listed.code, listed.err.join('\n')).toBe(0);
    expect(listed.out.join('\n')).toContain(id);
    const imported = bulletin(['--library', disk.dir, 'import', SAMPLE_FILE]);
    expectChineseRefusal(imported, /磁盘是只读的，未能保存/);
  });

  it('a new library on a read-only disk: the reason is the read-only disk, not a missing folder', (ctx) => {
    if (!mountsAvailable()) ctx.skip(MOUNT_SKIP);
    const disk = mountTmpfs({ sizeKb: 64, readOnly: true, name: '只读 盘' });
    mounts.push(disk);
    const run = bulletin(['--library', path.join(disk.dir, '新的 期刊库', '2021'), 'import', SAMPLE_FILE]);
    expectChineseRefusal(run, /磁盘是只读的，未能保存：.*新的 期刊库/);
  });
});

describe('services: the packaged font layout under read-only Chinese folders; library and export paths', () => {
  it('fonts from a read-only 程序 folder and an empty read-only cache: converted in memory, the issue renders', async (ctx) => {
    if (!mountsAvailable()) ctx.skip(MOUNT_SKIP);
    const disk = mountTmpfs({
      sizeKb: 1024,
      readOnly: true,
      name: '简报编辑台 程序（只读）',
      fill: (dir) => {
        fs.mkdirSync(path.join(dir, 'resources', 'app', 'fonts'), { recursive: true });
        fs.copyFileSync(path.join(ROOT, 'fonts', 'manifest.json'), path.join(dir, 'resources', 'app', 'fonts', 'manifest.json'));
        fs.mkdirSync(path.join(dir, 'resources', 'fonts', 'cache'), { recursive: true });
      },
    });
    mounts.push(disk);
    const typesetter = createTypesetter({
      fontsDir: path.join(disk.dir, 'resources', 'app', 'fonts'),
      cacheDir: path.join(disk.dir, 'resources', 'fonts', 'cache'),
    });
    const doc = readInput(fs.readFileSync(SAMPLE_FILE), { name: 'sample.txt' }).document;
    const result = await typesetter.exportPdf(doc);
    expect(Buffer.from(result.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(result.typeset.layout.pages.length).toBe(5);
    expect(fs.readdirSync(path.join(disk.dir, 'resources', 'fonts', 'cache'))).toEqual([]);
  });

  it('a library deeper than 260 characters: create, save, read, export to a Chinese path with spaces', async () => {
    const libraryDir = longFolder(path.join(base, '服务 长路径'), 280);
    const services = createServices({ libraryDir, dialogs: scriptedDialogs(), inProcess: true });
    try {
      const { id } = services.library.create();
      const stored = services.library.read(id);
      const doc = readInput(fs.readFileSync(SAMPLE_FILE), { name: 'sample.txt' }).document;
      expect(services.library.save(id, doc, stored.revision).status).toBe('saved');
      const target = path.join(libraryDir, '导出 文件', '联络动态 第8期.pdf');
      const exported = await services.exporter.exportIssue(id, { final: false, target });
      fs.mkdirSync(path.dirname(target));
      fs.writeFileSync(target, exported.bytes);
      expect(pdfInfo(target).pages).toBe(5);
      expect(services.library.read(id).meta.history.at(-1)?.detail).toContain(target);
    } finally {
      await services.close();
    }
  });
});
