import { describe, expect, it } from 'vitest';
import { loadLexicon, parseLexicon } from './lexicon.js';
import { LexiconScorer } from './lexicon-scorer.js';

const scorer = new LexiconScorer(await loadLexicon());
const s = (text: string) => scorer.scoreText(text).score;

describe('the lexicon scorer', () => {
  it('reads plain positive, negative and neutral headlines', () => {
    expect(scorer.scoreText('Bitcoin rallies to a new high').label).toBe('positive');
    expect(scorer.scoreText('Ether plunges as sellers pile in').label).toBe('negative');
    expect(scorer.scoreText('Bitcoin trades near $60,000 ahead of the meeting').label).toBe('neutral');
    expect(s('Bitcoin trades near $60,000 ahead of the meeting')).toBe(0);
  });

  it('knows the crypto words', () => {
    for (const word of ['rekt', 'rug pull', 'dump', 'FUD spreads', 'bagholders', 'hacked', 'exploit', 'delisting', 'depeg']) expect(s(`Token ${word}`), word).toBeLessThan(-0.3);
    for (const word of ['to the moon', 'hodl', 'pump', 'new ATH', 'ETF approval']) expect(s(`Token ${word}`), word).toBeGreaterThan(0.3);
  });

  it('matches the longest phrase: "pump and dump" is negative though "pump" alone is positive', () => {
    expect(s('Influencers pump token')).toBeGreaterThan(0);
    expect(s('Influencers pump and dump token')).toBeLessThan(0);
    expect(scorer.scoreText('Influencers pump and dump token').terms.map((t) => t.term)).toEqual(['pump and dump']);
  });

  it('flips and shrinks a negated word', () => {
    expect(s('Bitcoin rally')).toBeGreaterThan(0);
    expect(s('Bitcoin is not a rally')).toBeLessThan(0);
    expect(Math.abs(s('Bitcoin is not a rally'))).toBeLessThan(s('Bitcoin rally'));
    expect(s("Exchange wasn't hacked")).toBeGreaterThan(0);
  });

  it('moves a word by an intensifier or a dampener', () => {
    expect(s('Bitcoin falls sharply')).toBeLessThan(0);
    expect(s('Bitcoin sharply falls')).toBeLessThan(s('Bitcoin falls'));
    expect(s('Bitcoin slightly falls')).toBeGreaterThan(s('Bitcoin falls'));
    expect(s('Bitcoin slightly falls')).toBeLessThan(0);
  });

  it('weighs what follows "but" over what precedes it', () => {
    expect(s('Bitcoin rallies but the gains are weak')).toBeLessThan(s('Bitcoin rallies and the gains are weak'));
    expect(s('Bitcoin is not mooning but hodlers stay calm')).toBeGreaterThan(s('Bitcoin is not mooning'));
    expect(scorer.scoreText('Bitcoin is not mooning but hodlers stay calm').terms.find((t) => t.term === 'hodlers')!.valence).toBeGreaterThan(0);
    expect(s('Exchange hacked but users recover funds')).toBeGreaterThan(s('Exchange hacked and users recover funds'));
  });

  it('reads capitals and exclamation marks as emphasis, but not a headline all in capitals', () => {
    expect(s('Bitcoin CRASHES')).toBeLessThan(s('Bitcoin crashes'));
    expect(s('Bitcoin crashes!!')).toBeLessThan(s('Bitcoin crashes'));
    expect(s('Bitcoin crashes!!!!!!!!')).toBe(s('Bitcoin crashes!!!!'));
    expect(s('BITCOIN CRASHES')).toBe(s('bitcoin crashes'));
  });

  it('scores emoji', () => {
    expect(s('BTC 🚀🚀')).toBeGreaterThan(0.3);
    expect(s('ETH 📉💀')).toBeLessThan(-0.3);
    expect(s('BTC 🚀🚀')).toBeGreaterThan(s('BTC 🚀'));
  });

  it('keeps every score within −1 … +1', () => {
    expect(s('crash crash crash crash crash crash plunge collapse hack exploit rekt!!!')).toBeGreaterThanOrEqual(-1);
    expect(s('moon moon moon rally surge soar ath 🚀🚀🚀')).toBeLessThanOrEqual(1);
  });

  it('refuses a malformed lexicon line, naming it', () => {
    expect(() => parseLexicon('good\t1\nbad line\n', 'x.tsv')).toThrow(/x\.tsv line 2/);
    expect(() => parseLexicon('good\t9\n')).toThrow(/-4 to 4/);
  });
});
