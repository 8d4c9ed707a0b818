import { randomBytes } from 'node:crypto';
import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAccount, FakeBinanceState, startFakeBinance, type FakeBinance } from '../../../test/fakes/fake-binance/index.js';
import { startFakeKucoin, type FakeKucoin } from '../../../test/fakes/fake-kucoin/index.js';
import { inProcessApp } from '../../../test/support/in-process-app.js';
import { commandHistory, exchangeAccounts, kvState } from '../../db/schema.js';
import { SECRET_PLACEHOLDER } from './connect-exchange.js';

const API_KEY = `inproc${randomBytes(16).toString('hex')}`;
// Base64 secrets (Kraken's) can begin with "/": such a secret must still be taken for a secret, not a command.
const SECRET = `/inprocsecret+${randomBytes(20).toString('base64')}`;
const ENCRYPTION_KEY = randomBytes(32).toString('hex');

type Harness = Awaited<ReturnType<typeof inProcessApp>>;

/** /connect on the whole app in one process (playground Bot API, in-memory PGlite), against the fake Binance. */
describe('/connect, in process', () => {
  let fake: FakeBinance;
  let h: Harness;
  let userSeq = 8800;
  const newUser = (): User => ({ id: ++userSeq, is_bot: false, first_name: 'Kim' });

  beforeAll(async () => {
    const state = new FakeBinanceState();
    const account = new FakeAccount(state, { apiKey: API_KEY, secret: SECRET });
    account.fund('USDT', '5000');
    fake = await startFakeBinance({ state, account });
    h = await inProcessApp({ ENCRYPTION_KEY, EXCHANGE_BASE_URL: fake.url });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  const dump = async () => JSON.stringify([await h.app.database.db.select().from(kvState), await h.app.database.db.select().from(commandHistory), await h.app.database.db.select().from(exchangeAccounts)]);
  const button = (message: Message | undefined, text: string) => h.buttons(message).find((b) => b.text.includes(text))!.data;
  const chatOf = (user: User): Chat => ({ id: user.id, type: 'private', first_name: user.first_name });
  const texts = (user: User) => h.emulator.history(user.id).map((m) => m.text ?? '');

  /** /connect → exchange → mode; returns the question asking for the key. */
  const startConnect = async (user: User, mode: 'Live' | 'Testnet') => {
    const pick = await h.say(user, '/connect');
    expect(pick?.text).toContain('Which exchange?');
    expect(h.buttons(pick).map((b) => b.text)).toEqual(['Binance', 'Kraken', 'Coinbase', 'KuCoin', '✖ Cancel']);
    await h.press(user, pick!, button(pick, 'Binance'));
    const modes = h.emulator.history(user.id).at(-1);
    expect(modes?.text).toContain('testnet');
    await h.press(user, modes!, button(modes, mode));
    const ask = h.emulator.history(user.id).at(-1);
    expect(ask?.text).toContain('API key');
    return ask!;
  };

  it('keeps the key and the secret out of the chat, the conversation state and the history, and stores them encrypted', async () => {
    const kim = newUser();
    await h.say(kim, '/start');
    await startConnect(kim, 'Live');

    const askSecret = await h.say(kim, API_KEY);
    expect(askSecret?.text).toContain('Now send the API secret');
    // Waiting for the secret: the conversation state is in the database now, with the key sealed.
    let stored = await dump();
    expect(stored).toContain('connectExchange');
    expect(stored).not.toContain(API_KEY);
    expect(stored).toContain(SECRET_PLACEHOLDER);
    expect(texts(kim).join('\n')).not.toContain(API_KEY);

    const result = await h.say(kim, SECRET);
    expect(result?.text).toContain('Binance connected: the balance check passed');
    expect(h.buttons(result).map((b) => b.text)).toEqual(['Yes, switch to LIVE', 'Keep paper']);
    stored = await dump();
    for (const secret of [API_KEY, SECRET]) {
      expect(stored).not.toContain(secret);
      expect(texts(kim).join('\n')).not.toContain(secret);
    }
    expect(stored).toMatch(/"apiKeyEnc":"v1\./);

    await h.press(kim, result!, button(result, 'Yes, switch to LIVE'));
    expect(h.emulator.message(kim.id, result!.message_id)?.text).toContain('You trade LIVE on Binance now');
    const accounts = await h.say(kim, '/accounts');
    expect(accounts?.text).toMatch(/▶️ ⚡ Binance · LIVE — active/);
    const preview = await h.say(kim, 'buy 0.001 btc');
    expect(preview?.text).toContain('LIVE · binance');
  });

  it('switching to a live account from /accounts asks first; paper switches at once', async () => {
    const kim = newUser();
    await startConnect(kim, 'Live');
    await h.say(kim, API_KEY);
    await h.say(kim, SECRET);
    const list = await h.say(kim, '/accounts');
    const asked = await h.press(kim, list!, button(list, 'Use Binance LIVE'));
    expect(asked?.text).toContain('real money');
    const done = await h.press(kim, asked!, button(asked, 'Yes, trade LIVE'));
    expect(done?.text).toContain('You trade LIVE on Binance now');
    const back = await h.say(kim, '/accounts');
    const paper = await h.press(kim, back!, button(back, 'Use 📝 Paper'));
    expect(paper?.text).toContain('You trade on 📝 Paper now');
    expect((await h.say(kim, 'buy 0.001 btc'))?.text).toContain('PAPER');
  });

  it('says the keys were refused and stores nothing when the secret is wrong', async () => {
    const kim = newUser();
    await startConnect(kim, 'Testnet');
    await h.say(kim, API_KEY);
    const result = await h.say(kim, 'wrongsecret0123456789abcdef');
    expect(result?.text).toContain('Your Binance testnet keys were refused');
    expect(result?.text).toContain('Nothing was stored');
    expect((await h.say(kim, '/accounts'))?.text).not.toContain('Binance');
  });

  it('stops, and says to revoke the key, when the message with it cannot be deleted', async () => {
    const kim = newUser();
    const ask = await startConnect(kim, 'Live');
    const update = h.emulator.userSendsText(kim, chatOf(kim), API_KEY);
    // The message is gone before the bot can delete it, so deleteMessage fails.
    await h.emulator.handleCall('deleteMessage', { chat_id: kim.id, message_id: update.message!.message_id });
    await h.app.bot.handleUpdate(update);
    expect(texts(kim).join('\n')).toContain('I could not delete your message with the key');
    expect(texts(kim).join('\n')).toContain('revoke that key');
    expect(h.emulator.message(kim.id, ask.message_id)?.text).toContain('Nothing was stored');
    expect(await dump()).not.toContain(API_KEY);
    // The conversation is over: the next message is an ordinary one.
    expect((await h.say(kim, 'price of btc'))?.text).toContain('BTC');
  });

  it('deletes a key pasted before it was asked for, and leaves on /cancel with nothing stored', async () => {
    const kim = newUser();
    const pick = await h.say(kim, '/connect');
    const reply = await h.say(kim, API_KEY);
    expect(reply?.text).toContain('That looked like a key, so I deleted it');
    expect(texts(kim).join('\n')).not.toContain(API_KEY);
    await h.press(kim, pick!, button(pick, 'Binance'));
    expect((await h.say(kim, '/cancel'))?.text).toContain('Cancelled');
    expect((await h.say(kim, '/accounts'))?.text).not.toContain('Binance');
    expect(await dump()).not.toContain(API_KEY);
  });

  it('refuses in a group, where a key would be read by everyone', async () => {
    const kim = newUser();
    const group: Chat = { id: -100123, type: 'supergroup', title: 'Traders' };
    const reply = await h.say(kim, '/connect', group);
    expect(reply?.text).toContain('private chat');
    expect(h.buttons(reply)).toEqual([]);
  });

  it('refuses without ENCRYPTION_KEY, and stores nothing', async () => {
    const keyless = await inProcessApp({ EXCHANGE_BASE_URL: fake.url });
    try {
      const reply = await keyless.say(newUser(), '/connect');
      expect(reply?.text).toBe('Connecting an exchange needs ENCRYPTION_KEY on the server; nothing was stored. (The operator sets it: see .env.example.)');
    } finally {
      await keyless.close();
    }
  });
});

/** /connect to KuCoin, whose keys come with a passphrase, against the fake KuCoin. */
describe('/connect to KuCoin, in process', () => {
  let fake: FakeKucoin;
  let h: Harness;
  let userSeq = 9900;
  const newUser = (): User => ({ id: ++userSeq, is_bot: false, first_name: 'Noor' });
  const button = (message: Message | undefined, text: string) => h.buttons(message).find((b) => b.text.includes(text))!.data;
  const texts = (user: User) => h.emulator.history(user.id).map((m) => m.text ?? '');

  beforeAll(async () => {
    fake = await startFakeKucoin({ apiKey: API_KEY, secret: SECRET.slice(1), passphrase: 'my own pass phrase 7' });
    fake.account.fund('USDT', '2500');
    h = await inProcessApp({ ENCRYPTION_KEY, EXCHANGE_BASE_URL: fake.url });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  const connectKucoin = async (user: User, passphrase: string) => {
    const pick = await h.say(user, '/connect');
    await h.press(user, pick!, button(pick, 'KuCoin'));
    const modes = h.emulator.history(user.id).at(-1);
    expect(modes?.text).toContain('KuCoin has no test environment');
    await h.press(user, modes!, button(modes, 'Live'));
    expect((await h.say(user, API_KEY))?.text).toContain('Now send the API secret');
    expect((await h.say(user, SECRET.slice(1)))?.text).toContain('API passphrase');
    return h.say(user, passphrase);
  };

  it('asks for the passphrase after the secret, checks all three with KuCoin, and keeps the passphrase encrypted and out of the chat', async () => {
    const noor = newUser();
    await h.say(noor, '/start');
    const result = await connectKucoin(noor, 'my own pass phrase 7');
    expect(result?.text).toContain('KuCoin connected: the balance check passed');
    const rows = await h.app.database.db.select().from(exchangeAccounts);
    const stored = JSON.stringify([rows, await h.app.database.db.select().from(kvState), await h.app.database.db.select().from(commandHistory)]);
    expect(stored).not.toContain('my own pass phrase 7');
    expect(texts(noor).join('\n')).not.toContain('my own pass phrase 7');
    expect(rows.find((r) => r.exchange === 'kucoin')?.apiPassphraseEnc).toMatch(/^v1\./);
    // Trading with it signs with the stored passphrase.
    await h.press(noor, result!, button(result, 'Yes, switch to LIVE'));
    expect((await h.say(noor, '/accounts'))?.text).toMatch(/KuCoin · LIVE — active/);
    expect((await h.say(noor, 'portfolio'))?.text).toContain('2,500');
  });

  it('says the keys were refused, and stores nothing, when the passphrase is wrong', async () => {
    const noor = newUser();
    const result = await connectKucoin(noor, 'not my passphrase');
    expect(result?.text).toContain('Your KuCoin keys were refused');
    expect((await h.say(noor, '/accounts'))?.text).not.toContain('KuCoin');
  });
});
