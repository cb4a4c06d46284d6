import { useEffect, useState, type RefObject } from 'react';
import { pageWidth, ZOOM_PERCENTS, type Zoom } from './preview-zoom.js';

/**
 * 缩放 for the preview (适合宽度, 整页, 50 %–200 %): sets the width of the preview's pages on `panelRef` (the CSS
 * variable --preview-page-width, read by the preview's stylesheet); pages are drawn at that width from the next
 * typesetting on.
 */
export function PreviewZoom(props: { panelRef: RefObject<HTMLElement | null> }) {
  const [zoom, setZoom] = useState<Zoom>('width');
  useEffect(() => {
    const panel = props.panelRef.current;
    if (!panel) return;
    const apply = () => {
      const scroller = panel.querySelector<HTMLElement>('.preview-scroll');
      const area = { width: (scroller?.clientWidth ?? 480) - 40, height: (scroller?.clientHeight ?? 640) - 32 };
      const width = pageWidth(zoom, area);
      if (width === undefined) panel.style.removeProperty('--preview-page-width');
      else panel.style.setProperty('--preview-page-width', `${width}px`);
      panel.dataset.zoom = String(zoom);
    };
    apply();
    window.addEventListener('resize', apply);
    return () => window.removeEventListener('resize', apply);
  }, [zoom, props.panelRef]);
  return (
    <label className="preview-zoom">
      缩放
      <select aria-label="缩放" value={String(zoom)} onChange={(e) => setZoom(e.target.value === 'width' || e.target.value === 'page' ? e.target.value : Number(e.target.value))}>
        <option value="width">适合宽度</option>
        <option value="page">整页</option>
        {ZOOM_PERCENTS.map((p) => (
          <option key={p} value={String(p)}>
            {p}%
          </option>
        ))}
      </select>
    </label>
  );
}
