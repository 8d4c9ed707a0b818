import { InlineKeyboard } from 'grammy';
import { formatDuration, windowWords } from '../../alerts/alert-kinds.js';
import type { AlertAction, FiredAlert, LevelAlert, MoveAlert, PriceAlert, SetAlert } from '../../alerts/types.js';
import { formatPrice } from '../../shared/number-format.js';
import { html } from './html.js';

type Level = Pick<LevelAlert, 'kind' | 'symbol' | 'direction' | 'price'> | Pick<MoveAlert, 'kind' | 'symbol' | 'direction' | 'pct' | 'windowMs'>;

/** ✖ under a new alert or a fired one's notice: the message says it was removed (see handlers/alert-buttons.ts). */
export const REMOVE_PREFIX = 'al:rm:';
/** ✖ on a fired alert's notice: the notice stays, with a line saying it was removed. */
export const NOTICE_REMOVE_PREFIX = 'al:rn:';
/** A fired alert's notice: buy, sell, snooze (then for how long, or back). Each carries only the alert's id. */
export const ALERT_BUY_PREFIX = 'al:b:';
export const ALERT_SELL_PREFIX = 'al:s:';
export const SNOOZE_PREFIX = 'al:z:';
export const SNOOZE_HOUR_PREFIX = 'al:zh:';
export const SNOOZE_TOMORROW_PREFIX = 'al:zt:';
export const SNOOZE_BACK_PREFIX = 'al:zb:';

