import type { Issue } from '../../../core/model/issue.js';
import type { PublicationProfile } from '../../../core/model/profile.js';
import { DistributionEditor, NameListEditor } from '../common/ListEditors.js';
import { patchIssue, setDistribution } from '../doc.js';
import { edit, type Dispatch } from './issueModel.js';

/** The 送发范围 (the 送 list) and 责任编辑 cards. */
export function DistributionCards(props: {
  issue: Issue;
  profile: PublicationProfile | null;
  dispatch: Dispatch;
  onResetDistribution: () => void;
}) {
  const { issue, dispatch } = props;
  return (
    <>
      <section className="card distribution-card">
        <h2>送发范围</h2>
        <DistributionEditor
          entries={issue.distribution}
          onChange={(entries) => edit(dispatch, (d) => setDistribution(d, entries))}
          onReset={props.onResetDistribution}
          testId="distribution"
        />
      </section>

      <section className="card editors-card">
        <h2>责任编辑</h2>
        <NameListEditor
          names={issue.editors}
          onChange={(editors) => edit(dispatch, (d) => patchIssue(d, { editors }))}
          suggestions={props.profile?.defaultEditors ?? []}
          addLabel="添加责任编辑"
          placeholder="姓名"
          listId="issue-editors"
        />
      </section>
    </>
  );
}
