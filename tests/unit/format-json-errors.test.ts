/** Text that is not JSON: where and why, in Chinese (core/model/json-errors.ts). */
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, parseDocument, serializeDocument } from '../../core/model/format.js';
import { failed, random, sampleDocument } from '../helpers/format-samples.js';

describe('not JSON', () => {
  it('reports truncated JSON with the line', () => {
    const result = failed(parseDocument('{"format": "bulletin-issue", "vers'));
    expect(result.kind).toBe('not-json');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.path).toBe('');
    expect(result.problems[0]!.reason).toMatch(/^不是有效的 JSON：内容在第 1 行第 \d+ 列意外结束/);
  });

  it('reports where a syntax error is', () => {
    const result = failed(parseDocument('{\n  "format": "bulletin-issue",\n  "version": 1,,\n}'));
    expect(result.kind).toBe('not-json');
    expect(result.problems[0]!.reason).toBe('不是有效的 JSON：第 3 行第 16 列附近有语法错误（意外的字符“,”）');
  });

  it('reports a truncated real file', () => {
    const text = serializeDocument(sampleDocument());
    const result = failed(parseDocument(text.slice(0, Math.floor(text.length / 2))));
    expect(result.kind).toBe('not-json');
    expect(result.problems[0]!.reason).toContain('意外结束');
  });

  it('reports random bytes', () => {
    const next = random(42);
    const bytes = Array.from({ length: 300 }, () => Math.floor(next() * 256));
    const result = failed(parseDocument(String.fromCharCode(...bytes)));
    expect(result.kind).toBe('not-json');
    expect(result.problems[0]!.reason).toMatch(/^不是有效的 JSON：第 1 行/);
  });

  it('reports an empty file', () => {
    for (const text of ['', '  \n']) {
      const result = failed(parseDocument(text));
      expect(result.kind).toBe('not-json');
      expect(result.problems[0]!.reason).toBe('不是有效的 JSON：文件是空的');
    }
  });

  it('locates errors exactly where JSON.parse fails', () => {
    expect(jsonErrorOffset('{"a": [1, 2]}')).toBe(-1);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('[01]')).toBe(2);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('"a\\x"')).toBe(3);
    expect(jsonErrorOffset('tru')).toBe(3);
    expect(jsonErrorOffset('nul!')).toBe(0);
    expect(jsonErrorOffset('[]]')).toBe(2);
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(200_000);
  });
});
