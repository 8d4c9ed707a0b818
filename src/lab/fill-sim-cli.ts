// `npm run -s fill-sim -- --book FILE --at UNIX_MS --side buy|sell --amount A [--fee F]`
// What a market order would have cost on a recorded order book at a moment (see helpText), by the
// engine the paper exchange fills with in MARKET_DATA=book mode. Bad arguments (a missing book
// file included) get one line on stderr and exit code 2; a file that is not a book exits 1; never a stack.
import { stat } from 'node:fs/promises';
import { loadRecordedBook } from '../market/recorded-book.js';
import { AppError } from '../shared/errors.js';
import { fillSimulation } from './fill-sim.js';
import { helpText, parseFillSimArgs, USAGE, UsageError } from './fill-sim-args.js';

async function main(argv: string[]): Promise<void> {
  const args = parseFillSimArgs(argv);
  if (args.help) {
    process.stdout.write(helpText());
    return;
  }
  const info = await stat(args.book).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`--book ${args.book}: no such file`);
  const book = await loadRecordedBook(args.book);
  process.stdout.write(`${JSON.stringify(fillSimulation(book, args))}\n`);
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`fill-sim: cannot write the output: ${err.message}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).catch((error: unknown) => {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  if (error instanceof UsageError) {
    process.stderr.write(`fill-sim: ${oneLine(error.message)}; ${USAGE}\n`);
    process.exit(2);
  }
  const message = error instanceof AppError ? error.userMessage : error instanceof Error ? error.message : String(error);
  process.stderr.write(`fill-sim: ${oneLine(message)}\n`);
  process.exit(1);
});
