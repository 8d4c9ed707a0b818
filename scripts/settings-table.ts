// Prints the README's settings table from the config schema, so the two cannot drift:
//   node --import tsx scripts/settings-table.ts
import { envSchema, SETTINGS_DOC } from '../src/config/env-schema.js';

const defaults = envSchema.parse({}) as Record<string, unknown>;
console.log('| Variable | Default | What it does |');
console.log('|---|---|---|');
for (const [name, doc] of Object.entries(SETTINGS_DOC)) {
  const value = defaults[name];
  console.log(`| \`${name}\` | ${value === undefined ? '—' : `\`${String(value)}\``} | ${doc} |`);
}
