/**
 * Fallback fonts are read only when needed (FaceSet.eachFallback): typesetting an issue whose roles' fonts have every
 * character parses no fallback face beyond those the roles use; a character they lack loads fallbacks in order until
 * one has it.
 */
import { describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { createTypesetter } from '../../services/typesetter.js';
import { sampleBytes, SAMPLE_FILE } from '../helpers/sample.js';

function sample(): BulletinDocument {
  return readInput(sampleBytes(), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
}

describe('fallback fonts, loaded on demand', () => {
  it('the sample loads no bold face of 黑体 or 楷体 (its roles never ask for them)', () => {
    const typesetter = createTypesetter();
    typesetter.typeset(sample());
    const loaded = [...typesetter.faces.loaded().keys()];
    expect(loaded).toContain('noto-serif-sc@regular');
    expect(loaded).not.toContain('noto-sans-sc@bold');
    expect(loaded).not.toContain('lxgw-wenkai@bold');
  });

  it('a character the body font lacks (𠮷) loads the fallbacks in order up to one that has it', () => {
    const doc = sample();
    const [first, ...rest] = doc.issue.articles;
    const body = first!.body.map((b, i) => (i === 0 && b.type === 'paragraph' ? { ...b, content: [{ text: '𠮷野家' }, ...b.content] } : b));
    const withRare = { ...doc, issue: { ...doc.issue, articles: [{ ...first!, body }, ...rest] } };
    const typesetter = createTypesetter();
    const result = typesetter.typeset(withRare);
    expect(result.missing).toEqual([]);
    expect([...typesetter.faces.loaded().keys()]).toContain('lxgw-wenkai@regular');
  });
});
