/**
 * The live preview's patches (issue 13 point 3): a patch of the session's last document, applied in the worker's
 * preview renderer, lays out exactly as the whole document sent again would (edits at different articles, an
 * article added and removed, the issue's fields and the publication changed); a patch whose base the session does
 * not have is answered 'resend', never with a preview of some other document.
 */
import { describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { applyDocumentPatch, documentPatch, sentDocument, type SentDocument } from '../../core/model/document-patch.js';
import type { Article } from '../../core/model/issue.js';
import { createPreviewRenderer } from '../../services/export-worker-preview.js';
import type { PreviewAnswer } from '../../services/preview-types.js';
import { createTypesetter } from '../../services/typesetter.js';
import { sentences, withArticles } from '../helpers/layout-issues.js';

const article = (a: number): Article => ({
  title: `第${a + 1}篇：代表联络站建设工作情况`,
  body: [
    { type: 'heading', level: 1, content: [{ text: '主要做法' }] },
    { type: 'paragraph', content: [{ text: sentences(a * 9, 3) }] },
    { type: 'paragraph', content: [{ text: sentences(a * 9 + 3, 2) }] },
  ],
  contributor: '市人大常委会',
});

const eight = (): BulletinDocument => withArticles(Array.from({ length: 8 }, (_, a) => article(a)));

/** The article at `index` with a sentence appended to its second paragraph (a new object, as the editor makes). */
function edited(doc: BulletinDocument, index: number, text: string): BulletinDocument {
  const articles = doc.issue.articles.map((a, i) =>
    i === index ? { ...a, body: a.body.map((b, j) => (j === 1 && b.type === 'paragraph' ? { ...b, content: [...b.content, { text }] } : b)) } : a,
  );
  return { ...doc, issue: { ...doc.issue, articles } };
}

/** Every article a new object with the same content (as the editor rebuilds the document on each keystroke). */
const rebuilt = (doc: BulletinDocument): BulletinDocument => JSON.parse(JSON.stringify(doc)) as BulletinDocument;

function layoutOf(answer: PreviewAnswer) {
  if (answer.kind !== 'layout') throw new Error(`expected a layout, got ${answer.kind}`);
  return { pages: answer.pages, keys: answer.layout.pages.map((p) => p.key), missing: answer.missing };
}

describe('preview patches', () => {
  const typesetter = createTypesetter();

  it('a patch lists only the articles that differ; applied, it gives the document', () => {
    const doc = eight();
    const sent = sentDocument(doc, 1);
    const next = edited(rebuilt(doc), 5, '新增一句。');
    const patch = documentPatch(sent, next, 2)!;
    expect(patch.articles.map((a) => a.index)).toEqual([5]);
    expect(patch).toMatchObject({ base: 1, version: 2, articleCount: 8 });
    expect(patch.publication).toBeUndefined();
    expect('articles' in patch.issue).toBe(false);
    expect(applyDocumentPatch(doc, patch)).toEqual(next);
    // Most of the document changed: no patch (the whole document is sent).
    let many = doc;
    for (const i of [0, 1, 2, 3, 4]) many = edited(many, i, '改。');
    expect(documentPatch(sent, many, 3)).toBeUndefined();
    // A patch that cannot fit (an article past the end not given) is refused, not guessed.
    expect(applyDocumentPatch(doc, { ...patch, articleCount: 10 })).toBeUndefined();
  });

  it('patches lay out exactly as the whole documents do: edits, an article added and removed, issue fields, publication', async () => {
    const patched = createPreviewRenderer(typesetter);
    const whole = createPreviewRenderer(typesetter);
    const opts = { draft: true, mode: 'layout' as const, session: 'patched' };
    let doc = eight();
    let version = 1;
    const first = await patched.render(doc, { ...opts, version });
    let sent: SentDocument = sentDocument(doc, version);
    const steps: [string, (d: BulletinDocument) => BulletinDocument][] = [
      ['edit article 2', (d) => edited(d, 2, '代表们认真听取意见建议。')],
      ['edit article 6', (d) => edited(rebuilt(d), 6, '联络站接待群众三百余人次。')],
      ['edit article 0 again', (d) => edited(d, 0, '进一步完善工作制度。')],
      ['add an article', (d) => ({ ...d, issue: { ...d.issue, articles: [...d.issue.articles, article(11)] } })],
      ['remove the last two', (d) => ({ ...d, issue: { ...d.issue, articles: d.issue.articles.slice(0, -2) } })],
      [
        'issue fields',
        (d) => ({ ...d, issue: { ...d.issue, number: 13, date: '2021-07-01', editorNote: [[{ text: '编者按：本期刊发各地经验。' }]] } }),
      ],
      ['publication', (d) => ({ ...d, publication: { ...d.publication, name: '人大工作通讯', unit: '省人大常委会办公厅' } })],
    ];
    expect(first.kind).toBe('layout');
    for (const [i, [name, change]] of steps.entries()) {
      const next = change(doc);
      version++;
      const patch = documentPatch(sent, next, version);
      expect(patch, name).toBeDefined();
      expect(patch!.articles.length, name).toBeLessThanOrEqual(2);
      const viaPatch = layoutOf(await patched.renderPatch(patch!, opts));
      const viaWhole = layoutOf(await whole.render(next, { draft: true, mode: 'layout', session: `whole-${i}` }));
      expect(viaPatch, name).toEqual(viaWhole);
      sent = sentDocument(next, version, sent);
      doc = next;
    }
    // The steps changed pages (the comparison is not of identical layouts).
    expect(layoutOf(first).keys).not.toEqual(layoutOf(await whole.render(doc, { draft: true, mode: 'layout', session: 'end' })).keys);
  });

  it('a patch whose base the session does not have is answered resend', async () => {
    const renderer = createPreviewRenderer(typesetter);
    const doc = eight();
    const next = edited(doc, 3, '补充一句。');
    const patch = documentPatch(sentDocument(doc, 1), next, 2)!;
    const opts = { draft: true, mode: 'layout' as const, session: 's' };
    // A new session (or a restarted worker): nothing to apply it to.
    expect(await renderer.renderPatch(patch, opts)).toEqual({ kind: 'resend' });
    await renderer.render(doc, { ...opts, version: 1 });
    // Another base than the session's last document.
    expect(await renderer.renderPatch({ ...patch, base: 7 }, opts)).toEqual({ kind: 'resend' });
    // Another session.
    expect(await renderer.renderPatch(patch, { ...opts, session: 't' })).toEqual({ kind: 'resend' });
    // Not the live preview.
    expect(await renderer.renderPatch(patch, { draft: true, mode: 'pdf', session: 's' })).toEqual({ kind: 'resend' });
    // The right base: applied (and the session now holds version 2, so version 1 is gone).
    expect((await renderer.renderPatch(patch, opts)).kind).toBe('layout');
    expect(await renderer.renderPatch({ ...patch, version: 3 }, opts)).toEqual({ kind: 'resend' });
    // A whole document without a version: the session keeps none.
    await renderer.render(next, opts);
    expect(await renderer.renderPatch({ ...patch, base: 2, version: 3 }, opts)).toEqual({ kind: 'resend' });
  });
});
