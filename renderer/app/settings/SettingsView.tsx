import { useCallback, useEffect, useState } from 'react';
import type { FontChoice, FontRole, PublicationProfile } from '../../../core/model/profile.js';
import { FONT_ROLE_NAMES } from '../../../core/model/profile.js';
import { firstPublication, type Publication, type PublicationSource } from '../../../core/model/publication.js';
import type { SignerInfo } from '../../../services/library-types.js';
import { api } from '../api.js';
import { DistributionEditor, NameListEditor } from '../common/ListEditors.js';
import { plainText } from '../doc.js';
import { useNotices } from '../notices.js';
import { Dialog, Field } from '../ui.js';
import { PublicationCard } from './PublicationCard.js';
import { SignersCard } from './SignersCard.js';
import { MastheadArtCard } from './MastheadArtCard.js';

const ROLES: readonly FontRole[] = ['title', 'body', 'hei', 'kai', 'song'];
const CHOOSE_FILE = '__file__';

/**
 * 期刊设置: the library's publications (刊物, PublicationCard: which one is edited, 添加刊物…, its name, 总期号 and
 * allowed signers) and the chosen one's profile new issues start from — masthead texts, layout preset (and whether
 * the 版记 goes on an even page), a font per role (bundled, or a font file the office owns), the default 送 list and
 * 责任编辑 — and the signers (签发人).
 */
