import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../electron/ipc/contract.js';

// An unmocked 'electron' import tries to download the binary: the menu's Electron calls are stubbed.
vi.mock('electron', () => {
  const Menu = {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  };
  return { Menu, default: { Menu } };
});

const { menuTemplate, installMenu } = await import('../../electron/menu.js');
const { Menu } = await import('electron');

type Item = MenuItemConstructorOptions;

function items(template: Item[]): Item[] {
  const all: Item[] = [];
  const walk = (list: Item[]) => {
    for (const item of list) {
      all.push(item);
      if (Array.isArray(item.submenu)) walk(item.submenu as Item[]);
    }
  };
  walk(template);
  return all;
}

function byLabel(template: Item[], label: string): Item {
  const found = items(template).filter((i) => i.label === label);
  expect(found, label).toHaveLength(1);
  return found[0]!;
}

describe('application menu', () => {
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    describe(platform, () => {
      const sent: MenuCommand[] = [];
      const template = menuTemplate(platform, (c) => sent.push(c));

      it('has the accelerators CmdOrCtrl+…', () => {
        const expected: [string, string, MenuCommand][] = [
          ['新建', 'CmdOrCtrl+N', 'new'],
          ['打开…', 'CmdOrCtrl+O', 'open'],
          ['保存', 'CmdOrCtrl+S', 'save'],
          ['另存为…', 'CmdOrCtrl+Shift+S', 'saveAs'],
          ['导出PDF…', 'CmdOrCtrl+E', 'exportPdf'],
          ['打印…', 'CmdOrCtrl+P', 'print'],
          ['撤销', 'CmdOrCtrl+Z', 'undo'],
          ['重做', 'CmdOrCtrl+Y', 'redo'],
          ['查找', 'CmdOrCtrl+F', 'find'],
          ['替换', 'CmdOrCtrl+H', 'replace'],
        ];
        for (const [label, accelerator, command] of expected) {
          const item = byLabel(template, label);
          expect(item.accelerator, label).toBe(accelerator);
          sent.length = 0;
          (item.click as () => void)();
          expect(sent, label).toEqual([command]);
        }
      });

      it('has the Chinese top-level menus 文件, 编辑, 视图, 帮助', () => {
        const labels = template.map((t) => t.label);
        expect(labels).toEqual(expect.arrayContaining(['文件', '编辑', '视图', '帮助']));
        if (platform === 'darwin') expect(labels[0]).toBe('简报编辑台');
        else expect(labels).toEqual(['文件', '编辑', '视图', '帮助']);
      });

      it('clipboard items use the native roles; 退出 and 关于 are there', () => {
        expect(byLabel(template, '剪切').role).toBe('cut');
        expect(byLabel(template, '复制').role).toBe('copy');
        expect(byLabel(template, '粘贴').role).toBe('paste');
        expect(byLabel(template, '全选').role).toBe('selectAll');
        const all = items(template);
        expect(all.some((i) => i.role === 'quit')).toBe(true);
        expect(all.some((i) => i.role === 'about')).toBe(true);
      });

      it('every menu command is reachable, and sent to the renderer as is', () => {
        sent.length = 0;
        for (const item of items(template)) if (typeof item.click === 'function') (item.click as () => void)();
        expect(new Set(sent)).toEqual(new Set(MENU_COMMANDS));
      });

      it('帮助 › 打开日志文件夹 sends openLogFolder', () => {
        const help = byLabel(template, '帮助');
        const item = (help.submenu as Item[]).find((i) => i.label === '打开日志文件夹');
        expect(item).toBeDefined();
        sent.length = 0;
        (item!.click as () => void)();
        expect(sent).toEqual(['openLogFolder']);
      });

      it('accelerators are unique', () => {
        const accelerators = items(template)
          .map((i) => i.accelerator)
          .filter(Boolean);
        expect(new Set(accelerators).size).toBe(accelerators.length);
      });
    });
  }

  it('installMenu builds the template and sets it as the application menu', () => {
    installMenu('linux', () => {});
    expect(Menu.buildFromTemplate).toHaveBeenCalledOnce();
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });
});
