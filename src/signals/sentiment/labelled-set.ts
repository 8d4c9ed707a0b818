// The labelled headlines (data/sentiment/headlines.tsv) and the figures a classifier is judged by:
// accuracy and macro-F1 (the mean of the three classes' F1, so a scorer cannot look good by
// calling everything the commonest class), beside the majority-class baseline — the commonest
// label of the dev half, predicted for everything.
import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors.js';
import type { SentimentLabel } from './scorer.js';

export const LABELS: readonly SentimentLabel[] = ['positive', 'negative', 'neutral'];

export interface LabelledText {
  split: 'dev' | 'test';
  label: SentimentLabel;
  text: string;
}

export class LabelledSetError extends AppError {
  constructor(message: string) {
    super('sentiment.labelled_set_invalid', message);
  }
}

export function parseLabelledSet(tsv: string): LabelledText[] {
  const rows: LabelledText[] = [];
  let header = false;
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [split, label, text, ...rest] = line.split('\t');
    if (!header) {
      if (split !== 'split' || label !== 'label' || text !== 'text') throw new LabelledSetError(`line ${i + 1}: expected the header "split<TAB>label<TAB>text"`);
      header = true;
      return;
    }
    if ((split !== 'dev' && split !== 'test') || !LABELS.includes(label as SentimentLabel) || !text || rest.length) throw new LabelledSetError(`line ${i + 1}: expected dev|test<TAB>positive|negative|neutral<TAB>text, got "${line}"`);
    rows.push({ split, label: label as SentimentLabel, text });
  });
  return rows;
}

export async function loadLabelledSet(path: string): Promise<LabelledText[]> {
  return parseLabelledSet(await readFile(path, 'utf8'));
}

export interface ClassifierFigures {
  count: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<SentimentLabel, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[actual][predicted] */
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>;
}

export function classifierFigures(actual: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): ClassifierFigures {
  if (actual.length !== predicted.length) throw new RangeError('actual and predicted differ in length');
  const confusion = Object.fromEntries(LABELS.map((a) => [a, Object.fromEntries(LABELS.map((p) => [p, 0]))])) as ClassifierFigures['confusion'];
  actual.forEach((a, i) => confusion[a][predicted[i]!]++);
  let right = 0;
  const perClass = {} as ClassifierFigures['perClass'];
  for (const c of LABELS) {
    const tp = confusion[c][c];
    right += tp;
    const predictedC = LABELS.reduce((n, a) => n + confusion[a][c], 0);
    const support = LABELS.reduce((n, p) => n + confusion[c][p], 0);
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    perClass[c] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  }
  return {
    count: actual.length,
    accuracy: actual.length ? right / actual.length : NaN,
    macroF1: LABELS.reduce((s, c) => s + perClass[c].f1, 0) / LABELS.length,
    perClass,
    confusion,
  };
}

/** The commonest label among `labels` (ties: the first in LABELS order). */
export function majorityLabel(labels: readonly SentimentLabel[]): SentimentLabel {
  let best: SentimentLabel = LABELS[0]!;
  let bestCount = -1;
  for (const c of LABELS) {
    const n = labels.filter((l) => l === c).length;
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}
