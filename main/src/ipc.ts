/**
 * One ipcMain.handle per port method. Every call is checked in the same order: the sender
 * must be our main window's top frame on the app's origin, then the argument must pass the
 * contract's validator; only then does the implementation run. Whatever happens, the
 * renderer gets a Result, never a thrown error.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, type Result } from '../../shared/errors.ts';
import {
  PORT_METHODS,
  PORT_VALIDATORS,
  portChannel,
  type PortArg,
  type PortValue,
  type PortMethod,
} from '../../shared/platform/contract.ts';
import type { Logger } from './log.ts';
import { originOf } from './security.ts';

/** The main-process side of the port: validated argument in, Result out. */
export type PortHandlers = {
  readonly [M in PortMethod]: (arg: PortArg<M>) => Promise<Result<PortValue<M>>>;
};

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * True only for the top frame of the main window's web contents, showing a page of the
 * app's own origin. A sub-frame, another window or a page that navigated elsewhere is refused.
 */
export function isTrustedSender(
  event: SenderEvent,
  mainContents: WebContents | null,
  appOrigin: string,
): boolean {
  const frame = event.senderFrame;
  if (frame === null || mainContents === null) return false;
  if (event.sender !== mainContents) return false;
  if (frame.parent !== null) return false;
  return originOf(frame.url) === appOrigin;
}

export async function handlePortCall<M extends PortMethod>(
  method: M,
  handlers: PortHandlers,
  event: SenderEvent,
  rawArg: unknown,
  isTrusted: (event: SenderEvent) => boolean,
  log: Logger,
): Promise<Result<PortValue<M>>> {
  if (!isTrusted(event)) {
    log.warn(
      `port.${method}: refused a call from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`,
    );
    return fail('port.untrusted-sender');
  }
  const validator: (arg: unknown) => Result<PortArg<M>> = PORT_VALIDATORS[method];
  const arg = validator(rawArg);
  if (!arg.ok) {
    log.warn(`port.${method}: invalid argument`, arg.error);
    return arg;
  }
  const handler: (arg: PortArg<M>) => Promise<Result<PortValue<M>>> = handlers[method];
  try {
    return await handler(arg.value);
  } catch (error) {
    log.error(`port.${method} failed`, error);
    return fail('port.io-failed', { method });
  }
}

export function registerPortHandlers(options: {
  readonly ipcMain: Pick<IpcMain, 'handle'>;
  readonly handlers: PortHandlers;
  readonly isTrusted: (event: SenderEvent) => boolean;
  readonly log: Logger;
}): void {
  for (const method of PORT_METHODS) {
    options.ipcMain.handle(portChannel(method), (event, rawArg: unknown) =>
      handlePortCall(method, options.handlers, event, rawArg, options.isTrusted, options.log),
    );
  }
}
