import { envSchema, SETTINGS_DOC } from './env-schema.js';

/** The README's settings table, written from the schema so the two cannot drift. */
export function settingsTable(): string {
  const defaults = envSchema.parse({}) as Record<string, unknown>;
  const rows = Object.entries(SETTINGS_DOC).map(([name, doc]) => {
    const value = defaults[name];
    return `| \`${name}\` | ${value === undefined ? '—' : `\`${String(value)}\``} | ${doc} |`;
  });
  return ['| Variable | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}
