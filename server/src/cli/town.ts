/**
 * `npm run town -- <command>`: the town server's admin CLI. See `npm run town -- --help`.
 */
import { runTown } from './run.ts';

const exitCode = await runTown(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = exitCode;
