import { LIMIT_TEXT, type LimitMove, type RiskTolerance } from '../../risk/limit-settings.js';
import { RISK_LIMIT_BOUNDS, type RiskLimitName } from '../../risk/limits.js';
import { formatMoney } from '../../shared/number-format.js';
import type { LimitChangeOutcome, PanicOutcome, RiskSettingsView, RiskView } from '../../trading/risk-service.js';
import { html } from './html.js';
import { modeLabel } from './order-lines.js';

/** The limits the /risk screen shows first; the others are one press away ("More limits"). */
export const MAIN_LIMITS: readonly RiskLimitName[] = ['maxPositionPct', 'dailyLossPct', 'maxDrawdownPct', 'maxOpenOrders', 'fatFingerPricePct', 'fatFingerSizeMultiple'];
export const MORE_LIMITS: readonly RiskLimitName[] = (Object.keys(LIMIT_TEXT) as RiskLimitName[]).filter((n) => !MAIN_LIMITS.includes(n));

export const TOLERANCE_LABEL: Record<RiskTolerance, string> = { conservative: 'Conservative', medium: 'Medium', aggressive: 'Aggressive' };

/** "10%", "5×", "14 candles", "12 h", "0.8". */
export function limitValue(name: RiskLimitName, value: number): string {
  switch (RISK_LIMIT_BOUNDS[name].unit) {
    case '%':
      return `${value}%`;
    case 'x':
      return `${value}×`;
    case 'hours':
      return `${value} h`;
    case 'correlation':
      return String(value);
    default:
      return `${value} ${RISK_LIMIT_BOUNDS[name].unit}`;
  }
}

/** A button label: "Largest position: 10%" (plain text), with "→ 20%" when a loosening waits. */
export function limitButton(name: RiskLimitName, view: RiskSettingsView): string {
  const waiting = view.pending?.limits[name];
  return `${LIMIT_TEXT[name].label}: ${limitValue(name, view.limits[name])}${waiting === undefined ? '' : ` → ${limitValue(name, waiting)}`}`;
}

export const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;
const minutesUntil = (ms: number, now: number) => Math.max(1, Math.ceil((ms - now) / 60_000));

const SAFE_LOOSENING = 'Tightening takes effect at once. Loosening waits an hour (so a bad moment cannot talk you out of your limits) — or takes effect at once if you confirm it a second time.';

/** The /risk screen: where the account stands, the main limits, what waits. */
export function riskMessage(view: RiskView, now: number, note?: string): string {
  const { status } = view;
  const lines = [`🛡 <b>Risk limits</b> · ${modeLabel(view.account.mode === 'paper', view.account.mode === 'testnet' ? `${view.account.exchange} testnet` : view.account.exchange)}${view.tolerance ? html` · preset: ${TOLERANCE_LABEL[view.tolerance]}` : ''}`];
  if (note) lines.push('', note);
  lines.push('');
  if (view.paused) lines.push(`⏸ <b>Paused</b> since ${clock(view.paused.at)} (${view.paused.reason === 'panic' ? 'your kill switch' : 'the drawdown limit'}): no new risk until /resume. Selling, stops and cancels still work.`);
  else if (status.newRiskBlocked) lines.push('⛔ <b>New risk is blocked right now</b> (see below). Selling, stops and cancels still work.');
  else lines.push('✅ Taking new risk, within these limits.');
  lines.push(
    html`Equity ${formatMoney(view.equity, 'USDT')} · ${round1(status.drawdown.pct)}% below its peak of ${formatMoney(status.drawdown.peak, 'USDT')} (pauses at ${status.drawdown.limitPct}%)`,
    status.dailyLoss
      ? html`Today: ${dayMove(status.dailyLoss.nowPct)} since 00:00 UTC${status.dailyLoss.worstPct > 0.05 ? `, down ${round1(status.dailyLoss.worstPct)}% at worst` : ''} (new risk stops at ${status.dailyLoss.limitPct}% down)${status.dailyLoss.hit ? ` — blocked until ${clock(status.dailyLoss.until)}` : ''}`
      : 'Today: no snapshot yet (the first reading of the day opens it).',
    html`Open orders: ${status.openOrders.count} of ${status.openOrders.max}`,
    ...(status.cooldownUntil ? [html`Cooldown after stop-losses: new entries wait until ${clock(status.cooldownUntil)}.`] : []),
    '',
    ...MAIN_LIMITS.map((name) => html`• ${LIMIT_TEXT[name].label}: ` + `<b>${html`${limitValue(name, view.limits[name])}`}</b>` + html` — ${LIMIT_TEXT[name].about}`),
  );
  lines.push(...pendingLines(view, now), '', `<i>${html`${SAFE_LOOSENING}`}</i>`);
  return lines.join('\n');
}

/** The "More limits" screen. */
export function moreLimitsMessage(view: RiskSettingsView, now: number, note?: string): string {
  return [
    '🛡 <b>More risk limits</b>',
    ...(note ? ['', note] : []),
    '',
    ...MORE_LIMITS.map((name) => html`• ${LIMIT_TEXT[name].label}: ` + `<b>${html`${limitValue(name, view.limits[name])}`}</b>` + html` — ${LIMIT_TEXT[name].about}`),
    ...pendingLines(view, now),
  ].join('\n');
}

