// `npm run -s parse`: one chat message per line on stdin, one canonical command (JSON) per line
// on stdout, in the same order. Offline, no environment needed; nothing else goes to stdout.
//
// Lines are split on "\n" only (a trailing "\r" is dropped): readline would also split on a lone
// "\r" inside a message and print two answers for one line. Input is streamed, output is written
// with back-pressure, and a line longer than LINE_CAP keeps only its start (the parser reads far
// less than that), so neither a 100 kB line nor a huge file grows memory without bound.
import { KNOWN_ASSETS, StaticAssetCatalog } from './known-assets.js';
import { parseOffline } from './offline/offline-parser.js';

const LINE_CAP = 64 * 1024;
const catalog = new StaticAssetCatalog(KNOWN_ASSETS);

function answer(line: string): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return `${JSON.stringify(parseOffline(text, catalog).command)}\n`;
}

function write(chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(chunk)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // A reader that closed the pipe early (`| head`) wanted no more output: not a failure.
  if (err.code === 'EPIPE') process.exit(0);
  console.error(err);
  process.exit(1);
});

async function main(): Promise<void> {
  process.stdin.setEncoding('utf8');
  let pending = '';
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    pending += chunk;
    const out: string[] = [];
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      out.push(answer(pending.slice(start, nl)));
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (pending.length > LINE_CAP) pending = pending.slice(0, LINE_CAP);
    if (out.length > 0) await write(out.join(''));
  }
  if (pending !== '') await write(answer(pending));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
