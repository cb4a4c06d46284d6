/**
 * The vocabulary of an issue's life in the library, in one place for the library, the command line and the
 * UI: its status (草稿 → 送审 → 已签发 → 已印发) and the actions its history records, with the Chinese names
 * users see.
 */

/** 草稿 → 送审 → 已签发 → 已印发. */
export type IssueStatus = 'draft' | 'submitted' | 'approved' | 'printed';

/** Chinese names of the statuses. */
export const STATUS_NAMES: Readonly<Record<IssueStatus, string>> = {
  draft: '草稿',
  submitted: '送审',
  approved: '已签发',
  printed: '已印发',
};

/** What a line of an issue's history records. */
export type HistoryAction =
  | 'created'
  | 'imported'
  | 'duplicated'
  | 'submitted'
  | 'approved'
  | 'voided'
  | 'exported'
  | 'printed'
  | 'restored'
  | 'migrated'
  | 'locked'
  | 'withdrawn'
  | 'revised';

/** Chinese names of history actions, as the app and the command line show them. */
export const HISTORY_NAMES: Readonly<Record<HistoryAction, string>> = {
  created: '新建',
  imported: '导入',
  duplicated: '复制',
  submitted: '送审',
  approved: '签发',
  voided: '签发作废',
  exported: '导出',
  printed: '印发',
  restored: '还原',
  migrated: '升级文件格式',
  locked: '签发人锁定',
  withdrawn: '撤回签发',
  revised: '修订',
};

/** Whether an issue in this status is a record: signed (已签发) or printed (已印发), read-only in the editor. */
export function isRecordStatus(status: IssueStatus): boolean {
  return status === 'approved' || status === 'printed';
}

/** What a line of the signers' log records (services/signing-types.ts). */
export type SignerEventAction = 'authority' | 'added' | 'rekeyed' | 'removed' | 'pin-changed' | 'locked';

/** Chinese names of signer events, as the app and the command line show them. */
export const SIGNER_EVENT_NAMES: Readonly<Record<SignerEventAction, string>> = {
  authority: '建立签发机构',
  added: '添加签发人',
  rekeyed: '重新生成密钥',
  removed: '删除签发人',
  'pin-changed': '修改 PIN',
  locked: 'PIN 错误锁定',
};
