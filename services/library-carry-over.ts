import type { DistributionEntry, Issue } from '../core/model/issue.js';
import type { PublicationProfile } from '../core/model/profile.js';
import type { IssueSummary } from './library-types.js';

/** What a new issue carries over: the 送 list and the 责任编辑. */
export interface CarriedLists {
  readonly distribution: readonly DistributionEntry[];
  readonly editors: readonly string[];
}

/** The library's last issue: the highest 期号 of the latest year (ties: the newest 总期号). */
export function lastIssue(issues: readonly IssueSummary[]): IssueSummary | undefined {
  let last: IssueSummary | undefined;
  for (const s of issues) {
    if (!last || s.year > last.year || (s.year === last.year && s.number > last.number)) last = s;
    else if (s.year === last.year && s.number === last.number && (s.totalNumber ?? 0) > (last.totalNumber ?? 0)) last = s;
  }
  return last;
}

/**
 * The 送 list and 责任编辑 a new issue starts with: the publication's defaults where the office has set them
 * (期刊设置), otherwise the last issue's — they rarely change from one issue to the next.
 */
export function carriedLists(profile: PublicationProfile, last: Pick<Issue, 'distribution' | 'editors'> | undefined): CarriedLists {
  return {
    distribution: profile.defaultDistribution.length > 0 ? profile.defaultDistribution : (last?.distribution ?? []),
    editors: profile.defaultEditors.length > 0 ? profile.defaultEditors : (last?.editors ?? []),
  };
}
