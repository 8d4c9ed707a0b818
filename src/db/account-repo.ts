import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, ne, or, sql } from 'drizzle-orm';
import { AccountNotFound, PaperAccountStays } from '../accounts/errors.js';
import type { AccountBook } from '../accounts/ports.js';
import type { AccountView } from '../accounts/types.js';
import { CredentialsUnavailable, ExchangeKeys, type CredentialStore, type StoredCredentials } from '../exchange/credential-store.js';
import { AppError, NotFound } from '../shared/errors.js';
import { SecretBoxError, type SecretBox } from '../shared/secret-box.js';
import type { AccountDirectory } from '../trading/risk-ports.js';
import type { Account } from '../trading/types.js';
import type { Db } from './client.js';
import { exchangeAccounts, users } from './schema.js';

type Row = typeof exchangeAccounts.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** An account as callers see it: never its keys, not even encrypted. */
type AccountSummary = AccountView;

export interface NewLiveAccount {
  userId: number;
  exchange: string;
  mode: 'live' | 'testnet';
  label?: string;
  keys: ExchangeKeys;
}

const accountOf = (r: Row): Account => ({ id: r.id, userId: r.userId, exchange: r.exchange, mode: r.mode as Account['mode'] });

const summaryOf = (row: Row): AccountSummary => ({
  id: row.id,
  exchange: row.exchange,
  mode: row.mode as AccountSummary['mode'],
  label: row.label,
  isDefault: row.isDefault,
  createdAt: row.createdAt,
});

/**
 * What binds a ciphertext to its row: the row, its owner, its exchange and mode, and the field.
 * A key copied to another row, or a testnet row edited into a live one, no longer decrypts.
 */
const contextOf = (row: Pick<Row, 'id' | 'userId' | 'exchange' | 'mode'>, field: 'api_key' | 'api_secret' | 'api_passphrase') =>
  `exchange_accounts:${row.id}:${row.userId}:${row.exchange}:${row.mode}:${field}`;

const stampOf = (keyEnc: string, secretEnc: string, passphraseEnc?: string | null) =>
  createHash('sha256').update(`${keyEnc}\n${secretEnc}${passphraseEnc ? `\n${passphraseEnc}` : ''}`).digest('hex').slice(0, 16);

/** Paper always; a live or testnet account while it has keys (disconnecting erases them). */
const visible = or(eq(exchangeAccounts.mode, 'paper'), isNotNull(exchangeAccounts.apiKeyEnc));

/**
 * A user's exchange accounts: the paper one every user has, and live or testnet ones connected
 * with API keys, stored encrypted (secret-box, bound to their row). Exactly one account per user
 * is the default — the one they trade with — kept so by one transaction per change under a lock
 * on the user, and by a partial unique index should anything race past it.
 */
export class AccountRepo implements CredentialStore, AccountBook, AccountDirectory {
  constructor(
    private readonly db: Db,
    /** Undefined when ENCRYPTION_KEY is unset: nothing can be connected, paper still works. */
    private readonly vault: SecretBox | undefined,
  ) {}

  async list(userId: number): Promise<AccountSummary[]> {
    const rows = await this.db
      .select()
      .from(exchangeAccounts)
      .where(and(eq(exchangeAccounts.userId, userId), visible))
      .orderBy(sql`${exchangeAccounts.mode} <> 'paper'`, asc(exchangeAccounts.id));
    return rows.map(summaryOf);
  }

  /** A user's accounts (paper, and those connected), as the trading core knows them. */
  async accountsOf(userId: number): Promise<Account[]> {
    const rows = await this.db.select().from(exchangeAccounts).where(and(eq(exchangeAccounts.userId, userId), visible)).orderBy(asc(exchangeAccounts.id));
    return rows.map(accountOf);
  }

  /** Every account (paper, and those connected), a page at a time by id: the risk job's rounds. */
  async allAccounts(afterId: number, limit: number): Promise<Account[]> {
    const rows = await this.db.select().from(exchangeAccounts).where(and(gt(exchangeAccounts.id, afterId), visible)).orderBy(asc(exchangeAccounts.id)).limit(limit);
    return rows.map(accountOf);
  }

  /** Every connected live or testnet account, for reconciliation. */
  async connected(): Promise<Account[]> {
    const rows = await this.db
      .select()
      .from(exchangeAccounts)
      .where(and(ne(exchangeAccounts.mode, 'paper'), isNotNull(exchangeAccounts.apiKeyEnc)));
    return rows.map(accountOf);
  }

