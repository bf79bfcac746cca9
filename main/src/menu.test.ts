import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, showAboutDialog } from './menu.ts';

function labels(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label === undefined ? [] : [item.label]),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role === undefined ? [] : [item.role]),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  it('has the Chinese top-level menus on Windows and Linux', () => {
    const template = buildMenuTemplate({ isPackaged: true, platform: 'win32', onAbout: vi.fn() });
    expect(template.map((item) => item.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(labels(template)).toEqual(
      expect.arrayContaining([
        '退出',
        '撤销',
        '重做',
        '剪切',
        '复制',
        '粘贴',
        '全选',
        '重新加载',
        '实际大小',
        '放大',
        '缩小',
        '全屏',
        '关于乡村信用积分',
      ]),
    );
  });

  it('labels every item in Chinese', () => {
    for (const platform of ['win32', 'linux', 'darwin']) {
      for (const label of labels(
        buildMenuTemplate({ isPackaged: false, platform, onAbout: vi.fn() }),
      )) {
        expect(label).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('offers developer tools only in an unpackaged app', () => {
    expect(
      roles(buildMenuTemplate({ isPackaged: true, platform: 'linux', onAbout: vi.fn() })),
    ).not.toContain('toggleDevTools');
    expect(
      roles(buildMenuTemplate({ isPackaged: false, platform: 'linux', onAbout: vi.fn() })),
    ).toContain('toggleDevTools');
  });

  it('opens the about box from 帮助 → 关于乡村信用积分', () => {
    const onAbout = vi.fn();
    const help = buildMenuTemplate({ isPackaged: true, platform: 'linux', onAbout }).find(
      (item) => item.label === '帮助',
    );
    const about = (help?.submenu as MenuItemConstructorOptions[]).find(
      (item) => item.label === '关于乡村信用积分',
    );
    about?.click?.({} as never, undefined, {});
    expect(onAbout).toHaveBeenCalledTimes(1);
  });
});

describe('showAboutDialog', () => {
  it('shows the product name and version in Chinese', async () => {
    const dialog = {
      showMessageBox: vi.fn(() => Promise.resolve({ response: 0, checkboxChecked: false })),
    };
    await showAboutDialog(dialog, null, '0.1.0');
    expect(dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '关于乡村信用积分',
        message: '乡村信用积分',
        detail: expect.stringContaining('版本 0.1.0') as unknown,
        buttons: ['确定'],
      }),
    );
  });
});
