import { useEffect, useState } from 'react';
import type { BulletinDocument } from '../../../core/model/document.js';
import type { PublicationProfile } from '../../../core/model/profile.js';
import { api } from '../api.js';
import { setDistribution, setPublication } from '../doc.js';
import { useNotices } from '../notices.js';
import { edit, type Dispatch } from './issueModel.js';

/**
 * The publication profile (期刊设置) as the issue uses it — its publication's (the meta's id; the library's first
 * when none) — read once for suggestions, and read afresh to update the masthead (刊头, 版式, 字体) or reset the
 * 送 list from it.
 */
export function useProfile(dispatch: Dispatch, publication?: string) {
  const notices = useNotices();
  const [profile, setProfile] = useState<PublicationProfile | null>(null);

  useEffect(() => {
    api
      .profileGet(publication ? { publication } : {})
      .then((r) => setProfile(r.profile))
      .catch(() => undefined);
  }, [publication]);

  /** Reads the profile afresh and applies `change` with it to the document. */
  const applyProfile = async (change: (doc: BulletinDocument, profile: PublicationProfile) => BulletinDocument, done?: string) => {
    try {
      const r = await api.profileGet(publication ? { publication } : {});
      setProfile(r.profile);
      edit(dispatch, (d) => change(d, r.profile));
      if (done) notices.notify('info', done);
    } catch (e) {
      notices.fail('读取期刊设置失败', e);
    }
  };

  const updateMastheadFromProfile = () => applyProfile(setPublication, '已按期刊设置更新刊头、版式和字体');
  const resetDistribution = () => applyProfile((d, p) => setDistribution(d, p.defaultDistribution));

  return { profile, updateMastheadFromProfile, resetDistribution };
}
