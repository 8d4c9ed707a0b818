import type { Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorEvent } from '../api/playground/emulator-events.js';
import { inProcessApp } from '../../test/support/in-process-app.js';

const ada: User = { id: 5801, is_bot: false, first_name: 'Ada' };
const ben: User = { id: 5802, is_bot: false, first_name: 'Ben' };

/** The lab in the chat on the whole app in one process: the job runs in the in-process queue, the notifier edits and sends. */
describe('the lab in the chat', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  const events: EmulatorEvent[] = [];
  beforeAll(async () => {
    h = await inProcessApp();
    for (const user of [ada, ben]) await h.say(user, '/start');
    h.emulator.subscribe((e) => events.push(e));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  /** Waits for the user's newest lab run to end (the job runs on the queue's timers), delivering the outbox as it goes. */
  async function runToEnd(user: User, progress: Message): Promise<void> {
    for (let i = 0; i < 3000; i++) {
      await h.deliverNotifications();
      if (/^(📈|🎲|🤖|⚠️)/.test(h.emulator.message(user.id, progress.message_id)?.text ?? '')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await h.deliverNotifications();
  }

  const fromBot = (user: User, since: number) => events.slice(since).filter((e): e is Extract<EmulatorEvent, { message: Message }> => 'message' in e && e.message.chat.id === user.id && e.message.from?.is_bot === true);

  it('"backtest rsi on btc for 2021": a progress message at once, edited in place into the result card, then the chart as a photo', async () => {
    const since = events.length;
    const first = await h.say(ada, 'backtest rsi on btc for 2021');
    expect(first?.text).toBe('⏳ Backtesting RSI reversion on BTC/USDT, 2021… 0%\n░░░░░░░░░░');
    await runToEnd(ada, first!);
    const seen = fromBot(ada, since);
    // One new text message (the progress line); everything else edits it; then one photo.
    const sent = seen.filter((e) => e.type === 'message');
    expect(sent.map((e) => (e.message.photo ? 'photo' : 'text'))).toEqual(['text', 'photo']);
    const edits = seen.filter((e) => e.type === 'edited');
    expect(edits.length).toBeGreaterThanOrEqual(1);
    for (const e of edits) expect(e.message.message_id).toBe(first!.message_id);
    // Never the same text twice in a row (Telegram refuses such an edit).
    const texts = [first!.text, ...edits.map((e) => e.message.text)];
    for (let i = 1; i < texts.length; i++) expect(texts[i]).not.toBe(texts[i - 1]);
    const card = h.emulator.message(ada.id, first!.message_id)!.text!;
    if (process.env.SHOW_CHAT) console.log(card);
    expect(card).toMatch(/^📈 RSI reversion on BTC\/USDT, 2021\n/);
    expect(card).toMatch(/Total return [+−]\d+\.\d% {2}\(buy & hold [+−]\d+\.\d%\)/);
    expect(card).toContain('Look-ahead guard: 16 cuts re-run, no signal changed.');
    const photo = sent[1]!.message;
    expect(photo.caption).toBe('RSI reversion on BTC/USDT, 2021: equity vs buy & hold');
    const bytes = h.emulator.photo(photo.photo!.at(-1)!.file_id)!;
    expect(bytes.contentType).toBe('image/png');
    expect(bytes.data.byteLength).toBeGreaterThan(20_000);
  }, 120_000);

  it('"monte carlo on that" runs on the last backtest, with a seed, and ends with the card and the histogram', async () => {
    const since = events.length;
    const first = await h.say(ada, 'monte carlo on that');
    expect(first?.text).toMatch(/^⏳ Running a Monte Carlo of RSI reversion on BTC\/USDT, 2021… 0%/);
    await runToEnd(ada, first!);
    const card = h.emulator.message(ada.id, first!.message_id)!.text!;
    if (process.env.SHOW_CHAT) console.log(fromBot(ada, since).map((e) => `${e.type}: ${(e.message.text ?? e.message.caption ?? '').split('\n')[0]}`).join('\n'));
    expect(card).toMatch(/^🎲 Monte Carlo of RSI reversion on BTC\/USDT, 2021\n500 made-up markets .* seed 1: the same seed gives the same figures/);
    expect(card).toMatch(/VaR 95: lost \d+\.\d% or more/);
    const photos = fromBot(ada, since).filter((e) => e.type === 'message' && e.message.photo);
    expect(photos.map((e) => e.message.caption)).toEqual(['Monte Carlo of RSI reversion on BTC/USDT, 2021: scenarios by total return, VaR and CVaR marked']);
  }, 120_000);

  it('"how would the rl agent have done?": trains the DQN briefly on the last backtest’s coin and answers with its out-of-sample figures beside both baselines', async () => {
    const first = await h.say(ada, 'how would the rl agent have done?');
    expect(first?.text).toMatch(/^⏳ Training the RL agent on BTC\/USDT, walk-forward… 0%/);
    await runToEnd(ada, first!);
    const card = h.emulator.message(ada.id, first!.message_id)!.text!;
    if (process.env.SHOW_CHAT) console.log(card);
    expect(card).toMatch(/^🤖 RL agent on BTC\/USDT, walk-forward\nTrained on 2 Dec 2020 → .*2 episodes, seed 1\); tested out of sample on /);
    expect(card).toMatch(/\nRL agent: [+−]\d+\.\d% · max DD \d+\.\d% · Sharpe /);
    expect(card).toMatch(/\nbuy-and-hold: [+−]\d+\.\d%/);
    expect(card).toMatch(/\nEMA cross 12\/26: [+−]\d+\.\d%/);
    expect(card).toContain('DQN');
  }, 180_000);

  it('asks what is missing, shows /backtest usage, and answers a coin it has no history for or a Monte Carlo with nothing before', async () => {
    expect((await h.say(ben, '/backtest'))?.text).toContain('Tell me a strategy, a coin and a period');
    expect((await h.say(ben, 'backtest btc'))?.text).toBe('Backtest which strategy on BTC/USDT? For example /backtest rsi btc 2021. /backtest alone shows the choices.');
    expect((await h.say(ben, 'backtest rsi on doge'))?.text).toBe('I have no price history for DOGE/USDT to test on (I have ADA, BTC, ETH, SOL, XRP).');
    expect((await h.say(ben, 'backtest macd on btc'))?.text).toContain('I can backtest ema-cross and rsi-reversion');
    expect((await h.say(ben, '/backtest ema eth 2019'))?.text).toBe('I have ETH/USDT prices from 2020-12-01 to 2021-07-17 only: too few for 2019.');
    expect((await h.say(ben, 'monte carlo on that'))?.text).toContain('There is no backtest to run a Monte Carlo on yet');
    // Other messages still reach the parser.
    expect((await h.say(ben, 'price of btc'))?.text).toMatch(/BTC/);
  }, 60_000);
});