  async get(userId: number, accountId: number): Promise<AccountSummary | null> {
    const [row] = await this.db
      .select()
      .from(exchangeAccounts)
      .where(and(eq(exchangeAccounts.id, accountId), eq(exchangeAccounts.userId, userId), visible))
      .limit(1);
    return row ? summaryOf(row) : null;
  }

  /**
   * Stores a live or testnet account with its keys, encrypted. Connecting the same exchange and
   * mode again replaces the keys of that account (its trade history stays with it).
   */
  async connect(input: NewLiveAccount): Promise<{ account: AccountSummary; replaced: boolean }> {
    const vault = this.vault;
    if (!vault) throw new CredentialsUnavailable('no_encryption_key');
    if ((input.mode as string) === 'paper' || input.exchange === 'paper') throw new AppError('account.invalid', 'Only live or testnet exchange accounts can be connected.');
    const label = input.label ?? 'main';
    return this.db.transaction(async (tx) => {
      await lockUser(tx, input.userId);
      const [existing] = await tx
        .select({ id: exchangeAccounts.id, connected: sql<boolean>`${exchangeAccounts.apiKeyEnc} is not null` })
        .from(exchangeAccounts)
        .where(and(eq(exchangeAccounts.userId, input.userId), eq(exchangeAccounts.exchange, input.exchange), eq(exchangeAccounts.mode, input.mode), eq(exchangeAccounts.label, label)));
      // The row first: its id is part of what the ciphertexts are bound to.
      const [row] = await tx
        .insert(exchangeAccounts)
        .values({ userId: input.userId, exchange: input.exchange, mode: input.mode, label, isDefault: false })
        .onConflictDoUpdate({ target: [exchangeAccounts.userId, exchangeAccounts.exchange, exchangeAccounts.mode, exchangeAccounts.label], set: { label } })
        .returning();
      const [stored] = await tx
        .update(exchangeAccounts)
        .set({
          apiKeyEnc: vault.encrypt(input.keys.apiKey, contextOf(row!, 'api_key')),
          apiSecretEnc: vault.encrypt(input.keys.secret, contextOf(row!, 'api_secret')),
          apiPassphraseEnc: input.keys.passphrase === undefined ? null : vault.encrypt(input.keys.passphrase, contextOf(row!, 'api_passphrase')),
        })
        .where(eq(exchangeAccounts.id, row!.id))
        .returning();
      return { account: summaryOf(stored!), replaced: existing?.connected === true };
    });
  }

