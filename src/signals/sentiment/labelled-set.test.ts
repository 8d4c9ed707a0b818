import { describe, expect, it } from 'vitest';
import { classifierFigures, loadLabelledSet, majorityLabel, parseLabelledSet } from './labelled-set.js';

describe('the labelled headlines and their figures', () => {
  it('ships at least 150 headlines, 40 or more of each label, split into dev and test halves that share no text', async () => {
    const rows = await loadLabelledSet('data/sentiment/headlines.tsv');
    expect(rows.length).toBeGreaterThanOrEqual(150);
    for (const label of ['positive', 'negative', 'neutral'] as const) expect(rows.filter((r) => r.label === label).length).toBeGreaterThanOrEqual(40);
    const dev = rows.filter((r) => r.split === 'dev');
    const test = rows.filter((r) => r.split === 'test');
    expect(Math.abs(dev.length - test.length)).toBeLessThanOrEqual(5);
    expect(new Set(rows.map((r) => r.text.toLowerCase())).size).toBe(rows.length);
  });

  it('computes accuracy and macro-F1 by hand-checked counts', () => {
    const f = classifierFigures(['positive', 'positive', 'negative', 'neutral'], ['positive', 'negative', 'negative', 'positive']);
    expect(f.accuracy).toBe(0.5);
    // positive: P 1/2 R 1/2 F1 1/2; negative: P 1/2 R 1 F1 2/3; neutral: 0.
    expect(f.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0) / 3, 12);
    expect(f.confusion.positive.negative).toBe(1);
  });

  it('takes the majority label, and a baseline of it scores its share', () => {
    const actual = ['negative', 'negative', 'positive', 'neutral'] as const;
    expect(majorityLabel([...actual])).toBe('negative');
    const f = classifierFigures([...actual], actual.map(() => 'negative' as const));
    expect(f.accuracy).toBe(0.5);
    expect(f.macroF1).toBeCloseTo(2 / 3 / 3, 12);
  });

  it('refuses a malformed row', () => {
    expect(() => parseLabelledSet('split\tlabel\ttext\ndev\tgreat\tBTC up\n')).toThrow(/line 2/);
    expect(() => parseLabelledSet('dev\tpositive\tBTC up\n')).toThrow(/header/);
  });
});
