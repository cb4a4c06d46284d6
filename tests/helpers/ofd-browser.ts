/**
 * Reading OFD files back in Chromium (playwright-core) with an independent reader, for the OFD tests:
 *
 *  - ofd.js (npm `ofd.js` 0.2.6, Apache-2.0, a self-contained UMD build: JSZip + its own XML parser + SVG
 *    rendering) parses the package and draws every page; the text is read from the SVG it draws, in order;
 *  - the fonts embedded in the package are given to the browser as FontFace objects (ofd.js names a font
 *    only by its family and leaves loading it to the page): each must pass Chromium's font sanitizer (OTS);
 *  - pdf.js (pdfjs-dist) draws the PDF of the same issue in the same page, at the same scale;
 *  - pages are compared pixel by pixel ({@link InkDifference});
 *  - the browser's own XML parser (DOMParser, strict) reads every XML part for the structural checks.
 *
 * Everything is served from an in-page route (http://reader.test/), so nothing goes over the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireHere = createRequire(import.meta.url);
const ORIGIN = 'http://reader.test';

/** An element as the browser's XML parser read it. */
export interface XmlNode {
  readonly ns: string | null;
  /** Local name (without prefix). */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** The element's text content. */
  readonly text: string;
}

/** What ofd.js made of an OFD file. */
export interface OfdReadBack {
  readonly pages: number;
  /** Each page's text in drawing order. */
  readonly texts: readonly string[];
  /** Each page's size in CSS pixels as ofd.js laid it out. */
  readonly sizes: readonly { readonly width: number; readonly height: number }[];
}

/**
 * How two renderings of a page differ: pixels are ink where their luma is below 160; a pixel of ink in one
 * rendering with no ink within `tolerance` pixels in the other is a mismatch. `ratio` = mismatches / ink
 * pixels of both.
 */
export interface InkDifference {
  readonly inkA: number;
  readonly inkB: number;
  readonly mismatches: number;
  readonly ratio: number;
}

export interface OfdBrowser {
  /** Parses an XML text with DOMParser; throws with the parser's message when it is not well-formed. */
  parseXml(xml: string): Promise<XmlNode>;
  /** Opens an OFD with ofd.js, registers its fonts (`fonts`: family name and bytes per font ID) and draws it. */
  readOfd(bytes: Uint8Array, fonts: readonly OfdFontFile[], pixelsPerMm: number): Promise<OfdReadBack>;
  /** Loads a PDF into pdf.js. */
  loadPdf(bytes: Uint8Array): Promise<number>;
  /** Compares page `ofdPage` of the OFD drawn last with page `pdfPage` of the PDF loaded last (1-based). */
  compare(ofdPage: number, pdfPage: number, options: { pixelsPerMm: number; tolerance: number }): Promise<InkDifference>;
  close(): Promise<void>;
}

/** An embedded font as the test read it from the package: its ID in PublicRes.xml, its file's bytes, its weight. */
export interface OfdFontFile {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly weight: number;
}

