/**
 * The application menu, in Chinese. Roles give the native behaviour (and the macOS
 * conventions); labels are ours so the menu reads in Chinese whatever the OS language.
 */
import type { BrowserWindow, Dialog, MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './handlers/app-info.ts';

export interface MenuOptions {
  readonly isPackaged: boolean;
  readonly platform: string;
  readonly onAbout: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = {
    label: `关于${PRODUCT_NAME}`,
    click: options.onAbout,
  };

  const view: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload' },
    ...(options.isPackaged
      ? []
      : [
          { label: '强制重新加载', role: 'forceReload' } as const,
          { label: '开发者工具', role: 'toggleDevTools' } as const,
        ]),
    { type: 'separator' },
    { label: '实际大小', role: 'resetZoom' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];

  return [
    ...(isMac
      ? [
          {
            label: PRODUCT_NAME,
            submenu: [
              about,
              { type: 'separator' },
              { label: `隐藏${PRODUCT_NAME}`, role: 'hide' },
              { label: '隐藏其他', role: 'hideOthers' },
              { label: '全部显示', role: 'unhide' },
              { type: 'separator' },
              { label: `退出${PRODUCT_NAME}`, role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: '文件',
      submenu: [isMac ? { label: '关闭窗口', role: 'close' } : { label: '退出', role: 'quit' }],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '窗口',
      role: 'windowMenu',
      submenu: [
        { label: '最小化', role: 'minimize' },
        ...(isMac ? [{ label: '缩放', role: 'zoom' } as const] : []),
        { label: '关闭', role: 'close' },
      ],
    },
    { label: '帮助', role: 'help', submenu: [about] },
  ];
}

export async function showAboutDialog(
  dialog: Pick<Dialog, 'showMessageBox'>,
  window: BrowserWindow | null,
  version: string,
): Promise<void> {
  const options = {
    type: 'info' as const,
    title: `关于${PRODUCT_NAME}`,
    message: PRODUCT_NAME,
    detail: `版本 ${version}\n为村委会管理信用积分，离线可用，联网后与乡镇服务器同步。`,
    buttons: ['确定'],
    noLink: true,
  };
  if (window === null) await dialog.showMessageBox(options);
  else await dialog.showMessageBox(window, options);
}
