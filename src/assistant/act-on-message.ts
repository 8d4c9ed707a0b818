import { DEFAULT_COOLDOWN_MS } from '../alerts/alert-kinds.js';
import type { MarketSource } from '../market/types.js';
import type { AlertService } from '../alerts/alert-service.js';
import { AlertRefused } from '../alerts/alert-rules.js';
import type { AlertSchedule, MoveDirection } from '../alerts/types.js';
import { readAlertModifiers } from '../nlu/offline/alert-modifiers.js';
import type { ParseResult } from '../nlu/contract.js';
import type { AdvisorService, ProposalDecision } from '../signals/advisor-service.js';
import type { SignalDesk } from '../signals/signal-desk.js';
import type { Who } from '../trading/preview-trade.js';
import type { TradingService } from '../trading/trading-service.js';
import type { Answer } from './answer.js';
import { CHAT_MEMORY_TTL_MS, readFollowUp, remember, type ChatMemoryStore } from './follow-up.js';
import { cancelFromCommand, requestFromCommand } from './request-from-command.js';
import { venueFromText } from './venue-phrases.js';
import { readRiskSizing, type RiskSizingAsk } from './risk-sizing.js';
import { isWhyQuestion } from './why-question.js';
import { readAdvisorAsk } from './advisor-phrases.js';

/** Parser confidence below which a trade is not previewed but read back (see offline-parser.ts's scale). */
export const ASK_BELOW = 0.4;
/** Below this the preview carries a warning to check it. */
export const CAUTION_BELOW = 0.7;

export interface AssistantDeps {
  trading: TradingService;
  alerts: AlertService;
  /** Where the app's own prices come from (paper accounts and alerts): 'replay' or 'live'. */
  marketSource: MarketSource;
  /** The coin a message names (BASE/QUOTE), for phrases the parser reads as no intent ("risk 1% on btc …"). */
  coinIn?: (text: string) => string | null;
  /** Per-chat memory of the last coin, order and question, for "buy more", "sell it", "what about eth?". */
  memory?: { store: ChatMemoryStore; now: () => number; ttlMs?: number };
  /** "should I buy sol?", /signals and "why?"; without it those say signals are not available. */
  signals?: SignalDesk;
  /** Advisor mode: watched pairs, quiet hours, proposals. */
  advisor?: AdvisorService;
}

/** /signals for someone who holds and watches nothing: the two largest markets. */
export const DEFAULT_SIGNAL_PAIRS = ['BTC/USDT', 'ETH/USDT'];

/**
 * "Act on a parsed message": the one place that turns what a person said into what Parley does
 * — the confidence gate before anything is priced, then the use case for the intent. The bot
 * renders the answer as chat, the API as JSON; neither decides anything of its own.
 */
export class Assistant {
  constructor(private readonly deps: AssistantDeps) {}

  /**
   * `text`: the message as written, for the phrases read here rather than by the parser (position
   * sizing, references). `chat`: the conversation it belongs to, whose last coin, order and question
   * "buy more", "same again", "sell it", "cancel that", "make it 0.2", "what about eth?" point at.
   * A reference becomes an ordinary command and goes through the same preview and confirmation.
   */
  async act(who: Who, parsed: ParseResult, text?: string, chat?: string): Promise<Answer> {
    const { memory } = this.deps;
    if (memory === undefined || chat === undefined || text === undefined) return this.answer(who, parsed, text);
    const memoryTtlMs = memory.ttlMs ?? CHAT_MEMORY_TTL_MS;
    const now = memory.now();
    const before = await memory.store.read(chat);
    const coinIn = this.deps.coinIn ?? (() => null);
    const reading = readFollowUp(text, before, now, coinIn, memoryTtlMs) ?? parsed;
    const answer = await this.answer(who, reading, reading === parsed ? text : undefined);
    const after = remember(before, reading.command, now, memoryTtlMs);
    if (after !== undefined) await memory.store.write(chat, after);
    return answer;
  }

