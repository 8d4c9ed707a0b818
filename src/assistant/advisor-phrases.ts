// Advisor-mode phrases the parser has no intent for: "watch sol for me", "stop watching sol".
export type AdvisorAsk = { readonly kind: 'watch' | 'unwatch'; readonly coinText: string };

const WATCH = /^\s*(?:please\s+)?(?:watch|keep an eye on|monitor)\s+(.+?)(?:\s+for me)?\s*[.!?]*\s*$/i;
const UNWATCH = /^\s*(?:please\s+)?(?:stop watching|unwatch|stop monitoring|don(?:'|’)?t watch)\s+(.+?)(?:\s+(?:any more|anymore))?\s*[.!?]*\s*$/i;

export function readAdvisorAsk(text: string): AdvisorAsk | null {
  const stop = UNWATCH.exec(text);
  if (stop) return { kind: 'unwatch', coinText: stop[1]! };
  const watch = WATCH.exec(text);
  if (watch && !/^(?:stop|out)\b/i.test(watch[1]!)) return { kind: 'watch', coinText: watch[1]! };
  return null;
}
