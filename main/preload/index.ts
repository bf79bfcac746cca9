/**
 * The preload: exposes exactly one object, window.villageCredit, built from the port
 * contract — one ipcRenderer.invoke per method and nothing else. ipcRenderer itself never
 * reaches the page. Bundled into a single CommonJS file (out/preload/index.cjs) because a
 * sandboxed preload can require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { fail, type Result } from '../../shared/errors.ts';
import {
  PORT_GLOBAL,
  portChannel,
  type PlatformPort,
  type PortArg,
  type PortValue,
  type PortMethod,
} from '../../shared/platform/contract.ts';

async function call<M extends PortMethod>(
  method: M,
  arg: PortArg<M>,
): Promise<Result<PortValue<M>>> {
  try {
    // Main validates the argument and always answers with a Result of this method's type.
    return (await ipcRenderer.invoke(portChannel(method), arg)) as Result<PortValue<M>>;
  } catch (error) {
    // Only reached when main has no handler (not started, or crashed): the port still
    // answers with a Result, as its contract promises.
    console.error(`[preload] ${method} failed`, error);
    return fail('port.unavailable', { method });
  }
}

// `satisfies` makes a method missing from (or extra to) the contract a compile error.
export const port = Object.freeze({
  appInfo: () => call('appInfo', undefined),
  saveFile: (arg) => call('saveFile', arg),
  openFile: (arg) => call('openFile', arg),
  printToPdf: (arg) => call('printToPdf', arg),
  readSecret: (arg) => call('readSecret', arg),
  writeSecret: (arg) => call('writeSecret', arg),
  deleteSecret: (arg) => call('deleteSecret', arg),
} satisfies PlatformPort);

contextBridge.exposeInMainWorld(PORT_GLOBAL, port);
