/**
 * Main-process logging. Errors that reach a port handler are logged here and answered
 * with a coded Result; nothing is swallowed silently.
 */
export interface Logger {
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const consoleLogger: Logger = {
  warn(message, detail) {
    if (detail === undefined) console.warn(`[main] ${message}`);
    else console.warn(`[main] ${message}`, detail);
  },
  error(message, detail) {
    if (detail === undefined) console.error(`[main] ${message}`);
    else console.error(`[main] ${message}`, detail);
  },
};
