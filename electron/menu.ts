import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './ipc/contract.js';

/**
 * The Chinese application menu. `menuTemplate` is pure (tests check it); commands the editor handles itself
 * (新建, 打开, 保存, 撤销, 查找…) are sent to the renderer as 'menu:command' through `send`; clipboard items use
 * Electron's roles so they work in every text field.
 *
 * 撤销/重做 are commands, not the native roles, because the editor keeps its own history (ProseMirror): the
 * accelerator reaches the menu first, and the renderer decides what to undo.
 */
export function menuTemplate(platform: NodeJS.Platform | string, send: (command: MenuCommand) => void = () => {}): MenuItemConstructorOptions[] {
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  });
  const mac = platform === 'darwin';

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: '简报编辑台',
          submenu: [
            { role: 'about', label: '关于简报编辑台' },
            { type: 'separator' },
            command('设置…', 'settings', 'CmdOrCtrl+,'),
            { type: 'separator' },
            { role: 'hide', label: '隐藏简报编辑台' },
            { role: 'hideOthers', label: '隐藏其他' },
            { role: 'unhide', label: '全部显示' },
            { type: 'separator' },
            { role: 'quit', label: '退出简报编辑台' },
          ],
        },
      ]
    : [];

  return [
    ...appMenu,
    {
      label: '文件',
      submenu: [
        command('新建', 'new', 'CmdOrCtrl+N'),
        command('打开…', 'open', 'CmdOrCtrl+O'),
        { type: 'separator' },
        command('保存', 'save', 'CmdOrCtrl+S'),
        command('另存为…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        command('导入 Word 文件…', 'importWord'),
        command('插入 Word 文件为文章…', 'insertWordArticle'),
        { type: 'separator' },
        command('导出PDF…', 'exportPdf', 'CmdOrCtrl+E'),
        command('导出OFD…', 'exportOfd', 'CmdOrCtrl+Shift+E'),
        command('导出 Word…', 'exportWord'),
        command('打印…', 'print', 'CmdOrCtrl+P'),
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: '退出' } as const]),
      ],
    },
    {
      label: '编辑',
      submenu: [
        command('撤销', 'undo', 'CmdOrCtrl+Z'),
        command('重做', 'redo', 'CmdOrCtrl+Y'),
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
        { type: 'separator' },
        command('查找', 'find', 'CmdOrCtrl+F'),
        command('替换', 'replace', 'CmdOrCtrl+H'),
      ],
    },
    {
      label: '视图',
      submenu: [command('期刊库', 'library'), ...(mac ? [] : [command('设置', 'settings')])],
    },
    {
      label: '帮助',
      role: 'help',
      submenu: [command('打开日志文件夹', 'openLogFolder'), { type: 'separator' }, { role: 'about', label: '关于' }],
    },
  ];
}

/** Builds and sets the application menu. */
export function installMenu(platform: NodeJS.Platform, send: (command: MenuCommand) => void): Menu {
  const menu = Menu.buildFromTemplate(menuTemplate(platform, send));
  Menu.setApplicationMenu(menu);
  return menu;
}
