import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../core/model/format.js';
import { createLibrary } from '../../services/library.js';
import type { LibraryFs } from '../../services/library-fs.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);
const HUNDRED_MB = 100 * 1024 * 1024;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'library-damaged-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** node:fs, recording every path read (readFileSync). */
function recordingFs(): { fs: LibraryFs; reads: string[] } {
  const reads: string[] = [];
  const readFileSync = ((file: fs.PathOrFileDescriptor, options?: unknown) => {
    reads.push(String(file));
    return fs.readFileSync(file, options as never);
  }) as typeof fs.readFileSync;
  return { fs: { ...fs, readFileSync }, reads };
}

/** A library with one good issue and five damaged files beside it. */
function damagedLibrary() {
  const good = createLibrary({ dir }).importBytes(SAMPLE, 'sample.txt').id;
  const issues = path.join(dir, 'issues');
  const goodText = fs.readFileSync(path.join(issues, `${good}.json`), 'utf8');
  const files = {
    truncated: path.join(issues, '2021-009-trun.json'),
    foreign: path.join(issues, '2021-010-frgn.json'),
    binary: path.join(issues, '2021-011-binj.json'),
    huge: path.join(issues, '2021-012-huge.json'),
    badName: path.join(issues, 'notes.json'),
  };
  fs.writeFileSync(files.truncated, goodText.slice(0, Math.floor(goodText.length / 2)));
  fs.writeFileSync(files.foreign, JSON.stringify({ name: 'some-package', version: '1.0.0' }));
  fs.writeFileSync(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x00]));
  // A sparse 100 MB file: a recognisable head, then nothing but a hole.
  fs.writeFileSync(files.huge, '{"format": "bulletin-issue", ');
  fs.truncateSync(files.huge, HUNDRED_MB);
  fs.writeFileSync(files.badName, goodText);
  const before = new Map(
    Object.values(files)
      .filter((f) => f !== files.huge)
      .map((f) => [f, fs.readFileSync(f)] as const),
  );
  const hugeStat = fs.statSync(files.huge);
  return { good, files, before, hugeStat };
}

describe('library: damaged files', () => {
  it('lists the rest normally and reports each damaged file with a Chinese reason', () => {
    const { good, files } = damagedLibrary();
    const { fs: recording, reads } = recordingFs();
    const listing = createLibrary({ dir, fs: recording }).list();
    expect(listing.issues.map((s) => s.id)).toEqual([good]);
    const reasons = Object.fromEntries(listing.damaged.map((d) => [d.file, d.reason]));
    expect(Object.keys(reasons).sort()).toEqual(Object.values(files).sort());
    expect(reasons[files.truncated]).toMatch(/不是有效的 JSON.*意外结束/);
    expect(reasons[files.foreign]).toMatch(/这不是简报文件/);
    expect(reasons[files.binary]).toMatch(/不是文本文件/);
    expect(reasons[files.huge]).toMatch(/文件过大（约 100\.0 MB）/);
    expect(reasons[files.badName]).toMatch(/文件名不是期刊编号/);
    for (const reason of Object.values(reasons)) expect(reason).toMatch(/\p{Script=Han}/u);
    // The 100 MB file was never read, only looked at.
    expect(reads.filter((r) => r.includes('huge'))).toEqual([]);
  });

  it('leaves every damaged file untouched, byte for byte', () => {
    const { files, before, hugeStat } = damagedLibrary();
    const lib = createLibrary({ dir });
    lib.list();
    lib.list({ query: '活动' });
    lib.create({ today: '2021-07-01' });
    for (const id of ['2021-009-trun', '2021-010-frgn', '2021-011-binj', '2021-012-huge']) {
      expect(() => lib.read(id)).toThrow(/期刊文件已损坏/);
      expect(() => lib.save(id, lib.read(lib.list().issues[0]!.id).document, 'x')).toThrow(/期刊文件已损坏/);
      expect(() => lib.exportFile(id)).toThrow(/期刊文件已损坏/);
    }
    for (const [file, bytes] of before) expect(fs.readFileSync(file)).toEqual(bytes);
    const after = fs.statSync(files.huge);
    expect(after.size).toBe(HUNDRED_MB);
    expect(after.mtimeMs).toBe(hugeStat.mtimeMs);
    expect(after.ino).toBe(hugeStat.ino);
    const head = Buffer.alloc(29);
    const fd = fs.openSync(files.huge, 'r');
    fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    expect(head.toString()).toBe('{"format": "bulletin-issue", ');
    // No meta was made for a file that could not be read.
    expect(fs.existsSync(path.join(dir, 'issues', '2021-009-trun.meta.json'))).toBe(false);
  });

  it('warns a new issue that its numbers may collide with an unreadable one', () => {
    damagedLibrary();
    const created = createLibrary({ dir }).create({ today: '2021-07-01' });
    expect(created.warnings).toContain('有 5 个期刊文件无法读取，期号可能与其中的期刊重复');
  });

  it('ignores the temporary files of atomic writes', () => {
    const lib = createLibrary({ dir });
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    fs.writeFileSync(path.join(dir, 'issues', `.${id}.json.1234.abc.tmp`), '{');
    expect(lib.list()).toEqual({ issues: [expect.objectContaining({ id })], damaged: [] });
  });

  it('moves a damaged meta file aside and starts the issue over as a draft', () => {
    const lib = createLibrary({ dir });
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const metaFile = path.join(dir, 'issues', `${id}.meta.json`);
    fs.writeFileSync(metaFile, '{"id": "');
    const fresh = createLibrary({ dir });
    const listing = fresh.list();
    expect(listing.issues).toEqual([expect.objectContaining({ id, status: 'draft' })]);
    expect(listing.damaged).toEqual([{ file: expect.stringContaining(`${id}.meta.json.damaged-`), reason: expect.stringContaining('期刊信息文件已损坏') }]);
    const aside = fs.readdirSync(path.join(dir, 'issues')).filter((n) => n.includes('.damaged-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'issues', aside[0]!), 'utf8')).toBe('{"id": "');
    expect(JSON.parse(fs.readFileSync(metaFile, 'utf8'))).toMatchObject({ id, status: 'draft' });
  });

  it('restores a backup over a damaged issue file, keeping the damaged bytes aside', () => {
    const lib = createLibrary({ dir });
    const { id } = lib.importBytes(SAMPLE, 'sample.txt');
    const stored = lib.read(id);
    const doc = { ...stored.document, issue: { ...stored.document.issue, number: 9 } };
    lib.save(id, doc, stored.revision);
    const file = path.join(dir, 'issues', `${id}.json`);
    fs.writeFileSync(file, '{"format": "bulletin-iss');
    const [backup] = lib.backups(id);
    lib.restoreBackup(id, backup!.id);
    expect(lib.read(id).document).toEqual(stored.document);
    const aside = fs.readdirSync(path.join(dir, 'issues')).filter((n) => n.startsWith(`${id}.json.damaged-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'issues', aside[0]!), 'utf8')).toBe('{"format": "bulletin-iss');
    expect(serializeDocument(lib.read(id).document)).toBe(fs.readFileSync(file, 'utf8'));
  });
});
