import type { BulletinDocument } from '../../../core/model/document.js';
import type { Issue } from '../../../core/model/issue.js';
import { DateInput } from '../common/DateInput.js';
import { patchIssue } from '../doc.js';
import { Field, NumberInput } from '../ui.js';
import { edit, type Dispatch } from './issueModel.js';

type NumberKey = 'year' | 'number' | 'totalNumber';

/** One of the issue's numbers: `{before}[input]{after}`; an emptied box clears the number only when `allowEmpty`. */
function IssueNumberField(props: {
  label: string;
  name: NumberKey;
  className: string;
  issue: Issue;
  dispatch: Dispatch;
  min: number;
  max?: number;
  allowEmpty?: boolean;
  before?: string;
  after: string;
  /** Marks the field for jumping to its problems (校对). */
  marked?: boolean;
}) {
  const { name, dispatch } = props;
  return (
    <Field label={props.label}>
      <span className="affix" data-field={props.marked ? name : undefined}>
        {props.before}
        <NumberInput
          className={props.className}
          name={name}
          ariaLabel={props.label}
          value={props.issue[name]}
          min={props.min}
          max={props.max}
          allowEmpty={props.allowEmpty}
          onChange={(n) => (props.allowEmpty || n !== undefined) && edit(dispatch, (d) => patchIssue(d, { [name]: n }))}
        />
        {props.after}
      </span>
    </Field>
  );
}

/** The masthead card: the publication (from 期刊设置), year, numbers and date, and numbering warnings. */
export function MastheadCard(props: {
  doc: BulletinDocument;
  dispatch: Dispatch;
  warnings: readonly string[];
  onUpdateFromProfile: () => void;
}) {
  const { doc, dispatch, warnings } = props;
  const issue = doc.issue;
  return (
    <section className="card masthead-card">
      <div className="masthead-head">
        <div>
          <div className="masthead-name">{doc.publication.name}</div>
          <div className="muted small">{doc.publication.unit}编</div>
        </div>
        <button type="button" className="link" onClick={props.onUpdateFromProfile}>
          从期刊设置更新刊头
        </button>
      </div>
      <div className="form-row masthead-fields">
        <IssueNumberField label="年度" name="year" className="num-4" issue={issue} dispatch={dispatch} min={1900} max={2999} after="年" />
        <IssueNumberField label="期号" name="number" className="num-3" issue={issue} dispatch={dispatch} min={1} before="第" after="期" marked />
        <IssueNumberField
          label="总期号"
          name="totalNumber"
          className="num-4"
          issue={issue}
          dispatch={dispatch}
          min={1}
          allowEmpty
          before="总第"
          after="期"
          marked
        />
        <Field label="日期">
          <DateInput
            name="date"
            field="date"
            ariaLabel="日期"
            value={issue.date}
            onChange={(date) => edit(dispatch, (d) => patchIssue(d, { date }))}
          />
        </Field>
      </div>
      {warnings.length > 0 && (
        <ul className="warnings" data-testid="numbering-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
