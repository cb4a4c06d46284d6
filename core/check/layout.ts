import { describeHoleCause, describeLayout, sourceLabel, type LayoutReport } from '../typeset/layout-report.js';
import { describeTracking } from '../typeset/rules/tracking.js';
import type { Problem } from './problem.js';

/**
 * The layout report (core/typeset/layout-report.ts) as 校对 items: what is wrong with the pages — a widow, an
 * orphan, a heading alone at a page's foot, empty lines at the foot of a page that is not the last, a last page
 * that could not be saved — as warnings at the block concerned; the facts of each page (lines used, paragraphs
 * tightened or loosened, a page saved) as information (版面). Used by the 校对 panel and `bulletin check`.
 */
export function layoutProblems(report: LayoutReport): Problem[] {
  const out: Problem[] = [];
  const warn = (message: string, path = 'layout') => out.push({ severity: 'warning', code: 'layout', message, path });
  for (const w of [...report.widows, ...report.orphans, ...report.headingsAtFoot]) warn(`版面：${w}`);
  for (const p of report.pages) {
    if (p.hole > 0) warn(`版面：第${p.page}页页末空${p.hole}行：${describeHoleCause(p)}`);
  }
  if (report.lastPage.missingLines !== undefined) {
    warn(`版面：末页文字较少，缩版未能省去一页，还差${report.lastPage.missingLines}行（可删减约${report.lastPage.missingLines}行文字）`);
  }
  for (const line of describeLayout(report)) out.push({ severity: 'info', code: 'layout', message: `版面：${line}`, path: 'layout' });
  for (const a of report.adjustments) {
    const tracking = a.trackingEm !== undefined ? `，${describeTracking(a.trackingEm)}` : '';
    const what = a.change === 'tight' ? `紧排（少一行${tracking}）` : '松排（多一行）';
    const why = a.reason === 'save-page' ? '为节省末页' : '为排满第' + a.page + '页';
    out.push({ severity: 'info', code: 'layout', message: `版面：${sourceLabel(a.source)}${what}，${why}`, path: a.source });
  }
  return out;
}