  /** Makes `accountId` the account `userId` trades with; every other account of theirs stops being it. */
  async setDefault(userId: number, accountId: number): Promise<AccountSummary> {
    return this.db.transaction(async (tx) => {
      await ownedAccount(tx, userId, accountId);
      // Off first, then on: the partial unique index never sees two defaults.
      await tx
        .update(exchangeAccounts)
        .set({ isDefault: false })
        .where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.isDefault, true), ne(exchangeAccounts.id, accountId)));
      const [row] = await tx.update(exchangeAccounts).set({ isDefault: true }).where(eq(exchangeAccounts.id, accountId)).returning();
      return summaryOf(row!);
    });
  }

  /**
   * Erases a live account's keys; if it was the default, the paper account becomes it again. The
   * row stays (keys gone) so its orders and positions keep their history. Never the paper account.
   */
  async disconnect(userId: number, accountId: number): Promise<{ removed: AccountSummary; active: AccountSummary }> {
    return this.db.transaction(async (tx) => {
      const target = await ownedAccount(tx, userId, accountId);
      if (target.mode === 'paper') throw new PaperAccountStays();
      await tx.update(exchangeAccounts).set({ apiKeyEnc: null, apiSecretEnc: null, apiPassphraseEnc: null, isDefault: false }).where(eq(exchangeAccounts.id, accountId));
      if (target.isDefault) {
        await tx.update(exchangeAccounts).set({ isDefault: true }).where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.mode, 'paper')));
      }
      const [active] = await tx.select().from(exchangeAccounts).where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.isDefault, true)));
      if (!active) throw new AppError('account.missing', 'Your paper account is missing. Start again to open it.');
      return { removed: summaryOf(target), active: summaryOf(active) };
    });
  }

  async credentials(accountId: number): Promise<StoredCredentials> {
    const row = await this.connectedRow(accountId);
    const { apiKeyEnc, apiSecretEnc, apiPassphraseEnc } = row as Row & { apiKeyEnc: string; apiSecretEnc: string };
    if (!this.vault) throw new CredentialsUnavailable('no_encryption_key');
    let keys: ExchangeKeys;
    try {
      keys = new ExchangeKeys(
        this.vault.decrypt(apiKeyEnc, contextOf(row, 'api_key')),
        this.vault.decrypt(apiSecretEnc, contextOf(row, 'api_secret')),
        apiPassphraseEnc ? this.vault.decrypt(apiPassphraseEnc, contextOf(row, 'api_passphrase')) : undefined,
      );
    } catch (error) {
      if (error instanceof SecretBoxError) throw new CredentialsUnavailable('unreadable', { cause: error, detail: `account ${accountId}: ${error.message}` });
      throw error;
    }
    if (this.vault.isStale(apiKeyEnc) || this.vault.isStale(apiSecretEnc) || (apiPassphraseEnc && this.vault.isStale(apiPassphraseEnc))) return this.rotate(row, keys);
    return { keys, stamp: stampOf(apiKeyEnc, apiSecretEnc, apiPassphraseEnc) };
  }

  async credentialStamp(accountId: number): Promise<string | null> {
    const [row] = await this.db
      .select({ apiKeyEnc: exchangeAccounts.apiKeyEnc, apiSecretEnc: exchangeAccounts.apiSecretEnc, apiPassphraseEnc: exchangeAccounts.apiPassphraseEnc })
      .from(exchangeAccounts)
      .where(eq(exchangeAccounts.id, accountId));
    return row?.apiKeyEnc && row.apiSecretEnc ? stampOf(row.apiKeyEnc, row.apiSecretEnc, row.apiPassphraseEnc) : null;
  }

  /**
   * Re-encrypts every connected account still under ENCRYPTION_KEY_PREVIOUS (after a rotation,
   * so the previous key can be dropped). Accounts whose keys cannot be read are counted, not fatal.
   */
  async reencryptStale(): Promise<{ rewritten: number; unreadable: number[] }> {
    const result = { rewritten: 0, unreadable: [] as number[] };
    if (!this.vault) return result;
    const rows = await this.db.select({ id: exchangeAccounts.id, apiKeyEnc: exchangeAccounts.apiKeyEnc }).from(exchangeAccounts).where(isNotNull(exchangeAccounts.apiKeyEnc));
    for (const { id, apiKeyEnc } of rows) {
      if (!apiKeyEnc || !this.vault.isStale(apiKeyEnc)) continue;
      const before = await this.credentialStamp(id);
      try {
        await this.credentials(id);
      } catch (error) {
        if (!(error instanceof CredentialsUnavailable)) throw error;
        result.unreadable.push(id);
        continue;
      }
      if ((await this.credentialStamp(id)) !== before) result.rewritten++;
    }
    return result;
  }

  private async connectedRow(accountId: number): Promise<Row> {
    const [row] = await this.db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, accountId));
    if (!row || row.mode === 'paper' || !row.apiKeyEnc || !row.apiSecretEnc) throw new CredentialsUnavailable('disconnected', { detail: `account ${accountId} has no stored keys` });
    return row;
  }

  /** Writes the keys again under the current key; only if nobody replaced them meanwhile. */
  private async rotate(row: Row, keys: ExchangeKeys): Promise<StoredCredentials> {
    const vault = this.vault!;
    const keyEnc = row.apiKeyEnc!;
    const secretEnc = row.apiSecretEnc!;
    const apiKeyEnc = vault.encrypt(keys.apiKey, contextOf(row, 'api_key'));
    const apiSecretEnc = vault.encrypt(keys.secret, contextOf(row, 'api_secret'));
    const apiPassphraseEnc = keys.passphrase === undefined ? null : vault.encrypt(keys.passphrase, contextOf(row, 'api_passphrase'));
    const updated = await this.db
      .update(exchangeAccounts)
      .set({ apiKeyEnc, apiSecretEnc, apiPassphraseEnc })
      .where(and(eq(exchangeAccounts.id, row.id), eq(exchangeAccounts.apiKeyEnc, keyEnc), eq(exchangeAccounts.apiSecretEnc, secretEnc)))
      .returning({ id: exchangeAccounts.id });
    return { keys, stamp: updated.length > 0 ? stampOf(apiKeyEnc, apiSecretEnc, apiPassphraseEnc) : stampOf(keyEnc, secretEnc, row.apiPassphraseEnc) };
  }
}

/** Serialises every account change of one user (PostgreSQL row lock; PGlite runs one transaction at a time anyway). */
async function lockUser(tx: Tx, userId: number): Promise<void> {
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new NotFound('That user', 'Unknown user: start a chat first.');
}

/** The user's account, locked against their other account changes; AccountNotFound if it is not theirs or is gone. */
async function ownedAccount(tx: Tx, userId: number, accountId: number): Promise<Row> {
  await lockUser(tx, userId);
  const [target] = await tx
    .select()
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.id, accountId), eq(exchangeAccounts.userId, userId), visible));
  if (!target) throw new AccountNotFound();
  return target;
}
