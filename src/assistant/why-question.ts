/** "why?", "why so?", "explain that": a question about the last signal or proposal shown. */
const WHY = /^\s*(?:why|why so|why that|why not|how come|explain(?: that| it| this)?|what(?:'|’)?s the reason|reasons?)\s*[?!.]*\s*$/i;

export function isWhyQuestion(text: string): boolean {
  return WHY.test(text);
}
