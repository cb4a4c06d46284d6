import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { writeFileAtomic } from '../services/atomic-file.js';

/**
 * The main window's size and position, remembered in a small JSON file in userData (written atomically).
 * A saved position is used only when the window would be visible on one of the current displays (a monitor
 * may have been unplugged since); otherwise only the size is kept and the system places the window.
 */
export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 860, maximized: false };
export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;
/** How much of the window's top band must lie on a display for the position to be restored. */
const VISIBLE_WIDTH = 200;
const VISIBLE_HEIGHT = 40;

/** The saved state, or undefined when there is none or it is not one (never throws). */
export function readWindowState(file: string): WindowState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;
  if (!int(r.width) || !int(r.height)) return undefined;
  const state: WindowState = {
    width: Math.max(MIN_WIDTH, r.width as number),
    height: Math.max(MIN_HEIGHT, r.height as number),
    maximized: r.maximized === true,
    ...(int(r.x) && int(r.y) ? { x: r.x as number, y: r.y as number } : {}),
  };
  return state;
}

/**
 * What to open the window with, given the saved state and the displays' work areas: the saved position only
 * if the window's top band (where the title bar is) overlaps a display enough to be grabbed; the size clamped
 * to the largest display.
 */
export function restorableState(saved: WindowState | undefined, workAreas: readonly Rectangle[]): WindowState {
  if (!saved) return DEFAULT_WINDOW_STATE;
  const maxW = Math.max(MIN_WIDTH, ...workAreas.map((a) => a.width));
  const maxH = Math.max(MIN_HEIGHT, ...workAreas.map((a) => a.height));
  const size = { width: Math.min(saved.width, maxW), height: Math.min(saved.height, maxH), maximized: saved.maximized };
  if (saved.x === undefined || saved.y === undefined) return size;
  const band = { x: saved.x, y: saved.y, width: size.width, height: VISIBLE_HEIGHT };
  const visible = workAreas.some((a) => {
    const w = Math.min(band.x + band.width, a.x + a.width) - Math.max(band.x, a.x);
    const h = Math.min(band.y + band.height, a.y + a.height) - Math.max(band.y, a.y);
    return w >= Math.min(VISIBLE_WIDTH, band.width) && h >= VISIBLE_HEIGHT;
  });
  return visible ? { ...size, x: saved.x, y: saved.y } : size;
}

export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** Saves the window's state when it is moved or resized (debounced) and when it closes. */
export function trackWindowState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed() || win.isMinimized()) return;
    const bounds = win.isMaximized() || win.isFullScreen() ? win.getNormalBounds() : win.getBounds();
    try {
      writeWindowState(file, { ...bounds, maximized: win.isMaximized() });
    } catch {
      // Not being able to remember the window's place is no reason to bother the user.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
