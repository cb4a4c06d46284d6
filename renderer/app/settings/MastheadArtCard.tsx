import { useEffect, useRef, useState } from 'react';
import { loadEmbeddedArt } from '../../../core/masthead-art/load.js';
import type { PublicationProfile } from '../../../core/model/profile.js';
import { cmykCss } from '../../../core/render/cmyk-rgb.js';
import { previewPath } from '../../../core/render/preview-path.js';
import { mastheadArtBox, placeMastheadArt } from '../../../core/typeset/masthead-art.js';
import { presetByName } from '../../../core/typeset/preset.js';
import type { ArtworkItem } from '../../../core/typeset/page-layout.js';
import { api } from '../api.js';
import { paintOutline } from '../preview/draw-layout.js';
import { useNotices } from '../notices.js';

/**
 * 期刊设置 › 刊名图 (issue 12): choose an SVG (or vector PDF, or 600 dpi PNG) picture of the 刊名 — the services read and check it
 * and hand it back embedded — pick its colours (the masthead red, or its own), and see it live at the masthead's
 * size, drawn from the same placed outlines the PDF writes (core/typeset/masthead-art.ts). A refused file leaves
 * the profile as it was and says why.
 */
export function MastheadArtCard(props: { profile: PublicationProfile; change: (patch: Partial<PublicationProfile>) => void }) {
  const { profile, change } = props;
  const notices = useNotices();
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const choose = async () => {
    setBusy(true);
    try {
      const chosen = await api.mastheadChooseArt({});
      if ('canceled' in chosen) return;
      if (!chosen.ok) {
        setRefusal(chosen.reason);
        notices.notify('error', `刊名图未采用：${chosen.reason}`);
        return;
      }
      setRefusal(undefined);
      change({ mastheadArt: chosen.spec });
    } catch (e) {
      notices.fail('选择刊名图失败', e);
    } finally {
      setBusy(false);
    }
  };

  const art = profile.mastheadArt;
  return (
    <section className="card" data-testid="masthead-art">
      <h2>刊名图</h2>
      <p className="muted small">
        用书法刊名等图片代替排印的刊名：推荐 SVG 矢量图（按矢量路径印出，不会模糊），也可用矢量 PDF（文字须转曲）或 600 dpi 以上的 PNG（灰度或彩色）。
        PDF 中仍保留刊名文字（不可见），可搜索、复制。
      </p>
      <div className="form-grid">
        <span className="field">
          <span className="field-label">图片</span>
          <span>
            <button type="button" disabled={busy} onClick={() => void choose()}>
              {art ? '更换刊名图…' : '选择刊名图…'}
            </button>{' '}
            {art && (
              <button type="button" onClick={() => change({ mastheadArt: undefined })}>
                移除（改用排印刊名）
              </button>
            )}
            {art && <span className="muted small" data-testid="masthead-art-name"> {art.kind === 'embedded' ? (art.name ?? '内嵌图片') : art.path}</span>}
          </span>
        </span>
        <label className="field">
          <span className="field-label">颜色</span>
          <select
            name="mastheadArtColour"
            value={profile.mastheadArtColour ?? 'red'}
            onChange={(e) => change({ mastheadArtColour: e.target.value as 'red' | 'own' })}
          >
            <option value="red">刊头红色（CMYK 0 100 100 0）</option>
            <option value="own">图片原有颜色</option>
          </select>
        </label>
      </div>
      {refusal && (
        <p className="error small" role="alert" data-testid="masthead-art-error">
          刊名图未采用：{refusal}（仍使用排印的刊名）
        </p>
      )}
      <MastheadArtPreview profile={profile} />
    </section>
  );
}

/** The masthead's 刊名 box drawn as it will print: the picture's outlines, or the typeset 刊名 when there is none. */
function MastheadArtPreview(props: { profile: PublicationProfile }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { profile } = props;
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const preset = presetByName(profile.preset);
    const box = mastheadArtBox(preset);
    const scale = 1.5;
    el.width = Math.round(box.width * scale);
    el.height = Math.round(box.height * scale);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, el.width, el.height);
    let item: ArtworkItem | undefined;
    let why: string | undefined;
    const spec = profile.mastheadArt;
    if (spec?.kind === 'embedded') {
      const loaded = loadEmbeddedArt(spec);
      const placed = loaded.ok ? placeMastheadArt(loaded.art, { preset, colour: profile.mastheadArtColour ?? 'red', alt: profile.name }) : undefined;
      if (placed?.ok) item = placed.item;
      else why = loaded.ok ? (placed && !placed.ok ? placed.reason : undefined) : loaded.reason;
    } else if (spec) {
      why = '刊名图以文件路径保存，预览在排版预览中显示';
    }
    setProblem(why);
    ctx.setTransform(scale, 0, 0, scale, -box.x * scale, -box.y * scale);
    if (item?.kind === 'vector') {
      for (const p of item.paths) paintOutline(ctx, previewPath(p));
    } else if (item?.kind === 'image') {
      const image = new Image();
      const { x, y, width, height } = item;
      const url = URL.createObjectURL(new Blob([item.png as BlobPart], { type: 'image/png' }));
      const tint = item.tint;
      image.onload = () => {
        ctx.drawImage(image, x, y, width, height);
        // A grey picture prints in its tint (as draw-layout.ts drawArtImage): white stays paper, black the tint.
        if (tint) {
          ctx.save();
          ctx.globalCompositeOperation = 'screen';
          ctx.fillStyle = cmykCss(tint);
          ctx.fillRect(x, y, width, height);
          ctx.restore();
        }
        URL.revokeObjectURL(url);
      };
      image.src = url;
    } else {
      ctx.fillStyle = cmykCss([0, 100, 100, 0]);
      ctx.font = `${preset.mastheadTitleSize}px serif`;
      ctx.textAlign = 'center';
      ctx.fillText(profile.name, box.x + box.width / 2, box.y + 0.92 * preset.mastheadTitleSize);
    }
  }, [profile.mastheadArt, profile.mastheadArtColour, profile.preset, profile.name]);
  return (
    <div className="masthead-art-preview">
      <canvas ref={canvas} data-testid="masthead-art-preview" data-art={profile.mastheadArt ? 'picture' : 'typeset'} style={{ maxWidth: '100%', border: '1px solid #ddd' }} />
      {problem && <p className="muted small">{problem}</p>}
    </div>
  );
}