/** One limit, with its bounds and its step buttons. */
export function limitMessage(name: RiskLimitName, view: RiskSettingsView, now: number, note?: string): string {
  const bound = RISK_LIMIT_BOUNDS[name];
  const waiting = view.pending?.limits[name];
  return [
    `🛡 <b>${html`${LIMIT_TEXT[name].label}`}</b>`,
    html`${LIMIT_TEXT[name].about}`,
    ...(note ? ['', note] : []),
    '',
    `Now: <b>${html`${limitValue(name, view.limits[name])}`}</b>`,
    ...(waiting !== undefined && view.pending
      ? [html`Waiting: ${limitValue(name, waiting)} from ${clock(view.pending.effectiveAt)} (in ${minutesUntil(view.pending.effectiveAt, now)} min)`]
      : []),
    html`Allowed: ${limitValue(name, bound.min)} to ${limitValue(name, bound.max)}`,
    '',
    `<i>${html`${SAFE_LOOSENING}`}</i>`,
  ].join('\n');
}

/** "Loosen now?": the second, explicit confirmation of what waits. */
export function loosenNowMessage(view: RiskSettingsView, now: number): string {
  if (!view.pending) return 'Nothing is waiting to loosen.';
  return [
    '⚠️ <b>Loosen your limits now?</b>',
    '',
    ...(Object.keys(view.pending.limits) as RiskLimitName[]).map((name) => html`• ${LIMIT_TEXT[name].label}: ${limitValue(name, view.limits[name])} → ${limitValue(name, view.pending!.limits[name]!)}`),
    '',
    html`Otherwise they take effect at ${clock(view.pending.effectiveAt)} (in ${minutesUntil(view.pending.effectiveAt, now)} min).`,
  ].join('\n');
}

/** What a change did, in a line or two. */
export function changeNote(outcome: LimitChangeOutcome, now: number): string {
  if (!outcome.ok) return html`✖ ${outcome.problems[0]?.message ?? 'That value is not allowed.'} Nothing changed.`;
  const parts: string[] = [];
  if (outcome.applied.length > 0) parts.push(`✅ <b>In force now:</b> ${moves(outcome.applied)}.`);
  if (outcome.delayed.length > 0 && outcome.effectiveAt !== null) {
    parts.push(`⏳ <b>Loosening waits:</b> ${moves(outcome.delayed)} ${html`takes effect at ${clock(outcome.effectiveAt)} (in ${minutesUntil(outcome.effectiveAt, now)} min) — or now, if you press “Loosen now” and confirm.`}`);
  }
  return parts.length > 0 ? parts.join('\n') : 'Nothing changed: that is the value already.';
}

export function confirmedNote(movesDone: readonly LimitMove[]): string {
  return movesDone.length > 0 ? `✅ <b>Loosened now</b> (you confirmed it twice): ${moves(movesDone)}.` : 'Nothing was waiting to loosen.';
}

function moves(list: readonly LimitMove[]): string {
  return list.map((m) => html`${LIMIT_TEXT[m.name].label} ${limitValue(m.name, m.from)} → ${limitValue(m.name, m.to)}`).join('; ');
}

function pendingLines(view: RiskSettingsView, now: number): string[] {
  if (!view.pending) return [];
  const list = (Object.keys(view.pending.limits) as RiskLimitName[]).map((name) => html`${LIMIT_TEXT[name].label} → ${limitValue(name, view.pending!.limits[name]!)}`);
  return ['', html`⏳ Waiting to loosen: ${list.join(', ')} — from ${clock(view.pending.effectiveAt)} (in ${minutesUntil(view.pending.effectiveAt, now)} min), or now with “Loosen now”.`];
}

/** "down 2.1%", "up 0.4%", "flat" (a fall is positive). */
function dayMove(fallPct: number): string {
  const r = round1(fallPct);
  return r > 0 ? `down ${r}%` : r < 0 ? `up ${-r}%` : 'flat';
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** /panic's question. */
export function panicQuestion(openOrders: number): string {
  return [
    '🛑 <b>Kill switch</b>',
    '',
    openOrders === 0
      ? 'You have no open orders. This pauses new risk: orders that add risk are refused until you /resume.'
      : html`This cancels all ${openOrders} open order${openOrders === 1 ? '' : 's'} on your accounts — stop-losses and take-profits included — and pauses new risk until you /resume.`,
    '',
    'Your coins stay where they are: selling them is a separate, explicit step, with a preview for each.',
  ].join('\n');
}

/** What /panic did. */
export function panicResult(outcome: PanicOutcome): string {
  const cancelled = outcome.accounts.reduce((n, a) => n + a.cancelled.length, 0);
  const failed = outcome.accounts.flatMap((a) => a.failed);
  const lines = [outcome.paused ? '⏸ <b>Paused.</b> Orders that add risk are refused until /resume.' : '⏸ <b>Still paused.</b> Orders that add risk are refused until /resume.'];
  lines.push(cancelled === 0 && failed.length === 0 ? 'There were no open orders to cancel.' : html`Cancelled ${cancelled} open order${cancelled === 1 ? '' : 's'}.`);
  for (const a of outcome.accounts) {
    if (a.cancelled.length > 0) lines.push(html`• ${a.account.mode === 'paper' ? 'Paper' : `${a.account.exchange} ${a.account.mode}`}: ${a.cancelled.map((o) => `#${o.id}`).join(', ')}`);
  }
  lines.push(...failed.map((f) => html`✖ ${f.id ? `#${f.id}: ` : ''}${f.message}`));
  lines.push('', 'Your positions are kept. To sell everything, say “sell everything”: you get a preview for each coin, and nothing sells until you confirm it.');
  return lines.join('\n');
}
