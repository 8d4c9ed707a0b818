import type { AlertService } from '../alerts/alert-service.js';
import { AlertRefused } from '../alerts/alert-rules.js';
import type { ParseResult } from '../nlu/contract.js';
import type { Who } from '../trading/preview-trade.js';
import type { TradingService } from '../trading/trading-service.js';
import type { Answer } from './answer.js';
import { cancelFromCommand, requestFromCommand } from './request-from-command.js';

/** Parser confidence below which a trade is not previewed but read back (see offline-parser.ts's scale). */
export const ASK_BELOW = 0.4;
/** Below this the preview carries a warning to check it. */
export const CAUTION_BELOW = 0.7;

export interface AssistantDeps {
  trading: TradingService;
  alerts: AlertService;
  /** Where the app's own prices come from (paper accounts and alerts): 'replay' or 'live'. */
  marketSource: 'replay' | 'live';
}

/**
 * "Act on a parsed message": the one place that turns what a person said into what Parley does
 * — the confidence gate before anything is priced, then the use case for the intent. The bot
 * renders the answer as chat, the API as JSON; neither decides anything of its own.
 */
export class Assistant {
  constructor(private readonly deps: AssistantDeps) {}

  async act(who: Who, parsed: ParseResult): Promise<Answer> {
    const { command } = parsed;
    const { trading } = this.deps;
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
        return this.preview(who, mapped.request, { unsure: parsed.confidence < CAUTION_BELOW });
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
        return this.alert(who, parsed);
      case 'help':
        return { kind: 'help' };
      case 'unknown':
        return { kind: 'not_understood', unresolvedCoin: parsed.unresolvedCoin ?? null };
      default:
        return { kind: 'not_available', intent: command.intent };
    }
  }

  /** A complete trade request: priced and checked; confirmable when every check passes. */
  async preview(who: Who, request: Parameters<TradingService['preview']>[1], options: { unsure?: boolean } = {}): Promise<Answer> {
    const { plan, confirmation } = await this.deps.trading.preview(who, request);
    return confirmation ? { kind: 'preview', plan, confirmation, unsure: options.unsure === true } : { kind: 'preview_blocked', plan };
  }

  /**
   * "alert me when btc drops below 60k": alerts move no money, so there is no preview — the alert
   * is set at once. Without a level the interface asks for it; without anything, the list.
   */
  private async alert(who: Who, parsed: ParseResult): Promise<Answer> {
    const { symbol, price, direction } = parsed.command;
    const { alerts } = this.deps;
    if (!symbol) {
      if (parsed.unresolvedCoin) return { kind: 'not_understood', unresolvedCoin: parsed.unresolvedCoin };
      if (price) return { kind: 'which_coin', for: 'alert' };
      return { kind: 'alerts', view: await alerts.listView(who.userId) };
    }
    if (!price) {
      // Refuses an unlisted coin here, before a question about its price.
      await alerts.price(symbol);
      return { kind: 'alert_needs_price', symbol, direction: direction ?? null };
    }
    return this.setAlert(who.userId, { symbol, price, direction: direction ?? null });
  }

  /** Sets an alert, or says plainly why not (already crossed, not a price, at the cap). */
  async setAlert(userId: number, request: { symbol: string; price: string | number; direction: 'above' | 'below' | null }): Promise<Answer> {
    try {
      return { kind: 'alert_set', set: await this.deps.alerts.set({ userId, ...request }) };
    } catch (error) {
      if (error instanceof AlertRefused) return { kind: 'alert_refused', error };
      throw error;
    }
  }
}
