/**
 * Test support (component tests only): cheap queries for screens with large antd tables.
 * Testing Library's role queries compute accessible names and visibility with jsdom's
 * getComputedStyle, which walks every injected antd style rule for every candidate: on a
 * screen with several 60-row tables one query takes minutes. These read the DOM directly.
 */
import { waitFor } from '@testing-library/react';

/** The button showing `label` (antd spaces out two-character labels: 「保 存」). */
export function buttonIn(container: ParentNode, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (button) => button.textContent.replace(/\s+/g, '') === label,
  );
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

/** The open dialog whose text includes `text`, once it shows. */
export function dialogWith(text: string): Promise<HTMLElement> {
  return waitFor(
    () => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-modal')].find(
        (modal) =>
          modal.textContent.includes(text) && modal.closest('[style*="display: none"]') === null,
      );
      if (found === undefined) throw new Error(`no dialog with ${text}`);
      return found;
    },
    { timeout: 10_000 },
  );
}

/** Whether no dialog with `text` is open. */
export function noDialogWith(text: string): boolean {
  return ![...document.querySelectorAll<HTMLElement>('.ant-modal')].some(
    (modal) =>
      modal.textContent.includes(text) && modal.closest('[style*="display: none"]') === null,
  );
}

/** The body rows of an antd table. */
export function tableRows(table: ParentNode): HTMLElement[] {
  return [...table.querySelectorAll<HTMLElement>('tr.ant-table-row')];
}
