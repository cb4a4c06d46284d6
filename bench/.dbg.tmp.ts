import { readFileSync } from 'node:fs';
import { FaceSet } from '../core/fonts/face-set.js';
import { readInput } from '../core/io/read-input.js';
import { PRESETS } from '../core/typeset/preset.js';
import { typeset } from '../core/typeset/typeset.js';
import { createFontFiles } from '../services/font-files.js';
import { describeLayout } from '../core/typeset/layout-report.js';
const [file, presetName] = process.argv.slice(2);
const faces = new FaceSet(createFontFiles());
const doc = readInput(readFileSync(file!), { name: file!, today: '2021-06-02' }).document;
const r = typeset(doc, { faces, preset: PRESETS[presetName as 'standard'] });
console.log(describeLayout(r.report!).join('\n'));
for (const [i, p] of r.layout.pages.entries()) {
  const srcs = new Map<string, number>();
  for (const l of p.lines) srcs.set(`${l.kind}:${l.source}`, (srcs.get(`${l.kind}:${l.source}`) ?? 0) + 1);
  console.log(i + 1, [...srcs.entries()].map(([k, v]) => `${k}×${v}`).join(' '));
}
