import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { AlertFiredEvent } from '../../alerts/alert-events.js';
import type { DigestPayload, Notification } from '../../notifications/notification.js';
import { dec } from '../../shared/decimal.js';
import { formatAmount, formatMoney, formatPrice, formatSignedMoney } from '../../shared/number-format.js';
import type { BalanceDriftEvent, ConfirmationEvent, ForeignOrderEvent, OrderEvent, RiskPausedEvent } from '../../trading/events.js';
import { alertActionsKeyboard, alertFiredMessage } from './alert-messages.js';
import { PROPOSAL_EVENT, type ProposalCard } from '../../signals/advisor-service.js';
import { proposalCardMessage } from './signal-messages.js';
import { html } from './html.js';
import { LAB_EVENTS, type LabFailedEvent, type LabFinishedEvent, type LabProgressEvent } from '../../lab/lab-service.js';
import { labCharts, labFailedText, labProgressText, labResultCard, type LabChart } from './lab-messages.js';
import { shownSum } from './money-sum.js';
import { expiredMessage, settledMessage } from './order-outcome.js';
import { balanceDriftMessage, foreignOrderMessage } from './reconcile-messages.js';

/** A proposal card's buttons: the prefix and the proposal's opaque 12-character id (15 bytes). */
export const PROPOSAL_CONFIRM = 'pc:';
export const PROPOSAL_REJECT = 'pr:';

export interface Rendered {
  text: string;
  keyboard?: InlineKeyboard;
  /** Edits the message the notification is about (a preview) rather than sending a new one. */
  edit: boolean;
  /** Images sent after the text (a lab run's charts), drawn only when sent. */
  photos?: LabChart[];
}

/** A notification from the outbox as a Telegram message (or an edit of one), or null when there is nothing to say. */
export function renderNotification(n: Pick<Notification, 'kind' | 'payload'>): Rendered | null {
  switch (n.kind) {
    case 'order.filled':
    case 'order.partially_filled':
    case 'order.cancelled':
    case 'order.expired':
    case 'order.rejected':
    case 'order.resized': {
      const text = orderNotice(n.payload as OrderEvent);
      return text ? { text, edit: false } : null;
    }
    case 'confirmation.settled': {
      const text = settledMessage((n.payload as ConfirmationEvent).confirmation);
      return text ? { text, edit: true } : null;
    }
    case PROPOSAL_EVENT: {
      const card = n.payload as ProposalCard;
      return { text: proposalCardMessage(card), edit: false, keyboard: new InlineKeyboard().text('✅ Confirm', `${PROPOSAL_CONFIRM}${card.proposalId}`).text('✖ Reject', `${PROPOSAL_REJECT}${card.proposalId}`) };
    }
    case 'confirmation.expired':
      return { text: expiredMessage((n.payload as ConfirmationEvent).confirmation), edit: true };
    case 'alert.fired': {
      const { alert, last, priceDecimals, move, actions } = n.payload as AlertFiredEvent;
      const text = alertFiredMessage({ alert, last, ...(priceDecimals !== undefined ? { priceDecimals } : {}), ...(move ? { move } : {}) });
      const keyboard = alertActionsKeyboard(alert, actions ?? []);
      return { text, ...(keyboard ? { keyboard } : {}), edit: false };
    }
    case 'reconcile.foreign_order':
      return { ...foreignOrderMessage(n.payload as ForeignOrderEvent), edit: false };
    case 'reconcile.balance_drift':
      return { ...balanceDriftMessage(n.payload as BalanceDriftEvent), edit: false };
    case 'risk.paused':
      return { text: riskPausedMessage(n.payload as RiskPausedEvent), edit: false };
    case 'digest':
      return digestMessage(n.payload as DigestPayload);
    case LAB_EVENTS.progress: {
      const { title, progress } = n.payload as LabProgressEvent;
      return { text: labProgressText(title, progress), edit: true };
    }
    case LAB_EVENTS.finished: {
      const { result } = n.payload as LabFinishedEvent;
      return { text: labResultCard(result), edit: true, photos: labCharts(result) };
    }
    case LAB_EVENTS.failed: {
      const { title, error } = n.payload as LabFailedEvent;
      return { text: labFailedText(title, error.message), edit: true };
    }
    default:
      return null;
  }
}

