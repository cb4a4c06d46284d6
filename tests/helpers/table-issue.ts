/** Issues with tables for the table tests (issue 12 point 4): the sample with a table after its first paragraph. */
import { readFileSync } from 'node:fs';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { tableOf, type TableBlock } from '../../core/model/table.js';
import { SAMPLE_FILE } from './sample.js';

/** The header row of the test tables. */
export const TABLE_HEADER = ['序号', '单位名称', '参加人数', '备注'];

/** A table of `rows` body rows under {@link TABLE_HEADER}; a long 备注 every seventh row makes that row two lines. */
export function figuresTable(rows: number, widths?: readonly number[]): TableBlock {
  const body = Array.from({ length: rows }, (_, i) => [
    String(i + 1),
    `第${i + 1}联络组所属单位`,
    String(10 + ((i * 7) % 30)),
    i % 7 === 3 ? '含列席人员及特邀代表，由各联络组组长统一汇总后报送办公厅' : '无',
  ]);
  return tableOf([TABLE_HEADER, ...body], widths);
}

/** The sample issue with `table` inserted after the first article's first block. */
export function sampleWithTable(table: TableBlock): BulletinDocument {
  const doc = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
  const [first, ...rest] = doc.issue.articles;
  const body = [first!.body[0]!, table, ...first!.body.slice(1)];
  return { ...doc, issue: { ...doc.issue, articles: [{ ...first!, body }, ...rest] } };
}
