/**
 * assets/: the icons electron-builder is pointed at exist at their sizes, the sample masthead artwork is vector
 * paths only, and every shipped publication template is a profile the issue file format accepts — the default
 * one being the profile a new library starts from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFromUnknown } from '../../core/model/format.js';
import { DEFAULT_FONTS, defaultProfile } from '../../core/model/profile.js';
import { DEFAULT_TEMPLATE_ID, TEMPLATES, templateById } from '../../core/model/templates.js';
import { REPO_ROOT } from '../helpers/sample.js';

const ASSETS = join(REPO_ROOT, 'assets');

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('assets/', () => {
  it('has the icon at every size, and electron-builder uses those files', () => {
    const dir = join(ASSETS, 'icons', 'png');
    const names = readdirSync(dir).filter((n) => n.endsWith('.png'));
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const [w, h] = name.replace('.png', '').split('x').map(Number);
      expect(pngSize(readFileSync(join(dir, name))), name).toEqual({ width: w, height: h });
    }
    const config = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
    const icons = [...config.matchAll(/^\s+icon:\s*(\S+)\s*$/gm)].map((m) => m[1]!);
    expect(icons.sort()).toEqual(['assets/icons/png', 'assets/icons/png/1024x1024.png', 'assets/icons/png/256x256.png']);
    for (const icon of icons.filter((i) => i.endsWith('.png'))) {
      expect(pngSize(readFileSync(join(REPO_ROOT, icon))).width).toBeGreaterThanOrEqual(256);
    }
    expect(readFileSync(join(ASSETS, 'icons', 'icon.svg'), 'utf8')).toMatch(/viewBox="0 0 1024 1024"/);
  });

  it('has a masthead artwork drawn as vector paths, without text, fonts or outside references', () => {
    const svg = readFileSync(join(ASSETS, 'mastheads', 'lianluo-dongtai.svg'), 'utf8');
    const elements = [...svg.matchAll(/<([a-z]+)[\s>/]/g)].map((m) => m[1]);
    expect(new Set(elements)).toEqual(new Set(['svg', 'title', 'g', 'path']));
    expect(svg).not.toMatch(/<text|font-family|xlink:href|href=|<image/);
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(20);
    expect(svg).toContain('CC0');
  });

  it('ships templates the issue file format accepts, the default one being a new library’s profile', () => {
    const files = readdirSync(join(ASSETS, 'templates')).filter((n) => n.endsWith('.json'));
    expect(files.length).toBe(TEMPLATES.length);
    for (const file of files) {
      const raw = JSON.parse(readFileSync(join(ASSETS, 'templates', file), 'utf8')) as Record<string, unknown>;
      expect(raw).toMatchObject({ format: 'bulletin-template', version: 1, id: file.replace('.json', '') });
      const checked = documentFromUnknown({
        format: 'bulletin-issue',
        version: 1,
        publication: raw.profile,
        issue: {
          year: 2021, number: 1, date: '2021-01-01', editorNote: [], distribution: [], editors: [],
          articles: [{ title: '标题', body: [], contributor: '' }],
        },
      });
      expect(checked.ok ? [] : checked.problems, file).toEqual([]);
      expect(templateById(String(raw.id))?.profile).toEqual(raw.profile);
    }
    const profile = defaultProfile();
    expect(profile).toEqual(templateById(DEFAULT_TEMPLATE_ID)!.profile);
    expect(profile.fonts).toEqual(DEFAULT_FONTS);
    // A fresh copy each time: changing one never changes the next.
    (profile.defaultEditors as string[]).push('某某');
    expect(defaultProfile().defaultEditors).toEqual([]);
  });
});