  private async answer(who: Who, parsed: ParseResult, text?: string): Promise<Answer> {
    const { command } = parsed;
    const { trading } = this.deps;
    // A number that cannot be read exactly is said back, whatever else the message asked.
    if (parsed.numberProblem) return { kind: 'number_problem', problem: parsed.numberProblem, intent: command.intent };
    if (text && isWhyQuestion(text)) return this.why(who);
    const advisorAsk = text && this.deps.advisor ? readAdvisorAsk(text) : null;
    if (advisorAsk) return this.advisorAsk(who, advisorAsk.kind, this.deps.coinIn?.(advisorAsk.coinText) ?? null, advisorAsk.coinText);
    const sizing = text ? readRiskSizing(text, parsed) : null;
    if (sizing) return this.sizeByRisk(who, sizing.symbol ? sizing : { ...sizing, symbol: this.deps.coinIn?.(text!) ?? null });
    if (parsed.allHoldings && command.intent === 'sell_market' && !command.symbol) return this.sellEverything(who);
    if (command.intent === 'unknown' && parsed.topic) return this.topic(who, parsed.topic);
    switch (command.intent) {
      case 'buy_market':
      case 'sell_market':
      case 'buy_limit':
      case 'sell_limit':
      case 'set_stop_loss':
      case 'set_take_profit': {
        // Money is the worst thing to misunderstand: a weak reading is read back, not previewed.
        if (parsed.confidence < ASK_BELOW) return { kind: 'rephrase', command };
        const mapped = requestFromCommand(command)!;
        if (!mapped.ok) return { kind: 'incomplete', missing: mapped.missing, request: mapped.request, unresolvedCoin: parsed.unresolvedCoin ?? null };
        // "wherever it's cheapest" routes a market order; "on kraken" sends it there.
        const venue = text && mapped.request.type === 'market' ? venueFromText(text) : null;
        return this.preview(who, venue ? { ...mapped.request, venue } : mapped.request, { unsure: parsed.confidence < CAUTION_BELOW });
      }
      case 'cancel_order': {
        const request = cancelFromCommand(command);
        if (request) {
          const { plan, confirmation } = await trading.previewCancel(who, request);
          return confirmation ? { kind: 'cancel_preview', plan, confirmation } : { kind: 'cancel_blocked', plan };
        }
        const open = await trading.cancellable(who, command.symbol ?? undefined);
        // "cancel it" with one open order means that one: no question to answer.
        if (open.length === 1) {
          const { plan, confirmation } = await trading.previewCancel(who, { target: 'one', orderRef: String(open[0]!.id) });
          return confirmation ? { kind: 'cancel_preview', plan, confirmation } : { kind: 'cancel_blocked', plan };
        }
        return { kind: 'pick_order', open, symbol: command.symbol ?? null };
      }
      case 'list_orders':
        return { kind: 'orders', view: await trading.orderList(who, command.symbol ?? undefined), symbol: command.symbol ?? null };
      case 'check_portfolio':
        return { kind: 'portfolio', portfolio: await trading.portfolio(who.account) };
      case 'get_price': {
        if (!command.symbol) return parsed.unresolvedCoin ? { kind: 'not_understood', unresolvedCoin: parsed.unresolvedCoin } : { kind: 'which_coin', for: 'price' };
        const onExchange = who.account.mode !== 'paper';
        return { kind: 'price', ticker: await trading.price(command.symbol, who.account), source: onExchange ? 'live' : this.deps.marketSource };
      }
      case 'set_alert':
        return this.alert(who, parsed, text);
      case 'help':
        return { kind: 'help' };
      case 'get_signals':
        // A coin that is not traded here is said to be so first.
        if (command.symbol && !(await trading.isListed(command.symbol))) return { kind: 'not_tradable', coin: command.symbol.split('/')[0]! };
        if (!command.symbol && parsed.unresolvedCoin) return { kind: 'not_tradable', coin: parsed.unresolvedCoin.toUpperCase() };
        if (!this.deps.signals) return { kind: 'not_available', intent: command.intent };
        if (!command.symbol) return this.signalList(who);
        return { kind: 'signal', signal: await this.deps.signals.ask(who.userId, command.symbol, command.timeframe ?? '1h'), asked: askedSide(text) };
      case 'unknown':
        return { kind: 'not_understood', unresolvedCoin: parsed.unresolvedCoin ?? null };
      default:
        return { kind: 'not_available', intent: command.intent };
    }
  }

  /** Small talk and near misses the parser named. */
  private async topic(who: Who, topic: NonNullable<ParseResult['topic']>): Promise<Answer> {
    const { trading } = this.deps;
    switch (topic) {
      case 'greeting':
        return { kind: 'greeting' };
      case 'thanks':
        return { kind: 'thanks' };
      case 'market_summary':
        return { kind: 'market_summary', movers: await trading.marketMovers(who.account), source: who.account.mode === 'paper' ? this.deps.marketSource : 'live' };
      case 'trade_history':
        return this.tradeHistory(who, 0);
      case 'alert_list':
        return { kind: 'alerts', view: await this.deps.alerts.listView(who.userId) };
      case 'undo': {
        // Undo what can be undone: the newest open order, through its cancel preview. A fill is history.
        const [latest] = await trading.cancellable(who, undefined, 1);
        if (!latest) return { kind: 'nothing_to_undo' };
        const { plan, confirmation } = await trading.previewCancel(who, { target: 'one', orderRef: String(latest.id) });
        return confirmation ? { kind: 'cancel_preview', plan, confirmation } : { kind: 'cancel_blocked', plan };
      }
    }
  }

