// Signals as chat: the call, three readings, the track record beside its naive baseline over its
// period, the not-advice line. Short enough for a phone; numbers the way traders read them.
import type { SignalAnswer, TrackRecordView } from '../../signals/signal-answer.js';
import type { Explainable, SurveyLine } from '../../signals/signal-desk.js';
import type { ProposalCard, QuietHours } from '../../signals/advisor-service.js';
import { formatPrice } from '../../shared/number-format.js';
import { html } from './html.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const day = (ms: number | null) => {
  if (ms === null) return '?';
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const count = (n: number) => n.toLocaleString('en-US');

/** "Buy, weak" · "Sell" · "Hold". */
export function callLabel(s: Pick<SignalAnswer, 'direction' | 'strength'>): string {
  if (s.direction === 'hold') return 'Hold';
  const word = s.direction === 'buy' ? 'Buy' : 'Sell';
  return s.strength >= 0.5 ? `${word}, moderate` : `${word}, weak`;
}

/** One sentence: what the call rests on. */
function verdictLine(s: SignalAnswer): string {
  const coin = s.symbol.split('/')[0]!;
  if (s.verdict === 'not_measured') return `No track record for ${coin} on ${s.timeframe} yet, so I make no call: the readings are information only.`;
  if (s.verdict === 'no_edge') {
    const who = s.model?.record ? 'Neither the indicators nor the model' : 'The indicators did not';
    return `${who} beat a naive guess out of sample on ${coin}, so I make no call.`;
  }
  if (s.direction === 'hold') return 'The signals that earned weight are too weak or disagree: no call.';
  return `The signals that beat a naive guess out of sample lean ${s.direction === 'buy' ? 'up' : 'down'} for the next ${s.horizon.candles} candles (until ${clock(s.horizon.until)}).`;
}

function recordLine(name: string, r: TrackRecordView): string {
  const weight = r.weight > 0 ? `weight ${r.weight.toFixed(2)}` : 'no edge, weight 0';
  return `• ${name}: right ${pct(r.rate)} of ${count(r.n)} calls (95% CI ${pct(r.ci95.low)}–${pct(r.ci95.high)}) vs ${pct(r.baseline.rate)} for “${r.baseline.label}” · ${weight}`;
}

function trackRecord(s: SignalAnswer): string[] {
  const records = [s.technical.record, s.model?.record].filter((r): r is TrackRecordView => r !== null && r !== undefined);
  if (records.length === 0) return [];
  const from = Math.min(...records.map((r) => r.from ?? Infinity));
  const to = Math.max(...records.map((r) => r.to ?? -Infinity));
  const lines = [html`<b>Track record</b>, out of sample, ${day(from)} → ${day(to)}, each call about the next ${s.horizon.candles} ${s.timeframe} candles:`];
  if (s.technical.record) lines.push(html`${recordLine('Indicators', s.technical.record)}`);
  if (s.model?.record) lines.push(html`${recordLine('Model', s.model.record)}${s.model.hindsight ? ' (not counted here: trained on these prices)' : ''}`);
  return lines;
}

/** "should I buy btc?" */
export function signalMessage(s: SignalAnswer, asked: 'buy' | 'sell' | null = null): string {
  const [base, quote] = s.symbol.split('/') as [string, string];
  const answerToAsk = asked && s.direction !== 'hold' && s.direction !== asked ? ` — against your ${asked}` : '';
  const top = s.reasons.filter((r) => r.vote !== 0).slice(0, 3);
  const readings = (top.length > 0 ? top : s.reasons.slice(0, 2)).map((r) => html`• ${r.text}`);
  const model = s.model ? html` · model: ${pct(s.model.pUp)} chance up` : '';
  return [
    html`📊 <b>${base}/${quote} · ${s.timeframe}: ${callLabel(s)}</b>${answerToAsk} · confidence ${Math.round(100 * s.confidence)}%`,
    html`${verdictLine(s)}`,
    '',
    html`Readings at ${formatPrice(s.price)} ${quote} (candle closed ${clock(s.at)}):`,
    ...readings,
    html`Indicators: ${signed(s.technical.score)} (${s.technical.direction})${model}`,
    '',
    ...trackRecord(s),
    '',
    html`<i>${s.notAdvice}</i>`,
    'Ask “why?” for every reading and weight.',
  ].join('\n');
}

/** /signals */
export function signalListMessage(lines: readonly SurveyLine[], yours: boolean): string {
  const out = [yours ? '📊 <b>Signals</b> · 1h · your coins and watched pairs' : '📊 <b>Signals</b> · 1h · you hold and watch nothing yet, so the largest markets:'];
  for (const line of lines) {
    const coin = line.symbol.split('/')[0]!;
    if ('problem' in line) {
      out.push(html`• <b>${coin}</b>: ${line.problem}`);
      continue;
    }
    const s = line.signal;
    const best = [s.technical, s.model].filter((p) => p && p.weight > 0).length;
    const basis = s.verdict === 'not_measured' ? 'not measured yet' : best === 0 ? 'no measured edge' : `${best === 2 ? 'both parts' : s.technical.weight > 0 ? 'indicators' : 'model'} beat the baseline`;
    out.push(html`• <b>${coin}</b> ${formatPrice(s.price)}: ${callLabel(s)} · ${basis}`);
  }
  out.push('', 'Ask “should I buy sol?” for the reasons and the track record. <i>Not financial advice.</i>');
  return out.join('\n');
}