const PAGE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<style>body{margin:0;background:#ddd} #ofd>div{margin:0!important} canvas{display:block}</style>
<script src="/ofd.umd.js"></script>
<script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
window.pdfjs = pdfjs;
window.pdfjsReady = true;
</script></head><body><div id="ofd"></div><div id="pdf"></div></body></html>`;

const PAGE_SCRIPT = String.raw`
window.reader = (() => {
  const r = {};
  const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  r.parseXml = (xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const error = doc.getElementsByTagName('parsererror')[0];
    if (error) throw new Error('XML 不合格：' + error.textContent);
    const walk = (e) => ({
      ns: e.namespaceURI, name: e.localName,
      attrs: Object.fromEntries([...e.attributes].filter((a) => !a.name.startsWith('xmlns')).map((a) => [a.localName, a.value])),
      children: [...e.children].map(walk),
      text: e.textContent,
    });
    return walk(doc.documentElement);
  };
  r.readOfd = async (base64, fonts, pixelsPerMm) => {
    // Each font under a family name of its own (ofd.js maps family names it knows, e.g. anything containing
    // "Kai", to system fonts; a name of our own keeps it on the embedded file).
    for (const f of fonts) {
      const face = new FontFace('ofd-font-' + f.id, b64(f.bytes), { weight: String(f.weight) });
      await face.load(); // rejects when the sanitizer refuses the file
      document.fonts.add(face);
    }
    const data = b64(base64).buffer;
    const res = await new Promise((resolve, reject) => ofd.parseOfdDocument({ ofd: data, success: resolve, fail: reject }));
    const doc = Array.isArray(res) ? res[0] : res;
    for (const id of Object.keys(doc.fontResObj)) doc.fontResObj[id] = 'ofd-font-' + id;
    const host = document.getElementById('ofd');
    host.innerHTML = '';
    const width = 210 * pixelsPerMm + 10;
    const divs = ofd.renderOfd(width, doc);
    for (const d of divs) host.appendChild(d);
    await document.fonts.ready;
    return {
      pages: divs.length,
      texts: divs.map((d) => [...d.querySelectorAll('text')].map((t) => t.textContent).join('')),
      sizes: divs.map((d) => ({ width: d.offsetWidth, height: d.offsetHeight })),
    };
  };
  r.loadPdf = async (base64) => {
    while (!window.pdfjsReady) await new Promise((f) => setTimeout(f, 20));
    r.pdf = await pdfjs.getDocument({ data: b64(base64) }).promise;
    return r.pdf.numPages;
  };
  const pixels = (canvas) => canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const inkMask = (img) => {
    const m = new Uint8Array(img.width * img.height);
    for (let i = 0; i < m.length; i++) {
      const luma = 0.299 * img.data[4 * i] + 0.587 * img.data[4 * i + 1] + 0.114 * img.data[4 * i + 2];
      m[i] = img.data[4 * i + 3] > 0 && luma < 160 ? 1 : 0;
    }
    return m;
  };
  const near = (mask, w, h, x, y, t) => {
    for (let dy = -t; dy <= t; dy++) for (let dx = -t; dx <= t; dx++) {
      const xx = x + dx, yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < w && yy < h && mask[yy * w + xx]) return true;
    }
    return false;
  };
  r.compare = async (ofdPage, pdfPage, pixelsPerMm, tolerance, ofdPng) => {
    const page = await r.pdf.getPage(pdfPage);
    const viewport = page.getViewport({ scale: (pixelsPerMm * 25.4) / 72 });
    const pdfCanvas = document.createElement('canvas');
    pdfCanvas.width = Math.round(viewport.width);
    pdfCanvas.height = Math.round(viewport.height);
    const ctx = pdfCanvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, pdfCanvas.width, pdfCanvas.height);
    await page.render({ canvasContext: ctx, viewport }).promise;
    const img = new Image();
    img.src = 'data:image/png;base64,' + ofdPng;
    await img.decode();
    const ofdCanvas = document.createElement('canvas');
    ofdCanvas.width = pdfCanvas.width;
    ofdCanvas.height = pdfCanvas.height;
    const octx = ofdCanvas.getContext('2d');
    octx.fillStyle = '#fff';
    octx.fillRect(0, 0, ofdCanvas.width, ofdCanvas.height);
    octx.drawImage(img, 0, 0);
    const w = pdfCanvas.width, h = pdfCanvas.height;
    const a = inkMask(pixels(ofdCanvas)), b = inkMask(pixels(pdfCanvas));
    let inkA = 0, inkB = 0, mismatches = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (a[i]) { inkA++; if (!near(b, w, h, x, y, tolerance)) mismatches++; }
      if (b[i]) { inkB++; if (!near(a, w, h, x, y, tolerance)) mismatches++; }
    }
    return { inkA, inkB, mismatches, ratio: mismatches / Math.max(1, inkA + inkB) };
  };
  return r;
})();
`;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Launches Chromium with the reader page. */
export async function openOfdBrowser(): Promise<OfdBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--font-render-hinting=none'],
  });
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1000, height: 1400 }, deviceScaleFactor: 1 });
    const files: Record<string, { path: string; type: string }> = {
      '/ofd.umd.js': { path: requireHere.resolve('ofd.js/lib/ofd.umd.js'), type: 'text/javascript' },
      '/pdf.mjs': { path: requireHere.resolve('pdfjs-dist/build/pdf.mjs'), type: 'text/javascript' },
      '/pdf.worker.mjs': { path: requireHere.resolve('pdfjs-dist/build/pdf.worker.mjs'), type: 'text/javascript' },
    };
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE_HTML });
      const file = files[path];
      if (!file) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ contentType: file.type, body: readFileSync(file.path) });
    });
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ content: PAGE_SCRIPT });
    await page.waitForFunction(() => (globalThis as unknown as { pdfjsReady?: boolean }).pdfjsReady === true);
    let pixelsPerMmDrawn = 0;
    return {
      parseXml: (xml) => page.evaluate((x) => (globalThis as any).reader.parseXml(x), xml) as Promise<XmlNode>,
      async readOfd(bytes, fonts, pixelsPerMm) {
        pixelsPerMmDrawn = pixelsPerMm;
        const list = fonts.map((f) => ({ id: f.id, bytes: b64(f.bytes), weight: f.weight }));
        return (await page.evaluate(([data, f, s]) => (globalThis as any).reader.readOfd(data, f, s), [b64(bytes), list, pixelsPerMm] as const)) as OfdReadBack;
      },
      loadPdf: (bytes) => page.evaluate((data) => (globalThis as any).reader.loadPdf(data), b64(bytes)) as Promise<number>,
      async compare(ofdPage, pdfPage, { pixelsPerMm, tolerance }) {
        if (pixelsPerMm !== pixelsPerMmDrawn) throw new Error('compare at the scale the OFD was drawn at');
        const div = page.locator('#ofd > div').nth(ofdPage - 1);
        const png = await div.screenshot({ type: 'png', animations: 'disabled' });
        return (await page.evaluate(
          ([o, p, s, t, image]) => (globalThis as any).reader.compare(o, p, s, t, image),
          [ofdPage, pdfPage, pixelsPerMm, tolerance, png.toString('base64')] as const,
        )) as InkDifference;
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