  /** /signals: the current signal of each coin held and each pair watched (the largest markets when there are none). */
  async signalList(who: Who): Promise<Answer> {
    const desk = this.deps.signals;
    if (!desk) return { kind: 'not_available', intent: 'get_signals' };
    const held = (await this.deps.trading.heldBases(who.account, 'USDT')).map((coin) => `${coin}/USDT`);
    const watched = (await this.deps.advisor?.watched(who.userId)) ?? [];
    const mine = [...new Set([...held, ...watched])];
    const pairs = mine.length > 0 ? mine : DEFAULT_SIGNAL_PAIRS;
    return { kind: 'signal_list', lines: await desk.survey(pairs), yours: mine.length > 0 };
  }

  /** "why?": the last signal or proposal shown, explained; or that there is nothing recent to explain. */
  async why(who: Who): Promise<Answer> {
    const shown = (await this.deps.signals?.why(who.userId)) ?? null;
    return { kind: 'why', shown };
  }

  /** "watch sol for me" / "stop watching sol". */
  private async advisorAsk(who: Who, kind: 'watch' | 'unwatch', symbol: string | null, said: string): Promise<Answer> {
    const advisor = this.deps.advisor!;
    if (!symbol) return { kind: 'not_understood', unresolvedCoin: said.trim().split(/\s+/)[0] ?? null };
    if (!(await this.deps.trading.isListed(symbol))) return { kind: 'not_tradable', coin: symbol.split('/')[0]! };
    const changed = kind === 'watch' ? await advisor.watch(who.userId, symbol) : await advisor.unwatch(who.userId, symbol);
    return { kind: 'advisor', change: { kind, symbol, changed }, settings: await advisor.settings(who.userId) };
  }

  /** /advisor: the pairs watched, the quiet hours, the day's cap. */
  async advisorSettings(who: Who): Promise<Answer> {
    if (!this.deps.advisor) return { kind: 'not_available', intent: 'get_signals' };
    return { kind: 'advisor', change: null, settings: await this.deps.advisor.settings(who.userId) };
  }

  /**
   * ✅ on a proposal card: claimed once, by its owner, before it expires — then the normal preview
   * (every risk check), whose own ✅ executes exactly once. A second press, an expired or a
   * rejected proposal opens nothing.
   */
  async previewProposal(who: Who, proposalId: string): Promise<Answer> {
    const decided = await this.deps.advisor!.claim(who.userId, proposalId);
    if (decided.outcome === 'claimed') return this.preview(who, decided.proposal.request);
    return { kind: 'proposal_closed', outcome: decided.outcome === 'rejected' ? 'rejected_before' : decided.outcome };
  }

  /** ✖ on a proposal card. */
  async rejectProposal(who: Who, proposalId: string): Promise<Extract<ProposalDecision, { outcome: string }>> {
    return this.deps.advisor!.reject(who.userId, proposalId);
  }

  async tradeHistory(who: Who, page: number): Promise<Answer> {
    return { kind: 'trade_history', ...(await this.deps.trading.tradeHistory(who, page)) };
  }

  /** "sell everything": every coin held, each as its own preview (each confirmed on its own, exactly once). */
  private async sellEverything(who: Who): Promise<Answer> {
    const coins = await this.deps.trading.heldBases(who.account, 'USDT');
    const previews = [];
    for (const coin of coins) {
      const answer = await this.preview(who, { side: 'sell', type: 'market', symbol: `${coin}/USDT`, size: { kind: 'percent', percent: 100 } });
      if (answer.kind === 'preview' || answer.kind === 'preview_blocked') previews.push(answer);
    }
    return { kind: 'sell_all', previews };
  }

  /** A complete trade request: priced and checked; confirmable when every check passes. */
  async preview(who: Who, request: Parameters<TradingService['preview']>[1], options: { unsure?: boolean } = {}): Promise<Answer> {
    const { plan, confirmation, alternative } = await this.deps.trading.preview(who, request);
    return confirmation ? { kind: 'preview', plan, confirmation, unsure: options.unsure === true } : { kind: 'preview_blocked', plan, ...(alternative ? { alternative } : {}) };
  }

