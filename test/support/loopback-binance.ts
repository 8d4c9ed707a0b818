import { randomBytes } from 'node:crypto';
import { FakeAccount, FakeBinanceState, startFakeBinance, type FakeBinance, type FakeOrder, type FakeSymbolSpec, type RecordedRequest } from '../fakes/fake-binance/index.js';
import { parseNewOrder } from '../fakes/fake-binance/order-rules.js';
import type { ChatDriver } from './chat-driver.js';

/** The fake Binance with one funded trading account, for /connect against it (EXCHANGE_BASE_URL). */
export interface LoopbackBinance {
  binance: FakeBinance;
  account: FakeAccount;
  state: FakeBinanceState;
  apiKey: string;
  secret: string;
  /** What a live account's app needs: EXCHANGE_BASE_URL and an ENCRYPTION_KEY for the keys. */
  env: Record<string, string>;
}

export async function startLoopbackBinance(options: { usdt?: string; symbols?: readonly FakeSymbolSpec[] } = {}): Promise<LoopbackBinance> {
  const state = new FakeBinanceState(options.symbols ? { symbols: options.symbols } : {});
  const apiKey = `E2EORDERKEY${randomBytes(20).toString('hex')}`;
  const secret = `E2EORDERSECRET${randomBytes(24).toString('hex')}`;
  const account = new FakeAccount(state, { apiKey, secret });
  account.fund('USDT', options.usdt ?? '10000');
  const binance = await startFakeBinance({ state, account });
  return { binance, account, state, apiKey, secret, env: { EXCHANGE_BASE_URL: binance.url, ENCRYPTION_KEY: randomBytes(32).toString('base64') } };
}

/** POST /api/v3/order requests that carried this client order id. */
export function ordersPosted(binance: FakeBinance, clientOrderId: string): RecordedRequest[] {
  return binance.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order' && r.params.newClientOrderId === clientOrderId);
}

/** An order placed on the account by hand (the exchange's website, another tool) — not through Parley. */
export function placeByHand(exchange: LoopbackBinance, params: Record<string, string>): FakeOrder {
  return exchange.account.place(parseNewOrder(new URLSearchParams(params), exchange.state, () => `web_${randomBytes(8).toString('hex')}`));
}

/** /connect → Binance → live or testnet → key → secret → "switch", as a user does it. */
export async function connectBinance(user: ChatDriver, exchange: LoopbackBinance, mode: 'Live' | 'Testnet'): Promise<void> {
  const pick = await user.ask('/connect', 'Which exchange?');
  let mark = await user.press(pick, 'Binance');
  const modes = await user.waitForMessage('testnet', { after: mark });
  mark = await user.press(modes, mode);
  await user.waitForMessage('API key', { after: mark });
  mark = await user.say(exchange.apiKey);
  await user.waitForMessage('Now send the', { after: mark });
  mark = await user.say(exchange.secret);
  const connected = await user.waitForMessage('balance check passed', { after: mark, method: 'editMessageText' });
  mark = await user.press(connected, 'Yes, switch');
  await user.waitForMessage(mode === 'Live' ? 'You trade LIVE on Binance now' : 'testnet now', { after: mark, method: 'editMessageText' });
}
