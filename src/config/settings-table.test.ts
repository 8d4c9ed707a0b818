import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../shared/project-paths.js';
import { envSchema } from './env-schema.js';
import { settingsTable } from './settings-table.js';

describe('documented settings', () => {
  it('the README carries the table generated from the schema', () => {
    expect(readFileSync(projectPath('README.md'), 'utf8')).toContain(settingsTable());
  });

  it('.env.example names every variable', () => {
    const example = readFileSync(projectPath('.env.example'), 'utf8');
    for (const name of Object.keys(envSchema.shape)) expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
