// Prints the README's settings table from the config schema:
//   node --import tsx scripts/settings-table.ts
import { settingsTable } from '../src/config/settings-table.js';

console.log(settingsTable());
