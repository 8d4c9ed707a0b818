// Runs at `npm install` (postinstall): prepares the embedded database template so the first
// `npm start` skips PostgreSQL's initdb. Never fails the install — it is only a speed-up.
import { templateFile, writeTemplate } from '../src/db/pglite-template.js';
import { existsSync } from 'node:fs';

try {
  if (existsSync(templateFile())) process.exit(0);
  const file = await writeTemplate();
  console.log(`parley: embedded database template ready (${file})`);
} catch (error) {
  console.warn(`parley: could not prepare the embedded database template (${error instanceof Error ? error.message : String(error)}); the first start will take a little longer.`);
}
