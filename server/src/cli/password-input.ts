/**
 * How the CLI gets a password: from standard input (`--password-stdin`, for scripts:
 * `printf '%s\n' "$PW" | npm run town -- user add … --password-stdin`), or typed at a
 * terminal with nothing echoed. Never from an argument: arguments show up in `ps` and in
 * shell history.
 */
import { isatty, type ReadStream } from 'node:tty';

export interface CliInput {
  /** Standard input is a terminal (a person can type a hidden password). */
  readonly isTTY: boolean;
  /** All of standard input, as text. */
  readAll(): Promise<string>;
  /** Shows `prompt` (on stderr) and reads one line without echo. */
  promptHidden(prompt: string): Promise<string>;
}

/** The password in `--password-stdin` input: the text without one trailing line break. */
export function passwordFromStdin(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** The person pressed Ctrl-C or Ctrl-D at a password prompt. */
export class PromptCancelled extends Error {
  constructor() {
    super('password prompt cancelled');
    this.name = 'PromptCancelled';
  }
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/** The process's standard input and error as a CliInput. */
export function processInput(): CliInput {
  const stdin = process.stdin;
  return {
    // process.stdin.isTTY is typed boolean but undefined when piped; ask the descriptor.
    isTTY: isatty(0),
    async readAll() {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks).toString('utf8');
    },
    promptHidden(prompt) {
      return readHidden(stdin, prompt);
    },
  };
}

function readHidden(stdin: ReadStream, prompt: string): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const finish = (error?: Error): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          return;
        }
        if (char === CTRL_C || char === CTRL_D) {
          finish(new PromptCancelled());
          return;
        }
        if (BACKSPACE.has(char)) typed = Array.from(typed).slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
