// `npm run -s sentiment -- --eval dev|test [--json]`: the lexicon scorer on the labelled headlines
//   (data/sentiment/headlines.tsv): accuracy and macro-F1 beside the majority-class baseline (the
//   commonest label of the dev half). Tune on dev; the test half is for the figure reported once.
// `npm run -s sentiment -- --text "Bitcoin rallies to a new ATH 🚀"`: one text's score and the terms behind it.
// `npm run -s sentiment -- --rss URL [--rss URL…] [--social URL] --symbol BTC/USDT [--model-url URL]`:
//   reads the feeds now and prints one sentiment signal per symbol (scored by the lexicon, or by a
//   FinBERT-class endpoint when --model-url is given; its token from SENTIMENT_MODEL_TOKEN).
// Bad arguments: one line on stderr, exit 2; a failed run: exit 1.
import { parseArgs } from 'node:util';
import { collectSentiment } from './collect-sentiment.js';
import { FinbertScorer } from './finbert-scorer.js';
import { jsonFeedSource } from './json-feed-source.js';
import { classifierFigures, LABELS, loadLabelledSet, majorityLabel, type ClassifierFigures } from './labelled-set.js';
import { loadLexicon } from './lexicon.js';
import { LexiconScorer } from './lexicon-scorer.js';
import { rssSource } from './rss-source.js';
import type { SentimentScorer } from './scorer.js';
import { InMemorySentimentSignals } from './sentiment-signal.js';
import { runCli, UsageError } from '../../shared/cli.js';

const USAGE = 'usage: npm run -s sentiment -- (--eval dev|test [--set FILE] [--json] | --text TEXT | --rss URL… [--social URL] --symbol BTC/USDT… [--model-url URL])';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function figuresLine(name: string, f: ClassifierFigures): string {
  return `${name.padEnd(24)} accuracy ${pct(f.accuracy).padStart(7)}   macro-F1 ${f.macroF1.toFixed(3)}`;
}

async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        eval: { type: 'string' },
        set: { type: 'string', default: 'data/sentiment/headlines.tsv' },
        text: { type: 'string' },
        rss: { type: 'string', multiple: true },
        social: { type: 'string' },
        symbol: { type: 'string', multiple: true },
        'model-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const lexicon = new LexiconScorer(await loadLexicon());

  if (values.eval !== undefined) {
    if (values.eval !== 'dev' && values.eval !== 'test') throw new UsageError(`--eval must be dev or test, got "${values.eval}"`);
    const rows = await loadLabelledSet(values.set);
    const dev = rows.filter((r) => r.split === 'dev');
    const part = rows.filter((r) => r.split === values.eval);
    const actual = part.map((r) => r.label);
    const scored = part.map((r) => lexicon.scoreText(r.text));
    const model = classifierFigures(actual, scored.map((s) => s.label));
    const majority = majorityLabel(dev.map((r) => r.label));
    const baseline = classifierFigures(actual, actual.map(() => majority));
    if (values.json) return void process.stdout.write(`${JSON.stringify({ split: values.eval, count: part.length, lexicon: model, baseline: { label: majority, ...baseline } })}\n`);
    const counts = LABELS.map((l) => `${actual.filter((a) => a === l).length} ${l}`).join(', ');
    const lines = [
      `${values.eval} half of ${values.set}: ${part.length} headlines (${counts})`,
      figuresLine('lexicon scorer', model),
      figuresLine(`baseline (all ${majority})`, baseline),
      `confusion (rows: labelled, columns: scored ${LABELS.join(' / ')}):`,
      ...LABELS.map((a) => `  ${a.padEnd(9)} ${LABELS.map((p) => String(model.confusion[a][p]).padStart(4)).join('')}`),
    ];
    return void process.stdout.write(lines.join('\n') + '\n');
  }

  if (values.text !== undefined) {
    const s = lexicon.scoreText(values.text);
    if (values.json) return void process.stdout.write(`${JSON.stringify(s)}\n`);
    return void process.stdout.write(`${s.label} (${s.score.toFixed(3)})${s.terms.length ? `: ${s.terms.map((t) => `${t.term} ${t.valence >= 0 ? '+' : ''}${t.valence.toFixed(2)}`).join(', ')}` : ': no sentiment words'}\n`);
  }

  if (values.rss?.length || values.social) {
    if (!values.symbol?.length) throw new UsageError('--symbol BTC/USDT is needed with --rss or --social');
    const sources = [...(values.rss ?? []).map((url) => rssSource({ url, fetch })), ...(values.social ? [jsonFeedSource({ url: values.social, fetch })] : [])];
    const scorer: SentimentScorer = values['model-url'] ? new FinbertScorer({ url: values['model-url'], token: process.env.SENTIMENT_MODEL_TOKEN, fetch }) : lexicon;
    const result = await collectSentiment({ sources, scorer, store: new InMemorySentimentSignals(), symbols: values.symbol, now: Date.now() });
    if (values.json) return void process.stdout.write(`${JSON.stringify(result)}\n`);
    const lines = [`${result.items} items from ${sources.length} source(s), scored by ${scorer.name}`];
    for (const f of result.failures) lines.push(`  ${f.source} failed: ${f.message}`);
    for (const symbol of values.symbol) {
      const s = result.signals.find((x) => x.symbol === symbol);
      lines.push(s ? `${symbol}: ${s.signal} (mean score ${s.strength.toFixed(3)} over ${s.details.count} items: ${s.details.positive} positive, ${s.details.negative} negative, ${s.details.neutral} neutral)` : `${symbol}: no item mentions it`);
    }
    return void process.stdout.write(lines.join('\n') + '\n');
  }
  throw new UsageError('say what to do: --eval, --text or --rss/--social');
}

runCli('sentiment', USAGE, () => main(process.argv.slice(2)));
