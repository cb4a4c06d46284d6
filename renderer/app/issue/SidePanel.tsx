import { useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Problem } from '../../../core/check/problem.js';
import type { BulletinDocument } from '../../../core/model/document.js';
import { CheckPanel } from '../check/CheckPanel.js';
import { PreviewPane, type PreviewInfo } from '../preview/PreviewPane.js';
import { PreviewZoom } from '../preview/PreviewZoom.js';

export type Tab = 'preview' | 'check' | 'approval';

/** The side column: tabs for 预览, 校对 (with the count of problems) and 签发与印发 (given as `approval`). */
export function SidePanel(props: {
  tab: Tab;
  onTab: (tab: Tab) => void;
  doc: BulletinDocument;
  signed: boolean;
  onJump: (problem: Problem) => void;
  /** Each 校对 result, with the document it is of (the text's wavy underlines). */
  onProblems?: (doc: BulletinDocument, problems: readonly Problem[]) => void;
  /** Each preview drawn: its page count (the status bar, the print plan). */
  onPreviewInfo?: (info: PreviewInfo) => void;
  approval: ReactNode;
  /** The preview's panel (text ↔ preview sync listens to its clicks). */
  previewRef?: RefObject<HTMLDivElement | null>;
}) {
  const { tab, onTab } = props;
  const ownRef = useRef<HTMLDivElement>(null);
  const previewRef = props.previewRef ?? ownRef;
  const [checkCount, setCheckCount] = useState<{ errors: number; warnings: number } | null>(null);
  return (
    <div className="side-column">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'preview'} className={tab === 'preview' ? 'active' : ''} onClick={() => onTab('preview')}>
          预览
        </button>
        <button type="button" role="tab" aria-selected={tab === 'check'} className={tab === 'check' ? 'active' : ''} onClick={() => onTab('check')}>
          校对
          {checkCount && checkCount.errors + checkCount.warnings > 0 && (
            <span className={`badge ${checkCount.errors > 0 ? 'badge-error' : ''}`}>{checkCount.errors + checkCount.warnings}</span>
          )}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'approval'} className={tab === 'approval' ? 'active' : ''} onClick={() => onTab('approval')}>
          签发与印发
        </button>
      </div>
      <div className={`tab-panel ${tab === 'preview' ? '' : 'hidden'}`} ref={previewRef}>
        <PreviewZoom panelRef={previewRef} />
        <PreviewPane doc={props.doc} draft={!props.signed} {...(props.onPreviewInfo ? { onInfo: props.onPreviewInfo } : {})} />
      </div>
      <div className={`tab-panel ${tab === 'check' ? '' : 'hidden'}`}>
        <CheckPanel doc={props.doc} onJump={props.onJump} onCount={setCheckCount} {...(props.onProblems ? { onProblems: props.onProblems } : {})} />
      </div>
      <div className={`tab-panel ${tab === 'approval' ? '' : 'hidden'}`}>{props.approval}</div>
    </div>
  );
}
