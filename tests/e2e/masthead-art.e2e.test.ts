/**
 * 期刊设置 › 刊名图 (issue 12.1) in the app: an unsafe SVG chosen in the dialog is refused with its reason and the
 * typeset 刊名 stays; the sample artwork is taken, the live preview draws it in the masthead red, the setting is
 * saved; a new issue made afterwards carries it, its page preview draws the outlines, and its exported PDF has
 * them as red vector paths (mutool trace) with the 刊名 still in its text (pdf.js). A PDF 刊名 (the sample converted
 * by mutool) is taken the same way; one with text not converted to outlines is refused with the reason. A colour
 * PNG (pngjs) previews in the masthead red, and in its own colours when the card says so.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { PNG } from 'pngjs';
import { FILTERS } from '../../services/dialogs.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../services/dialogs.js';
import { REPO_ROOT } from '../helpers/sample.js';
import { runTool, toolAvailable } from '../helpers/system-tools.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { pdfText, recordPreviews, useApp, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const SAMPLE_SVG = join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg');

describe.skipIf(!hasChromium || !toolAvailable('mutool'))('期刊设置：刊名图', () => {
  const scene = useApp();

  it('拒绝带脚本的 SVG 并说明原因；选用刊名图后实时预览、保存，新建的期刊预览和导出 PDF 都是矢量刊名图', async () => {
    const dir = scene.library();
    const bad = join(scene.library(), `bad-${process.pid}.svg`);
    writeFileSync(bad, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect width="9" height="9" onload="alert(1)"/></svg>');
    const target = join(dir, 'with-art.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('chooseMastheadArt', bad);
    dialogs.answer('chooseMastheadArt', SAMPLE_SVG);
    dialogs.answer('savePdf', target);
    const app = await scene.launch({ libraryDir: dir, dialogs });
    const { page, services } = app;
    const previews = recordPreviews(services);

    await app.sendMenu('settings');
    const card = page.getByTestId('masthead-art');
    await card.waitFor();
    const preview = page.getByTestId('masthead-art-preview');
    expect(await preview.getAttribute('data-art')).toBe('typeset');

    // An SVG with an event attribute: refused, with the reason; nothing changes.
    await card.getByRole('button', { name: '选择刊名图…' }).click();
    const error = page.getByTestId('masthead-art-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/刊名图未采用：bad-\d+\.svg：SVG 含有脚本事件属性.*onload.*仍使用排印的刊名/);
    expect(await preview.getAttribute('data-art')).toBe('typeset');
    expect(await page.getByRole('button', { name: '保存设置' }).isDisabled()).toBe(true);

    // The sample artwork: taken, its name shown, drawn live in the masthead red.
    await card.getByRole('button', { name: '选择刊名图…' }).click();
    await poll(() => preview.getAttribute('data-art')).toBe('picture');
    expect(await page.getByTestId('masthead-art-name').textContent()).toContain('lianluo-dongtai.svg');
    expect(await error.count()).toBe(0);
    const redShare = () =>
      preview.evaluate((canvas: Any) => {
        const ctx = canvas.getContext('2d');
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let red = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] > 180 && data[i + 1] < 90 && data[i + 2] < 90) red++;
        return red / (canvas.width * canvas.height);
      });
    await poll(redShare).toBeGreaterThan(0.05);
    // Own colours: the sample's own red (#e60012) looks the same; switching back and forth redraws.
    await card.locator('select[name="mastheadArtColour"]').selectOption('own');
    await poll(redShare).toBeGreaterThan(0.05);
    await card.locator('select[name="mastheadArtColour"]').selectOption('red');
    await page.getByRole('button', { name: '保存设置' }).click();
    await poll(() => page.getByRole('button', { name: '保存设置' }).isDisabled()).toBe(true);
    expect(services.library.profile().mastheadArt?.kind).toBe('embedded');

    // A new issue carries the picture: its live preview's first page has the outlines, not the 刊名 glyphs.
    await app.sendMenu('library');
    await page.getByTestId('library').waitFor();
    await page.keyboard.press('Control+n');
    await page.getByTestId('issue-screen').waitFor();
    await poll(() => previews.results.some((r) => r.kind === 'layout' && (r.layout.pages[0]?.artworks?.length ?? 0) > 0), 30_000).toBe(true);
    const last = previews.results.filter((r) => r.kind === 'layout').at(-1)!;
    if (last.kind === 'layout' && last.layout.pages[0]!.artworks) expect(last.layout.pages[0]!.artworks.length).toBe(31);

    // Exported: red vector paths, no image, the 刊名 still text.
    await page.getByLabel('第1篇文章标题').fill('代表联络工作简讯');
    await page.keyboard.press('Control+e');
    const ask = page.getByTestId('draft-errors');
    await poll(async () => existsSync(target) || (await ask.count()) > 0, 30_000).toBe(true);
    if (!existsSync(target)) await ask.getByRole('button', { name: '导出样稿' }).click();
    await poll(() => existsSync(target), 30_000).toBe(true);
    await poll(() => readFileSync(target).subarray(-6).toString('latin1').includes('%%EOF'), 10_000).toBe(true);
    const traced = runTool('mutool', ['trace', target, '1'], { encoding: 'utf8' });
    expect(traced.match(/<stroke_path [^>]*colorspace="DeviceCMYK" color="0 1 1 0"/g)!.length).toBe(32); // 31 + the rule
    expect(traced).not.toContain('<fill_image');
    expect(await pdfText(new Uint8Array(readFileSync(target)))).toContain('联络动态');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
  it('选用 PDF 刊名图：含未转曲文字的 PDF 被拒绝并说明原因；矢量 PDF 实时预览为红色刊名并保存', async () => {
    expect(FILTERS.mastheadArt[0]!.extensions).toContain('pdf');
    const dir = scene.library();
    const page1 = join(dir, `text-${process.pid}.txt`);
    writeFileSync(page1, '%%MediaBox 0 0 400 100\n%%Font F1 Helvetica\nBT /F1 40 Tf 10 30 Td (LLDT) Tj ET\n');
    const textPdf = join(dir, `text-${process.pid}.pdf`);
    runTool('mutool', ['create', '-o', textPdf, page1], { encoding: 'utf8' });
    const artPdf = join(dir, '刊名.pdf');
    runTool('mutool', ['convert', '-o', artPdf, SAMPLE_SVG], { encoding: 'utf8' });
    const dialogs = scriptedDialogs();
    dialogs.answer('chooseMastheadArt', textPdf);
    dialogs.answer('chooseMastheadArt', artPdf);
    const app = await scene.launch({ libraryDir: dir, dialogs });
    const { page, services } = app;
    await app.sendMenu('settings');
    const card = page.getByTestId('masthead-art');
    await card.waitFor();
    const preview = page.getByTestId('masthead-art-preview');
    await card.getByRole('button', { name: '选择刊名图…' }).click();
    const error = page.getByTestId('masthead-art-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/刊名图未采用：text-\d+\.pdf：PDF 刊名图含有文字.*转曲.*仍使用排印的刊名/);
    expect(await preview.getAttribute('data-art')).toBe('typeset');
    await card.getByRole('button', { name: '选择刊名图…' }).click();
    await poll(() => preview.getAttribute('data-art')).toBe('picture');
    expect(await page.getByTestId('masthead-art-name').textContent()).toContain('刊名.pdf');
    const redShare = () =>
      preview.evaluate((canvas: Any) => {
        const ctx = canvas.getContext('2d');
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let red = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] > 180 && data[i + 1] < 90 && data[i + 2] < 90) red++;
        return red / (canvas.width * canvas.height);
      });
    await poll(redShare).toBeGreaterThan(0.04);
    await page.getByRole('button', { name: '保存设置' }).click();
    await poll(() => page.getByRole('button', { name: '保存设置' }).isDisabled()).toBe(true);
    const saved = services.library.profile().mastheadArt;
    expect(saved?.kind === 'embedded' && saved.mime).toBe('application/pdf');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
  it('选用彩色 PNG 刊名图：刊头红色时整幅为红色，改为图片原有颜色后蓝色部分显示为蓝色', async () => {
    const dir = scene.library();
    const png = new PNG({ width: 3000, height: 760, colorType: 6 });
    png.data.fill(0);
    for (let y = 150; y < 610; y++) {
      for (let x = 100; x < 2900; x++) {
        const i = 4 * (y * 3000 + x);
        png.data[i] = y < 380 ? 255 : 0;
        png.data[i + 2] = y < 380 ? 0 : 255;
        png.data[i + 3] = 255;
      }
    }
    const file = join(dir, '彩色刊名.png');
    writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
    const dialogs = scriptedDialogs();
    dialogs.answer('chooseMastheadArt', file);
    const app = await scene.launch({ libraryDir: dir, dialogs });
    const { page } = app;
    await app.sendMenu('settings');
    const card = page.getByTestId('masthead-art');
    await card.waitFor();
    const preview = page.getByTestId('masthead-art-preview');
    await card.getByRole('button', { name: '选择刊名图…' }).click();
    await poll(() => preview.getAttribute('data-art'), 30_000).toBe('picture');
    const shares = () =>
      preview.evaluate((canvas: Any) => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let red = 0;
        let blue = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] > 180 && data[i + 1] < 90 && data[i + 2] < 90) red++;
          if (data[i + 2] > 150 && data[i] < 90 && data[i + 1] < 120) blue++;
        }
        const n = canvas.width * canvas.height;
        return { red: red / n, blue: blue / n };
      });
    await poll(async () => (await shares()).red, 30_000).toBeGreaterThan(0.1);
    expect((await shares()).blue).toBe(0);
    await card.locator('select[name="mastheadArtColour"]').selectOption('own');
    await poll(async () => (await shares()).blue, 30_000).toBeGreaterThan(0.05);
    const own = await shares();
    expect(own.red).toBeGreaterThan(0.05);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
