/** 新建 carries the last issue's 送 list and 责任编辑 over, unless the publication has defaults set (issue 18). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../core/model/profile.js';
import { createLibrary } from '../../services/library.js';
import { lastIssue } from '../../services/library-carry-over.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function open() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carry-over-'));
  dirs.push(dir);
  return createLibrary({ dir });
}

describe('新建 from the last issue', () => {
  it('takes the 送 list and 责任编辑 of the highest-numbered issue, numbering continued', () => {
    const lib = open();
    const first = lib.create({ today: '2021-05-06' });
    const second = lib.create({ today: '2021-06-02' });
    for (const [id, unit, editor] of [
      [second.id, '各市州人大常委会', '石韧'],
      [first.id, '旧单位', '旧编辑'],
    ] as const) {
      const stored = lib.read(id);
      const document = { ...stored.document, issue: { ...stored.document.issue, distribution: [{ text: unit, copies: 2 }], editors: [editor] } };
      expect(lib.save(id, document, stored.revision).status).toBe('saved');
    }
    const third = lib.read(lib.create({ today: '2021-07-01' }).id).document.issue;
    expect(third.number).toBe(3);
    expect(third.distribution).toEqual([{ text: '各市州人大常委会', copies: 2 }]);
    expect(third.editors).toEqual(['石韧']);
  });

  it('uses the publication defaults where set; an empty library starts empty', () => {
    const lib = open();
    expect(lib.read(lib.create({ today: '2021-06-02' }).id).document.issue.distribution).toEqual([]);
    lib.saveProfile({ ...defaultProfile(), defaultEditors: ['李编辑'] });
    const next = lib.read(lib.create({ today: '2021-06-03' }).id).document.issue;
    expect(next.editors).toEqual(['李编辑']);
    expect(next.distribution).toEqual([]);
  });

  it('lastIssue orders by year, then 期号', () => {
    const s = (year: number, number: number) => ({ id: `${year}-${number}`, year, number, date: '', title: '', status: 'draft' as const, updatedAt: '', publication: 'main' });
    expect(lastIssue([s(2021, 9), s(2022, 1), s(2021, 12)])?.id).toBe('2022-1');
    expect(lastIssue([])).toBeUndefined();
  });
});