export function SettingsView(props: {
  onClose: () => void;
  /** A publication was deleted (its id): the library's filter forgets it. */
  onPublicationRemoved?: (id: string) => void;
}) {
  const notices = useNotices();
  const [publications, setPublications] = useState<readonly Publication[]>([]);
  const [publication, setPublication] = useState<Publication | null>(null);
  const [signers, setSigners] = useState<readonly SignerInfo[]>([]);
  const profile = publication?.profile ?? null;
  const [families, setFamilies] = useState<{ id: string; name: string; role: string }[]>([]);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);

  /** Reads the publications afresh and shows `select` (an id), else the one shown, else the first. */
  const load = useCallback(
    (select?: string) =>
      api
        .profileGet({})
        .then((r) => {
          const list = r.publications ?? [firstPublication(r.profile)];
          setPublications(list);
          setSigners(r.signers);
          setPublication((shown) => list.find((p) => p.id === (select ?? shown?.id)) ?? list[0]!);
        })
        .catch((e: unknown) => notices.fail('读取期刊设置失败', e)),
    [notices],
  );

  useEffect(() => {
    void load();
    api
      .fontsList({})
      .then((r) => setFamilies(r.families))
      .catch((e: unknown) => notices.fail('读取字体列表失败', e));
  }, [notices, load]);

  if (!profile || !publication) return <div className="settings loading">正在读取期刊设置…</div>;

  const change = (patch: Partial<PublicationProfile>) => {
    setPublication({ ...publication, profile: { ...profile, ...patch } });
    setDirty(true);
  };

  const changePublication = (patch: Partial<Omit<Publication, 'id' | 'profile'>> & { signers?: readonly string[] | undefined }) => {
    const { signers: allowed, ...rest } = patch;
    const next: Publication = { ...publication, ...rest };
    if ('signers' in patch) {
      const { signers: _old, ...without } = next;
      setPublication(allowed === undefined ? without : { ...without, signers: allowed });
    } else {
      setPublication(next);
    }
    setDirty(true);
  };

  const addPublication = async (request: { name: string; source: PublicationSource }): Promise<boolean> => {
    try {
      const { publication: made } = await api.publicationsAdd(request);
      await load(made.id);
      setDirty(false);
      notices.notify('info', `已添加刊物“${made.name}”；新建时可选择它`);
      return true;
    } catch (e) {
      notices.fail('添加刊物失败', e);
      return false;
    }
  };

  const removePublication = async (id: string): Promise<boolean> => {
    try {
      const { removed, trashed } = await api.publicationsRemove({ publication: id });
      const first = publications.find((p) => p.id !== id);
      await load(first?.id);
      setDirty(false);
      props.onPublicationRemoved?.(removed.id);
      const inTrash = trashed > 0 ? `；回收站中有该刊的 ${trashed} 期，还原后归入“${first?.name ?? ''}”` : '';
      notices.notify('info', `已删除刊物“${removed.name}”；删除前的设置已备份在期刊库的 backups 文件夹中${inTrash}`, { timeoutMs: 10_000 });
      return true;
    } catch (e) {
      notices.fail('删除刊物失败', e);
      return false;
    }
  };

  const setFont = async (role: FontRole, value: string) => {
    if (value === CHOOSE_FILE) {
      try {
        const chosen = await api.fontsChooseFile({});
        if ('canceled' in chosen) return;
        const choice: FontChoice = { kind: 'file', path: chosen.path };
        change({ fonts: { ...profile.fonts, [role]: choice } });
      } catch (e) {
        notices.fail('选择字体文件失败', e);
      }
      return;
    }
    if (value.startsWith('file:')) return;
    change({ fonts: { ...profile.fonts, [role]: { kind: 'bundled', family: value } as FontChoice } });
  };

  const save = async () => {
    setSaving(true);
    try {
      const cleaned: PublicationProfile = {
        ...profile,
        defaultDistribution: profile.defaultDistribution.filter((d) => d.text.trim() !== ''),
        defaultEditors: profile.defaultEditors.map((e) => e.trim()).filter(Boolean),
      };
      const saved: Publication = { ...publication, name: publication.name.trim(), profile: cleaned };
      await api.publicationsSave({ publication: saved });
      setPublication(saved);
      setPublications(publications.map((p) => (p.id === saved.id ? saved : p)));
      setDirty(false);
      notices.notify('info', '期刊设置已保存；新建的期刊将使用这些设置');
    } catch (e) {
      notices.fail('保存期刊设置失败', e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="settings" data-testid="settings">
      <div className="toolbar">
        <button type="button" onClick={() => (dirty ? setConfirmLeave(true) : props.onClose())}>
          ← 返回
        </button>
        <span className="toolbar-title">期刊设置</span>
        <span className="toolbar-fill" />
        {dirty && <span className="save-state unsaved">有未保存的更改</span>}
        <button type="button" className="primary" disabled={!dirty || saving} onClick={() => void save()}>
          {saving ? '保存中…' : '保存设置'}
        </button>
      </div>
      <div className="settings-body">
        <PublicationCard
          publications={publications}
          current={publication}
          signers={signers}
          dirty={dirty}
          onSelect={(id) => setPublication(publications.find((p) => p.id === id) ?? publication)}
          onChange={changePublication}
          onAdd={addPublication}
          onRemove={removePublication}
        />
        <section className="card">
          <h2>刊头</h2>
          <div className="form-grid">
            <Field label="刊名">
              <ProfileText field="name" profile={profile} change={change} />
            </Field>
            <Field label="拼音">
              <ProfileText field="pinyin" profile={profile} change={change} placeholder="如 LIANLUODONGTAI，可留空" upperCase />
            </Field>
            <Field label="编印单位" wide hint="印在刊头，后接“编”字">
              <ProfileText field="unit" profile={profile} change={change} />
            </Field>
            <Field label="批准文号">
              <ProfileText field="approvalNumber" profile={profile} change={change} placeholder="准印证号，可留空" />
            </Field>
            <Field label="联系方式">
              <ProfileText field="contact" profile={profile} change={change} placeholder="电话、电子邮箱" />
            </Field>
          </div>
        </section>

        <MastheadArtCard profile={profile} change={change} />

        <section className="card">
          <h2>版式与字体</h2>
          <div className="form-grid">
            <Field label="版式">
              <select
                name="preset"
                value={profile.preset}
                onChange={(e) => change({ preset: e.target.value as PublicationProfile['preset'] })}
              >
                <option value="standard">标准（三号字，每页 22 行 × 28 字）</option>
                <option value="compact">紧凑（四号字，每页 26 行 × 31 字）</option>
              </select>
            </Field>
            <Field label="页数">
              <span className="checkbox">
                <input
                  type="checkbox"
                  name="preferEvenPages"
                  checked={profile.preferEvenPages === true}
                  onChange={(e) => change({ preferEvenPages: e.target.checked })}
                />
                版记排在偶数页（页数为单时，版记前加一页空白页）
              </span>
            </Field>
            <Field label="正式版">
              <span className="checkbox">
                <input
                  type="checkbox"
                  name="finalPdfA"
                  checked={profile.finalPdfA !== false}
                  onChange={(e) => change({ finalPdfA: e.target.checked })}
                />
                签发时正式版存为 PDF/A-2u 归档格式（带标签结构，供档案移交和读屏软件）
              </span>
            </Field>
          </div>
          <table className="font-table">
            <tbody>
              {ROLES.map((role) => {
                const choice = profile.fonts[role];
                const value = choice.kind === 'bundled' ? choice.family : `file:${choice.path}`;
                const sorted = [...families].sort((a, b) => Number(b.role === role) - Number(a.role === role));
                return (
                  <tr key={role}>
                    <th>{FONT_ROLE_NAMES[role]}</th>
                    <td>
                      <select aria-label={`${FONT_ROLE_NAMES[role]}字体`} value={value} onChange={(e) => void setFont(role, e.target.value)}>
                        {choice.kind === 'file' && <option value={value}>字体文件：{fileName(choice.path)}</option>}
                        {choice.kind === 'bundled' && !families.some((f) => f.id === choice.family) && (
                          <option value={choice.family}>{choice.family}</option>
                        )}
                        {sorted.map((f) => (
                          <option key={f.id} value={f.id}>
                            {f.name}（内置）
                          </option>
                        ))}
                        <option value={CHOOSE_FILE}>选择字体文件…</option>
                      </select>
                      {choice.kind === 'file' && <div className="muted small path">{choice.path}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">字体文件中缺少的字会逐字改用内置字体。导出的 PDF 嵌入所用字体的子集。</p>
        </section>

        <section className="card">
          <h2>默认送发范围</h2>
          <DistributionEditor
            entries={profile.defaultDistribution}
            onChange={(defaultDistribution) => change({ defaultDistribution })}
            testId="default-distribution"
          />
        </section>

        <section className="card">
          <h2>责任编辑</h2>
          <NameListEditor
            names={profile.defaultEditors}
            onChange={(defaultEditors) => change({ defaultEditors })}
            addLabel="添加责任编辑"
            placeholder="姓名"
            listId="profile-editors"
          />
        </section>

        <SignersCard />
      </div>
      {confirmLeave && (
        <Dialog
          title="未保存的设置"
          onClose={() => setConfirmLeave(false)}
          actions={
            <>
              <button type="button" onClick={props.onClose}>
                不保存
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setConfirmLeave(false);
                  void save().then(props.onClose);
                }}
              >
                保存并返回
              </button>
            </>
          }
        >
          <p>期刊设置有未保存的更改。</p>
        </Dialog>
      )}
    </div>
  );
}

/** A text box for one of the masthead's plain-text fields of the profile (named as the field). */
function ProfileText(props: {
  field: 'name' | 'pinyin' | 'unit' | 'approvalNumber' | 'contact';
  profile: PublicationProfile;
  change: (patch: Partial<PublicationProfile>) => void;
  placeholder?: string;
  upperCase?: boolean;
}) {
  const { field } = props;
  return (
    <input
      name={field}
      value={props.profile[field]}
      placeholder={props.placeholder}
      onChange={(e) => {
        const text = plainText(e.target.value);
        props.change({ [field]: props.upperCase ? text.toUpperCase() : text });
      }}
    />
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