/** "why?" */
export function whyMessage(shown: Explainable | null): string {
  if (!shown) return 'Why what? I have shown you no signal or proposal lately. Ask “should I buy btc?” first.';
  const s = shown.signal;
  const lines: string[] = [];
  if (shown.kind === 'proposal') {
    const p = shown.proposal;
    lines.push(html`<b>Why I proposed to ${p.side} ${p.size}</b>`, html`Size: ${p.sizing}`, '');
  }
  lines.push(html`<b>${s.symbol} · ${s.timeframe}: ${callLabel(s)}</b> (score ${signed(s.score)}, confidence ${Math.round(100 * s.confidence)}%)`);
  lines.push(html`Indicators ${signed(s.technical.score)} (agreement ${Math.round(100 * s.technical.confidence)}%), each reading’s vote × weight:`);
  for (const r of s.reasons) lines.push(html`• ${r.text} → ${signed(r.vote)} × ${r.weight}`);
  if (s.model) {
    const why = s.model.hindsight ? 'weight 0: it was trained on these prices, so its call here is hindsight' : `weight ${s.model.weight.toFixed(2)}`;
    lines.push(html`Model (${s.model.description}): ${pct(s.model.pUp)} chance up → ${s.model.direction} · ${why}`);
  } else if (s.modelNote) {
    lines.push(html`No model call: ${s.modelNote}.`);
  }
  lines.push(
    html`Each part weighs by its out-of-sample record: weight only when the low end of its 95% interval beats the best naive guess. Indicators weight ${s.technical.weight.toFixed(2)}${s.model ? html`, model weight ${s.model.weight.toFixed(2)}` : ''}; combined ${signed(s.score)}, a call needs ±0.10.`,
    html`New reading at ${clock(s.expiresAt)}.`,
    '',
    html`<i>${s.notAdvice}</i>`,
  );
  return lines.join('\n');
}

/** The proposal card (through the outbox): what, why, the size and how it was reached, the track record, the expiry. */
export function proposalCardMessage(card: ProposalCard): string {
  const s = card.signal;
  const coin = card.symbol.split('/')[0]!;
  const top = s.reasons.filter((r) => r.vote !== 0).slice(0, 3);
  return [
    html`💡 <b>Proposal: ${card.side === 'buy' ? 'buy' : 'sell'} ${card.size}</b>`,
    html`${card.symbol} · ${s.timeframe}: ${callLabel(s)} (score ${signed(s.score)}, confidence ${Math.round(100 * s.confidence)}%) at ${formatPrice(s.price)}`,
    ...top.map((r) => html`• ${r.text}`),
    html`Size: ${card.sizing}.`,
    '',
    ...trackRecord(s),
    '',
    html`Open until ${clock(card.expiresAt)}. ✅ shows the usual preview with every risk check; nothing trades until you confirm that too. You asked me to watch ${coin}: /advisor to change it.`,
    html`<i>${s.notAdvice}</i>`,
  ].join('\n');
}

/** "watch sol for me", "stop watching sol", /advisor. */
export function advisorMessage(change: { kind: 'watch' | 'unwatch'; symbol: string; changed: boolean } | null, settings: { watched: string[]; quiet: QuietHours | null; maxPerDay: number }): string {
  const lines: string[] = [];
  if (change) {
    const coin = change.symbol.split('/')[0]!;
    if (change.kind === 'watch') lines.push(change.changed ? html`👀 Watching ${coin} for you.` : html`I was already watching ${coin}.`);
    else lines.push(change.changed ? html`Stopped watching ${coin}.` : html`I wasn’t watching ${coin}.`);
    lines.push('');
  }
  lines.push('<b>Advisor mode</b>');
  lines.push(settings.watched.length > 0 ? html`Watching: ${settings.watched.map((s) => s.split('/')[0]!).join(', ')}` : 'Watching nothing yet — say “watch sol for me”.');
  lines.push(
    'When a watched coin’s signal is strong and beat a naive guess out of sample, I send a proposal with ✅ / ✖. Nothing trades without your tap and the usual preview.',
    html`At most ${settings.maxPerDay} a day. Quiet hours: ${settings.quiet ? `${pad(settings.quiet.from)}:00–${pad(settings.quiet.to)}:00 UTC` : 'none'}.`,
    'With today’s measured records most pairs show no edge, so proposals may be rare or never come: that is the honest answer.',
  );
  return lines.join('\n');
}

const pad = (h: number) => String(h).padStart(2, '0');

export const PROPOSAL_CLOSED: Record<string, string> = {
  used: 'This proposal was already taken.',
  expired: 'This proposal has expired; nothing was traded.',
  rejected_before: 'You rejected this proposal; nothing was traded.',
  not_yours: 'This proposal isn’t yours.',
  not_found: 'This proposal is no longer available.',
};
