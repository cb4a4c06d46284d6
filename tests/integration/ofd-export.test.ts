/**
 * OFD export on the command line and from the library: `bulletin export x -o out.ofd` (written atomically),
 * refusals that leave no file (characters no font has, a font file that is gone), the 样稿 watermark of a draft,
 * and the final OFD — only for a signed-off issue whose content is unchanged, carrying the sign-off as
 * CustomDatas. The packages are read with Info-ZIP's unzip (CRCs tested) and checked as text.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { serializeDocument } from '../../core/model/format.js';
import { FinalExportRefused } from '../../services/issue-export.js';
import { createLibrary } from '../../services/library.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { unzipFiles } from '../helpers/ofd-package-check.js';
import { sampleBytes, SAMPLE_FILE } from '../helpers/sample.js';
import { addSigner, signingServices } from '../helpers/signing.js';
import { toolAvailable } from '../helpers/system-tools.js';
import { runBulletin } from '../helpers/bulletin-cli.js';



const bulletin = (args: readonly string[]) => runBulletin(args, { timeout: 120_000, env: { BULLETIN_LIBRARY: '' } });

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
let dir: string;
let typesetter: Typesetter;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ofd-export-'));
  typesetter = createTypesetter();
  const doc = readInput(sampleBytes(), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
  const article = doc.issue.articles[0]!;
  const missing = {
    ...doc,
    issue: {
      ...doc.issue,
      articles: [{ ...article, body: [{ type: 'paragraph' as const, content: [{ text: '这一段有一个字\uE000没有字形。' }] }, ...article.body] }],
    },
  };
  writeFileSync(join(dir, 'missing-glyph.json'), serializeDocument(missing));
  const noFont = { ...doc, publication: { ...doc.publication, fonts: { ...doc.publication.fonts, body: { kind: 'file' as const, path: join(dir, '不存在的字体.ttf') } } } };
  writeFileSync(join(dir, 'missing-font.json'), serializeDocument(noFont));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const hasUnzip = toolAvailable('unzip');

describe.skipIf(!hasUnzip)('bulletin export … -o x.ofd', () => {
  it('writes an OFD package', async () => {
    const target = join(dir, 'sample.ofd');
    const r = await bulletin(['export', SAMPLE_FILE, '-o', target]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已导出：.*sample\.ofd（OFD，5 页，\d+ KB）/);
    const files = unzipFiles(readFileSync(target));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml', 'Doc_0/Pages/Page_0/Content.xml']));
    expect(files.get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8')).not.toContain('Alpha=');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses characters no font has: exit 1, 缺字, no file', async () => {
    const target = join(dir, 'missing-glyph.ofd');
    const r = await bulletin(['export', join(dir, 'missing-glyph.json'), '-o', target]);
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('缺字');
    expect(r.stderr).toContain('U+E000');
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a font file that is gone: exit 2, a Chinese line naming it, no file', async () => {
    const target = join(dir, 'missing-font.ofd');
    const r = await bulletin(['export', join(dir, 'missing-font.json'), '-o', target]);
    expect(r.code, r.stderr).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('不存在的字体.ttf');
    expect(r.stderr).not.toMatch(/\bat \S+:\d+/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe.skipIf(!hasUnzip)('OFD from the library', () => {
  it('draft: 样稿 watermark and status; final: only once signed off, with the sign-off, refused after a change', async () => {
    const libDir = join(dir, 'lib');
    let t = Date.UTC(2021, 5, 1, 8);
    const now = () => new Date((t += 1000));
    const library = createLibrary({ dir: libDir, now });
    const { approval, exporter } = signingServices({ library, typesetter, now });
    const { id } = library.importBytes(sampleBytes(), 'lianluo-2021-08.txt');

    const draft = await exporter.exportIssue(id, { final: false, format: 'ofd' });
    expect(draft.fileName).toBe('联络动态2021年第8期（总第631期）（样稿）.ofd');
    const draftFiles = unzipFiles(draft.bytes);
    expect(draftFiles.get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8')).toMatch(/<ofd:TextCode[^>]*>样&#x20;稿<\/ofd:TextCode>/);
    expect(draftFiles.get('OFD.xml')!.toString('utf8')).toContain('<ofd:CustomData Name="ApprovalStatus">样稿（未签发或不作正式印发）</ofd:CustomData>');
    expect(library.read(id).meta.history.at(-1)).toMatchObject({ action: 'exported', detail: expect.stringContaining('样稿（OFD）') });

    await expect(exporter.exportIssue(id, { final: true, format: 'ofd' })).rejects.toBeInstanceOf(FinalExportRefused);

    await addSigner(approval, '张三', 'Kq7-wzPv');
    expect((await approval.signOff(id, { signer: '张三', pin: 'Kq7-wzPv', opinion: '同意印发' })).ok).toBe(true);
    const final = await exporter.exportIssue(id, { final: true, format: 'ofd' });
    expect(final.fileName).toBe('联络动态2021年第8期（总第631期）.ofd');
    const entry = unzipFiles(final.bytes).get('OFD.xml')!.toString('utf8');
    const signOff = library.read(id).meta.signOff!;
    expect(entry).toContain('<ofd:CustomData Name="Signer">张三</ofd:CustomData>');
    expect(entry).toContain(`<ofd:CustomData Name="ContentHash">sha256:${signOff.contentHash}</ofd:CustomData>`);
    expect(entry).toContain('<ofd:Keyword>已签发</ofd:Keyword>');
    expect(unzipFiles(final.bytes).get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8')).not.toContain('样&#x20;稿');

    // Changed after the sign-off: no final OFD.
    const { document, revision } = library.read(id);
    const changed = { ...document, issue: { ...document.issue, editorNote: [...document.issue.editorNote, [{ text: '补充一句。' }]] } };
    library.save(id, changed, revision);
    await expect(exporter.exportIssue(id, { final: true, format: 'ofd' })).rejects.toThrow(/不能导出正式版/);
  });
});
