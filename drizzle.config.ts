import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from src/db/schema/ (one file per area) into migrations/.
// Both drivers (PGlite and postgres.js) apply the same folder at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/*.ts',
  out: './migrations',
});
