import { useState } from 'react';
import { TOTAL_NUMBERING_NAMES, type Publication, type PublicationSource, type TotalNumbering } from '../../../core/model/publication.js';
import { TEMPLATES } from '../../../core/model/templates.js';
import type { SignerInfo } from '../../../services/library-types.js';
import { plainText } from '../doc.js';
import { Dialog, Field } from '../ui.js';

/**
 * 期刊设置 → 刊物: which publication (刊物) of the library the page edits, 添加刊物…, 删除刊物… (asked first; the
 * library refuses while the publication has issues or is the only one, and says so), and the publication's own
 * settings — its name in the library, 总期号 (its own series or none), and the signers who may sign it off.
 * The rest of the page (刊头, 版式与字体, 送发范围, 责任编辑) is that publication's profile.
 */
export function PublicationCard(props: {
  publications: readonly Publication[];
  current: Publication;
  /** The library's signers (with keys), to choose the allowed ones from. */
  signers: readonly SignerInfo[];
  /** Unsaved changes: choosing another publication or adding one waits for 保存设置. */
  dirty: boolean;
  onSelect: (id: string) => void;
  onChange: (patch: Partial<Omit<Publication, 'id' | 'profile'>> & { signers?: readonly string[] | undefined }) => void;
  onAdd: (request: { name: string; source: PublicationSource }) => Promise<boolean>;
  /** 删除刊物 (the one shown), after the question; resolves true when it was removed. */
  onRemove: (id: string) => Promise<boolean>;
}) {
  const { current, publications } = props;
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState(false);
  const only = publications.length <= 1;
  const usable = props.signers.filter((s) => !s.legacy).map((s) => s.name);
  const allowed = current.signers;
  const toggle = (name: string, on: boolean) => {
    const base = allowed ?? usable;
    const next = on ? [...base.filter((n) => n !== name), name] : base.filter((n) => n !== name);
    props.onChange({ signers: usable.filter((n) => next.includes(n)).concat(next.filter((n) => !usable.includes(n))) });
  };
  return (
    <section className="card" data-testid="publication-card">
      <h2>刊物</h2>
      <p className="card-actions">
        <button type="button" disabled={props.dirty} onClick={() => setAdding(true)}>
          添加刊物…
        </button>
        <button
          type="button"
          className="danger"
          disabled={props.dirty || only}
          title={only ? '本库只有这一种刊物，不能删除' : undefined}
          onClick={() => setRemoving(true)}
        >
          删除刊物…
        </button>
      </p>
      <div className="form-grid">
        <Field label="编辑的刊物" hint={props.dirty ? '请先保存或放弃当前更改，再换刊物' : `本库共 ${publications.length} 种刊物`}>
          <select aria-label="编辑的刊物" value={current.id} disabled={props.dirty} onChange={(e) => props.onSelect(e.target.value)}>
            {publications.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="刊物名称" hint="期刊库、新建和命令行（--publication）用这个名称区分刊物；不能与其他刊物重名">
          <input name="publicationName" value={current.name} onChange={(e) => props.onChange({ name: plainText(e.target.value) })} />
        </Field>
        <Field label="总期号">
          <select
            name="totalNumbering"
            value={current.totalNumbering}
            onChange={(e) => props.onChange({ totalNumbering: e.target.value as TotalNumbering })}
          >
            {(Object.keys(TOTAL_NUMBERING_NAMES) as TotalNumbering[]).map((k) => (
              <option key={k} value={k}>
                {TOTAL_NUMBERING_NAMES[k]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="allowed-signers" data-testid="allowed-signers">
        <span className="field-label">可签发本刊的签发人</span>
        <label className="checkbox">
          <input type="checkbox" name="allSigners" checked={allowed === undefined} onChange={(e) => props.onChange({ signers: e.target.checked ? undefined : [...usable] })} />
          本库所有签发人
        </label>
        {allowed !== undefined &&
          [...new Set([...usable, ...allowed])].map((name) => (
            <label key={name} className="checkbox">
              <input type="checkbox" aria-label={`允许${name}签发`} checked={allowed.includes(name)} onChange={(e) => toggle(name, e.target.checked)} />
              {name}
              {!usable.includes(name) && <span className="muted small">（已不是签发人）</span>}
            </label>
          ))}
      </div>
      {removing && (
        <Dialog
          title="删除刊物"
          testId="remove-publication"
          onClose={() => setRemoving(false)}
          actions={
            <>
              <button type="button" onClick={() => setRemoving(false)}>
                取消
              </button>
              <button
                type="button"
                className="primary danger"
                onClick={() => void props.onRemove(current.id).then(() => setRemoving(false))}
              >
                删除
              </button>
            </>
          }
        >
          <p>
            删除刊物“{current.name}”（刊名“{current.profile.name}”）？期刊库中还有该刊期刊时不能删除；回收站中该刊的期刊还原后归入第一种刊物。删除前的设置会备份在期刊库的
            backups 文件夹中。
          </p>
        </Dialog>
      )}
      {adding && (
        <AddPublicationDialog
          publications={publications}
          current={current}
          onClose={() => setAdding(false)}
          onAdd={async (request) => {
            if (await props.onAdd(request)) setAdding(false);
          }}
        />
      )}
    </section>
  );
}

/** 添加刊物: a name, and what the new publication starts from (a 增刊 of the one shown, by default). */
function AddPublicationDialog(props: {
  publications: readonly Publication[];
  current: Publication;
  onClose: () => void;
  onAdd: (request: { name: string; source: PublicationSource }) => void | Promise<void>;
}) {
  const [name, setName] = useState(`${props.current.name}增刊`);
  const [source, setSource] = useState(`supplement:${props.current.id}`);
  const taken = props.publications.some((p) => p.name === name.trim());
  const parsed = (): PublicationSource => {
    const [kind, value = ''] = source.split(':');
    return kind === 'template' ? { kind, templateId: value } : { kind: kind === 'copy' ? 'copy' : 'supplement', of: value };
  };
  return (
    <Dialog
      title="添加刊物"
      testId="add-publication"
      onClose={props.onClose}
      actions={
        <>
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={!name.trim() || taken} onClick={() => void props.onAdd({ name: name.trim(), source: parsed() })}>
            添加
          </button>
        </>
      }
    >
      <Field label="刊物名称" hint={taken ? '已有同名的刊物，请换一个名称' : undefined}>
        <input name="newPublicationName" value={name} onChange={(e) => setName(plainText(e.target.value))} />
      </Field>
      <Field label="从哪里开始">
        <select name="publicationSource" value={source} onChange={(e) => setSource(e.target.value)}>
          {props.publications.map((p) => (
            <option key={`s-${p.id}`} value={`supplement:${p.id}`}>
              《{p.name}》的增刊（刊名加“增刊”，自编期号，无总期号）
            </option>
          ))}
          {props.publications.map((p) => (
            <option key={`c-${p.id}`} value={`copy:${p.id}`}>
              复制《{p.name}》的设置
            </option>
          ))}
          {TEMPLATES.map((t) => (
            <option key={t.id} value={`template:${t.id}`}>
              模板：{t.name}
            </option>
          ))}
        </select>
      </Field>
    </Dialog>
  );
}
