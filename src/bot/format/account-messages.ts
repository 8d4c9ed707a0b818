import { EXCHANGE_PROFILES } from '../../exchange/ccxt-exchange-profiles.js';
import type { AccountView } from '../../accounts/types.js';
import { html } from './html.js';

/** Callback data of the account buttons (outside conversations: the account id is checked against the presser). */
export const ACCOUNT_PREFIX = 'acct:';
export const accountButton = {
  /** Switch to an account; a live one asks first. */
  use: (id: number) => `${ACCOUNT_PREFIX}use:${id}`,
  /** Switch, already confirmed. */
  go: (id: number) => `${ACCOUNT_PREFIX}go:${id}`,
  /** Remove a live account: asks first. */
  remove: (id: number) => `${ACCOUNT_PREFIX}rm:${id}`,
  removeConfirmed: (id: number) => `${ACCOUNT_PREFIX}rmy:${id}`,
  keep: `${ACCOUNT_PREFIX}keep`,
};

export const NOT_IN_GROUPS =
  '🔒 Connect exchanges in a private chat with me: API keys must never be typed in a group. Open a chat with me and send /connect there.';
export const PRIVATE_ONLY = '🔒 Your accounts are private: send this to me in a private chat.';
export const NEEDS_ENCRYPTION_KEY = 'Connecting an exchange needs ENCRYPTION_KEY on the server; nothing was stored. (The operator sets it: see .env.example.)';

export function exchangeLabel(exchange: string): string {
  return (EXCHANGE_PROFILES as Record<string, { label: string } | undefined>)[exchange]?.label ?? exchange;
}

/** "📝 Paper", "⚡ Binance · LIVE", "🧪 Binance · testnet" (HTML-escaped). */
export function accountName(account: Pick<AccountView, 'exchange' | 'mode' | 'label'>): string {
  if (account.mode === 'paper') return '📝 Paper';
  const label = account.label === 'main' ? '' : ` (${account.label})`;
  return account.mode === 'live' ? html`⚡ ${exchangeLabel(account.exchange)}${label} · LIVE` : html`🧪 ${exchangeLabel(account.exchange)}${label} · testnet`;
}

/** Where trades go, said plainly: real money or not. */
export function tradingWith(account: Pick<AccountView, 'exchange' | 'mode' | 'label'>): string {
  if (account.mode === 'paper') return 'You trade on 📝 Paper now: no real money moves.';
  if (account.mode === 'testnet') return html`You trade on ${exchangeLabel(account.exchange)}’s testnet now: test money, no real funds.`;
  return html`⚡ You trade LIVE on ${exchangeLabel(account.exchange)} now: confirmed trades use real money.`;
}

export function accountsMessage(accounts: AccountView[]): string {
  const lines = accounts.map((a) => `${a.isDefault ? '▶️' : '▫️'} ${accountName(a)}${a.isDefault ? ' — <b>active</b>' : ''}`);
  const connected = accounts.some((a) => a.mode !== 'paper');
  return [
    '<b>Your accounts</b>',
    ...lines,
    '',
    'Trades use the active account.' + (connected ? ' Switch with the buttons; /disconnect removes an exchange.' : ' /connect adds an exchange account.'),
  ].join('\n');
}
