import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { telegramUser } from '../../test/support/users.js';
import { CredentialsUnavailable, ExchangeKeys } from '../exchange/credential-store.js';
import { AccountNotFound } from '../accounts/errors.js';
import type { AppError } from '../shared/errors.js';
import { createSecretBox } from '../shared/secret-box.js';
import { AccountRepo } from './account-repo.js';
import { exchangeAccounts } from './schema.js';
import { UserRepo } from './user-repo.js';

const KEY = randomBytes(32).toString('hex');
const API_KEY = `AK${randomBytes(20).toString('hex')}`;
const SECRET = `SK${randomBytes(30).toString('hex')}`;
let telegramSeq = 50_000;

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as AppError);

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`accounts on ${driver.name}`, () => {
    let database: TestDatabase;
    let users: UserRepo;
    let accounts: AccountRepo;

    beforeAll(async () => {
      database = await driver.open();
      users = new UserRepo(database.db);
      accounts = new AccountRepo(database.db, createSecretBox({ key: KEY }));
    });
    afterAll(async () => {
      await database?.close();
    });

    const newUser = async () => (await telegramUser(users, ++telegramSeq, { firstName: 'Lea' })).user;
    const rowOf = async (id: number) => (await database.db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, id)))[0]!;
    const defaults = async (userId: number) =>
      database.db.select().from(exchangeAccounts).where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.isDefault, true)));
    const connect = (userId: number, exchange = 'binance', mode: 'live' | 'testnet' = 'live', keys = new ExchangeKeys(API_KEY, SECRET)) =>
      accounts.connect({ userId, exchange, mode, keys });

    it('stores a live account with its keys encrypted, and lists it beside paper without them', async () => {
      const user = await newUser();
      const { account, replaced } = await connect(user.id);
      expect(replaced).toBe(false);
      expect(account).toMatchObject({ exchange: 'binance', mode: 'live', label: 'main', isDefault: false });
      const row = await rowOf(account.id);
      for (const stored of [row.apiKeyEnc!, row.apiSecretEnc!]) {
        expect(stored).toMatch(/^v1\./);
        expect(stored).not.toContain(API_KEY.slice(0, 10));
        expect(stored).not.toContain(SECRET.slice(0, 10));
      }
      const listed = await accounts.list(user.id);
      expect(listed.map((a) => [a.exchange, a.mode, a.isDefault])).toEqual([['paper', 'paper', true], ['binance', 'live', false]]);
      expect(JSON.stringify(listed)).not.toMatch(/v1\.|AK|SK/);
      const { keys, stamp } = await accounts.credentials(account.id);
      expect([keys.apiKey, keys.secret]).toEqual([API_KEY, SECRET]);
      expect(stamp).toBe(await accounts.credentialStamp(account.id));
    });

    it('keeps a KuCoin passphrase encrypted beside the key and secret, and erases it on disconnect', async () => {
      const user = await newUser();
      const passphrase = `PP${randomBytes(12).toString('hex')}`;
      const { account } = await connect(user.id, 'kucoin', 'live', new ExchangeKeys(API_KEY, SECRET, passphrase));
      const row = await rowOf(account.id);
      expect(row.apiPassphraseEnc).toMatch(/^v1\./);
      expect(row.apiPassphraseEnc).not.toContain(passphrase.slice(0, 10));
      const { keys } = await accounts.credentials(account.id);
      expect([keys.apiKey, keys.secret, keys.passphrase]).toEqual([API_KEY, SECRET, passphrase]);
      expect(JSON.stringify({ keys })).not.toContain(passphrase);
      // Another row's ciphertext does not open here: the passphrase is bound to its row like the key.
      const other = await connect(user.id, 'kucoin', 'testnet', new ExchangeKeys(API_KEY, SECRET, 'other-passphrase'));
      await database.db.update(exchangeAccounts).set({ apiPassphraseEnc: row.apiPassphraseEnc }).where(eq(exchangeAccounts.id, other.account.id));
      expect(await failure(accounts.credentials(other.account.id))).toBeInstanceOf(CredentialsUnavailable);
      // Binance keys have none.
      const binance = await connect(user.id);
      expect((await accounts.credentials(binance.account.id)).keys.passphrase).toBeUndefined();
      await accounts.disconnect(user.id, account.id);
      expect((await rowOf(account.id)).apiPassphraseEnc).toBeNull();
    });

    it('replaces the keys when the same exchange and mode are connected again', async () => {
      const user = await newUser();
      const first = await connect(user.id);
      const stamp = await accounts.credentialStamp(first.account.id);
      const second = await connect(user.id, 'binance', 'live', new ExchangeKeys('AK-new-0000000000', 'SK-new-0000000000'));
      expect(second).toMatchObject({ replaced: true, account: { id: first.account.id } });
      expect(await accounts.credentialStamp(first.account.id)).not.toBe(stamp);
      expect((await accounts.credentials(first.account.id)).keys.secret).toBe('SK-new-0000000000');
      const testnet = await connect(user.id, 'binance', 'testnet');
      expect(testnet.account.id).not.toBe(first.account.id);
    });

    it('refuses keys copied into another account’s row', async () => {
      const [ann, bob] = [await newUser(), await newUser()];
      const a = (await connect(ann.id)).account;
      const b = (await connect(bob.id, 'binance', 'live', new ExchangeKeys('AK-bob-00000000', 'SK-bob-00000000'))).account;
      const stolen = await rowOf(a.id);
      await database.db.update(exchangeAccounts).set({ apiKeyEnc: stolen.apiKeyEnc, apiSecretEnc: stolen.apiSecretEnc }).where(eq(exchangeAccounts.id, b.id));
      const error = await failure(accounts.credentials(b.id));
      expect(error).toBeInstanceOf(CredentialsUnavailable);
      expect((error as CredentialsUnavailable).problem).toBe('unreadable');
      // Turning a testnet account into a live one in the database breaks its keys too.
      const t = (await connect(ann.id, 'binance', 'testnet')).account;
      await database.db.update(exchangeAccounts).set({ mode: 'live', label: 'moved' }).where(eq(exchangeAccounts.id, t.id));
      expect(((await failure(accounts.credentials(t.id))) as CredentialsUnavailable).problem).toBe('unreadable');
    });

    it('keeps exactly one default per user, even when switches race', async () => {
      const user = await newUser();
      const ids = [(await accounts.list(user.id))[0]!.id, (await connect(user.id)).account.id, (await connect(user.id, 'binance', 'testnet')).account.id];
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => accounts.setDefault(user.id, ids[i % 3]!)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const now = await defaults(user.id);
      expect(now).toHaveLength(1);
      expect((await users.find({ provider: 'telegram', subject: String(telegramSeq) }))?.account.id).toBe(now[0]!.id);
      const target = await accounts.setDefault(user.id, ids[1]!);
      expect(target).toMatchObject({ id: ids[1], isDefault: true });
      expect((await defaults(user.id)).map((r) => r.id)).toEqual([ids[1]]);
    });

    it('has the database refuse a second default, whatever goes around the repository', async () => {
      const user = await newUser();
      const live = (await connect(user.id)).account;
      await expect(database.db.update(exchangeAccounts).set({ isDefault: true }).where(eq(exchangeAccounts.id, live.id))).rejects.toThrow();
      expect(await defaults(user.id)).toHaveLength(1);
    });

    it('switches only to the user’s own, connected accounts', async () => {
      const [ann, bob] = [await newUser(), await newUser()];
      const annLive = (await connect(ann.id)).account;
      expect(await failure(accounts.setDefault(bob.id, annLive.id))).toBeInstanceOf(AccountNotFound);
      expect(await accounts.get(bob.id, annLive.id)).toBeNull();
      expect((await defaults(ann.id))[0]!.mode).toBe('paper');
    });

    it('disconnects a live account: keys erased, paper active again; the paper account stays', async () => {
      const user = await newUser();
      const paper = (await accounts.list(user.id))[0]!;
      const live = (await connect(user.id)).account;
      await accounts.setDefault(user.id, live.id);
      expect(await failure(accounts.disconnect(user.id, paper.id))).toMatchObject({ code: 'account.paper_stays' });
      const { removed, active } = await accounts.disconnect(user.id, live.id);
      expect(removed.id).toBe(live.id);
      expect(active).toMatchObject({ id: paper.id, isDefault: true });
      expect(await rowOf(live.id)).toMatchObject({ apiKeyEnc: null, apiSecretEnc: null, isDefault: false });
      expect((await accounts.list(user.id)).map((a) => a.id)).toEqual([paper.id]);
      expect(await accounts.credentialStamp(live.id)).toBeNull();
      expect(((await failure(accounts.credentials(live.id))) as CredentialsUnavailable).problem).toBe('disconnected');
      expect(await failure(accounts.setDefault(user.id, live.id))).toBeInstanceOf(AccountNotFound);
      expect(await failure(accounts.disconnect(user.id, live.id))).toBeInstanceOf(AccountNotFound);
      // Connecting again brings the same row back, with its history.
      expect((await connect(user.id)).account.id).toBe(live.id);
    });

    it('without ENCRYPTION_KEY stores nothing, and says why', async () => {
      const user = await newUser();
      const keyless = new AccountRepo(database.db, undefined);
      const error = await failure(keyless.connect({ userId: user.id, exchange: 'binance', mode: 'live', keys: new ExchangeKeys(API_KEY, SECRET) }));
      expect((error as CredentialsUnavailable).problem).toBe('no_encryption_key');
      expect(await keyless.list(user.id)).toHaveLength(1);
      const live = (await connect(user.id)).account;
      expect(((await failure(keyless.credentials(live.id))) as CredentialsUnavailable).problem).toBe('no_encryption_key');
    });

    it('rotates: the previous key still decrypts, and the keys are written again under the new one', async () => {
      const user = await newUser();
      const live = (await connect(user.id)).account;
      const before = await rowOf(live.id);
      const newKey = randomBytes(32).toString('base64');
      const rotated = new AccountRepo(database.db, createSecretBox({ key: newKey, previousKey: KEY }));
      expect((await rotated.credentials(live.id)).keys.secret).toBe(SECRET);
      const after = await rowOf(live.id);
      expect(after.apiKeyEnc!.split('.')[1]).not.toBe(before.apiKeyEnc!.split('.')[1]);
      // Once rewritten, the new key alone reads it; the old one no longer does.
      expect((await new AccountRepo(database.db, createSecretBox({ key: newKey })).credentials(live.id)).keys.apiKey).toBe(API_KEY);
      expect(((await failure(accounts.credentials(live.id))) as CredentialsUnavailable).problem).toBe('unreadable');
      // The sweep rewrites the rest.
      const other = (await connect((await newUser()).id)).account;
      const swept = await rotated.reencryptStale();
      expect(swept.rewritten).toBeGreaterThanOrEqual(1);
      expect(swept.unreadable).not.toContain(other.id);
      expect((await rotated.reencryptStale()).rewritten).toBe(0);
      expect((await new AccountRepo(database.db, createSecretBox({ key: newKey })).credentials(other.id)).keys.secret).toBe(SECRET);
    });
  });
}
