import type { Intent, NumberProblem, ParsedCommand } from '../nlu/contract.js';
import { describeNumberProblem } from '../nlu/number-problem.js';
import { html } from './format/html.js';

/** What the bot says that is not about one trade. Short, friendly, concrete. */

export const EXAMPLES = ['buy 0.01 btc', 'buy $100 of eth', 'sell half my sol', 'price of xrp', 'portfolio'];

export function welcomeText(firstName: string | null | undefined, created: boolean, paperBalance: string): string {
  const hello = firstName ? html`Hi ${firstName}!` : 'Hi!';
  return [
    `👋 ${hello} I'm <b>Parley</b>, a trading assistant you talk to in plain words.`,
    '',
    created ? html`Your paper account is ready with ${paperBalance} to practise with — no real money moves.` : html`Your paper account is ready — no real money moves.`,
    '',
    'Try:',
    ...EXAMPLES.map((e) => html`• ${e}`),
    '',
    'Every trade is shown first as a preview with ✅ Confirm / ✖ Cancel. Nothing executes until you confirm.',
  ].join('\n');
}

export function helpText(): string {
  return [
    '<b>What I can do</b>',
    '• <b>Buy / sell at market</b>: “buy 0.01 btc”, “buy $100 of eth”, “sell 25% of my sol”',
    '• <b>Limit orders</b>: “buy 0.1 btc at 55k”, “sell half my eth at 3,500”',
    '• <b>Stop-loss / take-profit</b>: “stop loss on btc at 50k”, “take profit 10% above on eth”',
    '• <b>Orders</b>: “my orders”, “cancel #12”, “cancel my last order”, “cancel all”, “undo”',
    '• <b>Trade history</b>: “my trade history”, “my fills”',
    '• <b>Sell everything</b>: one preview per coin you hold, each confirmed on its own',
    '• <b>Prices</b>: “price of eth”, /price btc, “what’s the market doing”',
    '• <b>Price alerts</b>: “alert me when btc drops below 60k”, “tell me when eth hits 4k”, “alert me about sol”, “tell me if eth moves 5% in an hour”; add “every time” or “for the next 24 hours” — /alerts to see and remove them',
    '• <b>Portfolio</b>: balances, positions, P&amp;L — /portfolio; returns, drawdown and an equity chart — /performance; a live, read-only page in the browser — /web',
    '• <b>Risk limits</b>: /risk to see and change them (position size, daily loss, drawdown…); “risk 1% on btc with a stop at 58k” sizes a buy; /panic cancels every open order and pauses new risk, /resume ends it',
    '• <b>Live trading</b>: /connect Binance, Kraken or Coinbase (keys stored encrypted), /accounts to switch',
    '',
    '• <b>Signals</b>: “should I buy sol?” — the call, its reasons and its measured track record; /signals for your coins; “why?” explains the last one; “watch sol for me” or /advisor sends proposals you confirm with a tap',
    '• <b>Lab</b>: “backtest rsi on btc for 2021” or /backtest — a result card and a chart; then “monte carlo on that” or “how would the rl agent have done?”',
    'Every order gets a preview first; only ✅ Confirm executes it, once.',
    'In a group I answer prices, alerts and help; your money stays in our private chat.',
    'Commands: /start /help /portfolio /performance /web /orders /price /alerts /signals /advisor /notifications /risk /panic /resume /backtest /connect /accounts /cancel',
  ].join('\n');
}

/** A number that cannot become an order as written: what was wrong, that nothing happened, and how to say it. */
export function numberProblemText(problem: NumberProblem, intent: Intent): string {
  const trade = ['buy_market', 'sell_market', 'buy_limit', 'sell_limit', 'set_stop_loss', 'set_take_profit'].includes(intent);
  const example = intent.startsWith('sell') ? 'sell 0.5 eth' : intent === 'set_alert' ? 'alert me when btc drops below 60000' : 'buy 0.01 btc';
  return [html`${describeNumberProblem(problem)}`, html`${trade ? 'Nothing was ordered. ' : ''}Write the number with plain digits and a point for decimals, e.g. “${example}”.`].join('\n');
}

export const NOT_YET: Record<string, string> = {
  get_signals: 'Trading signals aren’t available yet — I won’t guess. I can show the current price: “price of btc”.',
};

export function unknownText(unresolvedCoin?: string): string {
  if (unresolvedCoin) {
    return html`I don’t know a coin called “${unresolvedCoin}” here. Try a ticker such as BTC, ETH or SOL.`;
  }
  return ['I didn’t catch that. I can trade, show prices and your portfolio. For example:', ...EXAMPLES.map((e) => html`• ${e}`)].join('\n');
}

/** A trade we are not sure of, read back in plain words so the user can say it clearly. */
export function rephraseText(command: ParsedCommand): string {
  const side = command.intent.startsWith('sell') ? 'sell' : 'buy';
  const coin = command.symbol ? command.symbol.replace('/USDT', '') : 'a coin';
  const size = command.amount ? `${command.amount} ${coin}` : command.quote_amount ? `$${command.quote_amount} of ${coin}` : command.percentage ? `${command.percentage}% of ${coin}` : coin;
  return [
    html`I’m not sure I understood. Did you mean to ${side} ${size}?`,
    html`If so, say it plainly — for example “${side} ${command.amount ?? '0.01'} ${coin.toLowerCase()}” — and I’ll show a preview.`,
  ].join('\n');
}