  /** "risk 1% on btc with a stop at 58k": a market buy of the amount that loses that share at the stop, previewed like any buy. */
  private async sizeByRisk(who: Who, ask: RiskSizingAsk): Promise<Answer> {
    const example = '“risk 1% on btc with a stop at 58k”';
    if (!ask.symbol) return { kind: 'sizing_refused', code: 'risk.sizing.no_coin', message: `Risk ${ask.riskPct}% on which coin? For example ${example}.` };
    if (!ask.stop) return { kind: 'sizing_refused', code: 'risk.sizing.no_stop', message: `Where is the stop? The size comes from what you lose if it is hit — for example ${example}.` };
    const sized = await this.deps.trading.previewSizedByRisk(who, { symbol: ask.symbol, riskPct: ask.riskPct, stop: ask.stop });
    if (sized.outcome === 'refused') return { kind: 'sizing_refused', code: sized.code, message: sized.message };
    const { plan, confirmation, alternative } = sized.preview;
    const note = { riskPct: ask.riskPct, stop: ask.stop, message: sized.sizing.message };
    return confirmation ? { kind: 'preview', plan, confirmation, unsure: false, sizing: note } : { kind: 'preview_blocked', plan, ...(alternative ? { alternative } : {}), sizing: note };
  }

  /**
   * "alert me when btc drops below 60k": alerts move no money, so there is no preview — the alert
   * is set at once. Without a level the interface asks for it; without anything, the list. The
   * message may also make it a move ("moves 5% in an hour"), repeating ("every time") or
   * time-limited ("for the next 24 hours"): see nlu/offline/alert-modifiers.ts.
   */
  private async alert(who: Who, parsed: ParseResult, text?: string): Promise<Answer> {
    const { symbol, price, direction } = parsed.command;
    const { alerts } = this.deps;
    const modifiers = text ? readAlertModifiers(text) : {};
    const schedule: AlertSchedule = { cooldownMs: modifiers.repeat ? (modifiers.cooldownMs ?? DEFAULT_COOLDOWN_MS) : null, expiresInMs: modifiers.expiresInMs ?? null };
    if (!symbol) {
      if (parsed.unresolvedCoin) return { kind: 'not_understood', unresolvedCoin: parsed.unresolvedCoin };
      if (price || modifiers.move) return { kind: 'which_coin', for: 'alert' };
      return { kind: 'alerts', view: await alerts.listView(who.userId) };
    }
    if (modifiers.move) return this.setMoveAlert(who.userId, { symbol, ...modifiers.move, ...schedule });
    if (!price) {
      // Refuses an unlisted coin here, before a question about its price.
      await alerts.price(symbol);
      return { kind: 'alert_needs_price', symbol, direction: direction ?? null, ...(schedule.cooldownMs || schedule.expiresInMs ? { schedule } : {}) };
    }
    return this.setAlert(who.userId, { symbol, price, direction: direction ?? null, ...schedule });
  }

  /** Sets an alert, or says plainly why not (already crossed, not a price, at the cap). */
  async setAlert(userId: number, request: { symbol: string; price: string | number; direction: 'above' | 'below' | null } & AlertSchedule): Promise<Answer> {
    try {
      return { kind: 'alert_set', set: await this.deps.alerts.set({ userId, ...request }) };
    } catch (error) {
      if (error instanceof AlertRefused) return { kind: 'alert_refused', error };
      throw error;
    }
  }

  /** "tell me if eth moves 5% in an hour": set at once, like any alert. */
  async setMoveAlert(userId: number, request: { symbol: string; pct: number; windowMs: number; direction: MoveDirection } & AlertSchedule): Promise<Answer> {
    try {
      return { kind: 'alert_set', set: await this.deps.alerts.setMove({ userId, ...request }) };
    } catch (error) {
      if (error instanceof AlertRefused) return { kind: 'alert_refused', error };
      throw error;
    }
  }
}

/** Which way the question leaned ("should I sell btc" → sell), so the answer can speak to it. */
function askedSide(text: string | undefined): 'buy' | 'sell' | null {
  if (!text) return null;
  if (/\b(sell|short|dump|exit)\b/i.test(text)) return 'sell';
  if (/\b(buy|long|get into|ape)\b/i.test(text)) return 'buy';
  return null;
}
