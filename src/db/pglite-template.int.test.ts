import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import { openDatabase } from './client.js';
import { templateFile, writeTemplate } from './pglite-template.js';
import { UserRepo } from './user-repo.js';
import { dec } from '../shared/decimal.js';

describe('embedded database from the prepared template', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-template-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the template after the PGlite version and the migrations', () => {
    expect(templateFile()).toMatch(/pglite-\d+\.\d+\.\d+-[0-9a-f]{16}\.tar\.gz$/);
  });

  it('starts a fresh data dir from it, fully migrated, and keeps what is written across a reopen', async () => {
    if (!existsSync(templateFile())) await writeTemplate();
    const first = await openDatabase({ dataDir: dir, logger: silentLogger() });
    const created = await new UserRepo(first.db).identify({ provider: 'telegram', subject: '4242' }, {}, { asset: 'USDT', amount: dec(100) });
    await first.close();
    const again = await openDatabase({ dataDir: dir, logger: silentLogger() });
    const found = await new UserRepo(again.db).find({ provider: 'telegram', subject: '4242' });
    await again.close();
    expect(found?.user.id).toBe(created.user.id);
  });
});
