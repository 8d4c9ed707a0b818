// What every command-line tool does alike: bad arguments get one line on stderr and exit 2, a failed
// run one line and exit 1 — never a stack — and a reader that closes the pipe early (`| head`) is
// not a failure.
import { AppError } from './errors.js';

/** Bad arguments: the message is shown with the tool's usage line, and the exit code is 2. */
export class UsageError extends Error {}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

/**
 * Runs `main` as the tool `name`. `exitWhenDone`: exit 0 at once when it resolves (for tools whose
 * libraries may keep a handle open after the work is over).
 */
export function runCli(name: string, usage: string, main: () => Promise<void>, options: { exitWhenDone?: boolean } = {}): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`${name}: cannot write the output: ${err.message}\n`);
    process.exit(1);
  });
  main().then(
    () => {
      if (options.exitWhenDone) process.exit(0);
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${name}: ${oneLine(error.message)}; ${usage}\n`);
        process.exit(2);
      }
      const message = error instanceof AppError ? error.userMessage : error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${oneLine(message)}\n`);
      process.exit(1);
    },
  );
}
