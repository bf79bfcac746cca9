import { describe, expect, it, vi } from 'vitest';
import { createWebPort } from './web-port.ts';

describe('the web platform port', () => {
  it('refuses a file name that is a path, without downloading anything', async () => {
    const port = createWebPort(window);
    const result = await port.saveFile({
      suggestedName: '../evil.pdf',
      filters: [],
      data: new Uint8Array([1]),
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'port.invalid-argument', params: { field: 'suggestedName' } },
    });
  });

  it('keeps secrets for the browser session only, and deletes them', async () => {
    const port = createWebPort(window);
    expect(await port.writeSecret({ key: 'refresh-token', value: 's3cret' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await port.readSecret({ key: 'refresh-token' })).toEqual({ ok: true, value: 's3cret' });
    expect(localStorage.length).toBe(0);
    await port.deleteSecret({ key: 'refresh-token' });
    expect(await port.readSecret({ key: 'refresh-token' })).toEqual({ ok: true, value: null });
  });

  it('refuses a secret key that could collide with other storage', async () => {
    const port = createWebPort(window);
    const result = await port.readSecret({ key: 'Bad Key!' });
    expect(result.ok).toBe(false);
  });

  it('answers with a code, and logs, instead of throwing when the shell cannot be reached', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const port = createWebPort(window);
    const result = await port.printToPdf({ html: '<p>x</p>', landscape: false });
    expect(result).toEqual({ ok: false, error: { code: 'port.print-failed' } });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
