// `npm run -s fill-sim -- --book FILE --at UNIX_MS --side buy|sell --amount A [--fee F]`
// What a market order would have cost on a recorded order book at a moment (see helpText), by the
// engine the paper exchange fills with in MARKET_DATA=book mode. Bad arguments (a missing book
// file included) get one line on stderr and exit code 2; a file that is not a book exits 1; never a stack.
import { stat } from 'node:fs/promises';
import { loadRecordedBook } from '../market/recorded-book.js';
import { fillSimulation } from './fill-sim.js';
import { helpText, parseFillSimArgs, USAGE, UsageError } from './fill-sim-args.js';
import { runCli } from '../shared/cli.js';

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

runCli('fill-sim', USAGE, () => main(process.argv.slice(2)));
