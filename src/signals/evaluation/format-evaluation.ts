// The evaluation as a table for a terminal: per pair, the out-of-sample accuracy with its interval,
// the naive guesses on the same candles, the bar and the weight that follows, then a verdict in words.
import type { SignalReport } from '../signal-report.js';
import { BASELINE_LABELS, type TrackRecord } from './track-record.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

function row(symbol: string, r: TrackRecord, showCoverage: boolean): string {
  const a = r.accuracy;
  const ci = r.n ? `${pct(a.rate)} [${(100 * a.ci95.low).toFixed(1)}, ${(100 * a.ci95.high).toFixed(1)}]` : '—';
  const n = showCoverage ? `${r.n} (${Math.round(100 * r.coverage)}%)` : String(r.n);
  const bar = r.n ? `${pct(r.baselines[r.bestBaseline].rate)} ${BASELINE_LABELS[r.bestBaseline]}` : '—';
  return [
    pad(symbol, 10),
    pad(`${day(r.from)} → ${day(r.to)}`, 25),
    lpad(n, 11),
    '  ',
    pad(ci, 21),
    lpad(r.n ? pct(r.baselines.always_up.rate) : '—', 9),
    lpad(r.n ? pct(r.baselines.persistence.rate) : '—', 13),
    '   ',
    pad(bar, 35),
    lpad(r.weight.toFixed(2), 6),
  ].join('');
}

function header(title: string): string {
  return [pad(title, 10), pad('period (UTC)', 25), lpad('n', 11), '  ', pad('accuracy [95% CI]', 21), lpad('always up', 9), lpad('same as last', 13), '   ', pad('bar: best naive guess', 35), lpad('weight', 6)].join('');
}

function verdict(report: SignalReport, pick: (p: SignalReport['pairs'][number]) => TrackRecord, what: string): string {
  const beat = report.pairs.filter((p) => pick(p).weight > 0).map((p) => p.symbol.split('/')[0]);
  const ahead = report.pairs.filter((p) => pick(p).n > 0 && pick(p).accuracy.rate > pick(p).baselines[pick(p).bestBaseline].rate).length;
  const total = report.pairs.length;
  if (beat.length === 0) {
    return `${what}: no better than a naive guess on any pair (its 95% lower bound never clears the bar; ahead on the point estimate on ${ahead} of ${total}) — weight 0 everywhere.`;
  }
  return `${what}: its 95% lower bound clears the bar on ${beat.length} of ${total} pairs (${beat.join(', ')}), which get a weight; elsewhere it is no better than a naive guess (weight 0).`;
}

export function formatEvaluation(report: SignalReport): string {
  const wf = report.walkForward;
  const tf = report.pairs[0]?.timeframe ?? '';
  const perFold = report.timing.folds ? report.timing.trainMs / report.timing.folds : 0;
  const lines = [
    `Out-of-sample direction of the next ${wf.horizon} candles${tf ? ` (${tf})` : ''}, walk-forward: train on the latest ${wf.trainWindow} known outcomes, predict the next ${wf.step} candles, retrain, repeat.`,
    `Model: ${report.model}. ${report.timing.folds} folds trained in ${(report.timing.trainMs / 1000).toFixed(1)} s (${(perFold / 1000).toFixed(2)} s per fold); the whole run took ${(report.timing.totalMs / 1000).toFixed(1)} s.`,
    `95% CI: moving-block bootstrap (${report.bootstrap.block}-candle blocks, ${report.bootstrap.resamples} resamples) — consecutive ${wf.horizon}-candle outcomes overlap, so a Wilson interval would be too narrow.`,
    'Bar: the best of always up / always down / same as the last candle / opposite of the last candle, on the same candles, picked in hindsight.',
    'Weight: 0 unless the lower end of the 95% CI clears the bar (n ≥ 200); 1 when it clears it by 5 points.',
    '',
    header('MODEL'),
    ...report.pairs.map((p) => row(p.symbol, p.model, false)),
    '',
    header('TECHNICAL'),
    ...report.pairs.map((p) => row(p.symbol, p.technical, true)),
    `(technical: a call only when |score| ≥ ${report.technicalThreshold}; n is the calls made, with their share of the period's candles)`,
    '',
    verdict(report, (p) => p.model, 'Model'),
    verdict(report, (p) => p.technical, 'Technical signal'),
  ];
  for (const s of report.skipped) lines.push(`Skipped ${s.symbol} ${s.timeframe}: ${s.reason}`);
  return `${lines.join('\n')}\n`;
}
