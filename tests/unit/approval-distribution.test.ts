/**
 * Distribution copies (core, pure): 份号 numbering over the 送 list, the 份号 stamp on a copy's first page, and
 * the 分发登记表 as a PageLayout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import { COPY_NUMBER_SIZE, RECIPIENT_SIZE, stampCopy, stampBaseline } from '../../core/typeset/copy-stamp.js';
import {
  copyRange,
  formatCopyNumber,
  layDistributionRegister,
  planDistribution,
  registerTitle,
} from '../../core/typeset/distribution-register.js';
import type { PageLayout, TextItem } from '../../core/typeset/page-layout.js';
import { STANDARD } from '../../core/typeset/preset.js';
import { createLibrary } from '../../services/library.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE = fs.readFileSync(SAMPLE_FILE);

let typesetter: Typesetter;
let doc: BulletinDocument;
let layout: PageLayout;

const LONG = '省委办公厅、省委组织部、省委宣传部，省人民政府办公厅，省监察委员会，省高级人民法院，省人民检察院';

beforeAll(() => {
  typesetter = createTypesetter();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distribution-test-'));
  const library = createLibrary({ dir });
  const sample = library.read(library.importBytes(SAMPLE, 'sample.txt').id).document;
  fs.rmSync(dir, { recursive: true, force: true });
  doc = {
    ...sample,
    issue: {
      ...sample.issue,
      distribution: [
        { text: '全国人大常委会办公厅联络局', copies: 2 },
        { text: LONG, copies: 1 },
        { text: '各市州、县市区人大常委会联工委', copies: 3 },
      ],
    },
  };
  layout = typesetter.typeset(doc).layout;
});

const ctx = () => ({ faces: typesetter.faces, fonts: doc.publication.fonts, preset: STANDARD, missing: [] });

describe('份号 numbering', () => {
  it('numbers copies consecutively over the whole run, six digits, from 000001', () => {
    const plan = planDistribution(doc.issue.distribution);
    expect(plan.total).toBe(6);
    expect(plan.rows.map((r) => r.numbers)).toEqual([['000001', '000002'], ['000003'], ['000004', '000005', '000006']]);
    expect(plan.rows.map((r) => copyRange(r.numbers))).toEqual(['000001—000002', '000003', '000004—000006']);
    expect(plan.copies.map((c) => c.recipient)).toEqual([
      '全国人大常委会办公厅联络局',
      '全国人大常委会办公厅联络局',
      LONG,
      '各市州、县市区人大常委会联工委',
      '各市州、县市区人大常委会联工委',
      '各市州、县市区人大常委会联工委',
    ]);
  });

  it('starts where asked and refuses numbers beyond six digits', () => {
    const plan = planDistribution(doc.issue.distribution, { start: 120 });
    expect(plan.copies[0]!.copyNumber).toBe('000120');
    expect(plan.copies.at(-1)!.copyNumber).toBe('000125');
    expect(formatCopyNumber(999_999)).toBe('999999');
    expect(() => formatCopyNumber(0)).toThrow('份号');
    expect(() => planDistribution(doc.issue.distribution, { start: 999_998 })).toThrow('份号超过');
  });
});

describe('份号 stamp', () => {
  it('puts the 份号 at the top left above the type area and the recipient beside it, without touching the layout', () => {
    const before = JSON.stringify(layout.pages);
    const stamped = stampCopy(layout, { copyNumber: '000003', recipient: '省人大常委会组成人员' }, ctx());
    expect(JSON.stringify(layout.pages)).toBe(before); // never mutated
    expect(stamped.pages).toHaveLength(layout.pages.length);
    expect(stamped.pages.slice(1)).toEqual(layout.pages.slice(1));
    const added = stamped.pages[0]!.texts.slice(layout.pages[0]!.texts.length);
    const digits = added.filter((t) => /^\d+$/.test(t.text));
    expect(digits.map((t) => t.text).join('')).toBe('000003');
    expect(digits[0]!.x).toBeCloseTo(STANDARD.left, 3);
    expect(digits[0]!.size).toBe(COPY_NUMBER_SIZE);
    const baseline = stampBaseline(STANDARD);
    expect(baseline).toBeLessThan(STANDARD.top);
    expect(baseline).toBeGreaterThan(COPY_NUMBER_SIZE);
    // Above everything else on the page.
    const others = layout.pages[0]!.texts;
    expect(Math.min(...others.map((t) => t.baseline - t.size))).toBeGreaterThan(baseline);
    const recipient = added.filter((t) => !/^\d+$/.test(t.text));
    expect(recipient.map((t) => t.text).join('')).toBe('省人大常委会组成人员');
    expect(recipient.every((t) => t.size === RECIPIENT_SIZE && t.baseline === baseline)).toBe(true);
    expect(recipient[0]!.x).toBeGreaterThan(digits.at(-1)!.x + COPY_NUMBER_SIZE / 2);
    for (const t of added) expect(stamped.ascents.has(t.face)).toBe(true);
  });

  it('keeps a long recipient within the type area (smaller, then cut with …)', () => {
    const name = LONG.repeat(3);
    const stamped = stampCopy(layout, { copyNumber: '000001', recipient: name }, ctx());
    const added = stamped.pages[0]!.texts.slice(layout.pages[0]!.texts.length);
    const right = Math.max(...added.map((t) => t.x + typesetter.faces.width(faceOf(t), t.text, t.size)));
    expect(right).toBeLessThanOrEqual(STANDARD.left + STANDARD.width + 0.01);
    expect(added.map((t) => t.text).join('')).toMatch(/…$/);
  });

  it('refuses a 份号 that is not six digits', () => {
    expect(() => stampCopy(layout, { copyNumber: '12', recipient: 'x' }, ctx())).toThrow('6 位数字');
  });
});

function faceOf(t: TextItem) {
  return typesetter.faces.loaded().get(t.face)!;
}

describe('分发登记表', () => {
  it('is an A4 PageLayout with the title, the columns, every recipient, copies and 份号 range, and a total row', () => {
    const plan = planDistribution(doc.issue.distribution);
    const missing: never[] = [];
    const reg = layDistributionRegister(doc, plan, { ...ctx(), missing });
    expect(missing).toEqual([]);
    expect(reg.width).toBeCloseTo(595.28, 1);
    expect(reg.height).toBeCloseTo(841.89, 1);
    expect(reg.pages).toHaveLength(1);
    expect(registerTitle(doc)).toBe('《联络动态》2021年第8期 分发登记表');
    expect(reg.info.title).toBe('《联络动态》2021年第8期 分发登记表');
    const page = reg.pages[0]!;
    const all = page.texts.map((t) => t.text).join('');
    for (const head of ['序号', '收件单位', '份数', '份号', '签收', '日期']) expect(all).toContain(head);
    expect(all).toContain('000001—000002');
    expect(all).toContain('000003');
    expect(all).toContain('000004—000006');
    expect(all).toContain('000001—000006');
    expect(all).toContain('合计');
    // The long name wraps within its column: its characters sit on several baselines, none past the column.
    const longChars = page.texts.filter((t) => [...t.text].some((ch) => '监察委员会高级人民法院检察院'.includes(ch)));
    expect(new Set(longChars.map((t) => t.baseline.toFixed(1))).size).toBeGreaterThan(1);
    const inRows = page.texts.filter((t) => t.baseline > 150);
    for (const t of inRows) expect(t.x + typesetter.faces.width(faceOf(t), t.text, t.size)).toBeLessThanOrEqual(STANDARD.left + STANDARD.width + 0.5);
    // Ruled: horizontal rules across the table and vertical rules at the 7 column edges.
    const vertical = page.rules.filter((r) => r.x2 - r.x1 < 2 && r.thickness > 20);
    expect(new Set(vertical.map((r) => ((r.x1 + r.x2) / 2).toFixed(1))).size).toBe(7);
    const horizontal = page.rules.filter((r) => r.x2 - r.x1 > 400);
    expect(horizontal.length).toBeGreaterThanOrEqual(plan.rows.length + 3);
  });

  it('continues on further pages under a repeated header when the list is long', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ text: `第${i + 1}收件单位${'人大常委会'.repeat(i % 4)}`, copies: 1 + (i % 3) }));
    const big: BulletinDocument = { ...doc, issue: { ...doc.issue, distribution: many } };
    const plan = planDistribution(many);
    const reg = layDistributionRegister(big, plan, ctx());
    expect(reg.pages.length).toBeGreaterThan(1);
    for (const page of reg.pages) {
      const texts = page.texts.map((t) => t.text).join('');
      expect(texts).toContain('收件单位');
      expect(texts).toMatch(/第 \d+ 页|第\d+页/);
      expect(Math.max(...page.texts.map((t) => t.baseline))).toBeLessThan(reg.height - 20);
    }
    const all = reg.pages.flatMap((p) => p.texts.map((t) => t.text)).join('');
    expect(all).toContain(copyRange([plan.copies[0]!.copyNumber, plan.copies.at(-1)!.copyNumber]));
  });
});