/** The buttons of what a fired alert offers: "🟢 Buy BTC · 🔴 Sell BTC" over "😴 Snooze · ✖ Remove". */
export function alertActionsKeyboard(alert: Pick<PriceAlert, 'id' | 'symbol'>, actions: readonly AlertAction[]): InlineKeyboard | undefined {
  if (actions.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  const name = coin(alert.symbol);
  if (actions.includes('buy')) keyboard.text(`🟢 Buy ${name}`, `${ALERT_BUY_PREFIX}${alert.id}`);
  if (actions.includes('sell')) keyboard.text(`🔴 Sell ${name}`, `${ALERT_SELL_PREFIX}${alert.id}`);
  keyboard.row();
  if (actions.includes('snooze')) keyboard.text('😴 Snooze', `${SNOOZE_PREFIX}${alert.id}`);
  if (actions.includes('remove')) keyboard.text('✖ Remove', `${NOTICE_REMOVE_PREFIX}${alert.id}`);
  return keyboard;
}

/** Snooze, for how long: an hour, or until tomorrow (00:00 UTC). */
export function snoozeKeyboard(alertId: string): InlineKeyboard {
  return new InlineKeyboard().text('1 hour', `${SNOOZE_HOUR_PREFIX}${alertId}`).text('Until tomorrow', `${SNOOZE_TOMORROW_PREFIX}${alertId}`).row().text('‹ Back', `${SNOOZE_BACK_PREFIX}${alertId}`);
}

const MOVE_VERB = { up: 'rises', down: 'falls', either: 'moves' } as const;
const coin = (symbol: string) => symbol.replace(/\/USDT$/, '');

/** "BTC/USDT below 60,000.00", "ETH/USDT moves 5% within an hour" */
export function alertWhat(a: Level, priceDecimals?: number): string {
  if (a.kind === 'move') return html`${a.symbol} ${MOVE_VERB[a.direction]} ${a.pct}% within ${windowWords(a.windowMs)}`;
  return html`${a.symbol} ${a.direction} ${formatPrice(a.price, priceDecimals)}`;
}

/** "3 Dec 14:00 UTC": when a snooze or an alert's life ends. */
export function whenUtc(at: Date): string {
  const month = at.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${at.getUTCDate()} ${month} ${at.toISOString().slice(11, 16)} UTC`;
}

/** How often it tells, and until when: "I’ll tell you once." / "I’ll tell you every time, at most once per 10 min, until 3 Dec 13:45 UTC." */
export function howOften(a: Pick<PriceAlert, 'cooldownMs' | 'expiresAt'>): string {
  const often = a.cooldownMs === null ? 'once' : `every time, at most once per ${formatDuration(a.cooldownMs)}`;
  return `I’ll tell you ${often}${a.expiresAt ? `, until ${whenUtc(a.expiresAt)}` : ''}.`;
}

export function alertSetMessage(set: SetAlert): string {
  const lead = set.existing ? 'You already have this alert' : 'Alert set';
  const underWay = set.alert.kind === 'move' && !set.alert.armed && set.alert.fireCount === 0 ? ' It has already moved that much: I’ll tell you about the next move.' : '';
  return `🔔 ${lead}: ${alertWhat(set.alert, set.priceDecimals)} ${html`(now ${formatPrice(set.last, set.priceDecimals)})`}. ${howOften(set.alert)}${underWay}`;
}

/** The job's notification: "🔔 BTC/USDT is below 60,000.00 — 59,987.10 now." / "📈 ETH/USDT is up 5.20% within an hour — 3,156.00 now (from 3,000.00)." */
export function alertFiredMessage(fired: FiredAlert): string {
  const { alert, priceDecimals } = fired;
  if (alert.kind === 'move') {
    const move = fired.move;
    if (!move) return html`🔔 ${alert.symbol} moved ${alert.pct}% within ${windowWords(alert.windowMs)} — ${formatPrice(fired.last, priceDecimals)} now.`;
    const up = move.pct >= 0;
    return html`${up ? '📈' : '📉'} ${alert.symbol} is ${up ? 'up' : 'down'} ${Math.abs(move.pct).toFixed(2)}% within ${windowWords(alert.windowMs)} — ${formatPrice(fired.last, priceDecimals)} now (from ${formatPrice(move.from, priceDecimals)}).`;
  }
  return html`🔔 ${alert.symbol} is ${alert.direction} ${formatPrice(alert.price, priceDecimals)} — ${formatPrice(fired.last, priceDecimals)} now.`;
}

export function alertRemovedMessage(a: Level): string {
  return `✖ Alert removed: ${alertWhat(a)}.`;
}

/** What a settled alert's message becomes when its ✖ is pressed late. */
export function alertDoneMessage(a: PriceAlert): string {
  if (a.status === 'triggered') return `🔔 Alert fired: ${alertWhat(a)}${a.triggeredPrice ? html` — at ${formatPrice(a.triggeredPrice)}` : ''}.`;
  if (a.status === 'expired') return `⌛ Alert expired: ${alertWhat(a)}.`;
  return alertRemovedMessage(a);
}

/** A snoozed alert: "😴 Snoozed until 3 Dec 14:00 UTC: BTC/USDT below 60,000.00. I’ll tell you again then if it still holds." */
export function alertSnoozedMessage(a: PriceAlert): string {
  const until = a.snoozedUntil ? whenUtc(a.snoozedUntil) : 'later';
  return `😴 Snoozed until ${until}: ${alertWhat(a)}. I’ll tell you again then if it still holds.`;
}

/** A list button's label (it opens the alert's card), short enough for a phone: "BTC below 60,000.00", "ETH ±5% / 1 h". */
export function alertButtonLabel(a: Level): string {
  if (a.kind === 'move') return `${coin(a.symbol)} ${{ up: '+', down: '−', either: '±' }[a.direction]}${a.pct}% / ${formatDuration(a.windowMs)}`;
  return `${coin(a.symbol)} ${a.direction} ${formatPrice(a.price)}`;
}

export const HOW_TO_SET = 'Set one by saying “alert me when btc drops below 60k” or “tell me if eth moves 5% in an hour”.';

/** A list line's tail: "every time", "snoozed until …", "until …". */
function scheduleNote(a: PriceAlert, now: number): string {
  const notes: string[] = [];
  if (a.cooldownMs !== null) notes.push('every time');
  if (a.snoozedUntil && a.snoozedUntil.getTime() > now) notes.push(`snoozed until ${whenUtc(a.snoozedUntil)}`);
  if (a.expiresAt) notes.push(`until ${whenUtc(a.expiresAt)}`);
  return notes.length > 0 ? ` · ${notes.join(' · ')}` : '';
}

/** /alerts: the active ones grouped by coin (highest level first), with the price now, and the last few that fired. */
export function alertListMessage(active: readonly PriceAlert[], fired: readonly PriceAlert[], prices: ReadonlyMap<string, number>, now = 0): string {
  const lines: string[] = [];
  if (active.length === 0) lines.push('You have no active price alerts.', HOW_TO_SET);
  else {
    lines.push('<b>🔔 Your price alerts</b>');
    for (const a of sortForList(active)) {
      const last = prices.get(a.symbol);
      lines.push(`• ${alertWhat(a)}${last === undefined ? '' : html` · now ${formatPrice(last)}`}${html`${scheduleNote(a, now)}`}`);
    }
    lines.push('', `${active.some((a) => a.cooldownMs !== null) ? 'Each tells you once unless it says “every time”.' : 'Each tells you once.'} Tap one to move, snooze or remove it.`);
  }
  if (fired.length > 0) {
    lines.push('', '<b>Fired lately</b>');
    for (const a of fired) lines.push(`• ${alertWhat(a)}${a.triggeredPrice ? html` — at ${formatPrice(a.triggeredPrice)}` : ''}`);
  }
  return lines.join('\n');
}

/** By coin, then levels highest first, then moves. */
export function sortForList(alerts: readonly PriceAlert[]): PriceAlert[] {
  const rank = (a: PriceAlert) => (a.kind === 'level' ? -Number(a.price) : Number.POSITIVE_INFINITY);
  return [...alerts].sort((a, b) => a.symbol.localeCompare(b.symbol) || rank(a) - rank(b) || a.id.localeCompare(b.id));
}
