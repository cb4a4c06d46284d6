import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { SIGNER_EVENT_NAMES } from '../../../core/model/status.js';
import type { AuthorityInfo, SignerInfo } from '../../../services/library-types.js';
import type { SignerEvent } from '../../../services/signing-types.js';
import { api } from '../api.js';
import { dateTime, plainText } from '../doc.js';
import { useNotices } from '../notices.js';
import { Dialog, Field } from '../ui.js';

/** The minimum lengths the signing service enforces (services/signers.ts), checked here to help the typing. */
const MIN_PIN = 6;
const MIN_PASSPHRASE = 8;

/** "ab12…" → "AB:12:…", as certificate viewers show a fingerprint. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

type Action =
  | { kind: 'authority' }
  | { kind: 'add' }
  | { kind: 'rekey'; name: string }
  | { kind: 'pin'; name: string }
  | { kind: 'remove'; name: string };

/**
 * 期刊设置 → 签发人: the office's signing authority (建立签发机构, once, with a 管理口令), each signer with the
 * fingerprint of their certificate (for recipients to compare), and the acts on signers: 添加签发人 and
 * 重新生成密钥 (管理口令 and the signer's new PIN), 修改 PIN (the old PIN), 删除 (管理口令).
 */
export function SignersCard() {
  const notices = useNotices();
  const [signers, setSigners] = useState<readonly SignerInfo[]>([]);
  const [authority, setAuthority] = useState<AuthorityInfo | undefined>();
  const [events, setEvents] = useState<readonly SignerEvent[]>([]);
  const [action, setAction] = useState<Action | null>(null);

  const reload = useCallback(() => {
    api
      .profileGet({})
      .then((r) => {
        setSigners(r.signers);
        setAuthority(r.authority);
        setEvents(r.signerEvents ?? []);
      })
      .catch((e: unknown) => notices.fail('读取签发人失败', e));
  }, [notices]);
  useEffect(reload, [reload]);

  const done = (message: string) => {
    setAction(null);
    notices.notify('info', message);
    reload();
  };

  return (
    <section className="card" data-testid="signers-card">
      <h2>签发人</h2>
      {authority ? (
        <p className="authority" data-testid="authority">
          签发机构：<strong>{authority.commonName}</strong>
          <span className="muted small fingerprint"> 证书指纹（SHA-256）{formatFingerprint(authority.fingerprint)}</span>
        </p>
      ) : (
        <p className="muted">
          本库尚未建立签发机构。签发机构为每位签发人颁发数字证书；建立时设置管理口令，以后添加、删除签发人都需要它。
        </p>
      )}
      {signers.length === 0 ? (
        authority && <p className="muted">尚未设置签发人。签发前须先添加签发人及其 PIN 码。</p>
      ) : (
        <ul className="signer-list" data-testid="signer-list">
          {signers.map((s) => (
            <li key={s.name} data-signer={s.name}>
              <strong>{s.name}</strong>
              {s.legacy ? (
                <span className="field-error"> 旧版设置（无密钥和证书），须重新添加后才能签发</span>
              ) : (
                <>
                  <div className="muted small fingerprint" data-testid="signer-fingerprint">
                    证书指纹（SHA-256）{s.fingerprint ? formatFingerprint(s.fingerprint) : '（证书已损坏）'}
                  </div>
                  <div className="muted small">
                    {s.expired ? <span className="field-error">证书已过期，须重新生成密钥</span> : s.notAfter && `证书有效期至 ${dateTime(s.notAfter)}`}
                    {s.lockedUntil && <span className="field-error"> PIN 连续错误，锁定至 {dateTime(s.lockedUntil)}</span>}
                  </div>
                </>
              )}
              <div className="signer-actions">
                {!s.legacy && (
                  <button type="button" className="link" onClick={() => setAction({ kind: 'pin', name: s.name })}>
                    修改 PIN…
                  </button>
                )}
                <button type="button" className="link" disabled={!authority} onClick={() => setAction({ kind: 'rekey', name: s.name })}>
                  {s.legacy ? '重新添加…' : '重新生成密钥…'}
                </button>
                <button type="button" className="link" disabled={!authority} onClick={() => setAction({ kind: 'remove', name: s.name })}>
                  删除…
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {authority ? (
        <button type="button" onClick={() => setAction({ kind: 'add' })}>
          添加签发人
        </button>
      ) : (
        <button type="button" onClick={() => setAction({ kind: 'authority' })}>
          建立签发机构
        </button>
      )}
      <p className="muted small">签发人的私钥以其 PIN 加密保存，PIN 本身不保存。忘记 PIN 时由管理员重新生成密钥，以往的签发仍可验证。</p>
      {events.length > 0 && (
        <>
          <h3 className="history-title">签发人记录</h3>
          <ol className="history" data-testid="signer-events">
            {[...events].reverse().slice(0, 20).map((e, i) => (
              <li key={i}>
                <span className="history-time">{dateTime(e.at)}</span>
                <span className="history-action">{SIGNER_EVENT_NAMES[e.action] ?? e.action}</span>
                {e.signer && <span className="history-by">{e.signer}</span>}
                {e.by && <span className="muted small">（{e.by}）</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      {action && <SignerDialog action={action} onClose={() => setAction(null)} onDone={done} />}
    </section>
  );
}

/** The one dialog of every signer act; its fields depend on the act. */
function SignerDialog(props: { action: Action; onClose: () => void; onDone: (message: string) => void }) {
  const { action } = props;
  const [name, setName] = useState('name' in action ? action.name : '');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [oldPin, setOldPin] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const needsName = action.kind === 'add';
  const needsNewPin = action.kind === 'add' || action.kind === 'rekey' || action.kind === 'pin';
  const needsPassphrase = action.kind !== 'pin';
  const newPassphrase = action.kind === 'authority';
  const problem =
    needsName && name.trim() === ''
      ? '请填写姓名'
      : action.kind === 'pin' && !oldPin
        ? '请输入原 PIN 码'
        : newPassphrase && [...passphrase].length < MIN_PASSPHRASE
          ? `管理口令至少 ${MIN_PASSPHRASE} 位`
          : newPassphrase && passphrase !== again
            ? '两次输入的管理口令不一致'
            : needsNewPin && [...pin].length < MIN_PIN
              ? `PIN 码至少 ${MIN_PIN} 位`
              : needsNewPin && pin !== again
                ? '两次输入的 PIN 码不一致'
                : needsPassphrase && !newPassphrase && !passphrase
                  ? '请输入管理口令'
                  : null;

  const run = async () => {
    if (problem) return;
    setBusy(true);
    setRefusal(null);
    try {
      switch (action.kind) {
        case 'authority':
          await api.approvalCreateAuthority({ passphrase });
          props.onDone('已建立签发机构；请妥善保管管理口令');
          break;
        case 'add':
        case 'rekey':
          await api.approvalAddSigner({ name: name.trim(), pin, adminPassphrase: passphrase, replace: action.kind === 'rekey' });
          props.onDone(action.kind === 'add' ? `已添加签发人：${name.trim()}` : `已为${name}重新生成密钥和证书`);
          break;
        case 'pin':
          await api.approvalChangePin({ name, oldPin, newPin: pin });
          props.onDone(`已修改${name}的 PIN`);
          break;
        case 'remove':
          await api.approvalRemoveSigner({ name, adminPassphrase: passphrase });
          props.onDone(`已删除签发人：${name}`);
          break;
      }
    } catch (e) {
      setRefusal(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const titles: Record<Action['kind'], string> = {
    authority: '建立签发机构',
    add: '添加签发人',
    rekey: `为${name}重新生成密钥`,
    pin: `修改${name}的 PIN`,
    remove: `删除签发人${name}`,
  };
  const buttons: Record<Action['kind'], string> = { authority: '建立', add: '添加', rekey: '重新生成', pin: '修改', remove: '删除' };
  const secret = (label: string, value: string, set: (v: string) => void, field: string): ReactNode => (
    <Field label={label}>
      <input name={field} type="password" autoComplete="new-password" value={value} onChange={(e) => set(e.target.value)} />
    </Field>
  );
  const touched = !!(name && needsName) || !!(pin || again || oldPin || passphrase);
  return (
    <Dialog
      title={titles[action.kind]}
      onClose={props.onClose}
      testId={action.kind === 'add' ? 'add-signer' : `signer-${action.kind}`}
      actions={
        <>
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={!!problem || busy} onClick={() => void run()}>
            {busy ? '请稍候…' : buttons[action.kind]}
          </button>
        </>
      }
    >
      <div className="form-stack">
        {action.kind === 'rekey' && <p className="small">用于签发人忘记 PIN 或证书过期：生成新的密钥和证书，旧证书保留在本库，以往的签发仍可验证。</p>}
        {action.kind === 'remove' && <p className="small">删除后此人不能再签发；其证书保留在本库，以往的签发仍可验证。</p>}
        {needsName && (
          <Field label="姓名">
            <input name="signer-name" value={name} onChange={(e) => setName(plainText(e.target.value))} />
          </Field>
        )}
        {action.kind === 'pin' && secret('原 PIN 码', oldPin, setOldPin, 'signer-old-pin')}
        {needsNewPin && secret(action.kind === 'pin' ? '新 PIN 码' : 'PIN 码', pin, setPin, 'signer-pin')}
        {needsNewPin && secret(action.kind === 'pin' ? '再次输入新 PIN 码' : '再次输入 PIN 码', again, setAgain, 'signer-pin-again')}
        {needsPassphrase && secret(newPassphrase ? '设置管理口令' : '管理口令', passphrase, setPassphrase, 'admin-passphrase')}
        {newPassphrase && secret('再次输入管理口令', again, setAgain, 'admin-passphrase-again')}
        {problem && touched && <div className="field-error">{problem}</div>}
        {refusal && (
          <div className="field-error" data-testid="signer-refusal">
            {refusal}
          </div>
        )}
      </div>
    </Dialog>
  );
}
