/** The line-break memo: the same layout as without it, and after an edit only the edited paragraph is re-broken. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Block } from '../../core/model/issue.js';
import { createLineCache, type LineCache } from '../../core/typeset/line-cache.js';
import { typeset } from '../../core/typeset/typeset.js';
import { createTypesetter } from '../../services/typesetter.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const sample = (): BulletinDocument => readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;

function editParagraph(doc: BulletinDocument, insert: string): BulletinDocument {
  const article = doc.issue.articles[0]!;
  const index = article.body.findIndex((b) => b.type === 'paragraph');
  const block = article.body[index]! as Extract<Block, { type: 'paragraph' }>;
  const text = block.content.map((i) => i.text).join('');
  const body = article.body.map((b, i) => (i === index ? { ...block, content: [{ text: text.slice(0, 10) + insert + text.slice(10) }] } : b));
  return { ...doc, issue: { ...doc.issue, articles: [{ ...article, body }, ...doc.issue.articles.slice(1)] } };
}

/** Counts the blocks the memo had to break. */
function counting(cache: LineCache): { cache: LineCache; computed: () => number } {
  let n = 0;
  return {
    cache: {
      lines: (block, ctx, compute) => cache.lines(block, ctx, () => (n++, compute())),
      memo: (key, ctx, compute) => cache.memo(key, ctx, compute),
      get size() {
        return cache.size;
      },
    },
    computed: () => n,
  };
}

describe('line cache', () => {
  const { faces } = createTypesetter();

  it('gives the layout typesetting without it gives, and re-breaks only the edited paragraph', () => {
    const doc = sample();
    const { cache, computed } = counting(createLineCache());
    const first = typeset(doc, { faces, lineCache: cache });
    const blocks = computed();
    expect(blocks).toBeGreaterThan(5);
    expect(first.layout.pages).toEqual(typeset(doc, { faces }).layout.pages);
    typeset(doc, { faces, lineCache: cache });
    expect(computed()).toBe(blocks); // nothing re-broken
    const edited = editParagraph(doc, '调研走访');
    const again = typeset(edited, { faces, lineCache: cache });
    expect(computed()).toBe(blocks + 1);
    expect(again.layout.pages).toEqual(typeset(edited, { faces }).layout.pages);
  });

  it('reports missing characters on a hit too, with the block where they are now', () => {
    const doc = editParagraph(sample(), '\u{10FFFD}');
    const cache = createLineCache();
    const a = typeset(doc, { faces, lineCache: cache });
    const b = typeset(doc, { faces, lineCache: cache });
    expect(a.missing.length).toBeGreaterThan(0);
    expect(b.missing).toEqual(a.missing);
  });

  it('a different preset is a different context', () => {
    const doc = sample();
    const { cache, computed } = counting(createLineCache());
    typeset(doc, { faces, lineCache: cache });
    const n = computed();
    const compact = typeset({ ...doc, publication: { ...doc.publication, preset: 'compact' } }, { faces, lineCache: cache });
    expect(computed()).toBe(2 * n);
    expect(compact.layout.pages).toEqual(typeset({ ...doc, publication: { ...doc.publication, preset: 'compact' } }, { faces }).layout.pages);
  });
});
