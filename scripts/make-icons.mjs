#!/usr/bin/env node
// Renders the application icon (assets/icons/icon.svg) to the PNG sizes electron-builder takes:
// assets/icons/png/<n>x<n>.png — Linux uses the folder, Windows the 256 px file (made into .ico), macOS the
// 1024 px file (made into .icns). The PNGs are committed; run this after changing the SVG:
//   node scripts/make-icons.mjs            (Chromium at /usr/bin/chromium, or CHROMIUM_PATH)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'assets/icons/icon.svg'), 'utf8').replace(/<\?xml[^>]*>\s*/, '');
const out = join(root, 'assets/icons/png');
/** The sizes electron-builder and the desktops ask for. */
const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><html><body style="margin:0">${sized}</body></html>`);
    writeFileSync(join(out, `${size}x${size}.png`), await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons: ${ICON_SIZES.map((s) => `${s}x${s}.png`).join(' ')} in ${out}`);
