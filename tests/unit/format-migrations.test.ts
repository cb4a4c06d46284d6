/** Versions of the issue file format and the upgrades between them (core/model/format-versions.ts). */
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS, parseDocument, type Migration } from '../../core/model/format.js';
import { failed, sampleDocument, sampleRaw } from '../helpers/format-samples.js';

describe('migrations', () => {
  const renameNo: Migration = (raw) => {
    const file = raw as { issue: Record<string, unknown> };
    const { no, ...issue } = file.issue;
    return { ...file, issue: { ...issue, number: no } };
  };

  function version0(): Record<string, any> {
    const raw = sampleRaw();
    const { number, ...issue } = raw.issue;
    return { ...raw, version: 0, issue: { ...issue, no: number } };
  }

  it('the real table is empty while version 1 is current', () => {
    expect(CURRENT_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });

  it('upgrades an old file and says from which version', () => {
    const original = version0();
    const text = JSON.stringify(original);
    const result = parseDocument(text, { migrations: { 0: renameNo } });
    expect(result).toStrictEqual({ ok: true, document: sampleDocument(), migratedFrom: 0 });
    expect(JSON.parse(text)).toEqual(original);
  });

  it('applies the steps in order', () => {
    const calls: number[] = [];
    const raw = version0();
    const { no, ...issue } = raw.issue;
    const older = { ...raw, version: -1, issue: { ...issue, num: no } };
    const migrations: Record<number, Migration> = {
      [-1]: (r) => {
        calls.push(-1);
        const file = r as { version: number; issue: Record<string, unknown> };
        expect(file.version).toBe(-1);
        const { num, ...rest } = file.issue;
        return { ...file, issue: { ...rest, no: num } };
      },
      0: (r) => {
        calls.push(0);
        expect((r as { version: number }).version).toBe(0);
        return renameNo(r);
      },
    };
    const result = parseDocument(JSON.stringify(older), { migrations });
    expect(calls).toEqual([-1, 0]);
    expect(result).toStrictEqual({ ok: true, document: sampleDocument(), migratedFrom: -1 });
  });

  it('validates the upgraded content', () => {
    const raw = version0();
    raw.issue.no = 0;
    const result = failed(parseDocument(JSON.stringify(raw), { migrations: { 0: renameNo } }));
    expect(result).toEqual({
      ok: false,
      kind: 'invalid',
      problems: [{ path: 'issue.number', reason: '应为 1 到 9999 的整数，实际是 0' }],
    });
  });

  it('refuses an old version it cannot upgrade', () => {
    const result = failed(parseDocument(JSON.stringify(version0())));
    expect(result.kind).toBe('invalid');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.path).toBe('version');
    expect(result.problems[0]!.reason).toContain('文件版本 0 过旧');
  });

  it('reports a failing migration instead of throwing', () => {
    const boom: Migration = () => {
      throw new Error('坏了');
    };
    const result = failed(parseDocument(JSON.stringify(version0()), { migrations: { 0: boom } }));
    expect(result.kind).toBe('invalid');
    expect(result.problems[0]!.reason).toBe('从版本 0 升级到 1 时出错：坏了');
  });
});