/** What the owner of an order is told when it moves without them: a fill, a trigger, a cancel. */
export function orderNotice(event: OrderEvent): string | null {
  const o = event.order;
  const [base, quote] = o.symbol.split('/') as [string, string];
  const name = o.type === 'stop_loss' ? 'Stop-loss' : o.type === 'take_profit' ? 'Take-profit' : html`${o.type === 'limit' ? 'Limit ' : ''}${o.side}`;
  const title = `<b>${html`${name.charAt(0).toUpperCase()}${name.slice(1)} #${o.id}`}</b>`;
  if (event.resizedFrom !== undefined) {
    return `🛡 ${title} ${html`now covers ${formatAmount(o.amount)} ${base} (it covered ${formatAmount(event.resizedFrom)}): you hold less than it was set for. It still triggers at ${formatPrice(o.triggerPrice ?? '0', event.priceDecimals)}.`}`;
  }
  if (event.fill) {
    const amount = dec(event.fill.amount);
    const price = amount.gt(0) ? dec(event.fill.cost).div(amount) : dec(0);
    const buy = o.side === 'buy';
    const fillText = html`${buy ? 'bought' : 'sold'} ${formatAmount(amount)} ${base} at ${formatPrice(price, event.priceDecimals)} ${quote}`;
    const head =
      o.status === 'filled'
        ? `${event.triggered ? '🛑' : '🔔'} ${title} ${html`${event.triggered ? 'triggered' : 'filled'}: ${fillText}.`}`
        : `🔔 ${title} ${html`partly filled: ${fillText} (${formatAmount(o.filled)} of ${formatAmount(o.amount)} so far).`}`;
    // What a trader checks: the money that moved, the fee, and what a sale made or lost.
    const feeInQuote = (event.fill.feeCurrency || quote) === quote;
    const money = feeInQuote
      ? (({ a, b, result }) => html`${buy ? 'Cost' : 'Proceeds'} ${a} ${buy ? '+' : '−'} fee ${b} = ${result}`)(shownSum(event.fill.cost, buy ? '+' : '−', event.fill.fee, quote))
      : html`${buy ? 'Cost' : 'Proceeds'} ${formatAmount(event.fill.cost)} ${quote} · fee ${formatAmount(event.fill.fee)} ${event.fill.feeCurrency}`;
    const pnl = event.realizedPnlUsdt ? html` · P&amp;L ${formatSignedMoney(event.realizedPnlUsdt, 'USDT')}` : '';
    return `${head}
${money}${pnl}`;
  }
  switch (o.status) {
    case 'cancelled':
      return `✖ ${title} ${html`was cancelled${o.error ? `: ${o.error}` : ' on the exchange.'}`}`;
    case 'expired':
      return `⌛ ${title} expired on the exchange.`;
    case 'rejected':
      return `❌ ${title} ${html`was not executed: ${o.error ?? 'the exchange refused it.'}`}`;
    default:
      return null;
  }
}

/** The drawdown rule paused new risk: why, what still works, and how to end it. */
export function riskPausedMessage(event: RiskPausedEvent): string {
  return [
    '⏸ <b>New risk paused</b>',
    html`Your equity (${formatMoney(event.equity, 'USDT')}) is ${event.drawdownPct}% below its peak of ${formatMoney(event.peak, 'USDT')} — past your ${event.limitPct}% drawdown limit.`,
    'Until you resume, no order that adds risk is accepted. Selling, stop-losses, take-profits and cancels still work, and your positions are untouched.',
    '/resume ends the pause (your drawdown is then measured from the equity of that moment) · /risk shows your limits.',
  ].join('\n');
}

const DIGEST_LINES = 25;
const DIGEST_BUTTON_ROWS = 8;

/** Held news in one message: one line each, oldest first, with the buttons of those that have any. */
function digestMessage(digest: DigestPayload): Rendered {
  const rendered = digest.items.map((item) => renderNotification({ kind: item.kind, payload: item.payload })).filter((r): r is Rendered => r !== null);
  const lines = rendered.slice(0, DIGEST_LINES).map((r) => `• ${r.text.replace(/\n/g, ' ')}`);
  if (rendered.length > DIGEST_LINES) lines.push(html`… and ${rendered.length - DIGEST_LINES} more.`);
  const heading = `<b>🗞 ${digest.period === 'daily' ? 'Your daily digest' : 'Your digest'}</b> · ${rendered.length} update${rendered.length === 1 ? '' : 's'}`;
  const rows: InlineKeyboardButton[][] = rendered.flatMap((r) => r.keyboard?.inline_keyboard ?? []).slice(0, DIGEST_BUTTON_ROWS);
  return { text: [heading, ...lines].join('\n'), ...(rows.length > 0 ? { keyboard: InlineKeyboard.from(rows) } : {}), edit: false };
}
